using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>Loop methods that once generated code that did not compile or gave wrong gradients (found in review and by soaks).</summary>
public static partial class LoopRegress
{
    /// <summary>
    /// Soak seed 20261202, program 13495 (shrunk): the loop carries d1 = x1 and x1 = 1, so at the end of a reverse
    /// iteration dd1 becomes 0 and dx1 takes the old dd1 — one parallel assignment, which was written
    /// <c>dd1 = 0; dx1 = dd1;</c> and lost the gradient.
    /// </summary>
    [Differentiable]
    public static double CopyCarriedThenReset(double x1)
    {
        double d1;
        int i1 = -1;
        do
        {
            i1++;
            d1 = x1;
            x1 = 1.0;
        }
        while (i1 < 2 && d1 >= Math.Pow(1.0 + x1 * x1, 1.5));
        return d1 * d1;
    }

    /// <summary>
    /// F59 (soak seed 327478832415765524, program 3484, shrunk): a parameter read in a loop, then overwritten with a constant.
    /// Only the first iteration reads x, so ∂/∂x = −3; the reverse iterations set the carried adjoint anew each time, and run
    /// first to last they kept the last iteration's (−1): a silently wrong gradient.
    /// </summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double ReadThenOverwritten(double x)
    {
        double[] w = new double[3];
        for (int i = 0; i < 3; i++)
        {
            w[2 - i] -= x;
            x = 0.25 * i;
        }

        return w[2] * 3 + w[0] + w[1] * x;
    }

    /// <summary>The same through an out argument (the Try pattern), and a loop the backward pass fuses into the forward one.</summary>
    [Differentiable]
    public static double ReadThenSetByTryParse(double x, double k)
    {
        double s = 0;
        for (int i = 0; i < 4; i++)
        {
            s += x * x * k * (i + 1);
            double.TryParse("0.5", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out x);
        }

        return s;
    }

    /// <summary>A swap carried by a loop: the carried adjoints copy each other in a cycle.</summary>
    [Differentiable(Derivatives.Reverse | Derivatives.Hessian)]
    public static double SwapInALoop(double a, double b, int n)
    {
        for (int i = 0; i < n; i++)
        {
            double t = a;
            a = b;
            b = t;
        }

        return a * 2.0 + b * b * 3.0;
    }

    // A loop variable whose value before the loop is a parameter: its storage must take the variable's name, not the parameter's.
    [Differentiable]
    public static double HalveWhile(double x)
    {
        double y = x;
        while (y > 1)
        {
            y = y * 0.5;
        }

        return y * y;
    }
}

public class LoopRegressions
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void CarriedAdjointsAreSetInParallel_Swap(int n)
    {
        LoopRegress.SwapInALoopGradient(1.5, -0.5, n, out double da, out double db);
        Assert.Equal(n % 2 == 0 ? 2.0 : 6.0 * 1.5, da);
        Assert.Equal(n % 2 == 0 ? 6.0 * -0.5 : 2.0, db);
        LoopRegress.SwapInALoopHessianVectorProduct(1.5, -0.5, n, 1.0, 2.0, out _, out _, out double hva, out double hvb);
        Assert.Equal(n % 2 == 0 ? 0.0 : 6.0, hva); // the Hessian is 6 on the diagonal entry of the squared input
        Assert.Equal(n % 2 == 0 ? 12.0 : 0.0, hvb);
    }

    [Theory]
    [InlineData(2.0)] // leaves after one iteration: d1 = x1
    [InlineData(3.0)] // a second iteration: d1 = 1, the result does not depend on x1
    public void CarriedAdjointsAreSetInParallel(double x1)
    {
        double value = LoopRegress.CopyCarriedThenReset(x1);
        double v = LoopRegress.CopyCarriedThenResetGradient(x1, out double dx1);
        Assert.Equal(value, v);
        Assert.Equal(x1 < Math.Pow(2.0, 1.5) ? 2 * x1 : 0.0, dx1);
        Check(p => LoopRegress.CopyCarriedThenReset(p[0]), [x1], [dx1]);
    }

    /// <summary>x = 0.7: w = (−0.25, −0, −0.7) at the end, x = 0.5; only w[2] = −x reads the parameter: −3.</summary>
    [Fact]
    public void AParameterReadThenOverwrittenInALoop()
    {
        Assert.Equal(-2.1 - 0.25, LoopRegress.ReadThenOverwrittenGradient(0.7, out double dx), 14);
        Assert.Equal(-3, dx);
        Check(p => LoopRegress.ReadThenOverwritten(p[0]), [0.7], [dx]);
        LoopRegress.ReadThenOverwrittenTangent(0.7, 1, out double tangent);
        Assert.Equal(-3, tangent);
        double[] gradient = new double[1], hessian = new double[1];
        LoopRegress.ReadThenOverwrittenHessian(0.7, gradient, hessian);
        Assert.Equal([-3.0, 0.0], [gradient[0], hessian[0]]);

        // s = x²·k from the first iteration, then 0.25·k·(2 + 3 + 4): ∂/∂x = 2xk, ∂/∂k = x² + 2.25
        LoopRegress.ReadThenSetByTryParseGradient(0.7, 2, out double sx, out double sk);
        Assert.Equal(2 * 0.7 * 2, sx, 14);
        Assert.Equal(0.7 * 0.7 + 2.25, sk, 14);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(3.0)]
    [InlineData(17.5)]
    public void HalveWhile(double x)
    {
        LoopRegress.HalveWhileGradient(x, out double dx);
        int halvings = 0;
        for (double y = x; y > 1; y *= 0.5)
        {
            halvings++;
        }

        double factor = Math.Pow(0.5, halvings);
        Close(2 * x * factor * factor, dx);
    }
}
