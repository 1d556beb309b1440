using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// Loops written also as <c>Vector256</c> lanes before their scalar loop (issue 9, item 4), and loops the generator must
/// keep scalar because it cannot prove the lanes safe; each compiles with no warning. The numbers (the lanes give the
/// scalar loop's bits) are in Gradients.Tests' VectorLoopTests.
/// </summary>
public class VectorLoopSnapshotTests
{
    private const string Head = "using System;\nusing SymbolicDiff;\npublic static partial class Loops\n{\n";

    private static GeneratorResult Run(string body, CSharpParseOptions? options = null, System.Collections.Generic.IEnumerable<MetadataReference>? references = null)
    {
        var result = GeneratorHarness.Run(Head + body + "\n}\n", parseOptions: options, references: references);
        result.AssertCompilesCleanly();
        Assert.Empty(result.Diagnostics);
        return result;
    }

    private static void Verify(string body, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var result = Run(body);
        Assert.Contains("Vector256.IsHardwareAccelerated", string.Concat(result.GeneratedSources.Values));
        Snapshot.VerifyGenerated(result, testFile, testMethod);
    }

    private static void AssertScalar(string body, CSharpParseOptions? options = null, System.Collections.Generic.IEnumerable<MetadataReference>? references = null) =>
        Assert.DoesNotContain("Vector256", string.Concat(Run(body, options, references).GeneratedSources.Values));

    /// <summary>Eight float lanes; the carried element adjoint shifted by one lane.</summary>
    [Fact]
    public void FloatRosenbrock() => Verify("""
            [Differentiable]
            public static float Rosenbrock(ReadOnlySpan<float> x)
            {
                float s = 0;
                for (int i = 0; i < x.Length - 1; i++)
                {
                    float d = x[i + 1] - x[i] * x[i];
                    float e = 1 - x[i];
                    s += 100 * d * d + e * e;
                }
                return s;
            }
        """);

    /// <summary>
    /// An array, a limit two short of its length, a square root, a quotient, a constant parameter broadcast to the lanes, a sum that
    /// subtracts; the counter the <c>for</c> declared is declared before both loops, in a block of their own.
    /// </summary>
    [Fact]
    public void ArrayWithSquareRootAndQuotient() => Verify("""
            [Differentiable]
            public static double F(double[] x, [NoDiff] double c)
            {
                double s = 0;
                for (int i = 0; i < x.Length - 2; i++)
                {
                    double a = x[i] * c - 0.5;
                    s -= Math.Sqrt(a * a + 1) / (2 + x[i] * x[i]);
                }
                return s;
            }
        """);

    /// <summary>The limit through a local defined as a length, and a start of 1.</summary>
    [Fact]
    public void LengthInALocalAndStartOne() => Verify("""
            [Differentiable]
            public static double F(ReadOnlySpan<double> x)
            {
                int n = x.Length;
                double s = 0;
                for (int i = 1; i < n; i++)
                    s += x[i] * x[i];
                return s;
            }
        """);

    /// <summary>
    /// A read one behind makes the iteration add to the element one behind too (<c>dx[i - 1]</c>): only the element at
    /// the loop's own index (and the next one, carried) may be written by lanes.
    /// </summary>
    [Fact]
    public void AnAdjointOneBehindIsNotVectorized() => AssertScalar("""
            [Differentiable]
            public static double F(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 1; i < x.Length; i++)
                {
                    double a = x[i] - x[i - 1];
                    s += a * a;
                }
                return s;
            }
        """);

    [Fact]
    public void ExpIsNotVectorized() => AssertScalar("""
            [Differentiable]
            public static double F(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                    s += Math.Exp(x[i]);
                return s;
            }
        """);

    /// <summary>x[i + 2] with the loop to x.Length − 1: the last lane could read past the end.</summary>
    [Fact]
    public void AReadPastTheLimitIsNotVectorized() => AssertScalar("""
            [Differentiable]
            public static double F(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < x.Length - 1; i++)
                    s += x[i] * x[i + 2];
                return s;
            }
        """);

    /// <summary>x[i − 1] from i = 0 reads before the start (the scalar loop throws; the lanes must not read).</summary>
    [Fact]
    public void AReadBeforeTheStartIsNotVectorized() => AssertScalar("""
            [Differentiable]
            public static double F(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                    s += x[i] * x[i - 1];
                return s;
            }
        """);

    /// <summary>Another array than the one whose length bounds the loop: its length is not known.</summary>
    [Fact]
    public void AnotherArraysElementsAreNotVectorized() => AssertScalar("""
            [Differentiable]
            public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                    s += x[i] * y[i];
                return s;
            }
        """);

    /// <summary>A limit that is not a length (an int parameter) proves nothing about the elements.</summary>
    [Fact]
    public void AnIntLimitIsNotVectorized() => AssertScalar("""
            [Differentiable]
            public static double F(ReadOnlySpan<double> x, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                    s += x[i] * x[i];
                return s;
            }
        """);

    /// <summary>A running product is not a sum: its lanes would need the previous iteration's value.</summary>
    [Fact]
    public void AProductIsNotVectorized() => AssertScalar("""
            [Differentiable]
            public static double F(ReadOnlySpan<double> x)
            {
                double p = 1;
                for (int i = 0; i < x.Length; i++)
                    p *= x[i];
                return p;
            }
        """);

    /// <summary>The adjoint of a parameter from before the loop is itself a sum across iterations: not planned (yet).</summary>
    [Fact]
    public void AnAdjointFromBeforeTheLoopIsNotVectorized() => AssertScalar("""
            [Differentiable]
            public static double F(ReadOnlySpan<double> x, double c)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                    s += c * x[i];
                return s;
            }
        """);

    [Fact]
    public void AStoreIsNotVectorized() => AssertScalar("""
            [Differentiable]
            public static void F(ReadOnlySpan<double> x, Span<double> y)
            {
                for (int i = 0; i < x.Length; i++)
                    y[i] = x[i] * x[i];
            }
        """);

    private const string SumOfSquares = """
            [Differentiable]
            public static double F(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                    s += x[i] * x[i];
                return s;
            }
        """;

    [Fact]
    public void TheSumOfSquaresIsVectorized() =>
        Assert.Contains("Vector256.IsHardwareAccelerated", string.Concat(Run(SumOfSquares).GeneratedSources.Values));

    /// <summary>C# 8 has no <c>nuint</c>: scalar loops only.</summary>
    [Fact]
    public void CSharp8GetsScalarLoops() => AssertScalar(SumOfSquares, GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp8));

    /// <summary>A compilation without System.Runtime.Intrinsics (netstandard2.0, .NET Framework): scalar loops only.</summary>
    [Fact]
    public void WithoutVector256ScalarLoopsOnly()
    {
        var references = GeneratorHarness.References.Where(r => !(r.Display ?? "").Contains("System.Runtime.Intrinsics")).ToList();
        Assert.Equal(GeneratorHarness.References.Length - 1, references.Count);
        AssertScalar(SumOfSquares, references: references);
    }
}
