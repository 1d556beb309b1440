using Microsoft.CodeAnalysis;

namespace SymbolicDiff.Generator;

/// <summary>The incremental pipeline: find [Differentiable] methods, build their companions, report diagnostics.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
