using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// A small method's <c>FGradient</c> runs its own body and assigns a scalar adjoint (<c>dx = …</c>) where its
/// first contribution runs on every call (GradientOverwrite). Each method here has an earlier contribution the
/// assignment must not overwrite: inside a branch, through a callee's pullback, inside a loop fused into the
/// forward pass, through a reassigned parameter.
/// </summary>
public static partial class ScalarAssigns
{
    /// <summary>The branch's contribution to ∂/∂x comes first in the backward pass.</summary>
    [Differentiable]
    public static double BranchFirst(double x, double y)
    {
        double r = x * y;
        if (y > 0)
        {
            r = r * x;
        }

        return r + y;
    }

    [Differentiable]
    public static double Square(double v) => v * v;

    /// <summary>Square's pullback adds into ∂/∂x before the product's contribution.</summary>
    [Differentiable]
    public static double PullbackFirst(double x, double y)
    {
        double a = x * y;
        double b = Square(x);
        return b * a;
    }

    /// <summary>The loop, fused into the forward pass, adds into ∂/∂w before the backward pass runs.</summary>
    [Differentiable]
    public static double FusedLoopFirst(double w, double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += w * x[i];
        }

        return s + w * w;
    }

    /// <summary>x is overwritten twice; its adjoint flows back through both versions.</summary>
    [Differentiable]
    public static double Reassigned(double x, double y)
    {
        x = x * x;
        x = x + y * x;
        return x * y;
    }
}

public class ScalarGradientAssignsTests
{
    private static readonly CsCheck.Gen<double[]> Plane = Box((-2.0, 2.0), (-2.0, 2.0));

    [Fact]
    public void BranchFirst_KeepsTheBranchsPart()
    {
        // y > 0: r = x²y + y, ∂/∂x = 2xy = 12, ∂/∂y = x² + 1 = 5 at (2, 3)
        double f = ScalarAssigns.BranchFirstGradient(2, 3, out double dx, out double dy);
        Assert.Equal((15.0, 12.0, 5.0), (f, dx, dy));
        foreach (var side in new[] { Box((-2.0, 2.0), (0.25, 2.0)), Box((-2.0, 2.0), (-2.0, -0.25)) }) // away from the kink at y = 0
        {
            Sample(side, p => ScalarAssigns.BranchFirst(p[0], p[1]), p => (ScalarAssigns.BranchFirstGradient(p[0], p[1], out double a, out double b), [a, b]));
        }
    }

    [Fact]
    public void PullbackFirst_KeepsTheCalleesPart()
    {
        // x³y: ∂/∂x = 3x²y = 36, ∂/∂y = x³ = 8 at (2, 3)
        double f = ScalarAssigns.PullbackFirstGradient(2, 3, out double dx, out double dy);
        Assert.Equal((24.0, 36.0, 8.0), (f, dx, dy));
        Sample(Plane, p => ScalarAssigns.PullbackFirst(p[0], p[1]), p => (ScalarAssigns.PullbackFirstGradient(p[0], p[1], out double a, out double b), [a, b]));
    }

    [Fact]
    public void FusedLoopFirst_KeepsTheLoopsPart()
    {
        // w·Σx + w²: ∂/∂w = Σx + 2w = 6 + 4, ∂/∂x[i] = w
        double[] dx = [double.NaN, double.NaN, double.NaN];
        double f = ScalarAssigns.FusedLoopFirstGradient(2, [1, 2, 3], out double dw, dx);
        Assert.Equal((16.0, 10.0), (f, dw));
        Assert.Equal([2.0, 2.0, 2.0], dx);
        // x all positive: where Σx cancels (−1 + 1 + 1e-10) ∂f/∂w is that 1e-10 and the function's terms at w ± h are ±h,
        // so its difference quotient carries rounding of 1e-6 of the gradient, a point of the check, not of the gradient.
        Sample(
            Box([(-2.0, 2.0), (0.25, 2.0), (0.25, 2.0), (0.25, 2.0)]),
            p => ScalarAssigns.FusedLoopFirst(p[0], p[1..]),
            p =>
            {
                double[] g = new double[3];
                double value = ScalarAssigns.FusedLoopFirstGradient(p[0], p[1..], out double d, g);
                return (value, [d, .. g]);
            });
    }

    [Fact]
    public void Reassigned_FollowsBothVersions()
    {
        // (x² + y·x²)·y = x²(y + y²): ∂/∂x = 2x(y + y²) = 48, ∂/∂y = x²(1 + 2y) = 28 at (2, 3)
        double f = ScalarAssigns.ReassignedGradient(2, 3, out double dx, out double dy);
        Assert.Equal((48.0, 48.0, 28.0), (f, dx, dy));
        Sample(Plane, p => ScalarAssigns.Reassigned(p[0], p[1]), p => (ScalarAssigns.ReassignedGradient(p[0], p[1], out double a, out double b), [a, b]));
    }

    [Fact]
    public void Gradient_IsBackwardWithSeedOne()
    {
        foreach (var (x, y) in new[] { (2.0, 3.0), (-1.5, 0.5), (0.7, -2.0) })
        {
            double bx = 0, by = 0;
            double expected = ScalarAssigns.BranchFirstBackward(x, y, 1.0, ref bx, ref by);
            Assert.Equal((expected, bx, by), (ScalarAssigns.BranchFirstGradient(x, y, out double gx, out double gy), gx, gy));
            bx = by = 0;
            expected = ScalarAssigns.ReassignedBackward(x, y, 1.0, ref bx, ref by);
            Assert.Equal((expected, bx, by), (ScalarAssigns.ReassignedGradient(x, y, out gx, out gy), gx, gy));
        }
    }
}
