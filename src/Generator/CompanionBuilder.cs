using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Emit;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Incremental;
using SymbolicDiff.Generator.Model;
using SymbolicDiff.Generator.Parsing;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator;

/// <summary>
/// The whole data path for one method, run inside the pipeline's transform (where the semantic model is):
/// read the signature → parse the body into gates → reverse sweep → simplify → emit. Returns plain strings
/// and diagnostics; an unexpected failure becomes a diagnostic, never a compiler crash.
/// </summary>
internal static partial class CompanionBuilder
{
    /// <summary>The cheap step, on every run: the method's names and fingerprint (see <see cref="MethodInput"/>), and where it is.</summary>
    public static (MethodInput Input, MethodPosition? Position) Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        DeepStack.Run(context.TargetNode, () => ReadOnThisStack(context, cancellationToken));

    /// <summary>The expensive step, only when the input changed: the companions' source and the diagnostics.</summary>
    public static GeneratedMethod Build(MethodInput input, CancellationToken cancellationToken)
    {
        if (input.Decided is { } decided)
        {
            return decided;
        }

        if (!input.TryGetMethod(out Compilation compilation, out IMethodSymbol method)
            || method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not MethodDeclarationSyntax syntax)
        {
            // Cannot happen (see MethodInput's remarks); said, rather than guessed, if it ever does.
            var gone = DiagnosticInfo.Create(Descriptors.InternalError, null, input.MethodId, "the compilation this method was read from is no longer in memory; rebuild the project");
            return new GeneratedMethod(input.HintName, null, new[] { gone }.ToEquatableArray(), input.MethodId);
        }

        return DeepStack.Run(syntax, () => BuildOnThisStack(input, compilation, method, syntax, cancellationToken));
    }

    private static (MethodInput Input, MethodPosition? Position) ReadOnThisStack(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        string id = Symbols.Id(method);
        string hintName = HintName(method, id);
        Compilation compilation = context.SemanticModel.Compilation;
        try
        {
            if (ReadCache.Reuse(context.TargetNode, compilation, method.PartialImplementationPart ?? method, hintName, id) is { } reused)
            {
                return reused;
            }

            if (context.TargetNode is not MethodDeclarationSyntax syntax)
            {
                var diagnostic = DiagnosticInfo.Create(Descriptors.UnsupportedMethod, method.Locations.FirstOrDefault(), method.Name, "a local function cannot get companions; make it a method of a partial type");
                return (MethodInput.Done(new GeneratedMethod(hintName, null, new[] { diagnostic }.ToEquatableArray(), id)), null);
            }

            SemanticModel model = context.SemanticModel;
            if (method.PartialImplementationPart is { } implementation
                && implementation.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is MethodDeclarationSyntax implementationSyntax)
            {
                // [Differentiable] on the declaring half of a partial method: the body (and its symbols) are in the other half.
                method = implementation;
                syntax = implementationSyntax;
                model = compilation.GetSemanticModel(syntax.SyntaxTree);
            }

            IOperation? body = model.GetOperation(syntax, cancellationToken);
            var fingerprint = MethodFingerprint.Compute(compilation, method, syntax, context.TargetNode, context.Attributes.FirstOrDefault(), body, cancellationToken);
            if (fingerprint.CompilerMayReject && GeneratedCompanionCalls.Find(model, syntax, cancellationToken) is { Count: > 0 } companionCalls)
            {
                // Decided here, not kept (ReadCache): asked again on every run, of a method that shows an error.
                var found = new GeneratedMethod(hintName, null, companionCalls.ToEquatableArray(), id, Position: MethodPosition.Of(syntax));
                return (MethodInput.Done(found), found.Position);
            }

            var input = new MethodInput(hintName, id, fingerprint.Hash, compilation, method, body)
            {
                Signature = fingerprint.Signature, Modes = fingerprint.Modes, ModesNamed = fingerprint.ModesNamed, ReadDiagnostics = fingerprint.Diagnostics.ToEquatableArray(),
                CompilerMayReject = fingerprint.CompilerMayReject, SyntaxError = fingerprint.SyntaxError,
            };
            var position = MethodPosition.Of(syntax);
            SyntaxTree[] readFrom = fingerprint.ReadFrom;
            if (input.ReadDiagnostics.All(d => d.Location is null || readFrom.Any(tree => tree.FilePath == d.Location.FilePath)))
            {
                // (A diagnostic in a file the answer does not depend on could move without it: that answer is not kept.)
                ReadCache.Keep(context.TargetNode, compilation, readFrom, input, position);
            }

            return (input, position);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            var outcome = context.TargetNode is MethodDeclarationSyntax declaration && CompilerRejects(context.SemanticModel, declaration, cancellationToken)
                ? LeftToTheCompiler(hintName, id, declaration)
                : Failed(hintName, id, method, exception);
            return (MethodInput.Done(outcome), null);
        }
    }

    private static GeneratedMethod BuildOnThisStack(MethodInput input, Compilation compilation, IMethodSymbol method, MethodDeclarationSyntax syntax, CancellationToken cancellationToken)
    {
        List<DiagnosticInfo> diagnostics = [];
        IOperation? body = input.TakeBoundBody();
        SemanticModel model = compilation.GetSemanticModel(syntax.SyntaxTree);
        try
        {
            if (input.SyntaxError)
            {
                return LeftToTheCompiler(input.HintName, input.MethodId, syntax);
            }

            diagnostics.AddRange(input.ReadDiagnostics);
            string? source = null;
            List<CompanionCall> calls = [];
            if (input.Modes is { } modes)
            {
                source = BuildSource(method, syntax, model, input.Signature, body ?? model.GetOperation(syntax, cancellationToken), diagnostics, calls, cancellationToken, new Request(modes, input.ModesNamed));
            }

            return (input.CompilerMayReject || diagnostics.Count > 0) && CompilerRejects(model, syntax, cancellationToken)
                ? LeftToTheCompiler(input.HintName, input.MethodId, syntax)
                : new GeneratedMethod(input.HintName, source, diagnostics.ToEquatableArray(), input.MethodId, calls.ToEquatableArray(), MethodPosition.Of(syntax));
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            return CompilerRejects(model, syntax, cancellationToken) ? LeftToTheCompiler(input.HintName, input.MethodId, syntax) : Failed(input.HintName, input.MethodId, method, exception);
        }
    }

    /// <summary>
    /// Whether the compiler reports an error inside the method. Code the compiler rejects gets its errors from the
    /// compiler; ours (a diagnostic, or the user's error copied into a companion) would only add noise. Asked only where
    /// there is a reason: the generator has something to say (a diagnostic, a failure) or the bound body shows a sign
    /// of an error (<see cref="MethodFingerprint.CompilerMayReject"/>), not of every method: the compiler's errors for a
    /// body bind it again, apart from the binding the generator reads, and run its flow analysis, which together cost
    /// as much as a third of a fresh run. A syntax error, free to see, is looked for first. A body the compiler rejects
    /// without a sign in its bound tree (a name declared twice, a ref that escapes) can still get companions; the
    /// build stops at the user's error either way.
    /// </summary>
    private static bool CompilerRejects(SemanticModel model, MethodDeclarationSyntax syntax, CancellationToken cancellationToken) =>
        model.GetDiagnostics(syntax.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error);

    private static GeneratedMethod LeftToTheCompiler(string hintName, string id, MethodDeclarationSyntax syntax) =>
        new(hintName, null, EquatableArray<DiagnosticInfo>.Empty, id, Position: MethodPosition.Of(syntax));

    /// <summary>An unexpected failure, reported on the method (SDIFF0008) instead of crashing the compiler.</summary>
    private static GeneratedMethod Failed(string hintName, string id, IMethodSymbol method, Exception exception)
    {
        var diagnostic = DiagnosticInfo.Create(Descriptors.InternalError, method.Locations.FirstOrDefault(), method.Name, exception.GetType().Name + ": " + exception.Message);
        return new GeneratedMethod(hintName, null, new[] { diagnostic }.ToEquatableArray(), id);
    }

    /// <param name="calls">Receives the companions of other methods that the source calls.</param>
    /// <param name="signature">What the signature reader made of the method (null: it reported why not in <paramref name="diagnostics"/>).</param>
    private static string? BuildSource(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel model, MethodSignature? signature, IOperation? bound, List<DiagnosticInfo> diagnostics, List<CompanionCall> calls, CancellationToken cancellationToken, Request request)
    {
        if (signature is null)
        {
            return null;
        }

        if (ReportTakenNames(method, request, diagnostics))
        {
            return null;
        }

        if (CompanionDeclarations.OverridesCompanions(method) is { } overridden)
        {
            // "override FGradient" needs the base method's companions as much as a call to them does.
            calls.Add(new CompanionCall(Symbols.Id(overridden), overridden.Name, LocationInfo.From(syntax.Identifier.GetLocation())));
        }

        if (bound is not IMethodBodyOperation body)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethod, method.Locations.FirstOrDefault(), method.Name, "it has no body"));
            return null;
        }

        MethodGraph? graph = MethodParser.Parse(method, body, model.Compilation, diagnostics, cancellationToken, request.Modes);
        if (graph is null)
        {
            return null;
        }

        if (ShiftInvariance.Find(graph) is { Count: > 0 } stops)
        {
            // Parsed again with the proven-constant values stopped; the first parse already reported what there was to report.
            graph = MethodParser.Parse(method, body, model.Compilation, [], cancellationToken, request.Modes, stops) ?? graph;
        }

        calls.AddRange(graph.CompanionCalls);

        if (graph.Result is { IsActive: false })
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.ZeroGradient, method.Locations.FirstOrDefault(), method.Name));
        }

        NameAllocator names = NewNames(method, syntax);
        BackwardNames backward = NewBackwardNames(names);
        List<ReverseStatement> reverse = ReverseSweep.Run(graph, backward);
        AdjointPlanner.Plan(reverse, backward);
        UnchangedElements.Remove(reverse);
        ForwardInliner.Inline(graph, reverse);
        List<Value> unsaveable = TapePlanner.Plan(reverse, backward, graph);
        RunningExtremes.Plan(graph, reverse, backward);
        AdjointLoopOrder.Fuse(graph, reverse, backward);
        TapeSegments.Plan(graph, reverse, backward);
        GradientOverwrite.Plan(reverse, graph);
        InvariantZeroTest.GuardLoops(reverse);
        ForwardInliner.InlineLate(graph, reverse);
        VersionCoalescing.Plan(graph, reverse);
        TapeSegments.Prune(graph.Body, backward);
        if (signature.VectorLanes)
        {
            Vectorization.Plan(graph, reverse, backward);
        }

        FiniteVersion.Plan(reverse);
        AdjointCoalescing.Plan(reverse);
        ScalarAdjointSums.Plan(reverse, graph, backward);
        Naming.Assign(graph, backward, names);
        if (unsaveable.Count > 0 && request.Modes.HasFlag(DerivativeModes.Reverse))
        {
            string values = string.Join(", ", unsaveable.Select(v => $"'{v.Name}' ({v.TypeName})"));
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedStatement, syntax.Identifier.GetLocation(), $"a loop overwrites {values}, which the backward pass needs, and only numbers and bools can be saved; make an object before the loop"));
            return null;
        }

        bool mathAliases = signature.MathAliases && !MathAliases.Names.Any(names.HandedOut);
        if (!request.WantsMore(graph))
        {
            return CompanionWriter.Write(signature, graph, reverse, backward, mathAliases);
        }

        var otherModes = new OtherModes(method, syntax, body, model.Compilation, signature, request, cancellationToken);
        return CompanionWriter.Write(signature, graph, reverse, backward, mathAliases, request.Modes.HasFlag(DerivativeModes.Reverse), otherModes.Write);
    }

    /// <summary>Every identifier in the method is off limits for generated names, so nothing the user wrote is shadowed.</summary>
    private static NameAllocator NewNames(IMethodSymbol method, MethodDeclarationSyntax syntax)
    {
        var names = new NameAllocator(syntax.DescendantTokens().Where(t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            names.ClaimOwn(parameter.Name);
        }

        return names;
    }

    private static BackwardNames NewBackwardNames(NameAllocator names) =>
        new(names.Claim("seed"), names.Claim("tape"), names.Claim("work"), names.Claim("discard"));

    /// <summary>
    /// <c>Namespace.Type.Method.1a2b3c4d.g.cs</c>: a readable part (overloads add their parameter types)
    /// and a hash of the method's documentation id. Hint names must be unique ignoring case, and the
    /// readable part alone is not (<c>F</c>/<c>f</c>, <c>A&lt;T&gt;</c>/<c>A_T_</c> read alike); the id is
    /// unique and case-sensitive, so the name is unique without looking at any other method.
    /// </summary>
    /// <param name="id">The method's <see cref="Symbols.Id"/>, which the caller has already computed.</param>
    private static string HintName(IMethodSymbol method, string id)
    {
        var name = new StringBuilder(method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", ""));
        name.Append('.').Append(method.Name);
        if (method.ContainingType.GetMembers(method.Name).Length > 1)
        {
            name.Append('(').Append(string.Join(",", method.Parameters.Select(p => p.Type.ToDisplayString()))).Append(')');
        }

        foreach (char c in name.ToString().Where(c => !char.IsLetterOrDigit(c) && c != '.' && c != '_'))
        {
            name.Replace(c, '_');
        }

        return name.Append('.').Append(StableHash(id)).Append(".g.cs").ToString();
    }

    /// <summary>FNV-1a over the UTF-16 code units, as 8 hex digits: the same on every machine and run (string.GetHashCode is not).</summary>
    private static string StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }
}
