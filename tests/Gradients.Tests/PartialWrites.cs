using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// A vector-valued callee that writes only some elements of its output: the adjoint of an element it
/// left alone flows to the value the element held before the call (the caller once cleared them all).
/// </summary>
public static partial class Partial
{
    /// <summary>Writes y[i] only where x[i] is positive.</summary>
    [Differentiable]
    public static void CopyPositive(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] > 0)
            {
                y[i] = x[i];
            }
        }
    }

    /// <summary>Writes only the first element.</summary>
    [Differentiable]
    public static void WriteFirst(ReadOnlySpan<double> x, Span<double> y)
    {
        y[0] = x[0] * x[1];
    }

    [Differentiable]
    public static double Caller(double[] x)
    {
        double[] y = new double[3];
        for (int i = 0; i < 3; i++)
        {
            y[i] = 2 * x[i] * x[i];
        }

        CopyPositive(x, y);
        return y[0] + 3 * y[1] + 5 * y[2];
    }

    /// <summary>A vector-valued caller passes its own output on: the elements neither writes keep the caller's stores.</summary>
    [Differentiable]
    public static void Forward(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = Math.Sin(x[i]);
        }

        WriteFirst(x, y);
    }
}

public class PartialWriteTests
{
    [Theory]
    [InlineData(0.7, -1.3, 0.4)]
    [InlineData(-0.7, 1.3, -0.4)]
    public void ElementsTheCalleeLeftAloneKeepTheirGradient(double a, double b, double c)
    {
        double[] x = [a, b, c];
        var dx = new double[3];
        double v = Partial.CallerGradient(x, dx);
        Close(Partial.Caller(x), v);
        Check(p => Partial.Caller(p), x, dx);
    }

    [Fact]
    public void VectorValuedCallerOfAPartialWriter()
    {
        double[] x = [0.7, -1.3, 0.4];
        double[] dy = [0.5, -2.0, 1.5];
        double[] y = new double[3], dx = new double[3];
        Partial.ForwardBackward(x, y, dx, (double[])dy.Clone());
        Check(p =>
        {
            var r = new double[3];
            Partial.Forward(p, r);
            return dy[0] * r[0] + dy[1] * r[1] + dy[2] * r[2];
        }, x, dx);
    }

    [Fact]
    public void BackwardClearsExactlyTheElementsItWrote()
    {
        double[] x = [0.7, -1.3, 0.4];
        double[] dy = [0.5, -2.0, 1.5];
        Partial.CopyPositiveBackward(x, new double[3], new double[3], dy);
        Assert.Equal([0, -2.0, 0], dy);
    }
}
