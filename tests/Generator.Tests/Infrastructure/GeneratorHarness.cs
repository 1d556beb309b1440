using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymbolicDiff.Generator;

namespace SymbolicDiff.Generator.Tests.Infrastructure;

/// <summary>Compiles C# source strings and runs the generator on them, as the compiler would in a user's build.</summary>
public static class GeneratorHarness
{
    // Diagnose, not Parse: the generated companions carry XML doc comments, and only this mode
    // reports malformed ones (CS1570, CS1572, CS1573, ...).
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    // CS1591 (missing XML comment) would fire on every public member of every test source;
    // the other documentation warnings stay on. Every warning wave on: the SDK compiles at the
    // level of the target framework's version (/warn:10 for net10.0), not Roslyn's default 4.
    public static readonly CSharpCompilationOptions CompilationOptions =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithWarningLevel(9999)
            .WithSpecificDiagnosticOptions([new KeyValuePair<string, ReportDiagnostic>("CS1591", ReportDiagnostic.Suppress)]);

    public static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location)];

    /// <summary>Runs <see cref="DifferentiableGenerator"/> (or <paramref name="generator"/>) on the sources; fails if the generator threw.</summary>
    /// <param name="parseOptions">The project's language version and the like (<see cref="ParseOptions"/> if null).</param>
    /// <param name="references">The assemblies the project references (<see cref="References"/>, .NET 10, if null).</param>
    /// <param name="options">The project's compilation options (<see cref="CompilationOptions"/> if null).</param>
    public static GeneratorResult Run(string source, string[]? moreSources = null, IIncrementalGenerator? generator = null, CSharpParseOptions? parseOptions = null, IEnumerable<MetadataReference>? references = null, CSharpCompilationOptions? options = null)
    {
        var compilation = CreateCompilation([source, .. moreSources ?? []], parseOptions, references, options);
        var driver = CreateDriver(generator ?? new DifferentiableGenerator(), parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var outputCompilation, out _);
        var run = driver.GetRunResult().Results.Single();
        if (run.Exception is not null)
            Assert.Fail($"The generator threw instead of reporting a diagnostic:\n{run.Exception}");
        return new GeneratorResult(run, outputCompilation);
    }

    /// <summary>A compilation of the sources, named Source0.cs, Source1.cs, ... so locations in messages are readable.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, CSharpParseOptions? parseOptions = null, IEnumerable<MetadataReference>? references = null, CSharpCompilationOptions? options = null) =>
        CSharpCompilation.Create(
            "TestAssembly",
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, parseOptions ?? ParseOptions, path: $"Source{i}.cs")),
            references ?? References,
            options ?? CompilationOptions);

    /// <summary>A driver that records every named pipeline step, for incrementality tests.</summary>
    public static GeneratorDriver CreateDriver(IIncrementalGenerator generator, CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: parseOptions ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
}
