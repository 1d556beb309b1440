using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>Questions about Roslyn symbols that the parser asks in several places.</summary>
internal static class Symbols
{
    public const string DifferentiableAttribute = "SymbolicDiff.DifferentiableAttribute";
    public const string NoDiffAttribute = "SymbolicDiff.NoDiffAttribute";

    public static NumericType Numeric(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Double => NumericType.Double,
        SpecialType.System_Single => NumericType.Float,
        _ => NumericType.None,
    };

    /// <summary>The type as generated code must spell it: fully qualified, so no using of the user's is needed.</summary>
    public static string TypeText(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

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
    /// The parameters whose elements the method's body writes (<c>y[i] = …</c>, <c>y[i] += …</c>, <c>y[i]++</c>),
    /// read from its syntax so it also works for callees in other files.
    /// </summary>
    public static HashSet<string> WrittenParameters(IMethodSymbol method)
    {
        IMethodSymbol withBody = method.PartialImplementationPart ?? method;
        var names = new HashSet<string>(method.Parameters.Select(p => p.Name));
        var written = new HashSet<string>();
        foreach (SyntaxReference reference in withBody.DeclaringSyntaxReferences)
        {
            foreach (SyntaxNode node in reference.GetSyntax().DescendantNodes())
            {
                ExpressionSyntax? target = node switch
                {
                    AssignmentExpressionSyntax assignment => assignment.Left,
                    PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => prefix.Operand,
                    PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                    _ => null,
                };
                if (target is ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax array } && names.Contains(array.Identifier.ValueText))
                {
                    written.Add(array.Identifier.ValueText);
                }
            }
        }

        return written;
    }

    /// <summary>How each parameter of a [Differentiable] callee takes part in its pullback.</summary>
    public static List<CalleeParameter> CalleeParameters(IMethodSymbol callee)
    {
        HashSet<string> written = callee.ReturnsVoid ? WrittenParameters(callee) : [];
        return callee.Parameters.Select(p =>
        {
            ITypeSymbol scalar = ElementType(p.Type) ?? p.Type;
            ParameterRole role = !IsDifferentiable(p) ? ParameterRole.Constant
                : ElementType(p.Type) is null ? ParameterRole.Scalar
                : written.Contains(p.Name) ? ParameterRole.ArrayOutput
                : ParameterRole.ArrayInput;
            return new CalleeParameter(role, TypeText(scalar));
        }).ToList();
    }

    /// <summary>An identifier as C# source must write it (<c>@params</c> for a keyword).</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
