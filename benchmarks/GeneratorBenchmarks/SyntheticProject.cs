using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SymbolicDiff.GeneratorBenchmarks;

/// <summary>
/// The synthetic project of scripts/synthetic-project.py (N [Differentiable] methods of about 22 statements,
/// ten per class, each calling the one before it), parsed into an in-memory compilation.
/// </summary>
public static class SyntheticProject
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location)];

    /// <summary>The project's sources, written by the script into a fresh temporary folder.</summary>
    public static IReadOnlyList<(string Path, string Text)> Sources(int methods)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"sdiff-synthetic-{methods}-{Environment.ProcessId}");
        var script = new ProcessStartInfo("python3", [Path.Combine(RepositoryRoot(), "scripts", "synthetic-project.py"), folder, "--methods", methods.ToString()]);
        using (Process process = Process.Start(script)!)
        {
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"scripts/synthetic-project.py failed with exit code {process.ExitCode}");
        }

        var sources = Directory.GetFiles(folder, "*.cs").Order(StringComparer.Ordinal).Select(p => (Path.GetFileName(p), File.ReadAllText(p))).ToList();
        Directory.Delete(folder, recursive: true);
        return sources;
    }

    public static CSharpCompilation Compilation(IEnumerable<(string Path, string Text)> sources) =>
        CSharpCompilation.Create(
            "Synthetic",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>The compilation with one more file that no [Differentiable] method uses (numbered: a file an earlier run has not seen).</summary>
    public static Compilation WithUnrelatedFile(Compilation compilation, int number = 0) =>
        compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText($"public static class Unrelated{number} {{ public static int Value => 42; }}", ParseOptions, path: $"Unrelated{number}.cs"));

    /// <summary>
    /// The compilation with one character typed inside a method body (the first method of the first class file, whose
    /// other methods and callers share its file): a keystroke in the IDE, which leaves every file's declarations as they were.
    /// </summary>
    public static Compilation WithKeystroke(Compilation compilation)
    {
        SyntaxTree tree = compilation.SyntaxTrees.First(t => t.FilePath.EndsWith("C0.cs", StringComparison.Ordinal));
        string text = tree.GetText().ToString();
        int at = text.IndexOf("double s = 0;", StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(at, "double s = 0;".Length, "double s = 0.0;")));
    }

    public static GeneratorDriver Driver(bool trackSteps = false) => Driver(new Generator.DifferentiableGenerator(), trackSteps);

    /// <summary>A driver of <see cref="RoslynShare"/>: Roslyn's part of a run alone.</summary>
    public static GeneratorDriver RoslynShareDriver() => Driver(new RoslynShare(), trackSteps: false);

    static GeneratorDriver Driver(IIncrementalGenerator generator, bool trackSteps) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackSteps));

    static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SymbolicDiff.sln")))
                return folder.FullName;
        }

        throw new InvalidOperationException("SymbolicDiff.sln not found above " + AppContext.BaseDirectory);
    }
}
