using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>The real generator's pipeline after edits: unrelated edits are cached, edits of a [Differentiable] method are seen.</summary>
public class IncrementalityTests
{
    const string Differentiable = """
        using System;
        using SymbolicDiff;
        public static partial class Model
        {
            [Differentiable] public static double F(double x, double y) => (x + y) * x;
            [Differentiable] public static double Bad(double x) => double.MultiplyAddEstimate(x, 2.0, 1.0);
            public static double NotDifferentiable(double x) => x + 1;
        }
        """;

    const string OtherFile = """
        public static class Other
        {
            public static double Helper(double x) => x * 2;
        }
        """;

    static readonly string[] Steps = [TrackingNames.Methods, TrackingNames.Resolved, TrackingNames.Sources, TrackingNames.Diagnostics];

    /// <summary>Runs the generator on <paramref name="sources"/>, replaces file <paramref name="index"/> with <paramref name="edited"/>, runs the same driver again.</summary>
    static IncrementalRun RunWithEdit(string[] sources, int index, string edited)
    {
        Compilation compilation = GeneratorHarness.CreateCompilation(sources);
        var driver = GeneratorHarness.CreateDriver(new DifferentiableGenerator()).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        var old = compilation.SyntaxTrees.ElementAt(index);
        var next = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, path: old.FilePath));
        driver = driver.RunGenerators(next);
        return new IncrementalRun(first, driver.GetRunResult().Results.Single());
    }

    [Fact]
    public void AddingAnUnrelatedFileKeepsEveryStepCached()
    {
        var run = Incrementality.Run(Differentiable, Incrementality.AddSource("public class Unrelated { public int Value => 42; }"));

        foreach (var step in Steps)
            run.AssertCachedOrUnchanged(step);
        Assert.All(run.Reasons(WellKnownGeneratorOutputs.SourceOutput), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        PipelineModelCheck.AssertNoRoslynObjects(run.First);
        PipelineModelCheck.AssertNoRoslynObjects(run.Second);
    }

    [Fact]
    public void EditingAMethodBodyInAnotherFileKeepsEveryStepCached()
    {
        var run = RunWithEdit([Differentiable, OtherFile], 1, OtherFile.Replace("x * 2", "x * 3 + 1"));

        foreach (var step in Steps)
            run.AssertCachedOrUnchanged(step);
        PipelineModelCheck.AssertNoRoslynObjects(run.Second);
    }

    [Fact]
    public void EditingAnotherMethodInTheSameFileLeavesTheOutputsUnchanged()
    {
        var run = RunWithEdit([Differentiable], 0, Differentiable.Replace("x + 1;", "x + 2;"));

        foreach (var step in Steps)
            run.AssertCachedOrUnchanged(step);
    }

    [Fact]
    public void EditingTheDifferentiableMethodBodyModifiesItsOutputs()
    {
        var run = RunWithEdit([Differentiable], 0, Differentiable.Replace("(x + y) * x", "(x - y) * x"));

        Assert.Contains(IncrementalStepRunReason.Modified, run.Reasons(TrackingNames.Methods));
        Assert.Contains(IncrementalStepRunReason.Modified, run.Reasons(TrackingNames.Sources));
        // the method with the diagnostic did not change
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, run.Reasons(TrackingNames.Diagnostics));
        PipelineModelCheck.AssertNoRoslynObjects(run.Second);
    }

    [Fact]
    public void FixingAnErrorModifiesTheDiagnosticsAndAddsTheSource()
    {
        var run = RunWithEdit([Differentiable], 0, Differentiable.Replace("double.MultiplyAddEstimate(x, 2.0, 1.0)", "Math.Exp(x)"));

        Assert.Contains(IncrementalStepRunReason.Modified, run.Reasons(TrackingNames.Diagnostics));
        Assert.Empty(run.Second.Diagnostics);
        Assert.Equal(["Model.Bad.g.cs", "Model.F.g.cs"], run.Second.GeneratedSources.Select(s => HintNames.Readable(s.HintName)).Order());
    }

    [Fact]
    public void RemovingDifferentiableFromACalleeInAnotherFileIsSeenByTheCaller()
    {
        const string callee = "using SymbolicDiff; public static partial class Callee { [Differentiable] public static double G(double x) => x * x; }";
        const string caller = "using SymbolicDiff; public static partial class Caller { [Differentiable] public static double F(double x) => Callee.G(x) + x; }";

        var run = RunWithEdit([caller, callee], 1, callee.Replace("[Differentiable] ", ""));

        var diagnostic = Assert.Single(run.Second.Diagnostics);
        Assert.Equal("SDIFF0004", diagnostic.Id);
        Assert.Equal("Source0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(caller.IndexOf("Callee.G(x)"), diagnostic.Location.SourceSpan.Start);
        Assert.Empty(run.Second.GeneratedSources);
    }
}
