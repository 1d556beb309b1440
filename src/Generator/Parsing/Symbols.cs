using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>Questions about Roslyn symbols that the parser asks in several places.</summary>
internal static class Symbols
{
    public const string DifferentiableAttribute = "SymbolicDiff.DifferentiableAttribute";
    public const string NoDiffAttribute = "SymbolicDiff.NoDiffAttribute";

    /// <summary>The class of <c>Diff.Stop</c>, the stop-gradient marker.</summary>
    public const string DiffClass = "SymbolicDiff.Diff";

    public static NumericType Numeric(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Double => NumericType.Double,
        SpecialType.System_Single => NumericType.Float,
        _ => NumericType.None,
    };

    /// <summary>
    /// A type whose values change in steps (an integer, a char, an enum, a bool): a number converted to one, or
    /// a math function returning one (<c>Math.Sign</c>, <c>double.IsNaN</c>), is piecewise constant, so its
    /// gradient is rightly zero. Any other type that is not a number (an object, a <c>double?</c>, a decimal, a
    /// tuple) would carry the value on without its gradient.
    /// </summary>
    public static bool ChangesInSteps(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Enum
        || type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char
            or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
            or SpecialType.System_IntPtr or SpecialType.System_UIntPtr;

    /// <summary>
    /// An extension block of C# 14 (<c>extension(double x) { … }</c>), the type its members belong to. Its TypeKind,
    /// Extension, is 14 in the Roslyn of the .NET 10 SDK and has no name in the Roslyn this generator is built against
    /// (4.3), whose hosts never show one.
    /// </summary>
    public static bool IsExtensionBlock(ITypeSymbol? type) => type is { TypeKind: (TypeKind)14 };

    /// <summary>The type as generated code must spell it: fully qualified, so no using of the user's is needed.</summary>
    public static string TypeText(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>
    /// A parameter's type as the companions declare it: with its nullable annotation (<c>double[]? sampleWeights</c>), so a
    /// caller passing null to a companion gets no warning the method itself does not give.
    /// </summary>
    public static string AnnotatedTypeText(ITypeSymbol type) => type.ToDisplayString(AnnotatedFormat);

    private static readonly SymbolDisplayFormat AnnotatedFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == metadataName);

    /// <summary>
    /// The element type of <c>T[]</c>, <c>Span&lt;T&gt;</c> or <c>ReadOnlySpan&lt;T&gt;</c> (for any T), or null for
    /// anything that is not indexed element by element.
    /// </summary>
    public static ITypeSymbol? ElementType(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol { Rank: 1 } array => array.ElementType,
        INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named when IsSpan(named) => named.TypeArguments[0],
        _ => null,
    };

    /// <summary>
    /// The element type of <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> or <c>IReadOnlyList&lt;T&gt;</c>: lists, which
    /// a foreach may walk by index and <c>Count</c> (their enumerators yield the elements in index order); else null.
    /// </summary>
    public static ITypeSymbol? ListElementType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "List" or "IList" or "IReadOnlyList" } named
        && named.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"
            ? named.TypeArguments[0]
            : null;

    /// <summary><paramref name="expression"/> without the parentheses around it (which have no operation of their own, and do not change what it is).</summary>
    public static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }

    public static bool IsReadOnlySpan(ITypeSymbol? type) => type is INamedTypeSymbol { Name: "ReadOnlySpan" } named && IsSpan(named);

    public static bool IsSpan(INamedTypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() == "System" && type.Name is "Span" or "ReadOnlySpan";

    /// <summary>The floating-point type of a scalar, or of the elements of an array or span.</summary>
    public static NumericType ScalarOrElementNumeric(ITypeSymbol? type) => Numeric(ElementType(type) ?? type);

    /// <summary>
    /// A double/float value, or array or span of them, passed by value and not marked [NoDiff]: it gets an
    /// adjoint.
    /// </summary>
    public static bool IsDifferentiable(IParameterSymbol parameter) =>
        ScalarOrElementNumeric(parameter.Type) != NumericType.None
        && parameter.RefKind == RefKind.None
        && !HasAttribute(parameter, NoDiffAttribute);

    /// <summary>
    /// The parameters the method writes: elements stored (<c>y[i] = …</c>, <c>y[i] += …</c>, <c>y[i]++</c>), the span
    /// cleared or filled (<c>y.Clear()</c>, <c>y.Slice(1).Fill(v)</c>), or the span passed (whole or sliced) where a callee writes — a writable <c>Span&lt;T&gt;</c> parameter of a
    /// method without source (<c>TensorPrimitives.Exp(x, y)</c>), or one a callee with source writes itself.
    /// Read from the method's syntax, so it works for callees in other files too.
    /// </summary>
    /// <param name="bound">The semantic model that already bound the method, if there is one: binding it again in a new model costs as much as the first time.</param>
    /// <returns>A set shared by every caller in this compilation (the fingerprint and each parse read it): read it only.</returns>
    public static HashSet<string> WrittenParameters(IMethodSymbol method, Compilation compilation, SemanticModel? bound = null) =>
        Writes(method, compilation, bound).Names;

    /// <summary>
    /// The files whose text <see cref="WrittenParameters(IMethodSymbol, Compilation, SemanticModel?)"/> read to answer for the
    /// method: its own and those of the callees it passes a span to, and theirs. An edit of any of them can change the answer.
    /// </summary>
    public static IReadOnlyCollection<SyntaxTree> WrittenParametersReadFrom(IMethodSymbol method, Compilation compilation) =>
        Writes(method, compilation, bound: null).ReadFrom;

    private static WrittenAnswer Writes(IMethodSymbol method, Compilation compilation, SemanticModel? bound)
    {
        ConcurrentDictionary<IMethodSymbol, WrittenAnswer> known = WrittenInCompilation.GetValue(compilation, static _ => new(SymbolEqualityComparer.Default));
        return known.GetOrAdd(method, m => WrittenParameters(m, compilation, known, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), out _, bound));
    }

    /// <summary>What a method writes, and the files read to find it.</summary>
    private sealed record WrittenAnswer(HashSet<string> Names, HashSet<SyntaxTree> ReadFrom);

    /// <summary>
    /// What <see cref="WrittenParameters(IMethodSymbol, Compilation, SemanticModel?)"/> found, per compilation (the answer
    /// depends on nothing else): the fingerprint and the parser ask for the same method, and walking its syntax is costly.
    /// Weak in the compilation, so it goes with it.
    /// </summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, WrittenAnswer>> WrittenInCompilation = new();

    /// <param name="known">Complete answers of this compilation, the callees' too.</param>
    /// <param name="callers">The methods whose walk is under way (the call stack, not every method seen: two callers may share a callee).</param>
    /// <param name="complete">
    /// False when a call led back to one of <paramref name="callers"/> (recursion), which adds nothing here because
    /// that caller's own walk finds what it writes; such an answer is not kept for the callee.
    /// </param>
    private static WrittenAnswer WrittenParameters(
        IMethodSymbol method, Compilation compilation, ConcurrentDictionary<IMethodSymbol, WrittenAnswer> known, HashSet<IMethodSymbol> callers, out bool complete, SemanticModel? bound = null)
    {
        if (known.TryGetValue(method, out WrittenAnswer? found))
        {
            complete = true;
            return found;
        }

        IMethodSymbol withBody = method.PartialImplementationPart ?? method;
        var names = new HashSet<string>(method.Parameters.Select(p => p.Name));
        var answer = new WrittenAnswer([], []);
        HashSet<string> written = answer.Names;
        complete = true;
        if (!callers.Add(withBody.OriginalDefinition))
        {
            complete = false;
            return answer;
        }

        foreach (SyntaxReference reference in withBody.DeclaringSyntaxReferences)
        {
            SyntaxNode body = reference.GetSyntax();
            answer.ReadFrom.Add(body.SyntaxTree);
            Dictionary<string, string> elementAliases = [];

            // One walk of the syntax (the costly part): the writes, and the calls that pass a parameter in an argument.
            List<InvocationExpressionSyntax> calls = [];
            HashSet<InvocationExpressionSyntax> passing = [];
            foreach (SyntaxNode node in body.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocationSyntax)
                {
                    calls.Add(invocationSyntax);
                }
                else if (node is IdentifierNameSyntax identifier && names.Contains(identifier.Identifier.ValueText))
                {
                    AddCallsPassing(identifier, body, passing);
                }

                if (ElementAliasOfParameter(node, names) is ({ } declared, { } parameter))
                {
                    elementAliases[declared] = parameter;
                }

                ExpressionSyntax? target = node switch
                {
                    AssignmentExpressionSyntax assignment => assignment.Left,
                    PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => prefix.Operand,
                    PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                    _ => null,
                };
                target = target is null ? null : Unparenthesized(target);
                if (target is not null && ParameterOfElement(target, names) is { } array)
                {
                    written.Add(array);
                }
                else if (target is IdentifierNameSyntax alias && elementAliases.TryGetValue(alias.Identifier.ValueText, out string? aliased))
                {
                    written.Add(aliased); // a write through ref double r = ref y[i];
                }
            }

            SemanticModel? model = bound?.SyntaxTree == body.SyntaxTree ? bound : null;
            foreach (InvocationExpressionSyntax call in calls)
            {
                bool fills = call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Clear" or "Fill" };
                if (!passing.Contains(call) && !fills)
                {
                    continue;
                }

                model ??= compilation.GetSemanticModel(body.SyntaxTree);
                if (model.GetOperation(call) is not IInvocationOperation invocation)
                {
                    continue;
                }

                if (fills && ClearsOrFillsASpan(invocation) && SpannedParameter(invocation.Instance!) is { } cleared && names.Contains(cleared))
                {
                    written.Add(cleared);
                }

                WrittenAnswer? calleeWrites = null;
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter is not { Type: INamedTypeSymbol { Name: "Span" } type } parameter || !IsSpan(type)
                        || SpannedParameter(argument.Value) is not { } name || !names.Contains(name))
                    {
                        continue;
                    }

                    IMethodSymbol callee = invocation.TargetMethod;
                    bool hasSource = (callee.PartialImplementationPart ?? callee).DeclaringSyntaxReferences.Length > 0;
                    if (calleeWrites is null && hasSource)
                    {
                        calleeWrites = WrittenParameters(callee, compilation, known, callers, out bool calleeComplete);
                        answer.ReadFrom.UnionWith(calleeWrites.ReadFrom);
                        complete &= calleeComplete;
                    }

                    if (calleeWrites is null || calleeWrites.Names.Contains(parameter.Name))
                    {
                        written.Add(name);
                    }
                }
            }
        }

        callers.Remove(withBody.OriginalDefinition);
        if (complete)
        {
            known.TryAdd(method, answer);
        }

        return answer;
    }

    /// <summary>Each call, up to <paramref name="body"/>, with an argument whose expression holds <paramref name="identifier"/>.</summary>
    private static void AddCallsPassing(IdentifierNameSyntax identifier, SyntaxNode body, HashSet<InvocationExpressionSyntax> passing)
    {
        SyntaxNode child = identifier;
        for (SyntaxNode? node = identifier.Parent; node is not null && node != body; child = node, node = node.Parent)
        {
            if (node is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } argument && argument.Expression == child)
            {
                passing.Add(call);
            }
        }
    }

    /// <summary>
    /// A writable ref local to an element of a parameter (<c>ref double r = ref y[i];</c>, <c>foreach (ref double r in y)</c>):
    /// the local's name and the parameter's; nulls for anything else.
    /// </summary>
    private static (string? Alias, string? Parameter) ElementAliasOfParameter(SyntaxNode node, HashSet<string> parameters) => node switch
    {
        VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type: RefTypeSyntax { ReadOnlyKeyword.RawKind: 0 } } } declarator
            when declarator.Initializer?.Value is RefExpressionSyntax { Expression: var aliased } && ParameterOfElement(aliased, parameters) is { } array
            => (declarator.Identifier.ValueText, array),
        ForEachStatementSyntax { Type: RefTypeSyntax { ReadOnlyKeyword.RawKind: 0 }, Expression: var walked } forEach
            when Unparenthesized(walked) is IdentifierNameSyntax collection && parameters.Contains(collection.Identifier.ValueText)
            => (forEach.Identifier.ValueText, collection.Identifier.ValueText),
        _ => (null, null),
    };

    /// <summary>The parameter of <paramref name="parameters"/> whose element <paramref name="expression"/> is (<c>y[i]</c>, <c>(y)[i]</c>: parentheses aside, F66); null for anything else.</summary>
    private static string? ParameterOfElement(ExpressionSyntax expression, HashSet<string> parameters) =>
        Unparenthesized(expression) is ElementAccessExpressionSyntax { Expression: var accessed }
        && Unparenthesized(accessed) is IdentifierNameSyntax array && parameters.Contains(array.Identifier.ValueText)
            ? array.Identifier.ValueText
            : null;

    /// <summary><c>y.Clear()</c>, <c>y.Fill(v)</c>, <c>y.Slice(1).Fill(v)</c>: Span's own bulk writes, of the span it is called on.</summary>
    public static bool ClearsOrFillsASpan(IInvocationOperation invocation) =>
        invocation is { TargetMethod.Name: "Clear" or "Fill", Instance.Type: INamedTypeSymbol { Name: "Span" } span } && IsSpan(span);

    /// <summary>The parameter a span argument is made from: <c>y</c>, <c>y.Slice(…)</c>, <c>a.AsSpan(…)</c>, or an implicit conversion of one.</summary>
    private static string? SpannedParameter(IOperation value) => value switch
    {
        IConversionOperation conversion => SpannedParameter(conversion.Operand),
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        IInvocationOperation { TargetMethod.Name: "Slice", Instance: { } instance } => SpannedParameter(instance),
        IInvocationOperation { TargetMethod.Name: "AsSpan", Arguments.Length: > 0 } asSpan => SpannedParameter(asSpan.Arguments[0].Value),
        _ => null,
    };

    /// <summary>How each parameter of a [Differentiable] callee takes part in its pullback.</summary>
    /// <param name="readFrom">If given, gets the files the roles were read from (a void callee's written spans), whose edits can change them.</param>
    public static List<CalleeParameter> CalleeParameters(IMethodSymbol callee, Compilation compilation, HashSet<SyntaxTree>? readFrom = null)
    {
        // A callee from a referenced assembly has no body to read: its writable spans are its outputs.
        bool hasSource = (callee.PartialImplementationPart ?? callee).DeclaringSyntaxReferences.Length > 0;
        HashSet<string> written;
        if (!callee.ReturnsVoid)
        {
            written = []; // its result is its output: no span it writes is
        }
        else if (hasSource)
        {
            WrittenAnswer answer = Writes(callee, compilation, bound: null);
            written = answer.Names;
            readFrom?.UnionWith(answer.ReadFrom);
        }
        else
        {
            written = new HashSet<string>(callee.Parameters.Where(p => p.Type is INamedTypeSymbol { Name: "Span" } span && IsSpan(span)).Select(p => p.Name));
        }

        return callee.Parameters.Select(p =>
        {
            ITypeSymbol scalar = ElementType(p.Type) ?? p.Type;
            ParameterRole role = !IsDifferentiable(p) ? ParameterRole.Constant
                : ElementType(p.Type) is null ? ParameterRole.Scalar
                : written.Contains(p.Name) ? ParameterRole.ArrayOutput
                : ParameterRole.ArrayInput;
            return new CalleeParameter(role, TypeText(scalar), isArray: p.Type is IArrayTypeSymbol);
        }).ToList();
    }

    /// <summary><c>System.Math</c>, <c>MathF</c>, and <c>double</c>/<c>float</c>, whose static functions (<c>double.Sin</c>) are the same as Math's.</summary>
    public static bool IsMath(INamedTypeSymbol type) =>
        type.ToDisplayString() is "System.Math" or "System.MathF" or "double" or "float" or "System.Double" or "System.Single";

    /// <summary>
    /// A static method of .NET itself (a type in a <c>System</c> namespace, read from metadata): <c>Array.BinarySearch</c>,
    /// <c>Convert.ToInt32</c>, <c>BitConverter.DoubleToInt64Bits</c>. Unlike a method of the user's, or an instance
    /// method of a collection (<c>set.Add(x)</c>), such a function of numbers keeps none of its arguments.
    /// </summary>
    public static bool IsFrameworkFunction(IMethodSymbol method) =>
        method.IsStatic
        && method.Locations.All(l => l.IsInMetadata)
        && IsSystemNamespace(method.ContainingType.ContainingNamespace);

    private static bool IsSystemNamespace(INamespaceSymbol? space)
    {
        while (space is { ContainingNamespace.IsGlobalNamespace: false })
        {
            space = space.ContainingNamespace;
        }

        return space is { Name: "System" };
    }

    /// <summary>The documentation id of a method's definition: the same for both halves of a partial method and for every instantiation.</summary>
    public static string Id(IMethodSymbol method) =>
        (method.PartialDefinitionPart ?? method).OriginalDefinition.GetDocumentationCommentId() ?? method.ToDisplayString();

    /// <summary>An identifier as C# source must write it (<c>@params</c> for a keyword).</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
