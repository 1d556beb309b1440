using System;
using System.Collections.Generic;
using System.Linq;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// F68, LINQ's sum and mean of a differentiable array, <c>w.Sum()</c>, <c>w.Average()</c>, <c>Enumerable.Sum(w)</c>: each was
/// SDIFF0006 (the array converted to IEnumerable). Each is now the loop one writes by hand, adding in LINQ's order.
/// </summary>
public static partial class Sums
{
    /// <summary>The sample variance of w·x about its mean, plus the sum of w.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Variance(double[] w, double x)
    {
        double[] t = new double[w.Length];
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = w[i] * x;
        }

        double mean = t.Average();
        double v = 0;
        foreach (double e in t)
        {
            v += (e - mean) * (e - mean);
        }

        return v / (t.Length - 1) + Enumerable.Sum(w);
    }

    /// <summary>Softmax's normalizer through LINQ: the log of the sum of exponentials, a sum in a loop (one per row).</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double RowLogSums(double[] w, int rows)
    {
        int n = w.Length / rows;
        double[] e = new double[n];
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < n; j++)
            {
                e[j] = Math.Exp(w[r * n + j]);
            }

            total += Math.Log(e.Sum());
        }

        return total;
    }

    /// <summary>A float sum (LINQ adds floats in double) times a float mean.</summary>
    [Differentiable]
    public static float FloatProduct(float[] w) => w.Sum() * w.Average();
}

public class SumTests
{
    public static IEnumerable<object[]> Methods() =>
        new EveryMode[]
        {
            new("Variance", 5, p => Sums.Variance(p[..4], p[4]),
                p => { double[] g = new double[5]; return (Sums.VarianceGradient(p[..4], p[4], g.AsSpan(0, 4), out g[4]), g); },
                (p, v) => (Sums.VarianceTangent(p[..4], p[4], v[..4], v[4], out var t), t),
                (p, g, h) => Sums.VarianceHessian(p[..4], p[4], g, h)),
            new("RowLogSums", 6, p => Sums.RowLogSums(p, 2),
                p => { double[] g = new double[6]; return (Sums.RowLogSumsGradient(p, 2, g), g); },
                (p, v) => (Sums.RowLogSumsTangent(p, 2, v, out var t), t),
                (p, g, h) => Sums.RowLogSumsHessian(p, 2, g, h)),
        }.Select(m => new object[] { m });

    /// <summary>Gradient against central differences, tangent against gradient·v and differences, Hessian rows against differences of the gradient.</summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public void MatchesDifferencesInEveryMode(EveryMode method) => method.Sample(-1.5, 1.5);

    /// <summary>
    /// w = (1, 2, 3, 6), x = 1: mean 3, v = (4 + 1 + 0 + 9) / 3 = 14/3, plus Σw = 12. ∂/∂w_i = 2x(t_i − mean)/3 + 1 (the mean's
    /// own term sums to 0), ∂/∂x = Σ 2(t_i − mean)·w_i / 3. The value is LINQ's to the last bit.
    /// </summary>
    [Fact]
    public void Variance_KnownValues()
    {
        double[] w = [1, 2, 3, 6], dw = new double[4];
        double value = Sums.VarianceGradient(w, 1, dw, out double dx);
        Assert.Equal(Sums.Variance(w, 1), value);
        Close(14.0 / 3 + 12, value);
        Agree([2 * -2 / 3.0 + 1, 2 * -1 / 3.0 + 1, 1, 2 * 3 / 3.0 + 1], dw, 1e-12);
        Close((2 * -2 * 1 + 2 * -1 * 2 + 0 + 2 * 3 * 6) / 3.0, dx);
    }

    /// <summary>The mean of no elements throws as LINQ's does, where dividing the empty sum would give NaN.</summary>
    [Fact]
    public void Variance_OfNoElementsThrowsAsLinqDoes()
    {
        Assert.Throws<InvalidOperationException>(() => Sums.Variance([], 1));
        Assert.Throws<InvalidOperationException>(() => Sums.VarianceGradient([], 1, [], out _));
    }

    /// <summary>w = (1, 2, 3): 6 · 2 = 12; ∂/∂w_i = mean + sum/3 = 2 + 2 = 4; the value is LINQ's, which adds floats in double.</summary>
    [Fact]
    public void FloatProduct_KnownValues()
    {
        float[] w = [1, 2, 3], dw = new float[3];
        Assert.Equal(12f, Sums.FloatProductGradient(w, dw));
        Assert.Equal([4f, 4f, 4f], dw);
        float[] awkward = [0.1f, 1e8f, -1e8f, 0.2f];
        Assert.Equal(Sums.FloatProduct(awkward), Sums.FloatProductGradient(awkward, new float[4]));
    }
}
