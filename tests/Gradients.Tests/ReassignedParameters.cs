using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Backward ADDS seed·∂F/∂x to the adjoint of a parameter the method reassigns, on every path: straight
/// code, a branch, a loop that carries it, and an array parameter (issue 7: a random program's
/// <c>x0 += -x0;</c> left 0 where the adjoint came in as 1).
/// </summary>
public static partial class Reassigned
{
    [Differentiable]
    public static double Cancelled(double x0, double x1)
    {
        x0 += -x0;
        return x0 * x1 + x1;
    }

    [Differentiable]
    public static double InBranch(double x0, double x1)
    {
        x0 += -x0;
        if (x1 > 0)
        {
            x0 = x0 * x1;
        }

        return x0 + x1 * x1;
    }

    [Differentiable]
    public static double CarriedByLoop(double x0, double x1)
    {
        for (int i = 0; i < 3; i++)
        {
            x0 += -x0;
            x1 = x1 * x0 + x1;
        }

        return x1 + x0;
    }

    [Differentiable]
    public static double ArrayAndScalar(double[] w, double x0)
    {
        x0 += -x0;
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            s += w[i] * x0 + w[i] * w[i];
        }

        return s;
    }
}

/// <summary>More shapes tried for issue 7 §1 (docs/reliability-findings.md, "Not reproduced"); all accumulate.</summary>
public static partial class Reassigned
{
    [Differentiable]
    public static double Square(double u) => u * u;

    [Differentiable]
    public static double ThroughCallee(double x0, double x1)
    {
        x0 += -x0;
        x1 = Square(x1 + x0);
        return x1 + x0;
    }

    [Differentiable]
    public static double ThroughRefLocal(double x0, double x1)
    {
        ref double r = ref x0;
        r += -x0;
        return x0 * x1 + r;
    }

    [Differentiable]
    public static double BeforeEarlyReturn(double x0, double x1)
    {
        x0 += -x0;
        if (x1 > 0)
        {
            return x0 + x1;
        }

        x0 = x0 * x1;
        return x0 - x1;
    }

    [Differentiable]
    public static double InSwitch(double x0, double x1)
    {
        switch (x1)
        {
            case < 0:
                x0 += -x0;
                break;
            default:
                x0 = x0 * x1;
                break;
        }

        return x0 * x1;
    }

    [Differentiable]
    public static void VectorValued(double x0, double x1, Span<double> y)
    {
        x0 += -x0;
        y[0] = x0 * x1;
        y[1] = x1 + x0;
    }

    [Differentiable]
    public static float InFloat(float x0, float x1)
    {
        x0 += -x0;
        return x0 * x1 + x1;
    }
}

public class ReassignedParameterTests
{
    [Fact]
    public void MoreShapes_Accumulate()
    {
        foreach (double x1 in new[] { -1.3, 1.3 })
        {
            Accumulates(p => Reassigned.ThroughCallee(p[0], p[1]), (p, s, d) => Reassigned.ThroughCalleeBackward(p[0], p[1], s, ref d[0], ref d[1]), [0.7, x1]);
            Accumulates(p => Reassigned.ThroughRefLocal(p[0], p[1]), (p, s, d) => Reassigned.ThroughRefLocalBackward(p[0], p[1], s, ref d[0], ref d[1]), [0.7, x1]);
            Accumulates(p => Reassigned.BeforeEarlyReturn(p[0], p[1]), (p, s, d) => Reassigned.BeforeEarlyReturnBackward(p[0], p[1], s, ref d[0], ref d[1]), [0.7, x1]);
            Accumulates(p => Reassigned.InSwitch(p[0], p[1]), (p, s, d) => Reassigned.InSwitchBackward(p[0], p[1], s, ref d[0], ref d[1]), [0.7, x1]);
        }

        float dx0 = 1f, dx1 = -2f;
        Reassigned.InFloatBackward(0.7f, -1.3f, 0.5f, ref dx0, ref dx1);
        Assert.Equal(1f, dx0);
        Assert.Equal(-2f + 0.5f, dx1);
    }

    [Fact]
    public void VectorValued_Accumulates()
    {
        double dx0 = 1, dx1 = -2;
        double[] y = new double[2], dy = [0.5, -0.25];
        Reassigned.VectorValuedBackward(0.7, -1.3, y, ref dx0, ref dx1, dy);
        Close(1, dx0);
        Close(-2 - 0.25, dx1);
    }

    private static void Accumulates(Func<double[], double> f, Func<double[], double, double[], double> backward, double[] x)
    {
        double[] start = [1.0, -2.0];
        double[] adjoints = (double[])start.Clone();
        double value = backward(x, 0.5, adjoints);
        Close(f(x), value);
        var (numeric, _) = Gradient(f, x);
        for (int i = 0; i < x.Length; i++)
        {
            Agree([start[i] + 0.5 * numeric[i]], [adjoints[i]], 1e-6, $"adjoint {i}", absolute: 1e-9);
        }
    }

    [Fact]
    public void Cancelled() => Accumulates(
        p => Reassigned.Cancelled(p[0], p[1]), (p, s, d) => Reassigned.CancelledBackward(p[0], p[1], s, ref d[0], ref d[1]), [0.7, -1.3]);

    [Fact]
    public void InBranch()
    {
        Accumulates(p => Reassigned.InBranch(p[0], p[1]), (p, s, d) => Reassigned.InBranchBackward(p[0], p[1], s, ref d[0], ref d[1]), [0.7, -1.3]);
        Accumulates(p => Reassigned.InBranch(p[0], p[1]), (p, s, d) => Reassigned.InBranchBackward(p[0], p[1], s, ref d[0], ref d[1]), [0.7, 1.3]);
    }

    [Fact]
    public void CarriedByLoop() => Accumulates(
        p => Reassigned.CarriedByLoop(p[0], p[1]), (p, s, d) => Reassigned.CarriedByLoopBackward(p[0], p[1], s, ref d[0], ref d[1]), [0.7, -1.3]);

    [Fact]
    public void ArrayAndScalar()
    {
        double[] w = [0.4, -0.9];
        double[] dw = [1.0, -2.0];
        double dx0 = 3.0;
        Reassigned.ArrayAndScalarBackward(w, 0.6, 0.5, dw, ref dx0);
        Agree([1.0 + 0.5 * 2 * 0.4, -2.0 + 0.5 * 2 * -0.9], dw, 1e-12, "dw");
        Close(3.0, dx0);
    }
}
