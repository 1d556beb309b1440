using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymbolicDiff.Generator.CustomDerivatives;
using SymbolicDiff.Generator.Model;

namespace SymbolicDiff.Generator;

/// <summary>
/// The incremental pipeline: each [Differentiable] method becomes a <see cref="GeneratedMethod"/> (plain
/// strings and diagnostics, so the cache can compare runs), then sources and diagnostics go out separately.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<GeneratedMethod> methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "SymbolicDiff.DifferentiableAttribute",
                predicate: static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                transform: static (context, cancellationToken) => CompanionBuilder.Build(context, cancellationToken))
            .WithTrackingName(TrackingNames.Methods);

        IncrementalValuesProvider<GeneratedMethod> resolved = methods
            .Collect()
            .SelectMany(static (all, _) => FailedCallees.Apply(all))
            .WithTrackingName(TrackingNames.Resolved);

        IncrementalValuesProvider<(string HintName, string Source)> sources = resolved
            .Where(static m => m.Source is not null)
            .Select(static (m, _) => (m.HintName, m.Source!))
            .WithTrackingName(TrackingNames.Sources);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = resolved
            .Select(static (m, _) => m.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> pullbackDiagnostics = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                CustomDerivativeIndex.AttributeName,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (context, _) => PullbackValidator.Validate(context))
            .WithTrackingName(TrackingNames.Pullbacks);

        context.RegisterSourceOutput(sources, static (output, source) => output.AddSource(source.HintName, source.Source));
        context.RegisterSourceOutput(pullbackDiagnostics, ReportAll);
        context.RegisterSourceOutput(diagnostics, ReportAll);
    }

    private static void ReportAll(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
