using System;
using System.Collections.Generic;
using System.Linq;
using SymbolicDiff;

namespace Gradients.Tests;

public static partial class Extrema
{
    [Differentiable]
    public static double RunningMax(double[] a)
    {
        double m = a[0];
        for (int i = 1; i < a.Length; i++)
        {
            m = Math.Max(m, a[i]);
        }

        return m;
    }

    /// <summary>The old value second, and a candidate that computes.</summary>
    [Differentiable]
    public static double RunningMaxSwapped(double[] a, double[] b)
    {
        double m = a[0] * b[0];
        for (int i = 1; i < a.Length; i++)
        {
            m = Math.Max(a[i] * b[i], m);
        }

        return m;
    }

    [Differentiable]
    public static double RunningMin(double[] a)
    {
        double m = a[0];
        for (int i = 1; i < a.Length; i++)
        {
            m = Math.Min(m, a[i]);
        }

        return m;
    }

    [Differentiable]
    public static float RunningMaxFloat(float[] a)
    {
        float m = a[0];
        for (int i = 1; i < a.Length; i++)
        {
            m = MathF.Max(m, a[i]);
        }

        return m;
    }
}

/// <summary>
/// The backward pass of a running maximum or minimum takes the old values from a trace instead of a tape
/// (<c>MaximumTrace</c>): it must give exactly what the tape gave — ties split ½ along the chain (README: Max and
/// Min split a tie), NaN and infinities propagating as before. The reference below is that rule written out
/// with a stack of the old values, as the tape-based backward pass ran it.
/// </summary>
public class RunningExtremaTests
{
    private static readonly double[] Seeds = [1, -2.5, 0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 5e-324];

    /// <summary>
    /// The documented rule with a stack: m_k = Max(m_{k−1}, a_k); in reverse, the old value gets
    /// dm·(old &gt; a ? 1 : old &lt; a ? 0 : ½), a_k the rest (a zero adjoint adds 0), as the tape-based pass did.
    /// </summary>
    private static double[] Reference(double[] a, double seed, bool maximum)
    {
        var old = new Stack<double>();
        double m = a[0];
        for (int i = 1; i < a.Length; i++)
        {
            old.Push(m);
            m = maximum ? Math.Max(m, a[i]) : Math.Min(m, a[i]);
        }

        var da = new double[a.Length];
        double dm = seed;
        for (int i = a.Length - 1; i >= 1; i--)
        {
            double previous = old.Pop();
            bool keeps = maximum ? previous > a[i] : previous < a[i];
            bool loses = maximum ? previous < a[i] : previous > a[i];
            double toOld = dm == 0.0 ? 0.0 : dm * (keeps ? 1.0 : loses ? 0.0 : 0.5);
            da[i] += dm == 0.0 ? 0.0 : dm * (loses ? 1.0 : keeps ? 0.0 : 0.5);
            dm = toOld;
        }

        da[0] += dm;
        return da;
    }

    /// <summary>Arrays full of ties and repeated maxima, rising and falling runs, NaN and infinities in every place.</summary>
    private static IEnumerable<double[]> Arrays()
    {
        yield return [3];
        yield return [2, 2];
        yield return [1, 2, 2, 2, 1, 2];
        yield return [5, 5, 5, 5, 5, 5, 5, 5];
        yield return [1, 2, 3, 4, 5, 6];
        yield return [6, 5, 4, 3, 2, 1];
        yield return [-0.0, 0.0, -0.0, 0.0];
        yield return [0.0, -0.0, 0.0];
        yield return [1, 3, 2, 3, 3, 0, 3];
        yield return [3, 1, 3, 2, 3];
        yield return [double.NegativeInfinity, double.NegativeInfinity, -1, double.NegativeInfinity];
        yield return [1, double.PositiveInfinity, 2, double.PositiveInfinity];
        double[] special = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        double[] pattern = [1, 2, 2, 0, 2, 1];
        foreach (double value in special)
        {
            for (int at = 0; at < pattern.Length; at++)
            {
                double[] a = (double[])pattern.Clone();
                a[at] = value;
                yield return a;
            }
        }

        yield return [double.NaN, double.NaN, 1];
        yield return [1, double.NaN, 3, double.NaN, 3];
        var random = new Random(20261130);
        for (int n = 0; n < 300; n++)
        {
            // few distinct values: ties everywhere, maxima repeated
            yield return Enumerable.Range(0, random.Next(1, 12)).Select(_ => (double)random.Next(-2, 3)).ToArray();
        }
    }

    [Fact]
    public void RunningMaxAndMin_SplitTiesAlongTheChain_AsTheTapeDid()
    {
        foreach (double[] a in Arrays())
        {
            foreach (double seed in Seeds)
            {
                var max = new double[a.Length];
                var min = new double[a.Length];
                Assert.Equal(a.Aggregate(Math.Max), Extrema.RunningMaxBackward(a, seed, max));
                Assert.Equal(a.Aggregate(Math.Min), Extrema.RunningMinBackward(a, seed, min));
                Assert.Equal(Reference(a, seed, maximum: true), max);
                Assert.Equal(Reference(a, seed, maximum: false), min);
            }
        }
    }

    [Fact]
    public void RunningMax_OldValueSecond_AndFloat_AsTheTapeDid()
    {
        foreach (double[] a in Arrays())
        {
            double[] ones = [.. a.Select(_ => 1.0)]; // a[i] * 1 is a[i] exactly, NaN and infinities too
            foreach (double seed in Seeds)
            {
                var da = new double[a.Length];
                var db = new double[a.Length];
                Extrema.RunningMaxSwappedBackward(a, ones, seed, da, db);
                Assert.Equal(Reference(a, seed, maximum: true), da);

                float[] f = [.. a.Select(x => (float)x)];
                var df = new float[a.Length];
                Extrema.RunningMaxFloatBackward(f, (float)seed, df);
                Assert.Equal(Reference(a, (float)seed, maximum: true).Select(g => (float)g), df);
            }
        }
    }

    [Fact]
    public void RunningMax_KnownValues()
    {
        var da = new double[5];
        Assert.Equal(3, Extrema.RunningMaxGradient([1, 3, 2, 3, 3], da));
        Assert.Equal([0, 0.25, 0, 0.25, 0.5], da); // the last tie takes ½, the one before ¼, the first rise the rest
        Assert.Equal(-1, Extrema.RunningMinGradient([2, -1, 0, -1], da.AsSpan(0, 4)));
        Assert.Equal([0, 0.5, 0, 0.5], da.Take(4));
    }

    [Fact]
    public void SoftmaxCrossEntropy_MatchesCentralDifferences_AndTheClosedForm()
    {
        var random = new Random(9);
        foreach (int n in new[] { 1, 2, 10, 1000 })
        {
            double[] scores = [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 20 - 10)];
            int label = n / 3;
            var d = new double[n];
            Lp.SoftmaxCrossEntropyGradient(scores, label, d);
            double max = scores.Max();
            double sum = scores.Sum(s => Math.Exp(s - max));
            double[] closed = [.. scores.Select((s, i) => Math.Exp(s - max) / sum - (i == label ? 1 : 0))];
            Numeric.Agree(closed, d, 1e-9, absolute: 1e-15);
            if (n <= 10)
            {
                Numeric.Check(x => Lp.SoftmaxCrossEntropy(x, label), scores, d);
            }
        }
    }

    [Fact]
    public void SoftmaxCrossEntropy_WithTiedMaxima_IsTheSoftmaxGradient()
    {
        double[] scores = [2, 5, 5, -1, 5];
        var d = new double[5];
        Lp.SoftmaxCrossEntropyGradient(scores, 0, d);
        double sum = scores.Sum(s => Math.Exp(s - 5));
        Numeric.Agree([.. scores.Select((s, i) => Math.Exp(s - 5) / sum - (i == 0 ? 1 : 0))], d, 1e-12, absolute: 1e-15);
        Numeric.Check(x => Lp.SoftmaxCrossEntropy(x, 0), scores, d);
    }
}
