using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Tests.Infrastructure;
using Xunit.Sdk;

namespace SymbolicDiff.Generator.Tests.InfrastructureTests;

public class GeneratorHarnessTests
{
    [Fact]
    public void CleanUserCodeCompilesCleanly() =>
        GeneratorHarness.Run("public static class C { public static double F(double x) => x * x; }").AssertCompilesCleanly();

    [Fact]
    public void WarningInUserCodeFailsAssertCompilesCleanly()
    {
        var result = GeneratorHarness.Run("public static class C { public static void F() { int unused; } }");

        var failure = Assert.ThrowsAny<XunitException>(result.AssertCompilesCleanly);

        Assert.Contains("Source0.cs(1,54): warning CS0168", failure.Message);
        Assert.Contains("at `unused`", failure.Message);
    }

    [Fact]
    public void NullableWarningFailsAssertCompilesCleanly()
    {
        var result = GeneratorHarness.Run("public static class C { public static string F() => null; }");

        var failure = Assert.ThrowsAny<XunitException>(result.AssertCompilesCleanly);

        Assert.Contains("CS8603", failure.Message);
    }

    [Fact]
    public void ErrorInUserCodeFailsAssertCompilesCleanly()
    {
        var result = GeneratorHarness.Run("public static class C { public static int F() => \"text\"; }");

        var failure = Assert.ThrowsAny<XunitException>(result.AssertCompilesCleanly);

        Assert.Contains("error CS0029", failure.Message);
    }

    [Fact]
    public void MalformedDocCommentIsReported()
    {
        var result = GeneratorHarness.Run("public static class C { /// <summary>unclosed\n public static void F() { } }");

        Assert.Contains(result.CompilationDiagnostics, d => d.Id == "CS1570");
    }

    [Fact]
    public void RuntimeAttributesAndLatestLanguageAreAvailable()
    {
        // `params ReadOnlySpan<T>` is C# 13, the latest language of Roslyn 4.14
        var result = GeneratorHarness.Run("""
            using System;
            using SymbolicDiff;
            public partial class C
            {
                public static int Count(params ReadOnlySpan<double> xs) => xs.Length;
                [Differentiable] public static double F(double x, [NoDiff] double k) => k * x;
            }
            """);

        result.AssertCompilesCleanly();
    }

    [Fact]
    public void GeneratorExceptionFailsTheRun()
    {
        var failure = Assert.ThrowsAny<XunitException>(() => GeneratorHarness.Run("class C { }", generator: new ThrowingGenerator()));

        Assert.Contains("The generator threw", failure.Message);
        Assert.Contains(ThrowingGenerator.Message, failure.Message);
    }

    [Fact]
    public void GeneratedSourcesAndDiagnosticsAreReturnedWithTheirText()
    {
        var result = GeneratorHarness.Run("class C { void Target() { } }", generator: new ReportingGenerator());

        Assert.Equal([ReportingGenerator.HintName], result.GeneratedSources.Keys);
        Assert.Equal(ReportingGenerator.Source, result.GeneratedSources[ReportingGenerator.HintName]);
        Assert.Equal([("TEST0001", "Target")], result.DiagnosticsWithText());
        Assert.Equal(DiagnosticSeverity.Warning, result.Diagnostics.Single().Severity);
    }

    [Fact]
    public void DiagnosticTextIsFoundForLocationsRebuiltFromPlainValues()
    {
        var result = GeneratorHarness.Run("class C { }", ["class D { void Target() { } }"], new PlainLocationGenerator());

        Assert.Null(result.Diagnostics.Single().Location.SourceTree);
        Assert.Equal([("TEST0002", "Target")], result.DiagnosticsWithText());
    }
}
