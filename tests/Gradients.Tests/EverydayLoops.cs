using System;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>Writes inside expressions and loop conditions that do more than compare.</summary>
public static partial class Everyday
{
    /// <summary>n-- in the condition: after the loop n is −1, as in C#.</summary>
    [Differentiable]
    public static double Repeated(double x, int n)
    {
        double y = x;
        while (n-- > 0)
        {
            y = Math.Sqrt(y) + 0.5 * y;
        }

        return y * (n + 3);
    }

    /// <summary>a[m++] = …: the positive squares packed at the front, weighted by their position.</summary>
    [Differentiable]
    public static double PackedPositives(double[] x)
    {
        double[] kept = new double[x.Length];
        int m = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] > 0)
            {
                kept[m++] = x[i] * x[i];
            }
        }

        double s = 0;
        for (int k = 0; k < m; k++)
        {
            s += kept[k] * (k + 1);
        }

        return s;
    }

    /// <summary>Newton's square root with ++iter in the condition.</summary>
    [Differentiable]
    public static double NewtonSqrt(double a)
    {
        double r = a;
        int iter = 0;
        while (Math.Abs(r * r - a) > 1e-12 * a && ++iter < 50)
        {
            r = 0.5 * (r + a / r);
        }

        return r + iter;
    }

    /// <summary>Insertion sort of a differentiable copy, then Σ (i+1)·sorted[i]: ∂/∂x[k] = rank of x[k] + 1.</summary>
    [Differentiable]
    public static double SortedWeighted(double[] x)
    {
        double[] a = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            a[i] = x[i];
        }

        for (int i = 1; i < a.Length; i++)
        {
            double key = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > key)
            {
                a[j + 1] = a[j];
                j--;
            }

            a[j + 1] = key;
        }

        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * (i + 1);
        }

        return s;
    }

    /// <summary>The leading run of elements below the limit: the condition reads x[i] only while i is in range.</summary>
    [Differentiable]
    public static double SumBelow(double[] x, double limit)
    {
        double s = 0;
        int i = 0;
        while (i < x.Length && x[i] < limit)
        {
            s += x[i] * x[i];
            i++;
        }

        return s + limit * i;
    }

    /// <summary>Kepler's equation E − e·sin E = M by Newton: d is first assigned in the body and tested after it.</summary>
    [Differentiable]
    public static double Kepler(double m, double e)
    {
        double E = m;
        double d;
        int i = 0;
        do
        {
            d = (E - e * Math.Sin(E) - m) / (1 - e * Math.Cos(E));
            E -= d;
            i++;
        }
        while (Math.Abs(d) > 1e-13 && i < 30);

        return E + d * d;
    }

    /// <summary>A condition that computes a differentiable value (only to compare it).</summary>
    [Differentiable]
    public static double Doubling(double x)
    {
        double s = x;
        while (Math.Exp(s) < 10) s *= 2;
        return s;
    }

    [Differentiable]
    public static double PrefixUntil(double[] w)
    {
        double s = 0;
        for (int i = 0; s * s < 4 && i < w.Length; i++) s += w[i];
        return s;
    }

    /// <summary>Chained assignment.</summary>
    [Differentiable]
    public static double Chained(double x)
    {
        double a, b;
        a = b = x * 2;
        double c = (a += x) * b;
        return c + a;
    }
}

public class EverydayLoopTests
{
    /// <summary>Away from ties, where sorting is not differentiable.</summary>
    private static bool Distinct(double[] p)
    {
        double[] sorted = [.. p];
        Array.Sort(sorted);
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] - sorted[i - 1] < 1e-3)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void DecrementInTheCondition_MatchesFiniteDifferences()
    {
        for (int n = 0; n < 4; n++)
        {
            Sample(Box((0.5, 4)), p => Everyday.Repeated(p[0], n), p => (Everyday.RepeatedGradient(p[0], n, out var dx), new[] { dx }), iterations: 50);
        }

        Assert.Equal(2 * 5.0, Everyday.RepeatedGradient(5, 0, out double d0));
        Assert.Equal(2.0, d0);
    }

    [Fact]
    public void IncrementInAnIndex_PacksAndMatchesFiniteDifferences()
    {
        // kept = [9, 4] (3 and −2 skipped... 2): s = 9·1 + 4·2 = 17; ∂/∂x = 2·x·position
        Assert.Equal(17.0, Everyday.PackedPositivesGradient([3, -1, 2], new double[3]));
        double[] dx = new double[3];
        Everyday.PackedPositivesGradient([3, -1, 2], dx);
        Assert.Equal([6.0, 0.0, 8.0], dx);
        Sample(
            Box((-2, 2), (-2, 2), (-2, 2), (-2, 2)).Where(p => Array.TrueForAll(p, v => Math.Abs(v) > 1e-3)),
            p => Everyday.PackedPositives(p),
            p => { double[] g = new double[4]; return (Everyday.PackedPositivesGradient(p, g), g); });
    }

    [Fact]
    public void PrefixIncrementInTheCondition_MatchesFiniteDifferences()
    {
        // √4 plus the iteration count (as C# counts it); ∂/∂a = 1/(2√a)
        Assert.Equal(Everyday.NewtonSqrt(4), Everyday.NewtonSqrtGradient(4, out double da));
        Assert.Equal(0.25, da, 1e-9);
        Sample(Box((1.5, 9)), p => Everyday.NewtonSqrt(p[0]), p => (Everyday.NewtonSqrtGradient(p[0], out var d), new[] { d }), h: 1e-7, iterations: 100);
    }

    [Fact]
    public void InsertionSort_GradientIsTheRank()
    {
        double[] dx = new double[4];
        Assert.Equal(1 * 1 + 2 * 2 + 3 * 3 + 4 * 5.0, Everyday.SortedWeightedGradient([3, 1, 5, 2], dx));
        Assert.Equal([3.0, 1.0, 4.0, 2.0], dx);
        Sample(
            Box((-2, 2), (-2, 2), (-2, 2), (-2, 2), (-2, 2)).Where(Distinct),
            p => Everyday.SortedWeighted(p),
            p => { double[] g = new double[5]; return (Everyday.SortedWeightedGradient(p, g), g); });
    }

    [Fact]
    public void ConditionReadingElements_StopsAtTheEnd_AndMatchesFiniteDifferences()
    {
        double[] dx = new double[3];
        Assert.Equal(1 + 4 + 9 + 10 * 3.0, Everyday.SumBelowGradient([1, 2, 3], 10, dx, out double dlimit));
        Assert.Equal([2.0, 4.0, 6.0], dx);
        Assert.Equal(3.0, dlimit);
        Sample(
            Box((-2, 2), (-2, 2), (-2, 2), (-1, 1)).Where(p => Array.TrueForAll(p[..3], v => Math.Abs(v - p[3]) > 1e-3)),
            p => Everyday.SumBelow(p[..3], p[3]),
            p => { double[] g = new double[3]; double v = Everyday.SumBelowGradient(p[..3], p[3], g, out double dl); return (v, [.. g, dl]); });
    }

    [Fact]
    public void DoWhileTestingAValueFirstAssignedInTheBody_MatchesKepler()
    {
        double m = 1.2, e = 0.3;
        double value = Everyday.KeplerGradient(m, e, out double dm, out double de);
        Assert.Equal(m, value - e * Math.Sin(value), 1e-12);
        Assert.Equal(1 / (1 - e * Math.Cos(value)), dm, 1e-9);
        Assert.Equal(Math.Sin(value) / (1 - e * Math.Cos(value)), de, 1e-9);
        Sample(Box((0, 3), (0.05, 0.8)), p => Everyday.Kepler(p[0], p[1]), p => (Everyday.KeplerGradient(p[0], p[1], out var a, out var b), new[] { a, b }));
    }

    [Fact]
    public void ConditionsComputingDifferentiableValues_AreOnlyCompared()
    {
        Assert.Equal(4.0, Everyday.DoublingGradient(0.5, out double dx));
        Assert.Equal(8.0, dx);
        Sample(Box((0.1, 2)), p => Everyday.Doubling(p[0]), p => (Everyday.DoublingGradient(p[0], out var d), new[] { d }));

        double[] dw = new double[4];
        Assert.Equal(2.2, Everyday.PrefixUntilGradient([1, 0.5, 0.7, 3], dw), 1e-15);
        Assert.Equal([1.0, 1.0, 1.0, 0.0], dw);
    }

    [Fact]
    public void ChainedAssignment_MatchesFiniteDifferences()
    {
        // a = b = 2x; a += x → 3x; c = 3x·2x; result 6x² + 3x
        Assert.Equal(6 * 4 + 6.0, Everyday.ChainedGradient(2, out double dx));
        Assert.Equal(12 * 2 + 3.0, dx);
        Sample(Box((-3, 3)), p => Everyday.Chained(p[0]), p => (Everyday.ChainedGradient(p[0], out var d), new[] { d }));
    }
}
