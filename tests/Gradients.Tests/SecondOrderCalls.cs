using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Second order through calls: a caller's Hessian chains through each callee's <c>BackwardTangent</c>.
/// Each function has a twin written inline, whose Hessian involves no call.
/// </summary>
public static partial class Soc
{
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Square(double r) => r * r;

    /// <summary><see cref="So.Beale"/> through a helper.</summary>
    [Differentiable(Derivatives.Hessian)]
    public static double BealeByCalls(double x, double y) =>
        Square(1.5 - x + x * y) + Square(2.25 - x + x * y * y) + Square(2.625 - x + x * y * y * y);

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double RosenbrockPair(double a, double b)
    {
        double d = b - a * a;
        double e = 1 - a;
        return 100 * d * d + e * e;
    }

    /// <summary>Rosenbrock with its terms in a callee called in a loop, with elements as arguments.</summary>
    [Differentiable(Derivatives.Hessian)]
    public static double RosenbrockByCalls(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length - 1; i++)
            s += RosenbrockPair(x[i], x[i + 1]);
        return s;
    }

    /// <summary>Σ a[i]²·b[i], itself through a call: second order through two levels.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double WeightedSquares(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
            s += Square(a[i]) * b[i];
        return s;
    }

    /// <summary>Whole parameter arrays, overlapping slices of one, a constant array, a call in a branch inside a loop.</summary>
    [Differentiable(Derivatives.Hessian)]
    public static double Mixed(double x, double[] w, [NoDiff] double[] data)
    {
        double s = WeightedSquares(w, data) + WeightedSquares(w.AsSpan(1), w.AsSpan(0, w.Length - 1)) * x;
        for (int i = 0; i < w.Length; i++)
            s += w[i] > 0 ? Math.Sin(Square(w[i] * x)) : x * w[i];
        return s + Math.Exp(Square(x) * 0.1);
    }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double LogSumExp(ReadOnlySpan<double> v)
    {
        double m = v[0];
        for (int i = 1; i < v.Length; i++)
            m = Math.Max(m, v[i]);
        double s = 0;
        for (int i = 0; i < v.Length; i++)
            s += Math.Exp(v[i] - m);
        return Math.Log(s) + m;
    }

    /// <summary>
    /// A one-dimensional Gaussian mixture's log-likelihood, as GMM writes it: per point a local array of
    /// terms, overwritten for the next point, passed whole and as a slice to a callee.
    /// </summary>
    [Differentiable(Derivatives.Hessian)]
    public static double MixtureByCalls(double[] means, [NoDiff] double[] points)
    {
        int k = means.Length;
        Span<double> terms = stackalloc double[k];
        double s = 0;
        for (int p = 0; p < points.Length; p++)
        {
            for (int c = 0; c < k; c++)
            {
                double d = points[p] - means[c];
                terms[c] = -0.5 * d * d * means[c];
            }
            s += LogSumExp(terms) + 0.1 * LogSumExp(terms.Slice(1));
        }
        return s;
    }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double LastOf(double u, double[] b) => b[^1] / Math.Cosh(u);

    /// <summary>
    /// x·y/cosh 1, with y multiplied in place by a callee's read of a local array that holds x (found by the
    /// random-program tester). At y = 0 the callee's seed is 0 but its seed tangent is not.
    /// </summary>
    [Differentiable(Derivatives.Hessian)]
    public static double ProductThroughALocalArray(double x, double y)
    {
        double[] w = new double[] { 1.0, y, x };
        w[1] *= LastOf(1.0, w);
        return w[1];
    }

    [Differentiable(Derivatives.Hessian)]
    public static double MixtureInline(double[] means, [NoDiff] double[] points)
    {
        int k = means.Length;
        Span<double> terms = stackalloc double[k];
        double s = 0;
        for (int p = 0; p < points.Length; p++)
        {
            for (int c = 0; c < k; c++)
            {
                double d = points[p] - means[c];
                terms[c] = -0.5 * d * d * means[c];
            }
            for (int from = 0; from < 2; from++)
            {
                double m = terms[from];
                for (int i = from + 1; i < k; i++)
                    m = Math.Max(m, terms[i]);
                double sum = 0;
                for (int i = from; i < k; i++)
                    sum += Math.Exp(terms[i] - m);
                s += (from == 0 ? 1 : 0.1) * (Math.Log(sum) + m);
            }
        }
        return s;
    }

    [Differentiable(Derivatives.Hessian)]
    public static double MixedInline(double x, double[] w, [NoDiff] double[] data)
    {
        double first = 0;
        for (int i = 0; i < w.Length; i++)
            first += w[i] * w[i] * data[i];
        double second = 0;
        for (int i = 0; i < w.Length - 1; i++)
            second += w[i + 1] * w[i + 1] * w[i];
        double s = first + second * x;
        for (int i = 0; i < w.Length; i++)
            s += w[i] > 0 ? Math.Sin(w[i] * x * (w[i] * x)) : x * w[i];
        return s + Math.Exp(x * x * 0.1);
    }
}

public class SecondOrderCallTests
{
    static void AgreeEntries(double[] expected, double[] actual, string what) =>
        Agree(expected, actual, 1e-12, what, absolute: 1e-12 * Math.Max(1, expected.Max(Math.Abs)));

    [Fact]
    public void BealeThroughAHelper_MatchesTheInlineHessian()
    {
        Uniform(2, -4.5, 4.5).Sample(p =>
        {
            double[] gradient = new double[2], hessian = new double[4], inlineGradient = new double[2], inlineHessian = new double[4];
            double value = Soc.BealeByCallsHessian(p[0], p[1], gradient, hessian);
            Close(So.BealeHessian(p[0], p[1], inlineGradient, inlineHessian), value);
            AgreeEntries(inlineGradient, gradient, "gradient");
            AgreeEntries(inlineHessian, hessian, "Hessian");
        });
    }

    [Fact]
    public void RosenbrockThroughACallInALoop_MatchesTheInlineHessian()
    {
        Uniform(2, 10, -2, 2).Sample(x =>
        {
            int n = x.Length;
            double[] gradient = new double[n], hessian = new double[n * n], inlineGradient = new double[n], inlineHessian = new double[n * n];
            Soc.RosenbrockByCallsHessian(x, gradient, hessian);
            Lp.RosenbrockHessian(x, inlineGradient, inlineHessian);
            AgreeEntries(inlineGradient, gradient, "gradient");
            AgreeEntries(inlineHessian, hessian, "Hessian");
        });
    }

    /// <summary>The Hessian through calls against the inline twin's, and against central differences of the gradient.</summary>
    [Fact]
    public void MixedCalls_HessianMatchesTheInlineTwinAndDifferencesOfTheGradient()
    {
        Gen.Int[2, 6].SelectMany(n => Gen.Select(Uniform(n + 1, -1.5, 1.5), Uniform(n, -1, 1))).Sample((p, data) =>
        {
            int size = p.Length;
            double x = p[0];
            double[] w = p[1..];
            double[] gradient = new double[size], hessian = new double[size * size], inlineGradient = new double[size], inlineHessian = new double[size * size];
            double value = Soc.MixedHessian(x, w, data, gradient, hessian);
            Close(Soc.MixedInlineHessian(x, w, data, inlineGradient, inlineHessian), value);
            AgreeEntries(inlineGradient, gradient, "gradient");
            AgreeEntries(inlineHessian, hessian, "Hessian");
            for (int i = 0; i < size; i++)
            {
                int row = i;
                Check(q => { var g = new double[size - 1]; Soc.MixedGradient(q[0], q[1..], data, out double g0, g); return row == 0 ? g0 : g[row - 1]; }, p, hessian[(i * size)..((i + 1) * size)]);
            }
        });
    }

    /// <summary>A local array passed to a callee in a loop, whole and sliced: its tangent goes on the tape with it.</summary>
    [Fact]
    public void LocalArraysPassedInALoop_HessianMatchesTheInlineTwinAndDifferencesOfTheGradient()
    {
        Gen.Int[2, 5].SelectMany(k => Gen.Select(Uniform(k, 0.2, 1.5), Uniform(3, -2, 2))).Sample((means, points) =>
        {
            int k = means.Length;
            double[] gradient = new double[k], hessian = new double[k * k], inlineGradient = new double[k], inlineHessian = new double[k * k];
            double value = Soc.MixtureByCallsHessian(means, points, gradient, hessian);
            Close(Soc.MixtureByCalls(means, points), value);
            // The twin computes each log-sum-exp another way, and the sum of the points' terms (each up to about 10
            // in size) can cancel to 1e-5: the two values agree to rounding of the terms, not of the sum (seen once).
            Agree([Soc.MixtureInlineHessian(means, points, inlineGradient, inlineHessian)], [value], 1e-12, "value", absolute: 1e-14 * 10 * points.Length);
            AgreeEntries(inlineGradient, gradient, "gradient");
            AgreeEntries(inlineHessian, hessian, "Hessian");
            for (int i = 0; i < k; i++)
            {
                int row = i;
                Check(q => { var g = new double[k]; Soc.MixtureByCallsGradient(q, points, g); return g[row]; }, means, hessian[(i * k)..((i + 1) * k)]);
            }
        });
    }

    /// <summary>
    /// The Hessian of x·y·c is [[0, c], [c, 0]], also where y = 0: there the callee's BackwardTangent gets seed 0
    /// and seed tangent v_y, and must still add v_y·c to the tangent of x's adjoint.
    /// </summary>
    [Fact]
    public void ACalleeWithSeedZeroButASeedTangent_StillAddsTheSeedTangentTimesItsGradient()
    {
        double c = 1 / Math.Cosh(1.0);
        Gen.Select(Gen.Double[-2, 2], Gen.OneOfConst(0.0, 0.5, -1.25)).Sample((x, y) =>
        {
            double[] gradient = new double[2], hessian = new double[4];
            double value = Soc.ProductThroughALocalArrayHessian(x, y, gradient, hessian);
            Close(x * y * c, value);
            AgreeEntries([y * c, x * c], gradient, "gradient");
            AgreeEntries([0, c, c, 0], hessian, "Hessian");
        });
    }

    /// <summary>
    /// <c>BackwardTangent</c> adds seed·g to the adjoints and seedTangent·g + seed·H·v to their tangents, on
    /// top of what they held (the contract of a pullback, which callers chain).
    /// </summary>
    [Fact]
    public void BackwardTangentAccumulatesSeedTimesGradientAndTheTangentOfThat()
    {
        Gen.Int[2, 6].SelectMany(n => Gen.Select(Uniform(n + 1, -1.5, 1.5), Uniform(n + 1, -1, 1), Uniform(n, -1, 1), Uniform(2, -2, 2))).Sample((p, v, data, seeds) =>
        {
            int n = p.Length - 1;
            double seed = seeds[0], seedTangent = seeds[1];
            double[] dw = new double[n], hvw = new double[n];
            Soc.MixedHessianVectorProduct(p[0], p[1..], data, v[0], v[1..], out double dx, dw, out double hvx, hvw);
            double[] g = [dx, .. dw], hv = [hvx, .. hvw];

            double[] before = Enumerable.Range(0, 2 * (n + 1)).Select(k => 0.25 * k - 1).ToArray();
            double ax = before[0], tx = before[n + 1];
            double[] aw = before[1..(n + 1)], tw = before[(n + 2)..];
            double value = Soc.MixedBackwardTangent(p[0], p[1..], data, v[0], v[1..], seed, seedTangent, ref ax, aw, ref tx, tw);
            Close(Soc.Mixed(p[0], p[1..], data), value);
            double[] expectedAdjoints = g.Select((gi, k) => before[k] + seed * gi).ToArray();
            double[] expectedTangents = g.Select((gi, k) => before[n + 1 + k] + seedTangent * gi + seed * hv[k]).ToArray();
            AgreeEntries(expectedAdjoints, [ax, .. aw], "adjoints");
            AgreeEntries(expectedTangents, [tx, .. tw], "adjoint tangents");
        });
    }

    [Fact]
    public void HessianVectorProductThroughCalls_AllocatesNothing()
    {
        var random = new Random(5);
        double[] w = Enumerable.Range(0, 100).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] data = Enumerable.Range(0, 100).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] v = Enumerable.Range(0, 100).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] dw = new double[100], hvw = new double[100];
        double sink = 0;
        Assert.Equal(0, AllocationTests.AllocatedBy(() => sink += Soc.MixedHessianVectorProduct(0.3, w, data, 1, v, out _, dw, out _, hvw), 200));
        Assert.True(double.IsFinite(sink));
    }
}
