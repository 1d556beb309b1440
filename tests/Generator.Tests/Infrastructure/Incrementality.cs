using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SymbolicDiff.Generator.Tests.Infrastructure;

/// <summary>
/// Runs the generator, edits the compilation, and runs the same driver again, so a test can see
/// which pipeline steps the edit made the generator redo.
/// </summary>
public static class Incrementality
{
    public static IncrementalRun Run(string source, Func<Compilation, Compilation> edit, IIncrementalGenerator? generator = null)
    {
        Compilation compilation = GeneratorHarness.CreateCompilation([source]);
        var driver = GeneratorHarness.CreateDriver(generator ?? new DifferentiableGenerator()).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        var second = driver.RunGenerators(edit(compilation)).GetRunResult().Results.Single();
        return new IncrementalRun(first, second);
    }

    /// <summary>An edit that adds a new file, e.g. an unrelated type.</summary>
    public static Func<Compilation, Compilation> AddSource(string source) =>
        compilation => compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: $"Source{compilation.SyntaxTrees.Count()}.cs"));

    /// <summary>An edit that replaces the text of the first file (the one given to <see cref="Run"/>).</summary>
    public static Func<Compilation, Compilation> ReplaceSource(string source) =>
        compilation =>
        {
            var old = compilation.SyntaxTrees.First();
            return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path: old.FilePath));
        };
}
