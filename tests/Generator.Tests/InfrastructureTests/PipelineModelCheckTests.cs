using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SymbolicDiff.Generator.Tests.Infrastructure;
using Xunit.Sdk;

namespace SymbolicDiff.Generator.Tests.InfrastructureTests;

public class PipelineModelCheckTests
{
    sealed record Parameter(string Name, object? Extra);

    sealed record Method(string Name, ImmutableArray<Parameter> Parameters, (int, object?) Pair);

    sealed class Node
    {
        public Node? Next;
    }

    [Fact]
    public void StepNamesAreTheTrackingNames() =>
        Assert.Equal([TrackingNames.MethodInputs, TrackingNames.Methods, TrackingNames.Resolved, TrackingNames.Sources, TrackingNames.Pullbacks, TrackingNames.Tangents, TrackingNames.Ignored, TrackingNames.Diagnostics], PipelineModelCheck.StepNames);

    [Fact]
    public void PlainModelsPass()
    {
        var model = new Method("F", [new Parameter("x", 1.5), new Parameter("w", new[] { "a" })], (1, null));

        Assert.Empty(PipelineModelCheck.Find(model, "model"));
    }

    [Fact]
    public void DefaultImmutableArrayIsNotEnumerated() =>
        Assert.Empty(PipelineModelCheck.Find(new Method("F", default, (0, null)), "model"));

    [Fact]
    public void RoslynObjectsNestedInArraysAndTuplesAreFoundWithTheirPath()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { }");
        var location = Location.Create(tree, new TextSpan(0, 5));
        var model = new Method("F", [new Parameter("x", null), new Parameter("y", location)], (2, tree.GetRoot()));

        var found = PipelineModelCheck.Find(model, "model");

        Assert.Contains(found, f => f.StartsWith("model.Parameters.array[1].Extra: ") && f.EndsWith("is a Location"));
        Assert.Contains(found, f => f.StartsWith("model.Pair.Item2: ") && f.EndsWith("is a SyntaxNode"));
        Assert.Equal(2, found.Count);
    }

    [Fact]
    public void CyclesEnd()
    {
        var node = new Node();
        node.Next = node;

        Assert.Empty(PipelineModelCheck.Find(node, "node"));
    }

    [Fact]
    public void SymbolInAStepOutputFailsTheRun()
    {
        var run = Incrementality.Run("class C { void M() { } }", c => c, TrackedGenerator.WithSymbols());

        var failure = Assert.ThrowsAny<XunitException>(() => PipelineModelCheck.AssertNoRoslynObjects(run.Second));

        Assert.Contains($"{TrackingNames.Methods}[0].Symbol: ", failure.Message);
    }

    [Fact]
    public void NameModelsPassTheRun()
    {
        var run = Incrementality.Run("class C { void M() { } }", c => c, TrackedGenerator.WithNames());

        PipelineModelCheck.AssertNoRoslynObjects(run.Second);
    }

    [Fact]
    public void RunWithoutNamedStepsHasNothingToCheck()
    {
        var result = GeneratorHarness.Run("class C { }", generator: new ReportingGenerator());

        var failure = Assert.ThrowsAny<XunitException>(() => PipelineModelCheck.AssertNoRoslynObjects(result.RunResult));

        Assert.Contains("Nothing to check", failure.Message);
    }
}
