using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymbolicDiff.GeneratorBenchmarks;

/// <summary>
/// What Roslyn itself costs the generator per method, with nothing of SymbolicDiff's own: find each [Differentiable]
/// method and bind its body (<c>GetOperation</c>, which the generator parses). A fresh run of this is the floor under
/// the generator's fresh run. (The generator asks for the compiler's errors in a method only where there is a reason,
/// a diagnostic of its own or a sign of an error, so the synthetic project's methods never pay for that.)
/// </summary>
/// <remarks>
/// Driven in process only, never loaded by a compiler (so no [Generator] attribute, and no need for the analyzer
/// assembly rules RS1036 asks for).
/// </remarks>
#pragma warning disable RS1036
public sealed class RoslynShare : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<bool> checkedMethods = context.SyntaxProvider.ForAttributeWithMetadataName(
            "SymbolicDiff.DifferentiableAttribute",
            predicate: static (node, _) => node is MethodDeclarationSyntax,
            transform: static (marked, cancellationToken) => marked.SemanticModel.GetOperation(marked.TargetNode, cancellationToken) is not null);
        context.RegisterSourceOutput(checkedMethods.Collect(), static (_, _) => { });
    }
}
#pragma warning restore RS1036
