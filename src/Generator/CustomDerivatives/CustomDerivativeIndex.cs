using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymbolicDiff.Generator.CustomDerivatives;

/// <summary>
/// Which methods have a hand-written pullback ([DerivativeOf]) or tangent ([TangentOf]) anywhere in the compilation. Built once
/// per compilation (the table is keyed weakly by it) and shared by every method the generator parses;
/// a new compilation (any edit) builds it anew, so the parse of every caller sees the current set.
/// </summary>
internal static class CustomDerivativeIndex
{
    public const string AttributeName = "SymbolicDiff.DerivativeOfAttribute";

    /// <summary>The forward-mode counterpart: a hand-written tangent.</summary>
    public const string TangentAttributeName = "SymbolicDiff.TangentOfAttribute";

    private static readonly ConditionalWeakTable<Compilation, Dictionary<IMethodSymbol, IMethodSymbol>> Indexes = new();
    private static readonly ConditionalWeakTable<Compilation, Dictionary<IMethodSymbol, IMethodSymbol>> TangentIndexes = new();

    /// <summary>The hand-written pullback of <paramref name="method"/>, if one with the right signature exists.</summary>
    public static IMethodSymbol? PullbackOf(IMethodSymbol method, Compilation compilation) =>
        Indexes.GetValue(compilation, c => Build(c, AttributeName, "DerivativeOf", PullbackSignature.Matches))
            .TryGetValue(method.OriginalDefinition, out IMethodSymbol? pullback) ? pullback : null;

    /// <summary>The hand-written [TangentOf] tangent of <paramref name="method"/>, if one with the right signature exists.</summary>
    public static IMethodSymbol? TangentOf(IMethodSymbol method, Compilation compilation) =>
        TangentIndexes.GetValue(compilation, c => Build(c, TangentAttributeName, "TangentOf", TangentSignature.Matches))
            .TryGetValue(method.OriginalDefinition, out IMethodSymbol? tangent) ? tangent : null;

    /// <summary>The methods a [DerivativeOf] attribute names (every overload of that name).</summary>
    public static IEnumerable<IMethodSymbol> Targets(AttributeData attribute) =>
        Named(attribute) is (INamedTypeSymbol type, string name) ? type.GetMembers(name).OfType<IMethodSymbol>() : [];

    /// <summary>The type and method name a [DerivativeOf] attribute gives, if both are there.</summary>
    public static (INamedTypeSymbol Type, string Name)? Named(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 2
        && attribute.ConstructorArguments[0].Value is INamedTypeSymbol type
        && attribute.ConstructorArguments[1].Value is string name
            ? (type, name)
            : null;

    /// <param name="attributeName">The attribute's metadata name; <paramref name="marker"/> is what its syntax contains.</param>
    /// <param name="matches">Whether a marked method has the signature that lets it stand for the target's companion.</param>
    private static Dictionary<IMethodSymbol, IMethodSymbol> Build(Compilation compilation, string attributeName, string marker, System.Func<IMethodSymbol, IMethodSymbol, Compilation, bool> matches)
    {
        var index = new Dictionary<IMethodSymbol, IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            // Cheap syntactic filter first: only methods with an attribute that could be DerivativeOf get bound. A method
            // is declared in a type, so the walk does not enter members: it was a twentieth of a fresh run when it read
            // every method body of the project, twice (pullbacks and tangents).
            IEnumerable<MethodDeclarationSyntax> candidates = tree.GetRoot()
                .DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                .OfType<MethodDeclarationSyntax>()
                .Where(m => m.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains(marker)));
            SemanticModel? model = null;
            foreach (MethodDeclarationSyntax candidate in candidates)
            {
                model ??= compilation.GetSemanticModel(tree);
                if (model.GetDeclaredSymbol(candidate) is not IMethodSymbol pullback)
                {
                    continue;
                }

                foreach (AttributeData attribute in pullback.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == attributeName))
                {
                    foreach (IMethodSymbol target in Targets(attribute).Where(t => matches(t, pullback, compilation)))
                    {
                        index[target.OriginalDefinition] = pullback;
                    }
                }
            }
        }

        return index;
    }
}
