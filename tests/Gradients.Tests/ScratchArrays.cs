using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Loops over points whose every iteration writes a local scratch array whole before reading it (GMM's
/// <c>centered</c>, <c>mahalanobis</c>, <c>terms</c>): no value and no adjoint crosses iterations, so each
/// iteration's reverse runs right after it (fused, <c>IterationLocalArrays</c>). And look-alikes where a value does
/// cross — written under a branch, over another range, read first, given to a callee first, read after the loop —
/// which must stay unfused and still come out right.
/// </summary>
public static partial class ScratchArrays
{
    // ---- fused: every iteration overwrites the scratch before it reads it ----

    /// <summary>Per point, x − w into a scratch array, then a weighted squared norm; a logarithm per point (saved when unfused).</summary>
    [Differentiable]
    public static double PerPoint(double[] w, double[] x)
    {
        int d = w.Length / 2;
        int n = x.Length / d;
        double[] diff = new double[d];
        double s = 0;
        for (int p = 0; p < n; p++)
        {
            for (int i = 0; i < d; i++)
            {
                diff[i] = x[p * d + i] - w[i];
            }

            double q = 0;
            for (int i = 0; i < d; i++)
            {
                q += diff[i] * diff[i] * w[d + i];
            }

            s += Math.Log(1 + q * q);
        }

        return s;
    }

    /// <summary>GMM's shape: per point and component the centered point (written whole in each component), a term per component, their log-sum-exp by a call; a table of scales made before the loop.</summary>
    [Differentiable]
    public static double Mixture(double[] means, double[] x, double[] logScale)
    {
        int d = logScale.Length;
        int k = means.Length / d;
        int n = x.Length / d;
        Span<double> scale = stackalloc double[d];
        for (int i = 0; i < d; i++)
        {
            scale[i] = Math.Exp(logScale[i]);
        }

        Span<double> centered = stackalloc double[d];
        Span<double> terms = stackalloc double[k];
        double total = 0;
        for (int p = 0; p < n; p++)
        {
            for (int c = 0; c < k; c++)
            {
                for (int i = 0; i < d; i++)
                {
                    centered[i] = (x[p * d + i] - means[c * d + i]) * scale[i];
                }

                double norm = 0;
                for (int i = 0; i < d; i++)
                {
                    norm += centered[i] * centered[i];
                }

                terms[c] = -0.5 * norm;
            }

            total += SoftMaximum(terms);
        }

        return total;
    }

    /// <summary>log Σ exp(v[i]), shifted by the maximum.</summary>
    [Differentiable]
    public static double SoftMaximum(ReadOnlySpan<double> v)
    {
        double max = v[0];
        for (int i = 1; i < v.Length; i++)
        {
            max = Math.Max(max, v[i]);
        }

        double sum = 0;
        for (int i = 0; i < v.Length; i++)
        {
            sum += Math.Exp(v[i] - max);
        }

        return Math.Log(sum) + max;
    }

    /// <summary>The sum of squares of a span (a callee that reads the whole scratch).</summary>
    [Differentiable]
    public static double SumOfSquares(ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int i = 0; i < v.Length; i++)
        {
            s += v[i] * v[i];
        }

        return s;
    }

    /// <summary>The norm's value comes from its pullback, run where the call is (its seed is the sum's, known before the loop).</summary>
    [Differentiable]
    public static double Spread(double[] w, double[] x)
    {
        int d = w.Length / 2;
        int n = x.Length / d;
        Span<double> diff = stackalloc double[d];
        double total = 0;
        for (int p = 0; p < n; p++)
        {
            for (int i = 0; i < d; i++)
            {
                diff[i] = (x[p * d + i] - w[i]) * w[d + i];
            }

            total += SumOfSquares(diff) + Math.Log(1 + diff[0] * diff[0]);
        }

        return total;
    }

    /// <summary>The same with the sum's seed scaled by a value of the iteration: the pullback stays in the reverse part.</summary>
    [Differentiable]
    public static double ScaledSpread(double[] w, double[] x)
    {
        int d = w.Length / 2;
        int n = x.Length / d;
        Span<double> diff = stackalloc double[d];
        double total = 0;
        for (int p = 0; p < n; p++)
        {
            for (int i = 0; i < d; i++)
            {
                diff[i] = (x[p * d + i] - w[i]) * w[d + i];
            }

            total += Math.Log(1 + SumOfSquares(diff)) * diff[0];
        }

        return total;
    }

    // ---- look-alikes where a value crosses iterations: not fused, still right ----

    /// <summary>The scratch is written only where the point's first coordinate is positive: elsewhere the previous point's values are read.</summary>
    [Differentiable]
    public static double WrittenUnderABranch(double[] w, double[] x)
    {
        int d = w.Length / 2;
        int n = x.Length / d;
        double[] diff = new double[d];
        double s = 0;
        for (int p = 0; p < n; p++)
        {
            if (x[p * d] > 0)
            {
                for (int i = 0; i < d; i++)
                {
                    diff[i] = x[p * d + i] - w[i];
                }
            }

            double q = 0;
            for (int i = 0; i < d; i++)
            {
                q += diff[i] * diff[i] * w[d + i];
            }

            s += Math.Log(1 + q * q);
        }

        return s;
    }

    /// <summary>The scratch's first element is read before the iteration writes it: it holds the previous point's.</summary>
    [Differentiable]
    public static double ReadFirst(double[] w, double[] x)
    {
        int d = w.Length / 2;
        int n = x.Length / d;
        double[] diff = new double[d];
        double s = 0;
        for (int p = 0; p < n; p++)
        {
            double previous = diff[0];
            for (int i = 0; i < d; i++)
            {
                diff[i] = x[p * d + i] - w[i];
            }

            double q = previous * w[d];
            for (int i = 0; i < d; i++)
            {
                q += diff[i] * diff[i] * w[d + i];
            }

            s += Math.Log(1 + q * q);
        }

        return s;
    }

    /// <summary>The loop writes all but the last element, which holds the sine of the previous point's norm.</summary>
    [Differentiable]
    public static double ShorterRange(double[] w, double[] x)
    {
        int d = w.Length / 2;
        int n = x.Length / d;
        int m = d - 1;
        double[] diff = new double[d];
        double s = 0;
        for (int p = 0; p < n; p++)
        {
            for (int i = 0; i < m; i++)
            {
                diff[i] = x[p * d + i] - w[i];
            }

            double q = 0;
            for (int i = 0; i < d; i++)
            {
                q += diff[i] * diff[i] * w[d + i];
            }

            diff[m] = Math.Sin(q);
            s += Math.Log(1 + q * q);
        }

        return s;
    }

    /// <summary>The loop starts at 1: the first element holds the previous point's norm.</summary>
    [Differentiable]
    public static double StartsAtOne(double[] w, double[] x)
    {
        int d = w.Length / 2;
        int n = x.Length / d;
        double[] diff = new double[d];
        double s = 0;
        for (int p = 0; p < n; p++)
        {
            for (int i = 1; i < d; i++)
            {
                diff[i] = x[p * d + i] - w[i];
            }

            double q = 0;
            for (int i = 0; i < d; i++)
            {
                q += diff[i] * diff[i] * w[d + i];
            }

            diff[0] = Math.Cos(q);
            s += Math.Log(1 + q * q);
        }

        return s;
    }

    /// <summary>A callee reads the scratch before the iteration writes it.</summary>
    [Differentiable]
    public static double CalleeFirst(double[] w, double[] x)
    {
        int d = w.Length / 2;
        int n = x.Length / d;
        double[] diff = new double[d];
        double s = 0;
        for (int p = 0; p < n; p++)
        {
            s += w[0] * SumOfSquares(diff);
            for (int i = 0; i < d; i++)
            {
                diff[i] = x[p * d + i] - w[i];
            }

            double q = 0;
            for (int i = 0; i < d; i++)
            {
                q += diff[i] * diff[i] * w[d + i];
            }

            s += Math.Log(1 + q * q);
        }

        return s;
    }

    /// <summary>The writing loop skips coordinates above 1 (continue): those elements keep the previous point's values.</summary>
    [Differentiable]
    public static double SkippedElements(double[] w, double[] x)
    {
        int d = w.Length / 2;
        int n = x.Length / d;
        double[] diff = new double[d];
        double s = 0;
        for (int p = 0; p < n; p++)
        {
            for (int i = 0; i < d; i++)
            {
                if (x[p * d + i] > 1)
                {
                    continue;
                }

                diff[i] = x[p * d + i] - w[i];
            }

            double q = 0;
            for (int i = 0; i < d; i++)
            {
                q += diff[i] * diff[i] * w[d + i];
            }

            s += Math.Log(1 + q * q);
        }

        return s;
    }

    /// <summary>The last point's scratch is read after the loop.</summary>
    [Differentiable]
    public static double ReadAfterTheLoop(double[] w, double[] x)
    {
        int d = w.Length / 2;
        int n = x.Length / d;
        double[] diff = new double[d];
        double s = 0;
        for (int p = 0; p < n; p++)
        {
            for (int i = 0; i < d; i++)
            {
                diff[i] = x[p * d + i] - w[i];
            }

            double q = 0;
            for (int i = 0; i < d; i++)
            {
                q += diff[i] * diff[i] * w[d + i];
            }

            s += Math.Log(1 + q * q);
        }

        return s + diff[0] * w[0];
    }

    /// <summary>The point loop leaves at the first point whose first coordinate is above 0.8.</summary>
    [Differentiable]
    public static double Breaks(double[] w, double[] x)
    {
        int d = w.Length / 2;
        int n = x.Length / d;
        double[] diff = new double[d];
        double s = 0;
        for (int p = 0; p < n; p++)
        {
            for (int i = 0; i < d; i++)
            {
                diff[i] = x[p * d + i] - w[i];
            }

            double q = 0;
            for (int i = 0; i < d; i++)
            {
                q += diff[i] * diff[i] * w[d + i];
            }

            s += Math.Log(1 + q * q);
            if (x[p * d] > 0.8)
            {
                break;
            }
        }

        return s;
    }
}

public class ScratchArraysTests
{
    private const int D = 3, N = 4;

    /// <summary>
    /// Coordinates of magnitude 0.3 to 1.2, either sign: no products of near-zero values, whose derivatives (about
    /// 1e-6) central differences cannot resolve to a relative 1e-6, and norms small enough for log(1 + q²).
    /// </summary>
    private static Gen<double[]> Points(int n) => Box(Enumerable.Repeat((-1.0, 1.0), n).ToArray()).Select(p => p.Select(v => (v >= 0 ? 1 : -1) * (0.3 + 0.9 * Math.Abs(v))).ToArray());

    /// <summary>
    /// f(w, x) with w of 2·D and x of N·D coordinates, checked against central differences in both; coordinates
    /// within 1e-3 of <paramref name="jump"/> (where a branch or break flips) are moved away from it.
    /// </summary>
    /// <summary>
    /// Every coordinate x[p·D + i] at least 0.05 from w[i]: the derivatives in w[D + i] go as (x − w)², and where the
    /// generator draws both at the same end of the range (0.3 and 0.30000071) they are 1e-10 to 1e-7, which central
    /// differences resolve only to about 1e-12 absolutely (two failures in 3,000 draws: 5.4e-10 against 5.3e-10).
    /// </summary>
    private static bool Apart(double[] p) => Enumerable.Range(0, N * D).All(j => Math.Abs(p[2 * D + j] - p[j % D]) > 0.05);

    private static void Check(Func<double[], double[], double> f, Func<double[], double[], double[], double[], double> gradient, double? jump = null) =>
        Sample(Points(2 * D + N * D).Select(p => p.Select(v => jump is { } at && Math.Abs(v - at) < 1e-3 ? at + 0.25 : v).ToArray()).Where(Apart), p => f(p[..(2 * D)], p[(2 * D)..]), p =>
        {
            double[] dw = new double[2 * D], dx = new double[N * D];
            double value = gradient(p[..(2 * D)], p[(2 * D)..], dw, dx);
            return (value, [.. dw, .. dx]);
        }, iterations: 60);

    [Fact]
    public void PerPoint_MatchesFiniteDifferences() =>
        Check(ScratchArrays.PerPoint, (w, x, dw, dx) => ScratchArrays.PerPointGradient(w, x, dw, dx));

    [Fact]
    public void PerPoint_GivesTheKnownGradient()
    {
        // one point of d = 1: q = (x − w0)²·w1, f = log(1 + q²); ∂f/∂q = 2q / (1 + q²)
        double[] dw = new double[2], dx = new double[1];
        double q = (3.0 - 1) * (3.0 - 1) * 0.5, g = 2 * q / (1 + q * q);
        Close(Math.Log(1 + q * q), ScratchArrays.PerPointGradient([1, 0.5], [3], dw, dx));
        Agree([g * -2 * (3 - 1) * 0.5, g * (3 - 1) * (3 - 1)], dw, 1e-15, "dw");
        Agree([g * 2 * (3 - 1) * 0.5], dx, 1e-15, "dx");
    }

    [Fact]
    public void Mixture_MatchesFiniteDifferences()
    {
        const int k = 2;
        Sample(Points(k * D + N * D + D), p => ScratchArrays.Mixture(p[..(k * D)], p[(k * D)..(k * D + N * D)], p[(k * D + N * D)..]), p =>
        {
            double[] dmeans = new double[k * D], dx = new double[N * D], dlogScale = new double[D];
            double value = ScratchArrays.MixtureGradient(p[..(k * D)], p[(k * D)..(k * D + N * D)], p[(k * D + N * D)..], dmeans, dx, dlogScale);
            return (value, [.. dmeans, .. dx, .. dlogScale]);
        }, iterations: 60);
    }

    [Fact]
    public void Mixture_BackwardAccumulates()
    {
        // Backward adds seed times the gradient: twice with seed 0.5 is the gradient once.
        double[] means = [0.5, -1, 1, 0.25, 2, -0.5], x = [1, 2, -1, 0.5, 0.25, 1, -2, 1.5, 0, 1, 1, -1], logScale = [0.1, -0.2, 0.3];
        double[] gm = new double[6], gx = new double[12], gs = new double[3];
        double f = ScratchArrays.MixtureGradient(means, x, logScale, gm, gx, gs);
        double[] bm = new double[6], bx = new double[12], bs = new double[3];
        ScratchArrays.MixtureBackward(means, x, logScale, 0.5, bm, bx, bs);
        Close(f, ScratchArrays.MixtureBackward(means, x, logScale, 0.5, bm, bx, bs));
        Agree([.. gm, .. gx, .. gs], [.. bm, .. bx, .. bs], 1e-14);
    }

    [Fact]
    public void Spread_MatchesFiniteDifferences() =>
        Check(ScratchArrays.Spread, (w, x, dw, dx) => ScratchArrays.SpreadGradient(w, x, dw, dx));

    [Fact]
    public void ScaledSpread_MatchesFiniteDifferences() =>
        Check(ScratchArrays.ScaledSpread, (w, x, dw, dx) => ScratchArrays.ScaledSpreadGradient(w, x, dw, dx));

    [Fact]
    public void WrittenUnderABranch_MatchesFiniteDifferences() =>
        Check(ScratchArrays.WrittenUnderABranch, (w, x, dw, dx) => ScratchArrays.WrittenUnderABranchGradient(w, x, dw, dx), jump: 0);

    [Fact]
    public void ReadFirst_MatchesFiniteDifferences() =>
        Check(ScratchArrays.ReadFirst, (w, x, dw, dx) => ScratchArrays.ReadFirstGradient(w, x, dw, dx));

    [Fact]
    public void ShorterRange_MatchesFiniteDifferences() =>
        Check(ScratchArrays.ShorterRange, (w, x, dw, dx) => ScratchArrays.ShorterRangeGradient(w, x, dw, dx));

    [Fact]
    public void StartsAtOne_MatchesFiniteDifferences() =>
        Check(ScratchArrays.StartsAtOne, (w, x, dw, dx) => ScratchArrays.StartsAtOneGradient(w, x, dw, dx));

    [Fact]
    public void CalleeFirst_MatchesFiniteDifferences() =>
        Check(ScratchArrays.CalleeFirst, (w, x, dw, dx) => ScratchArrays.CalleeFirstGradient(w, x, dw, dx));

    [Fact]
    public void SkippedElements_MatchesFiniteDifferences() =>
        Check(ScratchArrays.SkippedElements, (w, x, dw, dx) => ScratchArrays.SkippedElementsGradient(w, x, dw, dx), jump: 1);

    [Fact]
    public void ReadAfterTheLoop_MatchesFiniteDifferences() =>
        Check(ScratchArrays.ReadAfterTheLoop, (w, x, dw, dx) => ScratchArrays.ReadAfterTheLoopGradient(w, x, dw, dx));

    [Fact]
    public void Breaks_MatchesFiniteDifferences()
    {
        Check(ScratchArrays.Breaks, (w, x, dw, dx) => ScratchArrays.BreaksGradient(w, x, dw, dx), jump: 0.8);
    }
}

/// <summary>A fused loop adding into <c>w[i]</c> and <c>w[(i + 1) % n]</c>: the second is no neighbour to carry in a register (it wraps around).</summary>
public static partial class CyclicNeighbours
{
    [Differentiable]
    public static double Cyclic(double[] w)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            s += w[i] * w[(i + 1) % w.Length];
        }

        return s;
    }
}

public class CyclicNeighboursTests
{
    [Fact]
    public void Cyclic_GivesTheKnownGradient()
    {
        // s = w0·w1 + w1·w2 + w2·w0
        double[] dw = new double[3];
        Assert.Equal(11.0, CyclicNeighbours.CyclicGradient([1, 2, 3], dw));
        Assert.Equal([5.0, 4.0, 3.0], dw);
    }

    [Fact]
    public void Cyclic_MatchesFiniteDifferences()
    {
        for (int n = 1; n <= 4; n++)
        {
            Sample(Box(Enumerable.Repeat((-2.0, 2.0), n).ToArray()), CyclicNeighbours.Cyclic, w =>
            {
                double[] dw = new double[w.Length];
                return (CyclicNeighbours.CyclicGradient(w, dw), dw);
            }, iterations: 30);
        }
    }
}
