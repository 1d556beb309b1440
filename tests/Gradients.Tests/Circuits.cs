using System;
using SymbolicDiff;

namespace Gradients.Tests;

/// <summary>The circuits of the cs231n backpropagation notes.</summary>
public static partial class Cs231n
{
    [Differentiable]
    public static double SumTimes(double x, double y, double z) => (x + y) * z;

    [Differentiable]
    public static double Neuron(double w0, double w1, double w2, double x0, double x1) =>
        1 / (1 + Math.Exp(-(w0 * x0 + w1 * x1 + w2)));

    [Differentiable]
    public static double MaxCircuit(double x, double y, double z, double w) => 2 * (x * y + Math.Max(z, w));
}

/// <summary>Known values printed in the cs231n notes.</summary>
public class CircuitTests
{
    [Fact]
    public void SumTimes_AtNotesPoint_GivesMinus12AndMinus4Minus4And3()
    {
        double f = Cs231n.SumTimesGradient(-2, 5, -4, out double dx, out double dy, out double dz);

        Assert.Equal(-12.0, f);
        Assert.Equal(-4.0, dx);
        Assert.Equal(-4.0, dy);
        Assert.Equal(3.0, dz);
    }

    [Fact]
    public void Neuron_AtNotesPoint_MatchesPrintedDigits()
    {
        double f = Cs231n.NeuronGradient(2, -3, -3, -1, -2, out double dw0, out double dw1, out double dw2, out double dx0, out double dx1);

        Assert.Equal(0.73105857863, f, 11);
        Assert.Equal(0.7311, f, 4);
        Assert.Equal(-0.1966, dw0, 4);
        Assert.Equal(-0.3932, dw1, 4);
        Assert.Equal(0.1966, dw2, 4);
        Assert.Equal(0.3932, dx0, 4);
        Assert.Equal(-0.5898, dx1, 4);
    }

    [Fact]
    public void Neuron_AtNotesPoint_MatchesClosedForm()
    {
        // dot = 2·(−1) + (−3)·(−2) + (−3) = 1, σ = 1/(1+e^−1), ∂σ/∂dot = σ(1−σ); each input gets that times its partner
        double s = 1 / (1 + Math.Exp(-1.0));
        double local = s * (1 - s);

        double f = Cs231n.NeuronGradient(2, -3, -3, -1, -2, out double dw0, out double dw1, out double dw2, out double dx0, out double dx1);

        Assert.Equal(s, f, 1e-12);
        Assert.Equal(local * -1, dw0, 1e-12);
        Assert.Equal(local * -2, dw1, 1e-12);
        Assert.Equal(local * 1, dw2, 1e-12);
        Assert.Equal(local * 2, dx0, 1e-12);
        Assert.Equal(local * -3, dx1, 1e-12);
    }

    [Fact]
    public void MaxCircuit_AtNotesPoint_GivesMinus8And6And2And0()
    {
        double f = Cs231n.MaxCircuitGradient(3, -4, 2, -1, out double dx, out double dy, out double dz, out double dw);

        Assert.Equal(-20.0, f);
        Assert.Equal(-8.0, dx);
        Assert.Equal(6.0, dy);
        Assert.Equal(2.0, dz);
        Assert.Equal(0.0, dw);
    }

    [Fact]
    public void Neuron_AtRandomPoints_MatchesFiniteDifferences() =>
        Numeric.Sample(
            Numeric.Box((-3, 3), (-3, 3), (-3, 3), (-3, 3), (-3, 3)),
            p => Cs231n.Neuron(p[0], p[1], p[2], p[3], p[4]),
            p =>
            {
                double v = Cs231n.NeuronGradient(p[0], p[1], p[2], p[3], p[4], out double a, out double b, out double c, out double d, out double e);
                return (v, [a, b, c, d, e]);
            });
}
