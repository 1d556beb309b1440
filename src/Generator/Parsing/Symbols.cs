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

    /// <summary>A double/float parameter passed by value and not marked [NoDiff]: it gets an adjoint.</summary>
    public static bool IsDifferentiable(IParameterSymbol parameter) =>
        Numeric(parameter.Type) != NumericType.None
        && parameter.RefKind == RefKind.None
        && !HasAttribute(parameter, NoDiffAttribute);

    /// <summary>An identifier as C# source must write it (<c>@params</c> for a keyword).</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
}
