using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SymbolicDiff.Generator.Tests.Infrastructure;

/// <summary>What one generator run produced, and the compilation of user code plus generated code.</summary>
public sealed record GeneratorResult(GeneratorRunResult RunResult, Compilation OutputCompilation)
{
    /// <summary>Generated text by hint name.</summary>
    public IReadOnlyDictionary<string, string> GeneratedSources { get; } =
        RunResult.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>The diagnostics the generator reported (SDIFF....).</summary>
    public ImmutableArray<Diagnostic> Diagnostics => RunResult.Diagnostics;

    /// <summary>The compiler's diagnostics for user code plus generated code.</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics { get; } = OutputCompilation.GetDiagnostics();

    /// <summary>Each generator diagnostic as (id, source text it points at), for one-line assertions.</summary>
    public IReadOnlyList<(string Id, string Text)> DiagnosticsWithText() =>
        [.. Diagnostics.Select(d => (d.Id, d.TextAt(OutputCompilation)))];

    /// <summary>Fails, listing every diagnostic and the generated text, unless the output compilation has no error and no warning.</summary>
    public void AssertCompilesCleanly()
    {
        var problems = CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count == 0)
            return;
        var generated = GeneratedSources.Select(s => $"// ----- {s.Key}\n{s.Value}");
        Assert.Fail($"The output compilation has {problems.Count} error(s)/warning(s):\n"
            + DiagnosticText.Describe(problems, OutputCompilation)
            + "\n\nGenerated sources:\n" + (GeneratedSources.Count == 0 ? "(none)" : string.Join("\n", generated)));
    }

    /// <summary>Emits the output compilation and loads it in a collectible context; fails on emit errors.</summary>
    public InMemoryAssembly EmitAndLoad() => InMemoryAssembly.Load(OutputCompilation);
}
