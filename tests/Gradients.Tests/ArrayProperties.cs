using System;
using CsCheck;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>Random lengths 1..50 and random values: gradients vs finite differences; Gradient overwrites, Backward accumulates.</summary>
public class ArrayPropertiesTests
{
    private static Gen<double[]> Vector(double lo, double hi) => Gen.Double[lo, hi].Array[1, 50];

    private static Gen<(double[], double[])> TwoVectors =>
        Gen.Int[1, 50].SelectMany(n => Gen.Select(Gen.Double[-3, 3].Array[n], Gen.Double[-3, 3].Array[n]));

    /// <summary>Adjoints pre-filled with garbage: Gradient overwrites them (and nothing past Length); Backward adds seed·gradient.</summary>
    private static void OverwritesThenAccumulates(int n, Func<double[], double> gradientInto, Func<double, double[], double> backwardInto, double[] garbage, double seed)
    {
        double[] g = new double[n + 2];
        garbage.AsSpan(0, n + 2).CopyTo(g);
        double v1 = gradientInto(g);
        Assert.Equal(garbage[n], g[n]);
        Assert.Equal(garbage[n + 1], g[n + 1]);
        double[] clean = new double[n];
        double v2 = gradientInto(clean);
        Assert.Equal(v2, v1);
        Assert.Equal(clean, g[..n]);

        double[] acc = garbage[..n];
        double v3 = backwardInto(seed, acc);
        Assert.Equal(v1, v3);
        for (int i = 0; i < n; i++)
        {
            double expected = garbage[i] + seed * clean[i];
            // Backward adds seed·gradient in pieces (softmax CE: seed·p_i, −seed at the label, the max's share), each
            // up to about |seed| and rounded against the garbage already there
            Agree([expected], [acc[i]], 1e-12, $"adjoint {i}", absolute: 1e-14 * (Math.Abs(garbage[i]) + Math.Abs(seed) * (Math.Abs(clean[i]) + 4)));
        }
    }

    private static Gen<double[]> Garbage => Gen.Double[-1e3, 1e3].Array[104];

    [Fact]
    public void Dot_MatchesFiniteDifferences() =>
        TwoVectors.Sample((a, b) =>
        {
            int n = a.Length;
            double[] da = new double[n], db = new double[n];
            double v = Lp.DotGradient(a, b, da, db);
            Close(Lp.Dot(a, b), v, 1e-13);
            Assert.Equal(b, da);
            Assert.Equal(a, db);
            // linear in each coordinate: central differences have no truncation error, so a large step keeps
            // the rounding noise of a sum with cancellation far below the smallest gradients drawn
            Check(z => Lp.Dot(z[..n], z[n..]), [.. a, .. b], [.. da, .. db], h: 0.5);
        }, iter: 100);

    [Fact]
    public void Dot_GradientOverwritesAndBackwardAccumulates() =>
        Gen.Select(TwoVectors, Garbage, Garbage, Gen.Double[-3, 3]).Sample((ab, ga, gb, seed) =>
        {
            var (a, b) = ab;
            int n = a.Length;
            OverwritesThenAccumulates(n, da => Lp.DotGradient(a, b, da, new double[n]), (s, da) => Lp.DotBackward(a, b, s, da, new double[n]), ga, seed);
            OverwritesThenAccumulates(n, db => Lp.DotGradient(a, b, new double[n], db), (s, db) => Lp.DotBackward(a, b, s, new double[n], db), gb, seed);
        }, iter: 100);

    [Fact]
    public void Rosenbrock_MatchesFiniteDifferences() =>
        Vector(-2, 2).Sample(x =>
        {
            double[] dx = new double[x.Length];
            double v = Lp.RosenbrockGradient(x, dx);
            Close(Lp.Rosenbrock(x), v, 1e-13);
            Check(z => Lp.Rosenbrock(z), x, dx);
        }, iter: 100);

    [Fact]
    public void Rosenbrock_GradientOverwritesAndBackwardAccumulates() =>
        Gen.Select(Vector(-2, 2), Garbage, Gen.Double[-3, 3]).Sample((x, garbage, seed) =>
            OverwritesThenAccumulates(x.Length, d => Lp.RosenbrockGradient(x, d), (s, d) => Lp.RosenbrockBackward(x, s, d), garbage, seed),
            iter: 100);

    private static Gen<(double[], int)> ScoresAndLabel =>
        Vector(-5, 5).SelectMany(s => Gen.Int[0, s.Length - 1].Select(label => (s, label)));

    [Fact]
    public void SoftmaxCrossEntropy_MatchesFiniteDifferencesAndSoftmaxMinusOneHot() =>
        ScoresAndLabel.Sample((scores, label) =>
        {
            double[] d = new double[scores.Length];
            double v = Lp.SoftmaxCrossEntropyGradient(scores, label, d);
            Check(z => Lp.SoftmaxCrossEntropy(z, label), scores, d);

            double m = double.NegativeInfinity, z = 0;
            foreach (double s in scores) m = Math.Max(m, s);
            foreach (double s in scores) z += Math.Exp(s - m);
            double[] expected = new double[scores.Length];
            for (int i = 0; i < scores.Length; i++) expected[i] = Math.Exp(scores[i] - m) / z - (i == label ? 1 : 0);
            Close(Math.Log(z) - (scores[label] - m), v, 1e-12);
            Agree(expected, d, 1e-9, absolute: 1e-15);
        }, iter: 100);

    [Fact]
    public void SoftmaxCrossEntropy_GradientOverwritesAndBackwardAccumulates() =>
        Gen.Select(ScoresAndLabel, Garbage, Gen.Double[-3, 3]).Sample((sl, garbage, seed) =>
        {
            var (scores, label) = sl;
            OverwritesThenAccumulates(scores.Length, d => Lp.SoftmaxCrossEntropyGradient(scores, label, d), (s, d) => Lp.SoftmaxCrossEntropyBackward(scores, label, s, d), garbage, seed);
        }, iter: 100);

    /// <summary>
    /// Horner's rule: ∂/∂w[i] = x^(n−1−i), ∂/∂x = Σ (n−1−i)·w[i]·x^(n−2−i). Finite differences only for short
    /// polynomials: for n = 50 and |x| &lt; 1, x^49 is far below the rounding noise of the differences.
    /// </summary>
    [Fact]
    public void Horner_MatchesClosedFormAndFiniteDifferences() =>
        Gen.Select(Gen.Double[-1.2, 1.2], Vector(-2, 2)).Sample((x, w) =>
        {
            int n = w.Length;
            double[] dw = new double[n];
            double v = Lp.HornerGradient(x, w, out double dx, dw);
            Close(Lp.Horner(x, w), v, 1e-13);
            double[] expected = new double[n];
            double edx = 0, scale = 0;
            for (int i = 0; i < n; i++)
            {
                expected[i] = Math.Pow(x, n - 1 - i);
                if (i < n - 1)
                {
                    double term = (n - 1 - i) * w[i] * Math.Pow(x, n - 2 - i);
                    edx += term;
                    scale += Math.Abs(term);
                }
            }
            Agree(expected, dw, 1e-12);
            Agree([edx], [dx], 1e-12, absolute: 1e-13 * scale);
            if (n <= 8)
                Check(z => Lp.Horner(z[0], z[1..]), [x, .. w], [dx, .. dw]);
        }, iter: 100);

    [Fact]
    public void NestedLoops_MatrixMatchesFiniteDifferences() =>
        Gen.Select(Gen.Int[1, 7], Gen.Int[1, 7]).SelectMany((m, n) => Gen.Select(Gen.Double[-2, 2].Array[m * n], Gen.Double[-2, 2].Array[n], Gen.Const(m)))
            .Sample((W, x, m) =>
            {
                double[] dW = new double[W.Length], dx = new double[x.Length];
                double v = Lp.SumSquaresWxGradient(W, x, m, dW, dx);
                Close(Lp.SumSquaresWx(W, x, m), v, 1e-13);
                // quadratic in each coordinate: central differences are exact up to rounding, so a large step
                Check(z => Lp.SumSquaresWx(z[..W.Length], z[W.Length..], m), [.. W, .. x], [.. dW, .. dx], h: 0.1);
            }, iter: 100);

    [Fact]
    public void ContinueBreak_MatchesFiniteDifferences() =>
        // values away from the thresholds 0 (continue) and 5 (break), where the function jumps
        Gen.Select(Gen.Double[-2, 2], Gen.OneOf(Gen.Double[-3, -0.01], Gen.Double[0.01, 4.99], Gen.Double[5.01, 7]).Array[1, 50]).Sample((x, w) =>
        {
            double[] dw = new double[w.Length];
            double v = Lp.ContinueBreakGradient(x, w, out double dx, dw);
            Check(z => Lp.ContinueBreak(z[0], z[1..]), [x, .. w], [dx, .. dw]);
        }, iter: 100);
}
