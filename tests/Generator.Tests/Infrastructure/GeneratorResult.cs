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

    /// <summary>
    /// Fails, listing every diagnostic and the generated text, unless the generator reported no error and no warning and the
    /// output compilation has none either. (The generator's diagnostics count: a method it refused has no generated code,
    /// so the compilation alone would pass.)
    /// </summary>
    public void AssertCompilesCleanly() => AssertNoProblems(Diagnostics.Concat(OutputProblems()), "The generator and the output compilation have");

    /// <summary>
    /// For a test that has checked the generator's diagnostics itself (an expected error or SDIFF0009): fails unless the
    /// output compilation, the user's code and whatever was generated, has no error and no warning.
    /// </summary>
    public void AssertOutputCompilesCleanly() => AssertNoProblems(OutputProblems(), "The output compilation has");

    private IEnumerable<Diagnostic> OutputProblems() => CompilationDiagnostics.Concat(WithNullableWarningsInGeneratedCode().GetDiagnostics());

    private void AssertNoProblems(IEnumerable<Diagnostic> diagnostics, string who)
    {
        var problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Distinct().ToList();
        if (problems.Count == 0)
            return;
        var generated = GeneratedSources.Select(s => $"// ----- {s.Key}\n{s.Value}");
        Assert.Fail($"{who} {problems.Count} error(s)/warning(s):\n"
            + DiagnosticText.Describe(problems, OutputCompilation)
            + "\n\nGenerated sources:\n" + (GeneratedSources.Count == 0 ? "(none)" : string.Join("\n", generated)));
    }

    /// <summary>
    /// The output compilation with the generated files' nullable warnings on (<c>#nullable enable</c>, where they have
    /// <c>#nullable enable annotations</c>, and a generated file's warnings are off): the generator spares the user's
    /// build the nullable analysis of its code, and the tests still hold that code to it.
    /// </summary>
    private Compilation WithNullableWarningsInGeneratedCode()
    {
        Compilation compilation = OutputCompilation;
        foreach (GeneratedSourceResult source in RunResult.GeneratedSources)
        {
            SyntaxTree tree = source.SyntaxTree;
            string text = tree.GetText().ToString();
            string analysed = text.Replace("#nullable enable annotations\n", "#nullable enable\n");
            Assert.NotEqual(text, analysed); // every generated file has the line
            compilation = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(analysed, tree.GetText().Encoding)));
        }

        return compilation;
    }

    /// <summary>Emits the output compilation and loads it in a collectible context; fails on emit errors.</summary>
    public InMemoryAssembly EmitAndLoad() => InMemoryAssembly.Load(OutputCompilation);
}
