using System;
using System.Collections.Generic;
using System.Linq;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// F68, LINQ's reductions of a differentiable array, <c>w.Sum()</c>, <c>w.Average()</c>, <c>Enumerable.Sum(w)</c>, <c>w.Max()</c>,
/// <c>w.Min()</c>: each was SDIFF0006 (the array converted to IEnumerable). Each is now the loop one writes by hand, with
/// LINQ's value.
/// </summary>
public static partial class Reductions
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

    /// <summary>cs231n's softmax cross-entropy, the scores shifted by their maximum through LINQ.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double SoftmaxLoss(double[] scores, int label)
    {
        double shift = scores.Max();
        double sum = 0;
        foreach (double s in scores)
        {
            sum += Math.Exp(s - shift);
        }

        return Math.Log(sum) + shift - scores[label];
    }

    /// <summary>The spread of w and its sum: the gradient goes to the first maximum and the first minimum.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Spread(double[] w) => w.Max() - w.Min() + 0.5 * w.Sum();

    [Differentiable]
    public static double MaxOf(double[] w) => w.Max();

    [Differentiable]
    public static double MinOf(double[] w) => w.Min();

    /// <summary>A float sum (LINQ adds floats in double) times a float mean.</summary>
    [Differentiable]
    public static float FloatProduct(float[] w) => w.Sum() * w.Average();
}

public class ReductionTests
{
    public static IEnumerable<object[]> Methods() =>
        new EveryMode[]
        {
            new("Variance", 5, p => Reductions.Variance(p[..4], p[4]),
                p => { double[] g = new double[5]; return (Reductions.VarianceGradient(p[..4], p[4], g.AsSpan(0, 4), out g[4]), g); },
                (p, v) => (Reductions.VarianceTangent(p[..4], p[4], v[..4], v[4], out var t), t),
                (p, g, h) => Reductions.VarianceHessian(p[..4], p[4], g, h)),
            new("RowLogSums", 6, p => Reductions.RowLogSums(p, 2),
                p => { double[] g = new double[6]; return (Reductions.RowLogSumsGradient(p, 2, g), g); },
                (p, v) => (Reductions.RowLogSumsTangent(p, 2, v, out var t), t),
                (p, g, h) => Reductions.RowLogSumsHessian(p, 2, g, h)),
            new("SoftmaxLoss", 5, p => Reductions.SoftmaxLoss(p, 3),
                p => { double[] g = new double[5]; return (Reductions.SoftmaxLossGradient(p, 3, g), g); },
                (p, v) => (Reductions.SoftmaxLossTangent(p, 3, v, out var t), t),
                (p, g, h) => Reductions.SoftmaxLossHessian(p, 3, g, h)),
            new("Spread", 5, Reductions.Spread,
                p => { double[] g = new double[5]; return (Reductions.SpreadGradient(p, g), g); },
                (p, v) => (Reductions.SpreadTangent(p, v, out var t), t),
                (p, g, h) => Reductions.SpreadHessian(p, g, h)),
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
        double value = Reductions.VarianceGradient(w, 1, dw, out double dx);
        Assert.Equal(Reductions.Variance(w, 1), value);
        Close(14.0 / 3 + 12, value);
        Agree([2 * -2 / 3.0 + 1, 2 * -1 / 3.0 + 1, 1, 2 * 3 / 3.0 + 1], dw, 1e-12);
        Close((2 * -2 * 1 + 2 * -1 * 2 + 0 + 2 * 3 * 6) / 3.0, dx);
    }

    /// <summary>The mean of no elements throws as LINQ's does, where dividing the empty sum would give NaN.</summary>
    [Fact]
    public void Variance_OfNoElementsThrowsAsLinqDoes()
    {
        Assert.Throws<InvalidOperationException>(() => Reductions.Variance([], 1));
        Assert.Throws<InvalidOperationException>(() => Reductions.VarianceGradient([], 1, [], out _));
    }

    /// <summary>
    /// LINQ's rules, value for value: ties go to the first element (its gradient), Max skips a leading NaN, Min is NaN if any
    /// element is, and neither has a value for no elements.
    /// </summary>
    [Fact]
    public void MaxAndMin_AsLinq()
    {
        double[] w = [1, 3, -2, 3, -2], dw = new double[5];
        Assert.Equal(5, Reductions.SpreadGradient(w, dw) - 0.5 * w.Sum());
        Assert.Equal([0.5, 1.5, -0.5, 0.5, 0.5], dw);
        foreach (double[] x in new[] { new[] { double.NaN, 1, 3 }, new[] { 1, double.NaN, 3 }, new[] { double.NaN, double.NaN }, new[] { -0.0, 0.0 }, new[] { 0.0, -0.0 } })
        {
            Assert.Equal(x.Max(), Reductions.MaxOfGradient(x, new double[x.Length]));
            Assert.Equal(x.Min(), Reductions.MinOfGradient(x, new double[x.Length]));
        }

        double[] d = new double[3];
        Reductions.MaxOfGradient([double.NaN, 1, 3], d);
        Assert.Equal([0, 0, 1], d);
        Assert.Throws<InvalidOperationException>(() => Reductions.MaxOfGradient([], []));
        Assert.Throws<InvalidOperationException>(() => Reductions.MinOfGradient([], []));
    }

    /// <summary>w = (1, 2, 3): 6 · 2 = 12; ∂/∂w_i = mean + sum/3 = 2 + 2 = 4; the value is LINQ's, which adds floats in double.</summary>
    [Fact]
    public void FloatProduct_KnownValues()
    {
        float[] w = [1, 2, 3], dw = new float[3];
        Assert.Equal(12f, Reductions.FloatProductGradient(w, dw));
        Assert.Equal([4f, 4f, 4f], dw);
        float[] awkward = [0.1f, 1e8f, -1e8f, 0.2f];
        Assert.Equal(Reductions.FloatProduct(awkward), Reductions.FloatProductGradient(awkward, new float[4]));
    }
}
