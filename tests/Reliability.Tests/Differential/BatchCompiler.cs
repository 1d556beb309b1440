using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator;
using SymbolicDiff.Generator.Tests.Infrastructure;
using SymbolicDiff.Reliability.Tests.Oracle;
using SymbolicDiff.Reliability.Tests.Programs;

namespace SymbolicDiff.Reliability.Tests.Differential;

/// <summary>
/// Compiles a batch of programs with the generator, in memory, as a user's build would, and loads
/// it. A batch is good when the generator neither throws nor reports anything but SDIFF0009, and
/// user plus generated code compile with no error and no warning; otherwise <see cref="Problem"/>
/// says what went wrong (its first line is the failure's class).
/// </summary>
public sealed class BatchCompiler
{
    // the oracle's Dual, the wrappers' Io and the programs' extension members live in this test assembly,
    // which the loaded batch resolves from the default load context
    static readonly MetadataReference TestAssembly = MetadataReference.CreateFromFile(typeof(Dual<>).Assembly.Location);

    /// <summary>What a random program's code compiles against: the harness's references and this test assembly.</summary>
    public static readonly ImmutableArray<MetadataReference> References = [.. GeneratorHarness.References, TestAssembly];

    public sealed record Outcome(InMemoryAssembly? Assembly, string? Problem, string? Kind);

    public static Outcome Compile(IReadOnlyList<RandomProgram> programs)
    {
        var compilation = GeneratorHarness.CreateCompilation([BatchSource.Build(programs)], references: References);
        var driver = GeneratorHarness.CreateDriver(new DifferentiableGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var run = driver.GetRunResult().Results.Single();
        var diagnostics = ImmutableArray<Diagnostic>.Empty;
        var assembly = run.Exception is null ? InMemoryAssembly.TryLoad(output, out diagnostics) : null;
        var problems = diagnostics.Where(IsProblem).ToList();
        var reported = run.Diagnostics.Where(d => d.Id != "SDIFF0009").ToList();
        if (run.Exception is null && reported.Count == 0 && problems.Count == 0)
            return new Outcome(assembly, null, null);
        assembly?.Dispose();

        // something is wrong: first, is it the program's own fault (a bug of the tester)?
        var userAlone = GeneratorHarness.CreateCompilation([BatchSource.Build(programs, withWrappers: false)], references: References);
        var userErrors = userAlone.GetDiagnostics().Where(IsProblem).ToList();
        if (userErrors.Count > 0)
            return Fail("tester: the program does not compile by itself", userErrors, userAlone);
        if (run.Exception is not null)
            return new Outcome(null, $"generator exception\n{run.Exception}", $"generator exception {run.Exception.GetType().Name}");
        if (reported.Count > 0)
            return Fail($"generator reports {reported[0].Id}", reported, output);
        return Fail($"generated code {problems[0].Id}", problems, output,
            "\n\nGenerated sources:\n" + string.Join("\n", run.GeneratedSources.Select(s => $"// ----- {s.HintName}\n{s.SourceText}")));
    }

    // Unreachable code (CS0162) is the program's own style, not a fault: a switch whose sections all
    // return leaves what follows unreachable. The generated files disable that warning, so one that
    // remains is always in the program's text.
    static bool IsProblem(Diagnostic d) => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS0162";

    static Outcome Fail(string kind, IEnumerable<Diagnostic> diagnostics, Compilation compilation, string more = "") =>
        new(null, $"{kind}\n{DiagnosticText.Describe(diagnostics.Take(5), compilation)}{more}", kind);
}
