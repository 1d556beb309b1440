using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// F67, bulk writes into local arrays and outputs: <c>y.Clear()</c>, <c>Span.Fill</c>, <c>Array.Fill</c>, <c>Array.Clear</c>,
/// <c>CopyTo</c>, <c>Array.Copy</c> (within one array too). Each was SDIFF0006 (the array passed to a call that could write
/// it), and an output cleared before it is added to was SDIFF0010 too. Each is now the loop of stores a user writes by hand.
/// </summary>
public static partial class BulkWrites
{
    /// <summary>A dense layer that clears its output and accumulates into it: y = A·x.</summary>
    [Differentiable(Derivatives.Reverse | Derivatives.Forward)]
    public static void MatVec(ReadOnlySpan<double> a, ReadOnlySpan<double> x, Span<double> y)
    {
        y.Clear();
        for (int i = 0; i < y.Length; i++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                y[i] += a[i * x.Length + j] * x[j];
            }
        }
    }

    /// <summary>An explicit heat-equation stepper that copies the next state back into the current one each step.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Heat(double[] u0, double k, int steps)
    {
        double[] current = new double[u0.Length];
        double[] next = new double[u0.Length];
        u0.CopyTo(current, 0);
        for (int s = 0; s < steps; s++)
        {
            for (int i = 1; i < current.Length - 1; i++)
            {
                next[i] = current[i] + k * (current[i - 1] - 2 * current[i] + current[i + 1]);
            }

            next[0] = current[0];
            next[^1] = current[^1];
            next.AsSpan().CopyTo(current);
        }

        double e = 0;
        foreach (double v in current)
        {
            e += v * v;
        }

        return e;
    }

    /// <summary>Fills and clears of a whole array and of parts of it, with a differentiable value.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Fills(double x, double z, int n)
    {
        double[] t = new double[n];
        Array.Fill(t, x);
        t.AsSpan(1).Fill(2 * x * z);
        Array.Fill(t, z * z, 2, 1);
        Array.Clear(t, 0, 1);
        Span<double> u = stackalloc double[n];
        u.Fill(Math.Sin(z));
        u.Slice(n - 1).Clear();
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += t[i] * t[i] * (i + 1) + u[i] * t[i];
        }

        return s;
    }

    /// <summary>A delay line: the elements shifted right within one array (the copy runs from the last), then left.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Shifted(double[] w)
    {
        double[] t = new double[w.Length];
        w.CopyTo(t, 0);
        Array.Copy(t, 0, t, 1, t.Length - 1);
        t[0] = w[^1] * 2;
        double s = 0;
        for (int i = 0; i < t.Length; i++)
        {
            s += t[i] * t[i] * (i + 1);
        }

        t.AsSpan(2).CopyTo(t);
        for (int i = 0; i < t.Length; i++)
        {
            s += t[i] * Math.Sin(t[i]) * (i + 2);
        }

        return s;
    }

    /// <summary>Copies between arrays and spans, into a slice, from a slice, by Array.Copy with and without starts.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Copies(double[] w, ReadOnlySpan<double> z)
    {
        double[] t = new double[w.Length + z.Length];
        Array.Copy(w, t, w.Length);
        z.CopyTo(t.AsSpan(w.Length));
        double[] u = new double[2];
        z.Slice(1, 2).CopyTo(u);
        Array.Copy(t, 1, u, 0, 1);
        double s = 0;
        for (int i = 0; i < t.Length; i++)
        {
            s += Math.Exp(t[i] * 0.5) * (i + 1);
        }

        return s * u[0] + u[1] * u[1];
    }

    /// <summary>An output filled whole, then scaled in part and copied into: y = (v²·x0, x0·x0, x0·x1, x0, v²·x0) for x of length 3.</summary>
    [Differentiable(Derivatives.Reverse | Derivatives.Forward)]
    public static void FilledOutput(ReadOnlySpan<double> x, double v, Span<double> y)
    {
        y.Fill(v * v);
        y.Slice(1, 2).Fill(x[0]);
        for (int i = 0; i < y.Length; i++)
        {
            y[i] *= x[i % x.Length];
        }

        x.Slice(0, 1).CopyTo(y.Slice(3));
    }

    /// <summary>An output written by a fill alone: still an output (its upstream gradient flows back through the fill).</summary>
    [Differentiable]
    public static void Broadcast(double v, Span<double> y) => y.Fill(v * v);

    /// <summary>A caller of <see cref="Broadcast"/> into a local array: it must know the callee writes the array.</summary>
    [Differentiable]
    public static double SumOfBroadcast(double v)
    {
        double[] t = new double[3];
        t[0] = v;
        Broadcast(v + 1, t);
        return t[0] + t[1] * t[2];
    }

    /// <summary>A float value filled into doubles, a range of a span filled, an array's range (a copy) copied into a slice: t = (f, w1, w2, w0).</summary>
    [Differentiable]
    public static double Widened(double[] w, float f)
    {
        double[] t = new double[w.Length + 1];
        Array.Fill(t, f);
        t.AsSpan()[2..].Fill(w[0]);
        w[1..].CopyTo(t.AsSpan(1, w.Length - 1));
        return t[0] * t[^1] + t[1];
    }

    /// <summary>An output's range filled: y = (x0, x0·x1, x0·x1).</summary>
    [Differentiable]
    public static void Tail(ReadOnlySpan<double> x, Span<double> y)
    {
        y[0] = x[0];
        y[1..].Fill(x[1] * x[0]);
    }

    /// <summary>Inside a branch, in float: the array filled with a, or a copy of w.</summary>
    [Differentiable]
    public static float Chosen(float[] w, float a)
    {
        float[] t = new float[w.Length];
        if (a > 0)
        {
            t.AsSpan().Fill(a);
        }
        else
        {
            Array.Copy(w, t, w.Length);
        }

        float s = 0;
        for (int i = 0; i < t.Length; i++)
        {
            s += t[i] * w[i];
        }

        return s;
    }
}

public class BulkWriteTests
{
    public static IEnumerable<object[]> Methods() =>
        new EveryMode[]
        {
            new("Heat", 6, p => BulkWrites.Heat(p[..5], p[5], 3),
                p => { double[] g = new double[6]; return (BulkWrites.HeatGradient(p[..5], p[5], 3, g.AsSpan(0, 5), out g[5]), g); },
                (p, v) => (BulkWrites.HeatTangent(p[..5], p[5], 3, v[..5], v[5], out var t), t),
                (p, g, h) => BulkWrites.HeatHessian(p[..5], p[5], 3, g, h)),
            new("Fills", 2, p => BulkWrites.Fills(p[0], p[1], 4),
                p => { double[] g = new double[2]; return (BulkWrites.FillsGradient(p[0], p[1], 4, out g[0], out g[1]), g); },
                (p, v) => (BulkWrites.FillsTangent(p[0], p[1], 4, v[0], v[1], out var t), t),
                (p, g, h) => BulkWrites.FillsHessian(p[0], p[1], 4, g, h)),
            new("Shifted", 5, p => BulkWrites.Shifted(p),
                p => { double[] g = new double[5]; return (BulkWrites.ShiftedGradient(p, g), g); },
                (p, v) => (BulkWrites.ShiftedTangent(p, v, out var t), t),
                (p, g, h) => BulkWrites.ShiftedHessian(p, g, h)),
            new("Copies", 7, p => BulkWrites.Copies(p[..3], p[3..]),
                p => { double[] g = new double[7]; return (BulkWrites.CopiesGradient(p[..3], p[3..], g.AsSpan(0, 3), g.AsSpan(3)), g); },
                (p, v) => (BulkWrites.CopiesTangent(p[..3], p[3..], v[..3], v[3..], out var t), t),
                (p, g, h) => BulkWrites.CopiesHessian(p[..3], p[3..], g, h)),
        }.Select(m => new object[] { m });

    /// <summary>Gradient against central differences, tangent against gradient·v and differences, Hessian rows against differences of the gradient.</summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public void MatchesDifferencesInEveryMode(EveryMode method) => method.Sample(-0.9, 0.9);

    /// <summary>x = 0.5, z = 2, n = 4: t = (0, 2, 4, 2), u = (sin 2, sin 2, sin 2, 0); s = Σ (i+1)·t_i² + u_i·t_i.</summary>
    [Fact]
    public void Fills_KnownValue()
    {
        double sin2 = Math.Sin(2);
        double expected = 2 * 4 + 3 * 16 + 4 * 4 + sin2 * (2 + 4);
        Close(expected, BulkWrites.FillsGradient(0.5, 2, 4, out double dx, out double dz));
        // t1 = 2xz, t3 = 2xz, t2 = z²: ∂s/∂x = (2·2·t1 + u1)·2z + (2·4·t3)·2z = (8 + sin 2 + 16)·4
        Close((8 + sin2 + 16) * 4, dx);
        // ∂s/∂z = (4·t1 + u1)·2x + (8·t3)·2x + (6·t2 + u2)·2z + cos 2·(t1 + t2)
        Close((8 + sin2) * 1 + 16 * 1 + (24 + sin2) * 4 + Math.Cos(2) * (2 + 4), dz);
    }

    /// <summary>w = (1, 2, 3, 4): t = (8, 1, 2, 3) after the shift, then (2, 3, 2, 3) after the left copy of two.</summary>
    [Fact]
    public void Shifted_KnownValueAndTheParameterIsLeftAlone()
    {
        double[] w = [1, 2, 3, 4], dw = new double[4];
        double first = 64 * 1 + 1 * 2 + 4 * 3 + 9 * 4;
        double second = 2 * Math.Sin(2) * 2 + 3 * Math.Sin(3) * 3 + 2 * Math.Sin(2) * 4 + 3 * Math.Sin(3) * 5;
        Close(first + second, BulkWrites.ShiftedGradient(w, dw));
        Assert.Equal([1, 2, 3, 4], w);
    }

    /// <summary>The dense layer's Jacobian by rows (Backward) and by columns (forward mode) against differences; the upstream gradient is consumed.</summary>
    [Fact]
    public void MatVec_RowsColumnsAndDifferencesAgree()
    {
        Uniform(9, -1.5, 1.5).Sample(p =>
        {
            double[] a = p[..6], x = p[6..];
            double[] byRows = new double[2 * 9], y = new double[2];
            for (int row = 0; row < 2; row++)
            {
                double[] dy = new double[2];
                dy[row] = 1;
                BulkWrites.MatVecBackward(a, x, y, byRows.AsSpan(row * 9, 6), byRows.AsSpan(row * 9 + 6, 3), dy);
                Assert.Equal([0, 0], dy);
            }

            Assert.Equal([a[0] * x[0] + a[1] * x[1] + a[2] * x[2], a[3] * x[0] + a[4] * x[1] + a[5] * x[2]], y);
            double[] byColumns = new double[2 * 9];
            for (int column = 0; column < 9; column++)
            {
                double[] v = new double[9], ty = new double[2];
                v[column] = 1;
                BulkWrites.MatVecTangent(a, x, new double[2], v[..6], v[6..], ty);
                byColumns[column] = ty[0];
                byColumns[9 + column] = ty[1];
            }

            Agree(byRows, byColumns, 1e-12, "columns against rows", absolute: 1e-14);
            Agree(FiniteDifferenceJacobian(q => { double[] o = new double[2]; BulkWrites.MatVec(q[..6], q[6..], o); return o; }, p, 2), byRows, 1e-6, "rows against central differences", absolute: 1e-8);
        });
    }

    /// <summary>The filled output's Jacobian rows against differences, and its values known.</summary>
    [Fact]
    public void FilledOutput_RowsAgreeWithDifferences()
    {
        Uniform(4, -1.5, 1.5).Sample(p =>
        {
            double[] x = p[..3], y = new double[5], rows = new double[5 * 4];
            for (int row = 0; row < 5; row++)
            {
                double[] dy = new double[5];
                dy[row] = 1;
                double dv = 0;
                BulkWrites.FilledOutputBackward(x, p[3], y, rows.AsSpan(row * 4, 3), ref dv, dy);
                rows[row * 4 + 3] = dv;
            }

            double v2 = p[3] * p[3];
            Assert.Equal([v2 * x[0], x[0] * x[1], x[0] * x[2], x[0], v2 * x[1]], y);
            Agree(FiniteDifferenceJacobian(q => { double[] o = new double[5]; BulkWrites.FilledOutput(q[..3], q[3], o); return o; }, p, 5), rows, 1e-6, "rows against central differences", absolute: 1e-8);
        });
    }

    /// <summary>y = (v², v², v²): dv = 2v·Σ dy, the upstream gradient consumed; a caller's t = ((v+1)², …): f = u + u², u = (v+1)².</summary>
    [Fact]
    public void Broadcast_AnOutputWrittenByAFillAlone()
    {
        double[] y = new double[3], dy = [1, 2, 3];
        double dv = 0;
        BulkWrites.BroadcastBackward(1.5, y, ref dv, dy);
        Assert.Equal([2.25, 2.25, 2.25], y);
        Assert.Equal(2 * 1.5 * 6, dv);
        Assert.Equal([0, 0, 0], dy);
        double u = 2.5 * 2.5;
        Assert.Equal(u + u * u, BulkWrites.SumOfBroadcastGradient(1.5, out double dSum));
        Assert.Equal((1 + 2 * u) * 2 * 2.5, dSum);
    }

    /// <summary>w = (2, 3, 5), f = 0.5: f·w0 + w1 = 4; ∂/∂w = (f, 1, 0), ∂/∂f = w0. x = (2, 3): y = (2, 6, 6), rows of dy.</summary>
    [Fact]
    public void RangesAndAWideningFill_KnownValues()
    {
        double[] w = [2, 3, 5], dw = new double[3];
        Assert.Equal(4, BulkWrites.WidenedGradient(w, 0.5f, dw, out float df));
        Assert.Equal([0.5, 1, 0], dw);
        Assert.Equal(2f, df);
        double[] x = [2, 3], y = new double[3], dx = new double[2];
        BulkWrites.TailBackward(x, y, dx, [1, 10, 100]);
        Assert.Equal([2, 6, 6], y);
        Assert.Equal([1 + 110 * 3, 110 * 2], dx);
    }

    /// <summary>Both sides of the branch: a filled (gradient w for a, and a for each w_i) and w copied (2·w).</summary>
    [Fact]
    public void Chosen_KnownValuesOnBothSides()
    {
        float[] w = [1, 2, 3], dw = new float[3];
        Assert.Equal(3f, BulkWrites.ChosenGradient(w, 0.5f, dw, out float da));
        Assert.Equal([0.5f, 0.5f, 0.5f], dw);
        Assert.Equal(6f, da);
        Assert.Equal(14f, BulkWrites.ChosenGradient(w, -1, dw, out da));
        Assert.Equal([2f, 4f, 6f], dw);
        Assert.Equal(0f, da);
    }
}
