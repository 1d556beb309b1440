using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymbolicDiff.Generator.CustomDerivatives;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Incremental;
using SymbolicDiff.Generator.Model;

namespace SymbolicDiff.Generator;

/// <summary>
/// The incremental pipeline: each [Differentiable] method is read into a <see cref="MethodInput"/> (a fingerprint
/// of what its companions depend on), which becomes a <see cref="GeneratedMethod"/> (plain strings and
/// diagnostics, so the cache can compare runs) only when the fingerprint changed; then sources and diagnostics
/// go out separately.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Runs for every method on every edit (the compilation changed), so it only reads a fingerprint and a position...
        IncrementalValuesProvider<(MethodInput Input, MethodPosition? Position)> reads = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "SymbolicDiff.DifferentiableAttribute",
                predicate: static (node, _) => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax,
                transform: static (context, cancellationToken) => CompanionBuilder.Read(context, cancellationToken))
            .WithTrackingName(TrackingNames.MethodInputs);

        // ...and the methods whose fingerprint did not change keep their generated code without running this.
        IncrementalValuesProvider<GeneratedMethod> methods = reads
            .Select(static (read, _) => read.Input)
            .Select(static (input, cancellationToken) => CompanionBuilder.Build(input, cancellationToken))
            .WithTrackingName(TrackingNames.Methods);

        IncrementalValuesProvider<(string MethodId, MethodPosition? Position)> positions = reads.Select(static (read, _) => (read.Input.MethodId, read.Position));

        IncrementalValuesProvider<GeneratedMethod> resolved = methods
            .Collect()
            .Combine(positions.Collect())
            .SelectMany(static (all, _) => FailedCallees.Apply(MovedToTheirPositions(all.Left, all.Right)))
            .WithTrackingName(TrackingNames.Resolved);

        IncrementalValuesProvider<(string HintName, string Source)> sources = resolved
            .Where(static m => m.Source is not null)
            .Select(static (m, _) => (m.HintName, m.Source!))
            .WithTrackingName(TrackingNames.Sources);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = resolved
            .Select(static (m, _) => m.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> pullbackDiagnostics =
            CustomDerivativeChecks(context, CustomDerivativeIndex.AttributeName, PullbackValidator.Validate, TrackingNames.Pullbacks);
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> tangentDiagnostics =
            CustomDerivativeChecks(context, CustomDerivativeIndex.TangentAttributeName, PullbackValidator.ValidateTangent, TrackingNames.Tangents);

        IncrementalValuesProvider<DiagnosticInfo> ignored = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => IgnoredAttributes.IsCandidate(node), static (context, _) => IgnoredAttributes.Check(context))
            .Where(static d => d is not null)
            .Select(static (d, _) => d!)
            .WithTrackingName(TrackingNames.Ignored);

        context.RegisterSourceOutput(ignored, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
        context.RegisterSourceOutput(sources, static (output, source) => output.AddSource(source.HintName, source.Source));
        context.RegisterSourceOutput(pullbackDiagnostics, ReportAll);
        context.RegisterSourceOutput(tangentDiagnostics, ReportAll);
        context.RegisterSourceOutput(diagnostics, ReportAll);
    }

    /// <summary>Each method marked with the custom-derivative attribute <paramref name="attributeName"/>, checked by <paramref name="validate"/>.</summary>
    private static IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> CustomDerivativeChecks(
        IncrementalGeneratorInitializationContext context,
        string attributeName,
        System.Func<GeneratorAttributeSyntaxContext, EquatableArray<DiagnosticInfo>> validate,
        string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(attributeName, predicate: static (node, _) => node is MethodDeclarationSyntax, transform: (marked, _) => validate(marked))
            .WithTrackingName(trackingName);

    /// <summary>Each method's diagnostics moved to where the method is now (both lists come from the same reads, in the same order).</summary>
    private static ImmutableArray<GeneratedMethod> MovedToTheirPositions(ImmutableArray<GeneratedMethod> methods, ImmutableArray<(string MethodId, MethodPosition? Position)> positions) =>
        methods.Select((method, i) => i < positions.Length && positions[i] is (string id, MethodPosition now) && id == method.MethodId ? method.MovedTo(now) : method).ToImmutableArray();

    private static void ReportAll(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
