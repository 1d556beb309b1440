using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Tests.Infrastructure;
using Xunit.Sdk;

namespace SymbolicDiff.Generator.Tests.InfrastructureTests;

public class IncrementalityTests
{
    const string Source = "public static class C { public static double F(double x) => x; }";
    static readonly System.Func<Compilation, Compilation> UnrelatedEdit = Incrementality.AddSource("public class Unrelated { }");

    [Fact]
    public void NameModelsAreCachedAfterAnUnrelatedEdit()
    {
        var run = Incrementality.Run(Source, UnrelatedEdit, TrackedGenerator.WithNames());

        run.AssertCachedOrUnchanged(TrackingNames.Methods);
        run.AssertCachedOrUnchanged(TrackingNames.Sources);
        Assert.All(run.Reasons(WellKnownGeneratorOutputs.SourceOutput), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void SymbolModelsAreRecomputedAfterAnUnrelatedEdit()
    {
        var run = Incrementality.Run(Source, UnrelatedEdit, TrackedGenerator.WithSymbols());

        var failure = Assert.ThrowsAny<XunitException>(() => run.AssertCachedOrUnchanged(TrackingNames.Methods));

        Assert.Contains("Modified", failure.Message);
    }

    [Fact]
    public void EditingTheMethodIsSeen()
    {
        var run = Incrementality.Run(Source, Incrementality.ReplaceSource(Source.Replace(" F(", " G(")), TrackedGenerator.WithNames());

        Assert.Contains(IncrementalStepRunReason.Modified, run.Reasons(TrackingNames.Methods));
        Assert.ThrowsAny<XunitException>(() => run.AssertCachedOrUnchanged(TrackingNames.Sources));
    }

    [Fact]
    public void StepWithoutOutputsFailsTheAssertion()
    {
        var run = Incrementality.Run(Source, UnrelatedEdit, TrackedGenerator.WithNames());

        var failure = Assert.ThrowsAny<XunitException>(() => run.AssertCachedOrUnchanged(TrackingNames.Diagnostics));

        Assert.Contains(TrackingNames.Methods, failure.Message);
    }

    [Fact]
    public void FirstRunIsKept()
    {
        var run = Incrementality.Run(Source, UnrelatedEdit, TrackedGenerator.WithNames());

        Assert.Equal(IncrementalStepRunReason.New, run.First.TrackedSteps[TrackingNames.Methods].Single().Outputs.Single().Reason);
    }
}
