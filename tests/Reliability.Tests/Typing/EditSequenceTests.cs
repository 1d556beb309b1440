using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymbolicDiff.Generator;
using SymbolicDiff.Generator.Tests.Infrastructure;
using SymbolicDiff.Reliability.Tests.Differential;
using SymbolicDiff.Reliability.Tests.Programs;
using Xunit.Abstractions;

namespace SymbolicDiff.Reliability.Tests.Typing;

/// <summary>
/// An IDE session: one driver runs on every state of a project of several files that use each other (constants, a
/// callee whose body is inlined, a callee whose written span comes from another file's body, a pullback, a partial
/// class across files) while random token edits land anywhere in them, inside bodies and declarations, and files are
/// restored or added, and edits that keep it compiling but change what its methods mean are toggled. After every edit the run's output (sources and diagnostics) must equal a fresh run's on the same
/// text, parsed anew: what the generator keeps between runs (the pipeline's cache, Incremental/ReadCache.cs) must never
/// show a stale answer. 40 sessions of 6 edits by default, SDIFF_EDIT_SESSIONS for a soak; SDIFF_FUZZ_SEED fixes the seed.
/// </summary>
public class EditSequenceTests(ITestOutputHelper output)
{
    const string Library = """
        using System;
        using SymbolicDiff;
        public static partial class Library
        {
            public const double Scale = 2.0;
            [Differentiable] public static double Square(double x) => x * x;
            [Differentiable] public static void Fill(Span<double> a, Span<double> b) { b[0] = a[0] * Scale; }
            [Differentiable] public static double Smooth(double x) { double y = Math.Tanh(x); return y * Scale; }
            public static double Softplus(double x) => Math.Log(1.0 + Math.Exp(x));
            [DerivativeOf(typeof(Library), nameof(Softplus))]
            public static double SoftplusBackward(double x, double seed, ref double dx) { dx += seed / (1.0 + Math.Exp(-x)); return Softplus(x); }
        }
        """;

    const string Users = """
        using System;
        using SymbolicDiff;
        public static partial class Users
        {
            [Differentiable] public static void Pass(Span<double> a, Span<double> b) { Library.Fill(a, b); }
            [Differentiable] public static double F(double x) { double[] u = { x }; double[] v = new double[1]; Pass(u, v); return v[0] + u[0]; }
            [Differentiable] public static double G(double x, double y) => Library.Square(x) + Library.Smooth(y) + Library.Softplus(x * y);
        }
        """;

    const string MoreUsers = """
        using System;
        using SymbolicDiff;
        public static partial class Users
        {
            [Differentiable] public static double H(double x) { double s = 0; for (int i = 0; i < 3; i++) { s += G(x, i) * Library.Scale; } return s; }
            public static double Plain(double x) => x + 1;
        }
        """;

    [Fact]
    public void AfterEveryEditTheRunEqualsAFreshRun()
    {
        var settings = FuzzSettings.FromEnvironment(defaultPrograms: 0);
        int sessions = Environment.GetEnvironmentVariable("SDIFF_EDIT_SESSIONS") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : 40;
        var log = settings.Log(output.WriteLine);
        List<string> failures = [];
        for (int session = 0; session < sessions && failures.Count == 0; session++)
        {
            // a random program as a fourth file, so that the edits also reach loops, arrays and branches
            string[] project = [Library, Users, MoreUsers, BatchSource.UserCode(ProgramCase.Create(settings.Seed, session, Grammar.Ci).Program)];
            var random = new PCG((uint)session, settings.Seed);
            Compilation compilation = GeneratorHarness.CreateCompilation(project, references: BatchCompiler.References);
            GeneratorDriver driver = GeneratorHarness.CreateDriver(new DifferentiableGenerator()).RunGenerators(compilation);
            var start = driver.GetRunResult().Results.Single();
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.Empty(start.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.Equal(["Library.Fill", "Library.Smooth", "Library.Square", "Users.F", "Users.G", "Users.H", "Users.Pass"],
                start.GeneratedSources.Select(s => HintNames.Readable(s.HintName).Replace(".g.cs", "")).Where(name => !name.StartsWith("Repro.", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            List<string> steps = [];
            for (int step = 0; step < 6 && failures.Count == 0; step++)
            {
                (compilation, string said) = Edit(compilation, project, random);
                steps.Add(said);
                driver = driver.RunGenerators(compilation);
                var fresh = GeneratorHarness.CreateDriver(new DifferentiableGenerator()).RunGenerators(Reparsed(compilation));
                if (Difference(fresh.GetRunResult().Results.Single(), driver.GetRunResult().Results.Single()) is { } difference)
                {
                    failures.Add($"seed {settings.Seed}, session {session}, after: {string.Join("; ", steps)}\n{difference}");
                }
            }
        }

        log($"seed {settings.Seed}: {sessions} sessions of 6 edits, {failures.Count} failed");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>
    /// Edits that keep the project compiling and change what its methods mean, each toggled back and forth: a constant,
    /// which span a callee writes, a callee's body, its differentiability, a parameter made [NoDiff], an overload or a
    /// type that changes what a call binds to, a pullback removed.
    /// </summary>
    static readonly (int File, string From, string To)[] Meaningful =
    [
        (0, "Scale = 2.0", "Scale = 5.0"),
        (0, "b[0] = a[0] * Scale;", "a[0] = b[0] * Scale;"),
        (0, "double y = Math.Tanh(x);", "double y = Math.Sin(x) * x;"),
        (0, "[Differentiable] public static double Smooth", "public static double Smooth"),
        (0, "Square(double x) => x * x;", "Square(double x) => x * x * x;"),
        (0, "public static double Softplus(double x)", "public static double Softplus([NoDiff] double x)"),
        (0, "[DerivativeOf(typeof(Library), nameof(Softplus))]", ""),
        (1, "Library.Square(x)", "Library.Square(x + 1)"),
        (2, "public static double Plain(double x) => x + 1;", "public static double Plain(double x) => x + 1; public static double G(double x, int y) => x;"),
        (2, "public static double Plain(double x) => x + 1;", "public static double Plain(double x) => x + 1; } public static class Math { public static double Tanh(double x) => x;"),
    ];

    /// <summary>A token deleted, duplicated or swapped with the next in one file; a meaningful edit toggled; a file restored; or a new file.</summary>
    static (Compilation Edited, string Said) Edit(Compilation compilation, string[] project, PCG random)
    {
        var trees = compilation.SyntaxTrees.ToList();
        int file = (int)random.Next((uint)trees.Count);
        SyntaxTree tree = trees[file];
        switch (random.Next(10))
        {
            case 0 when file < project.Length:
                return (compilation.ReplaceSyntaxTree(tree, Parse(project[file], tree.FilePath)), $"restore {tree.FilePath}");
            case 1:
                string path = $"Added{trees.Count}.cs";
                return (compilation.AddSyntaxTrees(Parse("public static class Added" + trees.Count + " { public const double Scale = 3.0; }", path)), $"add {path}");
            case 2 or 3 or 4:
                var (target, from, to) = Meaningful[random.Next((uint)Meaningful.Length)];
                SyntaxTree edited = trees[target];
                string text = edited.GetText().ToString();
                string toggled = text.Contains(from) ? text.Replace(from, to) : to.Length > 0 && text.Contains(to) ? text.Replace(to, from) : text;
                return (compilation.ReplaceSyntaxTree(edited, Parse(toggled, edited.FilePath)), $"toggle '{from}' / '{to}' in {edited.FilePath}");
        }

        var tokens = tree.GetRoot().DescendantTokens().Select(t => t.ToFullString()).ToList();
        int at = (int)random.Next((uint)tokens.Count);
        string what;
        switch (random.Next(3))
        {
            case 0:
                what = $"delete '{tokens[at].Trim()}'";
                tokens.RemoveAt(at);
                break;
            case 1:
                what = $"duplicate '{tokens[at].Trim()}'";
                tokens.Insert(at, tokens[at]);
                break;
            default:
                int next = (at + 1) % tokens.Count;
                what = $"swap '{tokens[at].Trim()}' and '{tokens[next].Trim()}'";
                (tokens[at], tokens[next]) = (tokens[next], tokens[at]);
                break;
        }

        return (compilation.ReplaceSyntaxTree(tree, Parse(string.Concat(tokens), tree.FilePath)), $"{what} at token {at} of {tree.FilePath}");
    }

    static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path);

    static Compilation Reparsed(Compilation compilation) =>
        compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(tree => Parse(tree.GetText().ToString(), tree.FilePath)));

    static string? Difference(GeneratorRunResult fresh, GeneratorRunResult incremental)
    {
        var expected = fresh.GeneratedSources.Select(s => (s.HintName, Text: s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
        var actual = incremental.GeneratedSources.Select(s => (s.HintName, Text: s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
        if (!expected.SequenceEqual(actual))
        {
            var names = expected.Select(s => s.HintName).Union(actual.Select(s => s.HintName)).Where(name => !expected.Contains(actual.FirstOrDefault(a => a.HintName == name)) || !actual.Contains(expected.FirstOrDefault(e => e.HintName == name)));
            return "sources differ: " + string.Join(", ", names) + "\n"
                + string.Join("\n", names.Take(1).Select(name => $"fresh:\n{expected.FirstOrDefault(e => e.HintName == name).Text}\nincremental:\n{actual.FirstOrDefault(a => a.HintName == name).Text}"));
        }

        var expectedDiagnostics = fresh.Diagnostics.Select(d => d.ToString()).Order(StringComparer.Ordinal).ToList();
        var actualDiagnostics = incremental.Diagnostics.Select(d => d.ToString()).Order(StringComparer.Ordinal).ToList();
        return expectedDiagnostics.SequenceEqual(actualDiagnostics) ? null
            : $"diagnostics differ:\nfresh:\n{string.Join("\n", expectedDiagnostics)}\nincremental:\n{string.Join("\n", actualDiagnostics)}";
    }
}
