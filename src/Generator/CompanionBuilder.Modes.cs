using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Emit;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Model;
using SymbolicDiff.Generator.Parsing;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator;

/// <summary>The companions of forward mode and second order, beside the reverse-mode ones.</summary>
internal static partial class CompanionBuilder
{
    /// <summary>What <c>[Differentiable]</c> asked for; <paramref name="Explicitly"/> when it named the modes.</summary>
    private sealed record Request(DerivativeModes Modes, bool Explicitly)
    {
        /// <summary>
        /// Companions beyond <c>FGradient</c>/<c>FBackward</c>: forward mode, second order, or the Jacobian of a
        /// vector-valued method whose modes are named (plain <c>[Differentiable]</c> keeps its two companions).
        /// </summary>
        public bool WantsMore(MethodGraph graph) => Modes != DerivativeModes.Reverse || (Explicitly && graph.Result is null);
    }

    /// <summary>
    /// A member of the type that takes a further companion's place — a field, property or nested type of its
    /// name, or a method of its name and parameter count — is SDIFF0012 at that member, as for FGradient.
    /// </summary>
    private static bool ReportTakenNames(IMethodSymbol method, Request request, List<DiagnosticInfo> diagnostics)
    {
        int count = method.Parameters.Length;
        int differentiable = method.Parameters.Count(Symbols.IsDifferentiable);
        int errors = diagnostics.Count;
        foreach (string companion in DerivativeModesReader.MoreCompanions(request.Modes, request.Explicitly, method.ReturnsVoid))
        {
            int parameters = companion switch
            {
                "Tangent" => count + differentiable + (method.ReturnsVoid ? 0 : 1),
                "Jacobian" => count + 1,
                "HessianVectorProduct" => count + 3 * differentiable,
                "BackwardTangent" => count + 3 * differentiable + 2,
                _ => count + 2,
            };
            foreach (ISymbol member in method.ContainingType.GetMembers(method.Name + companion)
                .Where(m => m is not IMethodSymbol other || other.Parameters.Length == parameters))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.Descriptors.CompanionNameTaken, member.Locations.FirstOrDefault(), member.Name, method.Name));
            }
        }

        return diagnostics.Count > errors;
    }

    /// <summary>
    /// Each further companion is built from a graph of its own, parsed again from the body: the transformations
    /// change the graph they work on (the reverse pipeline inlines and plans tapes; forward mode inserts tangents).
    /// The first parse reported every diagnostic; the later ones see the same body and report nothing new.
    /// </summary>
    private sealed class OtherModes(
        IMethodSymbol method,
        MethodDeclarationSyntax syntax,
        IMethodBodyOperation body,
        Compilation compilation,
        MethodSignature signature,
        Request request,
        CancellationToken cancellationToken)
    {
        private readonly MethodSignature signature = WithMoreModifiers(method, signature, request);

        public void Write(IndentedWriter writer)
        {
            DerivativeModes modes = request.Modes;
            List<string> companions = DerivativeModesReader.MoreCompanions(modes, request.Explicitly, method.ReturnsVoid);
            if (companions.Contains("Tangent"))
            {
                WriteTangent(writer);
            }

            if (companions.Contains("Jacobian"))
            {
                (MethodGraph graph, NameAllocator names, BackwardNames backward) = Parse(named: false);
                CompanionWriter.WriteJacobian(writer, signature, graph, backward, names, columns: modes.HasFlag(DerivativeModes.Forward), rows: modes.HasFlag(DerivativeModes.Reverse));
            }

            if (companions.Contains("Hessian"))
            {
                WriteHessianVectorProduct(writer);
                (MethodGraph graph, NameAllocator names, BackwardNames backward) = Parse(named: false);
                CompanionWriter.WriteHessian(writer, signature, graph, backward, names);
            }
        }

        /// <summary>
        /// The modifiers of the further companions. They follow <c>FBackward</c>'s (accessibility, static, virtual,
        /// override, new) where the method <c>F</c> overrides or hides has the same companion; where it has none,
        /// there is nothing to override or hide, and a virtual <c>F</c> starts a new virtual companion.
        /// </summary>
        private static MethodSignature WithMoreModifiers(IMethodSymbol method, MethodSignature signature, Request request)
        {
            string backward = signature.Modifiers[signature.Name + "Backward"];
            IMethodSymbol? inherited = method.OverriddenMethod ?? Hidden(method);
            List<string> inheritedCompanions = inherited is { IsAbstract: false } && Symbols.HasAttribute(inherited, Symbols.DifferentiableAttribute)
                ? DerivativeModesReader.MoreCompanions(DerivativeModesReader.Of(inherited, out bool explicitly), explicitly, inherited.ReturnsVoid)
                : [];
            var modifiers = new Dictionary<string, string>(signature.Modifiers.ToDictionary(m => m.Key, m => m.Value));
            foreach (string companion in DerivativeModesReader.MoreCompanions(request.Modes, request.Explicitly, method.ReturnsVoid))
            {
                string own = string.Join(" ", backward.Split(' ').Where(m => m is not ("override" or "sealed" or "new" or "virtual")));
                bool isVirtual = (method.IsVirtual || method.IsOverride) && !method.IsSealed && !method.IsStatic;
                modifiers[signature.Name + companion] = inheritedCompanions.Contains(companion) ? backward
                    : isVirtual ? own + " virtual"
                    : own;
            }

            return new MethodSignature(signature.Name, modifiers, signature.ReturnType, signature.ReturnNumeric, signature.Namespace, signature.ContainingTypes, signature.ContainingTypeMetadataName, signature.FileScopedNamespace, signature.VectorLanes, signature.MathAliases);
        }

        /// <summary>A [Differentiable] method of a base type that <paramref name="method"/> hides with <c>new</c>: same name and parameter types.</summary>
        private static IMethodSymbol? Hidden(IMethodSymbol method)
        {
            for (INamedTypeSymbol? type = method.ContainingType.BaseType; type is not null; type = type.BaseType)
            {
                IMethodSymbol? hidden = type.GetMembers(method.Name).OfType<IMethodSymbol>().FirstOrDefault(m =>
                    m.Parameters.Length == method.Parameters.Length
                    && m.Parameters.Zip(method.Parameters, (a, b) => SymbolEqualityComparer.Default.Equals(a.Type, b.Type)).All(same => same));
                if (hidden is not null)
                {
                    return hidden;
                }
            }

            return null;
        }

        /// <summary>Forward mode: the graph with tangents inserted, written as one pass.</summary>
        private void WriteTangent(IndentedWriter writer)
        {
            (MethodGraph graph, NameAllocator names, BackwardNames backward) = Parse(named: false);
            SinCosPairs.PairUsersCalls(graph.Body);
            SinCosPairs.PairForTangents(graph.Body);
            TangentSweep sweep = TangentSweep.Run(graph, backward.Work);
            // One pass: the versions of a variable, and of its tangent, share variables as in FBackward's forward pass;
            // the tangent of the result is read at the end, into the out parameter.
            VersionCoalescing.Plan(graph, reverse: [], readAtEnd: graph.Result is { IsActive: true } result ? [sweep.Map[result]] : null);
            Naming.Assign(graph, backward, names);
            string tangentOut = names.Claim("tangent");
            AdjointLoopOrder.MarkCounted(graph, reverse: []);
            TangentNaming.Assign(sweep.Map, names, "t");
            CompanionWriter.WriteTangent(writer, signature, graph, backward, sweep, tangentOut);
        }

        /// <summary>
        /// Forward over reverse: the reverse pipeline as for <c>FBackward</c> (without inlining, which would hide
        /// values whose tangents are needed), then tangents inserted into the forward pass and twins into the backward pass.
        /// </summary>
        private void WriteHessianVectorProduct(IndentedWriter writer)
        {
            (MethodGraph graph, NameAllocator names, BackwardNames backward) = Parse(named: false);
            List<ReverseStatement> reverse = ReverseSweep.Run(graph, backward);
            SinCosPairs.PairForTangents(graph.Body); // after the reverse sweep, whose pairs are differentiated again
            AdjointPlanner.Plan(reverse, backward);
            UnchangedElements.Remove(reverse);
            TapePlanner.Plan(reverse, backward);
            TangentSweep sweep = TangentSweep.Run(graph, backward.Work);
            string seedTangent = names.Claim("v" + backward.Seed);
            sweep.Map.AddNamed(backward.Seed, new TextExpr(seedTangent, isPure: true, signature.ReturnNumeric));
            List<ReverseStatement> withTwins = ReverseTangent.Run(graph, reverse, sweep, backward);
            AdjointLoopOrder.MarkCounted(graph, withTwins);
            VersionCoalescing.Plan(graph, withTwins);
            Naming.Assign(graph, backward, names);
            List<Value> adjointTangentSpans = DeclareAdjointTangentSpans(graph, sweep, backward.Work);
            TangentNaming.Assign(sweep.Map, names, "v", "hv");
            foreach ((Value span, (Allocate _, Value tangent)) in adjointTangentSpans.Zip(sweep.TangentArrays, (s, t) => (s, t)))
            {
                span.Name = tangent.AdjointName;
            }

            // the replay buffers of local arrays' tangents, added by the twins after the others were named
            foreach (Value replayed in backward.ReplayArrays.Where(r => r.ReplayName.Length == 0))
            {
                replayed.ReplayName = names.Claim(replayed.Name + "Replay");
            }

            CompanionWriter.WriteSecondOrder(writer, signature, graph, backward, sweep, withTwins, adjointTangentSpans, seedTangent);
        }

        /// <summary>The tangent of a local array's adjoint is a span of its own, declared after the array's tangent span.</summary>
        private static List<Value> DeclareAdjointTangentSpans(MethodGraph graph, TangentSweep sweep, string work)
        {
            List<Value> spans = [];
            foreach ((Allocate allocation, Value tangent) in sweep.TangentArrays)
            {
                var span = new Value(tangent.BaseName, tangent.TypeName, tangent.Numeric, isActive: false, ValueKind.Temporary, isArray: true);
                int at = graph.Body.Statements.FindIndex(s => s is Define define && define.Target == tangent);
                string take = allocation.Target.Numeric == NumericType.Float ? "TakeSingle" : "Take";
                var length = new MemberExpr(new UseExpr(allocation.Target), "Length", isPure: true);
                graph.Body.Statements.Insert(at + 1, new Define(span, new CallExpr(new TextExpr(work, isPure: true), take, [length], isPure: false)));
                spans.Add(span);
            }

            return spans;
        }

        /// <param name="named">Name the graph's values now (a pipeline that adds values first names them itself; a companion that reads only the signature needs only the parameters' names).</param>
        private (MethodGraph Graph, NameAllocator Names, BackwardNames Backward) Parse(bool named = true)
        {
            List<DiagnosticInfo> again = [];
            MethodGraph graph = MethodParser.Parse(method, body, compilation, again, cancellationToken, request.Modes)
                ?? throw new System.InvalidOperationException("the method parsed once but not a second time");
            NameAllocator names = NewNames(method, syntax);
            BackwardNames backward = NewBackwardNames(names);
            if (named)
            {
                Naming.Assign(graph, backward, names);
            }
            else
            {
                Naming.NameParameters(graph);
            }

            return (graph, names, backward);
        }
    }
}
