using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymbolicDiff.Generator.Model;

namespace SymbolicDiff.Generator.Diagnostics;

/// <summary>
/// [Differentiable] where the C# compiler accepts it but the generator does nothing with it — a lambda,
/// a property or indexer accessor — would be silently ignored: say so (SDIFF0014) at the attribute.
/// </summary>
internal static class IgnoredAttributes
{
    /// <summary>Cheap syntactic filter: an attribute named like ours on a lambda, anonymous method or accessor.</summary>
    public static bool IsCandidate(SyntaxNode node) =>
        node is AttributeSyntax attribute
        && attribute.Name.ToString().Contains("Differentiable")
        && attribute.Parent?.Parent is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or AccessorDeclarationSyntax;

    public static DiagnosticInfo? Check(GeneratorSyntaxContext context)
    {
        var attribute = (AttributeSyntax)context.Node;
        if (context.SemanticModel.GetSymbolInfo(attribute).Symbol?.ContainingType?.ToDisplayString() != "SymbolicDiff.DifferentiableAttribute")
        {
            return null;
        }

        string place = attribute.Parent?.Parent is AccessorDeclarationSyntax ? "a property or indexer accessor" : "a lambda or anonymous method";
        return DiagnosticInfo.Create(Descriptors.NoEffect, attribute.GetLocation(), place);
    }
}
