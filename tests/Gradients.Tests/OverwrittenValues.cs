using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Values that reach the result on some runs but not on this one (docs/reliability-findings.md, F7):
/// an element overwritten before it is read, an output a later loop overwrites, a loop that keeps
/// squaring a variable after its last useful read. Their adjoint is 0 at run time, and zero times an
/// infinite local derivative (Cbrt′(0), the derivative of a value that overflowed) must not be NaN.
/// </summary>
public static partial class Overwritten
{
    /// <summary>F7, seed 4994323549071746394, program #211: the first value of w0[2] is never read.</summary>
    [Differentiable]
    public static float ElementOverwritten(float x0, float x1)
    {
        float[] w0 = new float[] { 1.0f, 1.0f, MathF.Cbrt(x0) };
        w0[2] = 1.0f;
        return w0[2] + x1;
    }

    [Differentiable]
    public static double CbrtOf(double u0, double u1) => Math.Cbrt(u1);

    /// <summary>F7, program #363: y[0] is written through a call, then overwritten by a loop.</summary>
    [Differentiable]
    public static void OutputOverwrittenByLoop(double x0, double x1, double x2, Span<double> y)
    {
        double[] w0 = new double[] { 1.0, x2, 1.0, 1.0 };
        double[] w1 = new double[4];
        y[0] = CbrtOf(1.5, w0[1]);
        for (int i3 = 0; i3 < 4; i3++)
        {
            y[i3] = (-x0) * w1[i3] + x1;
        }
    }

    /// <summary>F7, soak seed 20261130, program 17986: x0 overflows after the last read of its useful values.</summary>
    [Differentiable]
    public static double SquaredPastItsLastUse(double x0)
    {
        double[] w0 = new double[4];
        for (int i2 = 0; i2 < 4; i2++)
        {
            w0[i2] = x0;
            for (int i2_0 = 0; i2_0 < 4; i2_0++)
            {
                x0 = 1.0 + (x0 * x0);
            }
        }

        return w0[1];
    }

    /// <summary>
    /// x·x's local gradient 2·x is a constant times the caller's value: written <c>seed * x * 2.0</c>, which is 0
    /// for seed 0 even where 2·x overflows (<c>seed * (2.0 * x)</c> would be 0·∞).
    /// </summary>
    [Differentiable]
    public static double SumOfSquares(double[] x, double y)
    {
        double s = y * y;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i];
        }

        return s;
    }

    /// <summary>F18: a direction that does not move x meets Cbrt′(0) = ∞ in the tangent pass.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double CbrtPlusSquare(double x, double y) => Math.Cbrt(x) + y * y;

    /// <summary>F18, soak seed 20261130, program 825: a callee's tangent asked with a constant argument (direction 0).</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
    public static double DampedCbrt(double u) => u / Math.Cosh(Math.Cbrt(u));

    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
    public static double CallsWithAConstant(double x)
    {
        double[] zeros = new double[3];
        return x * DampedCbrt(zeros[0]) + x;
    }

    /// <summary>F18, soak seed 20261130, program 8229 (shrunk): Min routes away from a value that overflowed, whose tangent is infinite.</summary>
    [Differentiable(Derivatives.Forward)]
    public static double CappedOverflow(double x)
    {
        double big = x * 1e200;
        return Math.Min(big * big, 1.0) + x;
    }

    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
    public static double CbrtOfFirst(double u0, double[] b) => Math.Cbrt(b[0]);

    /// <summary>F18, soak seed 20261201, program 11101: CopySign at 0 chooses 0 for a tangent that is infinite (Cbrt at 0).</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
    public static double SignedCbrt(double x, double[] a) => Math.CopySign(CbrtOfFirst(1.0, a), 1.0) + x;

    [Differentiable(Derivatives.Forward | Derivatives.Reverse | Derivatives.Hessian)]
    public static double Ignored(double u0, double[] b) => 1.0 + 0.0 * u0;

    /// <summary>
    /// F18, soak seed 20261201, program 10140 (shrunk): in the second iteration x1 = Cbrt(w0[0]) / … at w0[0] = 0
    /// never reaches the result; its adjoint is 0, its tangent infinite, and the twin of <c>dt / D</c> must skip
    /// the term <c>(dt / D) · D′ / D</c> where the reverse pass skipped <c>dt / D</c>.
    /// </summary>
    [Differentiable(Derivatives.Forward | Derivatives.Reverse | Derivatives.Hessian)]
    public static double DeadCbrtInALoop(double x0, double x1)
    {
        double[] w0 = new double[2];
        for (int i = 0; i < 2; i++)
        {
            switch (i)
            {
                case 0:
                    w0[1] = w0[1] * w0[0] * (w0[i] - w0[i]);
                    w0[0] -= Math.Atan2(x1, 1.0 + x1 * x1) * Math.Tan(Math.Tanh(x0));
                    break;
                case 1:
                    x1 = Math.Cbrt(w0[0]) / (Math.Abs(x1) + 0.5);
                    double unused = Ignored(Math.Clamp(x1, w0[0] - 1.0, w0[0] + 1.0), w0);
                    break;
            }
        }

        return w0[0];
    }

    /// <summary>
    /// CI seed 1318644695255106825, program 480: CopySign's derivative written as r/a had the derivative
    /// r′/a − r/a², ∞ − ∞ at a subnormal a. A choice between ±1 has derivative 0.
    /// </summary>
    [Differentiable(Derivatives.Forward | Derivatives.Reverse | Derivatives.Hessian)]
    public static float SignedSubnormal(float x0) => MathF.CopySign(x0, 1.0f);

    [Differentiable(Derivatives.Forward | Derivatives.Reverse | Derivatives.Hessian)]
    public static double SignedSubnormalDouble(double x0, double s) => Math.CopySign(x0, s) * 3.0;

    /// <summary>
    /// F25, soak seed 20261603, #10 (shrunk further by hand): ∛(x − y) is 0 at x = y, finite, but its tangent is infinite;
    /// w[0] never reaches the result, so its adjoint is exactly 0 and the reverse pass skips <c>dw · ∛(x − y)</c>, and
    /// the twin of that amount must skip <c>dw · (∛(x − y))′</c> too (it was 0 · ∞ = NaN in H·v for s[0]).
    /// </summary>
    [Differentiable(Derivatives.Forward | Derivatives.Reverse | Derivatives.Hessian)]
    public static double UnreadProductOfCbrtAtZero(double x, double y, double[] s)
    {
        double[] w = new double[2];
        for (int i = 0; i < 2; i++)
        {
            w[i] = Math.Cbrt(x - y) * s[i];
        }

        return w[1] + Math.Sin(x);
    }

    /// <summary>
    /// F31 (soak seed 20261701 #156): <c>e^x</c> overflows to ∞, and the result reads the product with it on one side
    /// of a branch only. On the other side its adjoint is exactly 0, and so is that adjoint's tangent: the reverse pass
    /// skips <c>dp · ∞</c>, and its twin must skip <c>tdp · ∞</c> too (it was 0 · ∞ = NaN in H·v for x and y).
    /// </summary>
    [Differentiable(Derivatives.Forward | Derivatives.Reverse | Derivatives.Hessian)]
    public static double ProductWithAnOverflowOnTheSideNotTaken(double x, double y)
    {
        double z = Math.Exp(x);
        double p = Math.Tanh(y) * z;
        return y > 0 ? y * y : p;
    }

    [Differentiable]
    public static double Product(double u, double v) => u * v;

    /// <summary>
    /// F19, soak seed 20261130, program 3428 (shrunk): the caller passes an overflowed value to a callee whose
    /// result it does not use on this path, so the pullback's seed is 0, and the callee's local derivative with
    /// respect to v is u, a parameter (exempt from the zero test inside the callee): 0 · ∞.
    /// </summary>
    [Differentiable]
    public static double OverflowPassedToUnusedCall(double x, double y)
    {
        double huge = x * 1e300 * 1e300;
        double unused = Product(huge, y);
        return y > 0 ? y : unused;
    }
}

public class OverwrittenValueTests
{
    [Fact]
    public void ElementOverwrittenBeforeItIsRead()
    {
        float v = Overwritten.ElementOverwrittenGradient(0f, 0.5f, out float dx0, out float dx1);
        Assert.Equal(1.5f, v);
        Assert.Equal(0f, dx0); // the result does not depend on x0; Cbrt′(0) is infinite
        Assert.Equal(1f, dx1);
    }

    [Fact]
    public void OutputOverwrittenByALaterLoop()
    {
        double[] y = new double[4];
        double dx0 = 0.25, dx1 = -0.5, dx2 = -1.1;
        double[] dy = [0.5, -1.0, 2.0, 0.75];
        Overwritten.OutputOverwrittenByLoopBackward(0.7, 1.3, 0.0, y, ref dx0, ref dx1, ref dx2, dy);
        Close(0.25, dx0); // w1 is all zeros: y[i] = x1
        Close(-0.5 + (0.5 - 1.0 + 2.0 + 0.75), dx1);
        Close(-1.1, dx2); // y[0] = Cbrt(x2) is overwritten; Cbrt′(0) is infinite
    }

    [Fact]
    public void ValueSquaredPastItsLastUse()
    {
        const double x = 0.6185;
        double v = Overwritten.SquaredPastItsLastUseGradient(x, out double dx);
        Assert.Equal(Overwritten.SquaredPastItsLastUse(x), v);
        Assert.True(double.IsFinite(dx), $"dx = {dx}");
        Check(p => Overwritten.SquaredPastItsLastUse(p[0]), [x], [dx]);
    }

    [Fact]
    public void ConstantTimesTheCallersValue_IsZeroForSeedZero_AndFiniteWhereTwiceTheValueOverflows()
    {
        const double huge = 1.5e308; // 2·huge overflows, huge·huge too
        double[] x = [huge, -huge, 3.0];
        double[] dx = new double[3];
        double dy = 0;
        Overwritten.SumOfSquaresBackward(x, huge, 0.0, dx, ref dy);
        Assert.Equal([0.0, 0.0, 0.0], dx);
        Assert.Equal(0.0, dy);

        // seed·x·2 = 1e-300 · 1.5e308 · 2 = 3e8, finite; seed·(2·x) would be 1e-300·∞
        Overwritten.SumOfSquaresBackward(x, huge, 1e-300, dx, ref dy);
        Close(3e8, dx[0]);
        Close(-3e8, dx[1]);
        Close(6e-300, dx[2], 1e-12);
        Close(3e8, dy);
        Sample(Box((-2.0, 2.0), (-2.0, 2.0), (-2.0, 2.0)), p => Overwritten.SumOfSquares(p[..2], p[2]), p =>
        {
            double[] g = new double[2];
            double f = Overwritten.SumOfSquaresGradient(p[..2], p[2], g, out double gy);
            return (f, [.. g, gy]);
        });
    }

    [Fact]
    public void TangentAlongADirectionThatLeavesCbrtAtZero()
    {
        double v = Overwritten.CbrtPlusSquareTangent(0.0, 1.5, 0.0, 1.0, out double tangent);
        Assert.Equal(2.25, v);
        Assert.Equal(3.0, tangent); // ∂/∂y only; Cbrt′(0) = ∞ is multiplied by a direction of exactly 0
    }

    [Fact]
    public void HessianVectorProductAlongADirectionThatLeavesCbrtAtZero()
    {
        Overwritten.CbrtPlusSquareHessianVectorProduct(0.0, 1.5, 0.0, 1.0, out double dx, out double dy, out double hvx, out double hvy);
        Assert.Equal(double.PositiveInfinity, dx); // the gradient itself is infinite there
        Assert.Equal(3.0, dy);
        Assert.Equal(0.0, hvx); // ∂²f/∂x∂y = 0
        Assert.Equal(2.0, hvy);
    }

    [Fact]
    public void CalleeTangentWithAConstantArgument()
    {
        double v = Overwritten.CallsWithAConstantTangent(0.75, 1.0, out double tangent);
        Assert.Equal(0.75, v);
        Assert.Equal(1.0, tangent); // DampedCbrt(0) = 0, and its argument does not move
    }

    [Fact]
    public void TangentRoutedAwayFromAnOverflowedValue()
    {
        double v = Overwritten.CappedOverflowTangent(1.0, 1.0, out double tangent);
        Assert.Equal(2.0, v);
        Assert.Equal(1.0, tangent); // Min chose the constant 1; the infinite tangent of big² is not multiplied by 0
    }

    [Fact]
    public void TangentThroughCopySignOfCbrtAtZero()
    {
        double v = Overwritten.SignedCbrtTangent(0.5, [0.0, 1.0], 1.0, [1.0, 0.0], out double tangent);
        Assert.Equal(0.5, v);
        Assert.Equal(1.0, tangent); // CopySign's local derivative at 0 is 0: it chooses, Cbrt's infinite tangent is not multiplied
    }

    [Fact]
    public void HessianVectorProductWithADeadCbrtAtZero()
    {
        double[] x = [0.0, 2.0], direction = [1.0, 0.5];
        Overwritten.DeadCbrtInALoopHessianVectorProduct(x[0], x[1], direction[0], direction[1], out _, out _, out double hv0, out double hv1);
        const double h = 1e-5;
        Overwritten.DeadCbrtInALoopGradient(x[0] + h * direction[0], x[1] + h * direction[1], out double p0, out double p1);
        Overwritten.DeadCbrtInALoopGradient(x[0] - h * direction[0], x[1] - h * direction[1], out double m0, out double m1);
        Close((p0 - m0) / (2 * h), hv0, 1e-6);
        Close((p1 - m1) / (2 * h), hv1, 1e-6);
    }

    [Theory]
    [InlineData(2.0e-43f, 1.0f)]
    [InlineData(-2.0e-43f, -1.0f)]
    [InlineData(3.0f, 1.0f)]
    public void SecondOrderOfCopySignAtASubnormal(float x, float slope)
    {
        float v = Overwritten.SignedSubnormalHessianVectorProduct(x, 1.0f, out float dx, out float hv);
        Assert.Equal(MathF.Abs(x), v);
        Assert.Equal(slope, dx);
        Assert.Equal(0.0f, hv);
    }

    [Theory]
    [InlineData(4.9e-324, 2.0, 3.0)]
    [InlineData(4.9e-324, -2.0, -3.0)]
    [InlineData(-1e-310, 2.0, -3.0)]
    [InlineData(-1e-310, -0.0, 3.0)]
    [InlineData(0.0, 1.0, 0.0)]
    public void SecondOrderOfCopySignAtASubnormalDouble(double x, double s, double slope)
    {
        double v = Overwritten.SignedSubnormalDoubleHessianVectorProduct(x, s, 1.0, 1.0, out double dx, out double ds, out double hvx, out double hvs);
        Assert.Equal(Math.CopySign(x, s) * 3.0, v);
        Assert.Equal(slope, dx);
        Assert.Equal(0.0, ds);
        Assert.Equal(0.0, hvx);
        Assert.Equal(0.0, hvs);
        Overwritten.SignedSubnormalDoubleTangent(x, s, 1.0, 1.0, out double tangent);
        Assert.Equal(slope, tangent);
    }

    [Fact]
    public void SecondOrderOfAnUnreadProductWhoseFactorHasAnInfiniteTangent()
    {
        double[] s = [2.0, 3.0], ds = new double[2], hvs = new double[2];
        Overwritten.UnreadProductOfCbrtAtZeroHessianVectorProduct(0.5, 0.5, s, 1.0, -1.0, [1.0, 1.0], out _, out _, ds, out _, out _, hvs);
        Assert.Equal(0.0, ds[0]);
        Assert.Equal(0.0, hvs[0]);   // NaN before F25's fix
        Assert.Equal(0.0, ds[1]);    // ∛0
        // away from the cusp the second order agrees with differences of the gradient
        double[] gradient = new double[4], hessian = new double[16];
        Overwritten.UnreadProductOfCbrtAtZeroHessian(0.9, 0.2, s, gradient, hessian);
        for (int row = 0; row < 4; row++)
        {
            int r = row;
            Check(q =>
            {
                double[] g = new double[2];
                Overwritten.UnreadProductOfCbrtAtZeroGradient(q[0], q[1], [q[2], q[3]], out double gx, out double gy, g);
                return r switch { 0 => gx, 1 => gy, _ => g[r - 2] };
            }, [0.9, 0.2, 2.0, 3.0], hessian[(4 * r)..(4 * r + 4)]);
        }
    }

    [Fact]
    public void SecondOrderOfAnAdjointWithAZeroTangentTimesAnOverflowedValue()
    {
        Overwritten.ProductWithAnOverflowOnTheSideNotTakenHessianVectorProduct(800, 1.5, 1.0, -1.0, out double dx, out double dy, out double hx, out double hy);
        Assert.Equal((0.0, 3.0), (dx, dy));
        Assert.Equal((0.0, -2.0), (hx, hy));   // (NaN, NaN) before F31's fix
        // where nothing overflows, the second order agrees with differences of the gradient, on both sides
        foreach (double y in new[] { 1.5, -0.5 })
        {
            double[] gradient = new double[2], hessian = new double[4];
            Overwritten.ProductWithAnOverflowOnTheSideNotTakenHessian(0.3, y, gradient, hessian);
            for (int row = 0; row < 2; row++)
            {
                int r = row;
                Check(q =>
                {
                    Overwritten.ProductWithAnOverflowOnTheSideNotTakenGradient(q[0], q[1], out double gx, out double gy);
                    return r == 0 ? gx : gy;
                }, [0.3, y], hessian[(2 * r)..(2 * r + 2)]);
            }
        }
    }

    [Fact]
    public void PullbackWithSeedZeroAndAnOverflowedArgument()
    {
        double v = Overwritten.OverflowPassedToUnusedCallGradient(1.0, 2.0, out double dx, out double dy);
        Assert.Equal(2.0, v);
        Assert.Equal(0.0, dx);
        Assert.Equal(1.0, dy);
    }
}
