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

public class ReassignedParameterTests
{
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
