using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// The backward pass gives the adjoints of a variable's versions one adjoint variable when they are never live at the
/// same time (AdjointCoalescing): an adjoint updated in place through nested loops, carried around an inner loop with no
/// copy, or kept apart where a merge in the loop builds the new adjoint from the old one. Only names and copies change,
/// so the numbers are the ones of the chain rule: known values, differences, and second order's gradient equal to the
/// first order's bit for bit (its backward pass keeps an adjoint per version).
/// </summary>
public static partial class SharedAdjoints
{
    /// <summary>x^(3n): the adjoint of t is updated in place (dt = dt * x) in an inner loop of an outer one.</summary>
    [Differentiable(Derivatives.Reverse | Derivatives.Hessian)]
    public static double Power(double x, int n)
    {
        double t = 1;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < 3; j++)
                t *= x;
        return t;
    }

    /// <summary>A sum over rounds of an inner loop: its adjoint passes the inner loop unchanged.</summary>
    [Differentiable(Derivatives.Reverse | Derivatives.Hessian)]
    public static double Rounds(double[] x)
    {
        double s = 1;
        for (int r = 0; r < 3; r++)
        {
            for (int i = 0; i < x.Length; i++)
                s += Math.Exp(x[i] - r) * s * 0.125;
            s = Math.Sin(s) + r;
        }

        return s;
    }

    /// <summary>Sums of an inner loop whose adjoint runs first to last: the sum's adjoint is neither copied in nor out.</summary>
    [Differentiable(Derivatives.Reverse | Derivatives.Hessian)]
    public static double ExpRounds(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int r = 0; r < 2; r++)
            for (int i = 0; i < x.Length; i++)
                s += Math.Exp(x[i] * (r + 1));
        return s;
    }

    /// <summary>A merge in the loop (the new adjoint built from the old one on each side) and an update in place after it.</summary>
    [Differentiable(Derivatives.Reverse | Derivatives.Hessian)]
    public static double Merged(double x, double[] w)
    {
        double s = x;
        for (int i = 0; i < w.Length; i++)
        {
            if (w[i] > 0)
                s = s * w[i];
            s = s * x + w[i];
        }

        return s * s;
    }

    /// <summary>A float while loop carrying its adjoint, updated in place.</summary>
    [Differentiable]
    public static float Halving(float x, int n)
    {
        float y = 3 * x;
        for (int k = 0; k < n; k++)
            y = MathF.Sin(y) * 0.5f;
        return y * y;
    }

    [Differentiable]
    public static double HalvingDouble(double x, int n)
    {
        double y = 3 * x;
        for (int k = 0; k < n; k++)
            y = Math.Sin(y) * 0.5;
        return y * y;
    }
}

public class SharedAdjointsTests
{
    private static Gen<double[]> Points(int n) => Box(Enumerable.Repeat((-1.5, 1.5), n).ToArray());

    [Theory]
    [InlineData(0.7, 0)]
    [InlineData(0.7, 1)]
    [InlineData(-1.3, 2)]
    [InlineData(1.1, 3)]
    public void Power_KnownValues(double x, int n)
    {
        double value = SharedAdjoints.PowerGradient(x, n, out double dx);
        Close(Math.Pow(x, 3 * n), value, 1e-14);
        Close(n == 0 ? 0 : 3 * n * Math.Pow(x, 3 * n - 1), dx, 1e-14);
        Check(p => SharedAdjoints.Power(p[0], n), [x], [dx]);
    }

    [Fact]
    public void Power_SecondOrderGradientIsTheFirstOrders()
    {
        double[] gradient = new double[1], hessian = new double[1];
        double value = SharedAdjoints.PowerHessian(1.1, 2, gradient, hessian);
        Assert.Equal(SharedAdjoints.PowerGradient(1.1, 2, out double dx), value);
        Assert.Equal(dx, gradient[0]);
        Close(30 * Math.Pow(1.1, 4), hessian[0], 1e-13);
    }

    [Fact]
    public void Rounds_MatchesFiniteDifferences() =>
        Sample(Points(4), SharedAdjoints.Rounds, x => LoopOrderTests.With(x, (p, g) => SharedAdjoints.RoundsGradient(p, g)));

    [Fact]
    public void ExpRounds_KnownGradient() =>
        Points(4).Sample(x =>
        {
            double[] g = new double[4];
            double value = SharedAdjoints.ExpRoundsGradient(x, g);
            Close(x.Sum(v => Math.Exp(v) + Math.Exp(2 * v)), value, 1e-13);
            Agree(x.Select(v => Math.Exp(v) + 2 * Math.Exp(2 * v)).ToArray(), g, 1e-13);
        });

    [Fact]
    public void Merged_MatchesFiniteDifferences() =>
        // uniform points: Box's round values put w[i] on the branch at 0
        Sample(ForwardChecks.Uniform(5, -1.2, 1.2), p => SharedAdjoints.Merged(p[0], p[1..]), p =>
        {
            double[] g = new double[4];
            double f = SharedAdjoints.MergedGradient(p[0], p[1..], out double dx, g);
            return (f, [dx, .. g]);
        });

    [Fact]
    public void SecondOrderGradientsAreTheFirstOrders() =>
        ForwardChecks.Uniform(5, -1.2, 1.2).Sample(p =>
        {
            int n = p.Length;
            double[] gradient = new double[n], hessian = new double[n * n], reverse = new double[n];
            Assert.Equal(SharedAdjoints.RoundsGradient(p, reverse), SharedAdjoints.RoundsHessian(p, gradient, hessian));
            Assert.Equal(reverse, gradient);

            double[] w = p[1..], dw = new double[n - 1];
            double value = SharedAdjoints.MergedGradient(p[0], w, out double dx, dw);
            Assert.Equal(value, SharedAdjoints.MergedHessian(p[0], w, gradient, hessian));
            Assert.Equal([dx, .. dw], gradient);

            double[] g = new double[n];
            Assert.Equal(SharedAdjoints.ExpRoundsGradient(p, reverse), SharedAdjoints.ExpRoundsHessian(p, g, hessian));
            Assert.Equal(reverse, g);
        });

    [Theory]
    [InlineData(0.4, 0)]
    [InlineData(0.4, 3)]
    [InlineData(-0.9, 5)]
    public void Halving_FloatAgreesWithDouble(double x, int n)
    {
        double value = SharedAdjoints.HalvingDoubleGradient(x, n, out double dx);
        Check(p => SharedAdjoints.HalvingDouble(p[0], n), [x], [dx]);
        float valueF = SharedAdjoints.HalvingGradient((float)x, n, out float dxF);
        Agree([value, dx], [valueF, dxF], FloatTolerance);
    }
}
