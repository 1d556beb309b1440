using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>Loops and arrays that cannot (yet) be differentiated: an error at the exact construct, and no generated source.</summary>
public class LoopDiagnosticTests
{
    static Diagnostic Expect(string method, string id, string text)
    {
        var result = GeneratorHarness.Run("using System;\nusing SymbolicDiff;\npublic static partial class C\n{\n    " + method + "\n}\n");
        Assert.Equal([(id, text)], result.DiagnosticsWithText());
        var diagnostic = result.Diagnostics.Single();
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Empty(result.GeneratedSources);
        return diagnostic;
    }

    [Fact]
    public void ArraysSwappedInsideALoop()
    {
        var d = Expect(
            "[Differentiable] public static double F(double[] u, int steps) { double[] cur = new double[u.Length]; double[] next = new double[u.Length]; "
            + "for (int s = 0; s < steps; s++) { for (int i = 0; i < u.Length; i++) next[i] = cur[i] + u[i]; double[] t = cur; cur = next; next = t; } return cur[0]; }",
            "SDIFF0005", "cur = next");
        Assert.Contains("double buffering", d.GetMessage());
    }

    /// <summary>The same double buffering written as a deconstruction (a silent wrong gradient if the loop's check missed it).</summary>
    [Fact]
    public void ArraysSwappedByADeconstructionInsideALoop()
    {
        var d = Expect(
            "[Differentiable] public static double F(double[] u, int steps) { double[] cur = new double[u.Length]; double[] next = new double[u.Length]; "
            + "for (int s = 0; s < steps; s++) { for (int i = 0; i < u.Length; i++) next[i] = cur[i] + u[i]; (cur, next) = (next, cur); } return cur[0]; }",
            "SDIFF0005", "(cur, next) = (next, cur)");
        Assert.Contains("double buffering", d.GetMessage());
    }

    [Theory]
    [InlineData("new double[3]", "double[] a = new double[3];")]
    [InlineData("stackalloc double[3]", "Span<double> a = stackalloc double[3];")]
    [InlineData("{ x, x }", "double[] a = { x, x };")]
    public void ArrayCreatedInsideALoop(string creation, string declaration)
    {
        var d = Expect(
            $"[Differentiable] public static double F(double x) {{ double s = 0; for (int i = 0; i < 3; i++) {{ {declaration} a[0] = x; s += a[0] * a[1 % a.Length]; }} return s; }}",
            "SDIFF0006", creation);
        Assert.Contains("create it once at the top of the method", d.GetMessage());
    }

    [Fact]
    public void ArrayCreatedInsideAWhileInsideABranch() => Expect(
        "[Differentiable] public static double F(double x, int n) { double s = 0; if (n > 0) { int k = 0; while (k < n) { var a = new double[n]; a[k] = x; s += a[k]; k++; } } return s; }",
        "SDIFF0006", "new double[n]");

    /// <summary>Today an error at the written element; vector-valued methods (issue 3) will change this.</summary>
    [Theory]
    [InlineData("double[] w")]
    [InlineData("Span<double> w")]
    public void WritingAnElementOfAParameterArray(string parameter)
    {
        // Only a void (vector-valued) method writes its spans; reported once, at the parameter.
        var d = Expect(
            $"[Differentiable] public static double F(double x, {parameter}) {{ w[0] = x; return w[0] * x; }}",
            "SDIFF0010", "w");
        Assert.Contains("only a void method", d.GetMessage());
    }

    [Fact]
    public void CompoundWriteToAParameterArrayInsideALoop() => Expect(
        "[Differentiable] public static double F(double x, double[] w) { double s = 0; for (int i = 0; i < w.Length; i++) { w[i] += x; s += w[i]; } return s; }",
        "SDIFF0010", "w");

    [Fact]
    public void TwoDimensionalArrayParameter()
    {
        var d = Expect(
            "[Differentiable] public static double F(double[,] w, double x) { double s = 0; for (int i = 0; i < w.GetLength(0); i++) s += w[i, 0] * x; return s; }",
            "SDIFF0002", "w");
        Assert.Contains("only one-dimensional arrays are differentiated", d.GetMessage());
    }
}
