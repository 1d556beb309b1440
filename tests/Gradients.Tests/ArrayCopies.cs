using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// F60, copies of differentiable arrays and spans into new arrays: <c>(double[])w.Clone()</c>, <c>w.ToArray()</c>,
/// <c>z.Slice(1, 2).ToArray()</c>, <c>w[1..]</c>. Each was SDIFF0004 or SDIFF0006; each is now a local array that a
/// loop copies the elements into, as the user would have written by hand.
/// </summary>
public static partial class ArrayCopies
{
    /// <summary>A copy squared in place; the parameter itself is left as it was.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Cloned(double[] w)
    {
        double[] t = (double[])w.Clone();
        for (int i = 0; i < t.Length; i++)
        {
            t[i] *= t[i];
        }

        return t[0] * t[t.Length - 1] + t[1];
    }

    /// <summary>Every form of copy, of an array and of a span, whole and in part.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double EveryForm(double[] w, ReadOnlySpan<double> z)
    {
        double[] a = w.ToArray();
        double[] b = z.ToArray();
        double[] c = z.Slice(1, 2).ToArray();
        double[] d = w[1..];
        double[] e = w.AsSpan(0, 2).ToArray();
        a[0] += b[1] * c[0];
        return a[0] * d[0] + e[1] * c[1] + Math.Exp(b[0]) + d[^1];
    }

    /// <summary>Gradient descent on a copy of the start, unrolled: the loss after <paramref name="steps"/> steps.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Descent(double[] start, double rate, int steps)
    {
        double[] x = (double[])start.Clone();
        for (int k = 0; k < steps; k++)
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] -= rate * 2 * (x[i] - i) * Math.Cosh(x[i] * 0.1);
            }
        }

        double loss = 0;
        for (int i = 0; i < x.Length; i++)
        {
            loss += x[i] * x[i];
        }

        return loss;
    }

    /// <summary>A copy of a local array, whose original is overwritten after: the copy keeps the old values.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double CopyOfALocal(double[] w, double x)
    {
        double[] a = new double[3];
        for (int i = 0; i < 3; i++)
        {
            a[i] = w[i] * x;
        }

        double[] b = (double[])a.Clone();
        a[0] = Math.Sin(a[1]);
        b[1] *= a[0];
        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    /// <summary>An output copied after a loop wrote every element of it (F58's rule), then written again from the copy.</summary>
    [Differentiable(Derivatives.Reverse | Derivatives.Forward)]
    public static void Rotated(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = x[i] * x[i];
        double[] before = y.ToArray();
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = before[(i + 1) % before.Length] * x[i];
        }
    }

    /// <summary>A copy of constant data with one element replaced by a parameter: a local array like any other.</summary>
    [Differentiable]
    public static double ReplacedKnot(double x, [NoDiff] double[] data, int k)
    {
        double[] knots = (double[])data.Clone();
        knots[k] = x;
        double s = 0;
        for (int i = 0; i < knots.Length; i++)
        {
            s += knots[i] * knots[i] * (i + 1);
        }

        return s;
    }

    /// <summary>A range passed to a [Differentiable] method's array parameter: C# copies it, so the callee's adjoint goes back through the copy.</summary>
    [Differentiable]
    public static double TailNorm(double[] x) => x[0] * SumOfSquares(x[1..]);

    [Differentiable]
    public static double SumOfSquares(double[] v)
    {
        double s = 0;
        foreach (double e in v)
        {
            s += e * e;
        }

        return s;
    }

    [Differentiable]
    public static float LastButOne(float[] w)
    {
        float[] t = w[..^1];
        return t[0] * t[^1];
    }
}

public class ArrayCopyTests
{
    /// <summary>At w = (0.5, 1.5, −2): t = (0.25, 2.25, 4), f = 0.25·4 + 2.25 = 3.25; ∂/∂w = (2·0.5·4, 2·1.5, 0.25·2·(−2)) = (4, 3, −1).</summary>
    [Fact]
    public void Cloned_KnownValuesAndTheParameterIsLeftAlone()
    {
        double[] w = [0.5, 1.5, -2], dw = new double[3];
        Assert.Equal(3.25, ArrayCopies.ClonedGradient(w, dw));
        Assert.Equal([4, 3, -1], dw);
        Assert.Equal([0.5, 1.5, -2], w);
    }

    /// <summary>At w = (1, 2, 3), z = (0, 1, 2, 3): b = z, c = (1, 2), d = (2, 3), e = (1, 2), a0 = 1 + 1·1 = 2, f = 2·2 + 2·2 + e⁰ + 3 = 12.</summary>
    [Fact]
    public void EveryForm_KnownValue()
    {
        double[] w = [1, 2, 3], z = [0, 1, 2, 3], dw = new double[3], dz = new double[4];
        Assert.Equal(12, ArrayCopies.EveryFormGradient(w, z, dw, dz));
        Assert.Equal([2, 2 + 2, 1], dw); // ∂/∂w0 = d0 = 2 (through a0); ∂/∂w1 = a0 (through d0) + c1 (through e1) = 2 + 2; ∂/∂w2 = 1 (d[^1])
        Assert.Equal([1, 2 + 2, 2, 0], dz); // e^b0 = 1; z1 is both b1 and c0: c0·d0 + b1·d0 = 2 + 2; z2 is c1: e1 = 2
    }

    public static IEnumerable<object[]> Methods() =>
        new EveryMode[]
        {
            new("Cloned", 3, p => ArrayCopies.Cloned(p),
                p => { double[] g = new double[3]; return (ArrayCopies.ClonedGradient(p, g), g); },
                (p, v) => (ArrayCopies.ClonedTangent(p, v, out var t), t),
                (p, g, h) => ArrayCopies.ClonedHessian(p, g, h)),
            new("EveryForm", 7, p => ArrayCopies.EveryForm(p[..3], p[3..]),
                p => { double[] g = new double[7]; return (ArrayCopies.EveryFormGradient(p[..3], p[3..], g.AsSpan(0, 3), g.AsSpan(3)), g); },
                (p, v) => (ArrayCopies.EveryFormTangent(p[..3], p[3..], v[..3], v[3..], out var t), t),
                (p, g, h) => ArrayCopies.EveryFormHessian(p[..3], p[3..], g, h)),
            new("Descent", 4, p => ArrayCopies.Descent(p[..3], p[3], 4),
                p => { double[] g = new double[4]; return (ArrayCopies.DescentGradient(p[..3], p[3], 4, g.AsSpan(0, 3), out g[3]), g); },
                (p, v) => (ArrayCopies.DescentTangent(p[..3], p[3], 4, v[..3], v[3], out var t), t),
                (p, g, h) => ArrayCopies.DescentHessian(p[..3], p[3], 4, g, h)),
            new("CopyOfALocal", 4, p => ArrayCopies.CopyOfALocal(p[..3], p[3]),
                p => { double[] g = new double[4]; return (ArrayCopies.CopyOfALocalGradient(p[..3], p[3], g.AsSpan(0, 3), out g[3]), g); },
                (p, v) => (ArrayCopies.CopyOfALocalTangent(p[..3], p[3], v[..3], v[3], out var t), t),
                (p, g, h) => ArrayCopies.CopyOfALocalHessian(p[..3], p[3], g, h)),
        }.Select(m => new object[] { m });

    /// <summary>Gradient against central differences, tangent against gradient·v and differences, Hessian rows against differences of the gradient.</summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public void MatchesDifferencesInEveryMode(EveryMode method) => method.Sample(-0.9, 0.9);

    /// <summary>The output copied and written again: its Jacobian by columns (forward mode) and by rows (Backward) against differences.</summary>
    [Fact]
    public void Rotated_ColumnsRowsAndDifferencesAgree()
    {
        Uniform(2, 5, -1.5, 1.5).Sample(x =>
        {
            int n = x.Length;
            double[] byColumns = new double[n * n], byRows = new double[n * n], y = new double[n], y2 = new double[n];
            ArrayCopies.RotatedJacobian(x, y, byColumns);
            for (int row = 0; row < n; row++)
            {
                double[] seed = new double[n];
                seed[row] = 1;
                ArrayCopies.RotatedBackward(x, y2, byRows.AsSpan(row * n, n), seed);
            }

            Assert.Equal(y, y2);
            Assert.Equal(Enumerable.Range(0, n).Select(i => x[(i + 1) % n] * x[(i + 1) % n] * x[i]), y);
            Agree(byRows, byColumns, 1e-12, "columns against rows", absolute: 1e-14);
            double[] Flat(double[] q)
            {
                double[] outputs = new double[n];
                ArrayCopies.Rotated(q, outputs);
                return outputs;
            }

            Agree(FiniteDifferenceJacobian(Flat, x, n), byColumns, 1e-6, "Jacobian against central differences", absolute: 1e-8);
        });
    }

    /// <summary>data = (1, 2, 3), k = 1, x = 5: s = 1 + 25·2 + 9·3 = 78, ∂s/∂x = 2·5·2 = 20; the data is left alone.</summary>
    [Fact]
    public void ReplacedKnot_KnownValues()
    {
        double[] data = [1, 2, 3];
        Assert.Equal(78, ArrayCopies.ReplacedKnotGradient(5, data, 1, out double dx));
        Assert.Equal(20, dx);
        Assert.Equal([1, 2, 3], data);
        Sample(Uniform(1, -2, 2), p => ArrayCopies.ReplacedKnot(p[0], data, 2), p => (ArrayCopies.ReplacedKnotGradient(p[0], data, 2, out double d), [d]));
    }

    /// <summary>x0·Σ_{i≥1} x_i²: ∂/∂x0 = Σ x_i², ∂/∂x_i = 2·x0·x_i.</summary>
    [Fact]
    public void TailNorm_KnownValuesAndDifferences()
    {
        double[] x = [2, 1, -3], dx = new double[3];
        Assert.Equal(20, ArrayCopies.TailNormGradient(x, dx));
        Assert.Equal([10, 4, -12], dx);
        Sample(Uniform(4, -2, 2), ArrayCopies.TailNorm, p => { double[] g = new double[4]; return (ArrayCopies.TailNormGradient(p, g), g); });
    }

    /// <summary>The float copy of all but the last: (2, 3) of (2, 3, 5), product 6, gradient (3, 2, 0).</summary>
    [Fact]
    public void LastButOne_KnownValues()
    {
        float[] w = [2, 3, 5], dw = new float[3];
        Assert.Equal(6f, ArrayCopies.LastButOneGradient(w, dw));
        Assert.Equal([3f, 2f, 0f], dw);
    }
}
