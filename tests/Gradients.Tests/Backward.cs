using System;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>A loop adding into a scalar parameter's adjoint: terms of 1e33 that cancel, then 1 (F50).</summary>
public static partial class Prefilled
{
    [Differentiable]
    public static double Cancelling(double x, [NoDiff] double[] k)
    {
        double s = x;
        for (int i = 0; i < k.Length; i++)
        {
            s += k[i] * x;
        }

        return s;
    }
}

/// <summary>Backward ACCUMULATES seed·∂F/∂x; Gradient OVERWRITES.</summary>
public class BackwardTests
{
    /// <summary>
    /// F50: the adjoint a loop adds into is summed apart from the caller's and added once, so a prefilled 2 survives
    /// terms of ±1e33 that cancel: 2 + (1e33 − 1e33 + 1) = 3. Added to the caller's adjoint term by term it was lost
    /// (2 + 1e33 rounds to 1e33), and Backward gave 1.
    /// </summary>
    [Fact]
    public void Backward_AddsALoopsTermsToAPrefilledAdjointOnce()
    {
        double[] k = [1e33, -1e33];
        Prefilled.CancellingGradient(0.5, k, out double gradient);
        Assert.Equal(1, gradient);
        double dx = 2;
        Prefilled.CancellingBackward(0.5, k, 1, ref dx);
        Assert.Equal(3, dx);
    }

    [Fact]
    public void SumTimes_Backward_AddsSeedTimesGradient()
    {
        double dx = 1, dy = -2, dz = 0.5;
        double f = Cs231n.SumTimesBackward(-2, 5, -4, 3, ref dx, ref dy, ref dz);
        Assert.Equal(-12.0, f);
        Assert.Equal((1 + 3 * -4.0, -2 + 3 * -4.0, 0.5 + 3 * 3.0), (dx, dy, dz));
    }

    [Fact]
    public void Backward_WithZeroSeed_LeavesAdjointsUnchanged()
    {
        double dx = 1, dy = -2, dz = 0.5;
        Cs231n.SumTimesBackward(-2, 5, -4, 0, ref dx, ref dy, ref dz);
        Assert.Equal((1.0, -2.0, 0.5), (dx, dy, dz));
    }

    [Fact]
    public void Backward_CalledTwice_AccumulatesTwice()
    {
        double dx = 0, dy = 0, dz = 0;
        Cs231n.SumTimesBackward(-2, 5, -4, 1, ref dx, ref dy, ref dz);
        Cs231n.SumTimesBackward(-2, 5, -4, 1, ref dx, ref dy, ref dz);
        Assert.Equal((-8.0, -8.0, 6.0), (dx, dy, dz));
    }

    [Fact]
    public void Gradient_Overwrites_WhateverTheVariablesHeld_AlsoWhenCalledTwice()
    {
        double dx = 100, dy = -100, dz = 7;
        Cs231n.SumTimesGradient(-2, 5, -4, out dx, out dy, out dz);
        Cs231n.SumTimesGradient(-2, 5, -4, out dx, out dy, out dz);
        Assert.Equal((-4.0, -4.0, 3.0), (dx, dy, dz));

        Cs231n.SumTimesBackward(-2, 5, -4, 1, ref dx, ref dy, ref dz);
        Cs231n.SumTimesGradient(-2, 5, -4, out dx, out dy, out dz);
        Assert.Equal((-4.0, -4.0, 3.0), (dx, dy, dz));
    }

    /// <summary>Random point, seed and starting adjoints: after Backward, adjoint = start + seed·gradient.</summary>
    private static void Accumulates(
        Gen<double[]> points,
        Func<double[], double[]> gradient,
        Func<double[], double, double[], double> backward)
    {
        Gen.Select(points, Gen.Double[-3, 3], Gen.Double[-10, 10].Array[8])
            .Sample((x, seed, start) =>
            {
                double[] g = gradient(x);
                double[] adjoints = start[..g.Length];
                backward(x, seed, adjoints);
                for (int i = 0; i < g.Length; i++)
                {
                    double expected = start[i] + seed * g[i];
                    // The terms of a gradient on these unit boxes are of order one: where they cancel (x ≈ 0, y = −1 in Chain's
                    // y·cos x + 1) the gradient carries their rounding, ~1e-16·|seed|, which Backward and Gradient round differently.
                    Agree([expected], [adjoints[i]], 1e-12, $"adjoint {i}", absolute: 1e-14 * (Math.Abs(start[i]) + Math.Abs(seed * g[i])) + 1e-15 * Math.Abs(seed));
                }
            });
    }

    [Fact]
    public void Neuron_Backward_Accumulates() => Accumulates(
        Box((-3, 3), (-3, 3), (-3, 3), (-3, 3), (-3, 3)),
        p =>
        {
            Cs231n.NeuronGradient(p[0], p[1], p[2], p[3], p[4], out var a, out var b, out var c, out var d, out var e);
            return [a, b, c, d, e];
        },
        (p, s, d) => Cs231n.NeuronBackward(p[0], p[1], p[2], p[3], p[4], s, ref d[0], ref d[1], ref d[2], ref d[3], ref d[4]));

    [Fact]
    public void Branches_Backward_Accumulates() => Accumulates(
        Box((-3, 3), (-3, 3)),
        p =>
        {
            Br.NestedEarlyGradient(p[0], p[1], out var a, out var b);
            return [a, b];
        },
        (p, s, d) => Br.NestedEarlyBackward(p[0], p[1], s, ref d[0], ref d[1]));

    [Fact]
    public void Calls_Backward_Accumulates() => Accumulates(
        Box((-2, 2), (-2, 2)),
        p =>
        {
            Comp.ChainGradient(p[0], p[1], out var a, out var b);
            return [a, b];
        },
        (p, s, d) => Comp.ChainBackward(p[0], p[1], s, ref d[0], ref d[1]));

    [Fact]
    public void Recursion_Backward_Accumulates() => Accumulates(
        Box((-2, 2)),
        p =>
        {
            Comp.PowRecGradient(p[0], 4, out var a);
            return [a];
        },
        (p, s, d) => Comp.PowRecBackward(p[0], 4, s, ref d[0]));

    [Fact]
    public void MaxTie_Backward_AccumulatesHalfSeedIntoEach()
    {
        double da = 1, db = 2;
        Assert.Equal(5.0, Fn.MaxBackward(5, 5, 4, ref da, ref db));
        Assert.Equal((3.0, 4.0), (da, db));
    }

    [Fact]
    public void Float_Backward_Accumulates()
    {
        float dx = 1, dy = 2;
        float f = FnF.MulBackward(3, -4, 0.5f, ref dx, ref dy);
        Assert.Equal(-12f, f);
        Assert.Equal((1 + 0.5f * -4, 2 + 0.5f * 3), (dx, dy));
        FnF.MulGradient(3, -4, out dx, out dy);
        Assert.Equal((-4f, 3f), (dx, dy));
    }

    [Fact]
    public void Backward_ReturnsTheValue()
    {
        double d = 0;
        Assert.Equal(Fn.Sin(0.3), Fn.SinBackward(0.3, 2, ref d));
        var poly = new Poly(1, 2) { C = 3 };
        Assert.Equal(poly.Eval(1.5), poly.EvalBackward(1.5, 2, ref d));
    }
}
