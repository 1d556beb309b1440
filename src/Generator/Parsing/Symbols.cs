using System.Linq;
using Microsoft.CodeAnalysis;
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

    /// <summary>An identifier as C# source must write it (<c>@params</c> for a keyword).</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
}
