using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymbolicDiff.Generator.Incremental;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// The compiler server, which runs <c>dotnet build</c> unless told not to, keeps the generator loaded (and its
/// driver) from one build to the next. Each build is a new compilation of files parsed anew, with the command-line
/// compiler's options, whose metadata resolver throws NotImplementedException from Equals. The generator compared a
/// build's options with the last build's and threw: every method of a project's second build got SDIFF0008
/// (scripts/package-test.sh builds a consumer twice in the real server).
/// </summary>
public class CompilerServerTests
{
    const string Source = """
        using System;
        using SymbolicDiff;
        public static partial class Model
        {
            [Differentiable] public static double F(double x, double y) => Math.Exp(x) * y + G(x);
            [Differentiable] public static double G(double x) { double s = x * x; return s * x; }
        }
        """;

    /// <summary>As the command-line compiler's resolver: resolves nothing asked here, and cannot be compared.</summary>
    sealed class CommandLineResolver : MetadataReferenceResolver
    {
        public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) => [];

        public override bool Equals(object? other) => throw new NotImplementedException();

        public override int GetHashCode() => throw new NotImplementedException();
    }

    /// <summary>One build: the files parsed anew, the options with a resolver of its own.</summary>
    static Compilation Build(bool checkOverflow = false) =>
        GeneratorHarness.CreateCompilation([Source], options: GeneratorHarness.CompilationOptions.WithOverflowChecks(checkOverflow).WithMetadataReferenceResolver(new CommandLineResolver()));

    [Fact]
    public void ASecondBuildInTheSameProcessGetsTheFirstBuildsOutput()
    {
        Compilation first = Build();
        GeneratorDriver driver = GeneratorHarness.CreateDriver(new DifferentiableGenerator()).RunGenerators(first);
        GeneratorRunResult firstRun = driver.GetRunResult().Results.Single();
        Assert.Empty(firstRun.Diagnostics);
        Assert.NotEmpty(firstRun.GeneratedSources);

        // The server's driver cache keeps the driver; a build it does not find gets a new one. Both, twice each.
        for (int build = 0; build < 2; build++)
        {
            foreach (GeneratorDriver builds in new[] { driver, GeneratorHarness.CreateDriver(new DifferentiableGenerator()) })
            {
                GeneratorRunResult run = builds.RunGenerators(Build()).GetRunResult().Results.Single();
                Assert.Empty(run.Diagnostics);
                Assert.Equal(
                    firstRun.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())),
                    run.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
            }
        }
    }

    /// <summary>
    /// With <c>&lt;Features&gt;enable-generator-cache&lt;/Features&gt;</c> (README) the server keeps the driver, and each build
    /// parses every file anew, edited or not: after each edit of a callee (its inlined body, its body's loop, its
    /// signature) the kept driver's output equals a fresh run's.
    /// </summary>
    [Theory]
    [InlineData("=> a * a;", "=> a * Math.Sin(a);")]
    [InlineData("{ double s = 0; for (int i = 0; i < 3; i++) s += a * i; return s; }", "{ double s = 1; for (int i = 0; i < 2; i++) s *= a + i; return s; }")]
    [InlineData("=> a * a;", "=> (double)(float)a;")]
    public void EveryBuildOfAKeptDriverEqualsAFreshRun(string before, string after)
    {
        string callee = "using System;\nusing SymbolicDiff;\npublic static partial class Lib { [Differentiable] public static double G(double a) BODY }";
        string caller = "using SymbolicDiff;\npublic static partial class App { [Differentiable] public static double F(double x) => Lib.G(x) * x + Lib.G(x * x); }";
        Compilation Build(string body) => GeneratorHarness.CreateCompilation([callee.Replace("BODY", body), caller],
            options: GeneratorHarness.CompilationOptions.WithMetadataReferenceResolver(new CommandLineResolver()));

        GeneratorDriver kept = GeneratorHarness.CreateDriver(new DifferentiableGenerator()).RunGenerators(Build(before));
        foreach (string body in new[] { after, before, after })
        {
            kept = kept.RunGenerators(Build(body));
            GeneratorRunResult fresh = GeneratorHarness.CreateDriver(new DifferentiableGenerator()).RunGenerators(Build(body)).GetRunResult().Results.Single();
            GeneratorRunResult run = kept.GetRunResult().Results.Single();
            Assert.Empty(run.Diagnostics);
            Assert.Equal(fresh.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())), run.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
        }
    }

    /// <summary>
    /// The comparison itself, apart from which compilation another test's thread made last: two builds of the same
    /// files are the same declarations (the resolver binds nothing in a method), and a changed option that binds is not.
    /// </summary>
    [Fact]
    public void BuildsOfTheSameFilesAreTheSameDeclarationsWhateverTheirResolvers()
    {
        Compilation first = Build();
        Assert.True(Declarations.Of(first).SameAs(Declarations.Of(Build())));
        Assert.False(Declarations.Of(first).SameAs(Declarations.Of(Build(checkOverflow: true))));
    }
}
