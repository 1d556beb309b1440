using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>x[^k] and ranges of arrays and spans.</summary>
public static partial class Ranges
{
    [Differentiable]
    public static double Ends(double[] x, ReadOnlySpan<double> s) => x[^1] * x[0] + s[^2] * s[^1];

    [Differentiable]
    public static double SumSquares(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (double e in v)
        {
            s += e * e;
        }

        return s;
    }

    [Differentiable]
    public static double Tails(double[] x, ReadOnlySpan<double> y, [NoDiff] double[] w) =>
        SumSquares(x[1..]) + 2 * SumSquares(y[..^1]) + 3 * SumSquares(x[1..^1]) + w[1..].Length * x[0];
}

/// <summary>Writes at an index from the end: stores, updates and ref locals (found by the random-program tester: SDIFF0005).</summary>
public static partial class Ranges
{
    [Differentiable]
    public static double WritesFromTheEnd(double x, ReadOnlySpan<double> s)
    {
        double[] w = new double[3];
        Span<double> v = stackalloc double[2];
        w[^1] = x * s[0];
        w[^3] += x * x;
        w[^1] *= s[^1];
        v[^2] = Math.Sin(x);
        ref double last = ref v[^1];
        last = w[^1] + v[0];
        return w[0] + w[2] * v[^1];
    }

    [Differentiable]
    public static void OutputFromTheEnd(double x, ReadOnlySpan<double> s, Span<double> y)
    {
        y[^1] = x * s[^1];
        for (int i = 0; i < y.Length - 1; i++)
        {
            y[i] = s[i] - x;
        }
    }
}

public class RangeTests
{
    [Fact]
    public void WritesAtAnIndexFromTheEnd_MatchFiniteDifferences() => Sample(
        Box((-2, 2), (-2, 2), (-2, 2)),
        p => Ranges.WritesFromTheEnd(p[0], p[1..]),
        p =>
        {
            double[] ds = new double[2];
            double v = Ranges.WritesFromTheEndGradient(p[0], p[1..], out double dx, ds);
            return (v, [dx, .. ds]);
        });

    [Fact]
    public void OutputWrittenAtAnIndexFromTheEnd()
    {
        double[] y = new double[3], ds = new double[3], dy = [0.5, -1, 2];
        double dx = 0;
        Ranges.OutputFromTheEndBackward(1.5, [1, 2, 3], y, ref dx, ds, dy);
        Assert.Equal([1 - 1.5, 2 - 1.5, 1.5 * 3], y);
        Close(-0.5 + 1 + 2 * 3, dx);
        Agree([0.5, -1, 2 * 1.5], ds, 1e-12);
    }

    [Fact]
    public void IndexFromTheEnd_MatchesFiniteDifferences() => Sample(
        Box((-2, 2), (-2, 2), (-2, 2), (-2, 2), (-2, 2)),
        p => Ranges.Ends(p[..3], p[3..]),
        p =>
        {
            double[] dx = new double[3], ds = new double[2];
            double v = Ranges.EndsGradient(p[..3], p[3..], dx, ds);
            return (v, [.. dx, .. ds]);
        });

    [Fact]
    public void RangesPassedAsSpans_MatchFiniteDifferences()
    {
        double[] gx = new double[4], gy = new double[3];
        // x = [1, 2, 3, 4], y = [5, 6, 7], w has 3 elements: 4 + 9 + 16 + 2·(25 + 36) + 3·(4 + 9) + 2·1
        Assert.Equal(29 + 122 + 39 + 2.0, Ranges.TailsGradient([1, 2, 3, 4], [5, 6, 7], [0, 0, 0], gx, gy));
        Assert.Equal([2.0, 4 + 12, 6 + 18, 8], gx);
        Assert.Equal([20.0, 24, 0], gy);
        Sample(
            Box((-2, 2), (-2, 2), (-2, 2), (-2, 2), (-2, 2), (-2, 2), (-2, 2)),
            p => Ranges.Tails(p[..4], p[4..], [1, 2]),
            p =>
            {
                double[] dx = new double[4], dy = new double[3];
                double v = Ranges.TailsGradient(p[..4], p[4..], [1, 2], dx, dy);
                return (v, [.. dx, .. dy]);
            });
    }
}
