using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Values the result does not depend on get no adjoint code: their zero adjoint once met an infinite
/// local gradient (an Exp that overflowed) and turned the live gradient into NaN.
/// </summary>
public static partial class Dead
{
    /// <summary>A loop computes a sum nobody reads, whose Exp overflows.</summary>
    [Differentiable]
    public static double LoopSum(double x)
    {
        double dead = 0;
        double live = 0;
        for (int i = 0; i < 3; i++)
        {
            dead += Math.Exp(x * 1000);
            live += x * x;
        }

        return -1.19 * x + live;
    }

    /// <summary>An element stored and never read: its stored value needs no adjoint.</summary>
    [Differentiable]
    public static double UnreadElement(double x)
    {
        double[] a = new double[2];
        a[0] = Math.Exp(x * 1000);
        a[1] = x * 3;
        return a[1];
    }

    /// <summary>A variable carried by a loop that only feeds another dead variable.</summary>
    [Differentiable]
    public static double DeadChain(double x, double y)
    {
        double a = x;
        double b = 0;
        double s = 0;
        for (int i = 0; i < 4; i++)
        {
            a = Math.Exp(a * 800);
            b += a;
            s += y * x;
        }

        return s;
    }

    /// <summary>Live through the next iteration: a value read only at the top of the following one.</summary>
    [Differentiable]
    public static double LiveAcrossIterations(double x)
    {
        double previous = 0;
        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            s += previous * x;
            previous = Math.Sin(x + i);
        }

        return s;
    }
}

public class DeadValueTests
{
    [Fact]
    public void LoopSum()
    {
        double v = Dead.LoopSumGradient(-1.5, out double dx);
        Close(-1.19 * -1.5 + 3 * 1.5 * 1.5, v);
        Close(-1.19 + 6 * -1.5, dx);
        double g = Dead.LoopSumGradient(0.8, out dx);
        Close(-1.19 + 6 * 0.8, dx); // exp(800) overflows: the gradient stays finite
        Assert.True(double.IsFinite(g));
    }

    [Fact]
    public void UnreadElement()
    {
        Dead.UnreadElementGradient(0.8, out double dx);
        Close(3, dx);
    }

    [Fact]
    public void DeadChain()
    {
        Dead.DeadChainGradient(0.9, -1.3, out double dx, out double dy);
        Close(4 * -1.3, dx);
        Close(4 * 0.9, dy);
    }

    [Fact]
    public void LiveAcrossIterations()
    {
        Dead.LiveAcrossIterationsGradient(0.4, out double dx);
        Check(p => Dead.LiveAcrossIterations(p[0]), [0.4], [dx]);
    }
}
