using System.Linq;
using System.Text.RegularExpressions;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// Which saved values the reverse pass computes again instead of taking from the tape (Rematerialization): an element
/// of a scratch array, overwritten by the next component, read back as the cheap expression its loop stored; declined
/// where the array may have changed since, where a parameter may overlap the output, and where the expression is not
/// cheap. The gradients of these shapes are checked by numbers in Gradients.Tests (Rematerialized.cs).
/// </summary>
public class RematerializationTests
{
    /// <summary>The <c>FBackward</c> of a component loop whose scratch array <c>a</c> is stored by <paramref name="storeLoop"/> and read by a later loop.</summary>
    static string Backward(string stored, string between = "", string storeLoop = "for (int i = 0; i < n; i++)")
    {
        var result = GeneratorHarness.Run($$"""
            using System;
            using SymbolicDiff;
            public static partial class C
            {
                [Differentiable]
                public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> w, int k)
                {
                    int n = x.Length;
                    Span<double> a = stackalloc double[n];
                    double s = 0;
                    for (int c = 0; c < k; c++)
                    {
                        {{storeLoop}}
                        {
                            a[i] = {{stored}};
                        }

                        {{between}}
                        for (int i = 0; i < n; i++)
                        {
                            s += a[i] * a[i] * x[i];
                        }
                    }

                    return s * s;
                }
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        return result.GeneratedSources.Single(s => s.Key.StartsWith("C.F.")).Value;
    }

    static bool Tapes(string code) => Regex.IsMatch(code, @"tape\.(Push|Pop|Reserve|PopSegment)\(");

    [Theory]
    [InlineData("x[i] * w[c * n + i]")]
    [InlineData("x[i] - w[c * n + i]")]
    [InlineData("x[i] / w[c * n + i]")]
    [InlineData("(x[i] + w[c * n + i]) * 0.5")]
    public void CheapExpressionOfParametersIsComputedAgain(string stored)
    {
        string code = Backward(stored);
        Assert.False(Tapes(code), code);
    }

    [Theory]
    [InlineData("Math.Exp(x[i] * w[c * n + i])")] // a call
    [InlineData("x[i] * w[c * n + i] + x[i] * 0.5")] // three operations
    [InlineData("x[i] / w[c * n + i] + 1")] // a division and an addition
    [InlineData("x[i] * w[c * n + i] * x[(i + 1) % n]")] // three element reads
    public void ExpensiveExpressionIsSaved(string stored) => Assert.True(Tapes(Backward(stored)));

    [Theory]
    [InlineData("a[n - 1] = w[c * n] * 3;")] // a store between
    [InlineData("if (w[c] > 0) a[0] = 1;")] // a store under a branch between
    [InlineData("for (int i = 1; i < n; i++) a[i] = a[i - 1] * 0.5;")] // a loop writing it again
    public void ArrayWrittenBetweenIsSaved(string between) => Assert.True(Tapes(Backward("x[i] * w[c * n + i]", between)));

    [Theory]
    [InlineData("for (int i = 1; i < n; i++)")] // the first element is not stored
    [InlineData("for (int i = 0; i < n - 1; i++)")] // nor the last
    public void LoopNotStoringEveryElementIsSaved(string storeLoop) => Assert.True(Tapes(Backward("x[i] * w[c * n + i]", storeLoop: storeLoop)));

    /// <summary>A method that writes an output span reads no parameter's element again: the caller may pass <c>y</c> overlapping <c>x</c>.</summary>
    [Fact]
    public void ParameterThatMayOverlapTheOutputIsNotReadAgain()
    {
        var result = GeneratorHarness.Run("""
            using System;
            using SymbolicDiff;
            public static partial class C
            {
                [Differentiable]
                public static void F(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> y)
                {
                    int n = x.Length;
                    Span<double> a = stackalloc double[n];
                    for (int c = 0; c < y.Length; c++)
                    {
                        for (int i = 0; i < n; i++)
                        {
                            a[i] = x[i] * w[c * n + i];
                        }

                        double s = 0;
                        for (int i = 0; i < n; i++)
                        {
                            s += a[i] * a[i] * w[i];
                        }

                        y[c] = s * s;
                    }
                }
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        Assert.True(Tapes(result.GeneratedSources.Single(s => s.Key.StartsWith("C.F.")).Value));
    }
}
