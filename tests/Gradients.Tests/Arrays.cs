using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>Loop shapes whose reversal is easy to get wrong, and functions for long loops.</summary>
public static partial class Arr
{
    [Differentiable]
    public static double SumSquares(ReadOnlySpan<double> w)
    {
        double s = 0;
        foreach (double v in w)
            s += v * v;
        return s;
    }

    /// <summary>Counts down: a weighted sum with a running factor.</summary>
    [Differentiable]
    public static double CountDown(double x, double[] w)
    {
        double t = 1, s = 0;
        for (int i = w.Length - 1; i >= 0; i--)
        {
            t *= x;
            s += t * w[i];
        }
        return s;
    }

    [Differentiable]
    public static double StepTwo(double x, double[] w)
    {
        double s = 0;
        for (int i = 1; i < w.Length; i += 2)
            s += Math.Sin(w[i] * x) * w[i - 1];
        return s;
    }

    /// <summary>The loop variable also moves inside the body, depending on the data: it is not affine in the trip count.</summary>
    [Differentiable]
    public static double SkipAhead(double x, double[] w)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            if (w[i] < 0)
                i++;
            else
                s += w[i] * w[i] * x;
        }
        return s;
    }

    /// <summary>Triangular nested loops: the inner trip count depends on the outer index.</summary>
    [Differentiable]
    public static double Triangular(double[] w)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
            for (int j = 0; j < i; j++)
                s += w[i] * w[j] * w[j];
        return s;
    }

    /// <summary>Break out of the inner loop only; the inner trip count varies per outer iteration.</summary>
    [Differentiable]
    public static double InnerBreak(double x, double[] w)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            double t = 1;
            for (int j = 0; j < w.Length; j++)
            {
                if (j > i)
                    break;
                t *= w[j] * x;
            }
            s += t;
        }
        return s;
    }

    /// <summary>In-place updates: each pass overwrites every element of a local array with a function of its old value.</summary>
    [Differentiable]
    public static double InPlace(double x, ReadOnlySpan<double> w)
    {
        Span<double> a = stackalloc double[4];
        for (int i = 0; i < 4; i++)
            a[i] = w[i];
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < 4; i++)
                a[i] = Math.Tanh(a[i] * x + w[(i + 1) % 4]);
        double s = 0;
        for (int i = 0; i < 4; i++)
            s += a[i] * a[i];
        return s;
    }

    /// <summary>A local array sized by the input, written and read per element: its adjoint comes from the workspace.</summary>
    [Differentiable]
    public static double LocalSized(double x, double[] w)
    {
        double[] c = new double[w.Length];
        for (int i = 0; i < w.Length; i++)
            c[i] = Math.Sin(w[i] * x);
        double s = 0;
        for (int i = 0; i < c.Length; i++)
            s += c[i] * c[(i + 1) % c.Length];
        return s;
    }

    [Differentiable]
    public static float DotF(float[] a, ReadOnlySpan<float> b)
    {
        float s = 0;
        for (int i = 0; i < a.Length; i++)
            s += a[i] * b[i];
        return s;
    }

    [Differentiable]
    public static double HornerD(double x, double[] w)
    {
        double t = 0;
        for (int i = 0; i < w.Length; i++)
            t = t * x + w[i];
        return t;
    }

    [Differentiable]
    public static float HornerF(float x, float[] w)
    {
        float t = 0;
        for (int i = 0; i < w.Length; i++)
            t = t * x + w[i];
        return t;
    }
}

public class ArraysTests
{
    private static readonly double[] W6 = [0.3, -1.2, 0.8, 2.1, -0.4, 1.5];

    private static void CheckAt(Func<double[], double> f, double[] x, double value, double[] gradient)
    {
        Close(f(x), value, 1e-13);
        Check(f, x, gradient);
    }

    // ---- loop shapes

    [Fact]
    public void CountingDown()
    {
        double[] dw = new double[6];
        double v = Arr.CountDownGradient(0.9, W6, out double dx, dw);
        CheckAt(z => Arr.CountDown(z[0], z[1..]), [0.9, .. W6], v, [dx, .. dw]);
    }

    [Fact]
    public void StepOfTwo()
    {
        double[] dw = new double[6];
        double v = Arr.StepTwoGradient(1.3, W6, out double dx, dw);
        CheckAt(z => Arr.StepTwo(z[0], z[1..]), [1.3, .. W6], v, [dx, .. dw]);
    }

    [Fact]
    public void LoopVariableMovedInsideTheBody()
    {
        double[] dw = new double[6];
        double v = Arr.SkipAheadGradient(1.3, W6, out double dx, dw);
        // i = 0 adds, 1 (<0) skips 2, 3 adds, 4 (<0) skips 5.
        Close(1.3 * (0.09 + 2.1 * 2.1), v);
        CheckAt(z => Arr.SkipAhead(z[0], z[1..]), [1.3, .. W6], v, [dx, .. dw]);
    }

    [Fact]
    public void TriangularNestedLoops()
    {
        double[] dw = new double[6];
        double v = Arr.TriangularGradient(W6, dw);
        CheckAt(z => Arr.Triangular(z), W6, v, dw);
    }

    [Fact]
    public void BreakOutOfInnerLoop()
    {
        double[] dw = new double[6];
        double v = Arr.InnerBreakGradient(0.8, W6, out double dx, dw);
        CheckAt(z => Arr.InnerBreak(z[0], z[1..]), [0.8, .. W6], v, [dx, .. dw]);
    }

    [Fact]
    public void LocalArrayOverwrittenInPlace()
    {
        double[] w = [0.3, -0.6, 0.9, 0.2];
        double[] dw = new double[4];
        double v = Arr.InPlaceGradient(0.7, w, out double dx, dw);
        CheckAt(z => Arr.InPlace(z[0], z[1..]), [0.7, .. w], v, [dx, .. dw]);
    }

    [Fact]
    public void FloatDot_AgreesWithDouble()
    {
        float[] a = [1.5f, -2f, 0.25f], b = [0.5f, 4f, -1f];
        float[] da = new float[3], db = new float[3];
        float v = Arr.DotFGradient(a, b, da, db);
        Assert.Equal(1.5f * 0.5f - 8f - 0.25f, v);
        Assert.Equal(b, da);
        Assert.Equal(a, db);
    }

    [Fact]
    public void FloatHorner_AgreesWithDouble()
    {
        float[] w = [0.3f, -1.2f, 0.8f, 2.1f];
        float[] dwf = new float[4];
        double[] dwd = new double[4];
        float vf = Arr.HornerFGradient(1.1f, w, out float dxf, dwf);
        double vd = Arr.HornerDGradient(1.1f, Array.ConvertAll(w, v => (double)v), out double dxd, dwd);
        Agree([vd, dxd, .. dwd], [vf, dxf, .. Array.ConvertAll(dwf, v => (double)v)], FloatTolerance);
    }

    // ---- edge cases

    [Fact]
    public void EmptyArrays_ValueAndGradientOfAnEmptySum()
    {
        Span<double> none = [];
        Assert.Equal(0.0, Lp.DotGradient([], [], none, none));
        Assert.Equal(0.0, Arr.SumSquaresGradient([], none));
        Assert.Equal(0.0, Lp.RosenbrockGradient([], none));
        Assert.Equal(0.0, Lp.HornerGradient(2.0, [], out double dx, none));
        Assert.Equal(0.0, dx);
        double dx2 = 5;
        Assert.Equal(0.0, Lp.HornerBackward(2.0, [], 3.0, ref dx2, none));
        Assert.Equal(5.0, dx2);
        Assert.Equal(0.0, Lp.ContinueBreakGradient(2.0, [], out double dx3, none));
        Assert.Equal(0.0, dx3);
    }

    [Fact]
    public void OneElementRosenbrock_IsZeroWithZeroGradient()
    {
        double[] dx = [7];
        Assert.Equal(0.0, Lp.RosenbrockGradient([3.0], dx));
        Assert.Equal(0.0, dx[0]);
    }

    [Fact]
    public void LongerAdjointSpan_OnlyTheFirstLengthEntriesAreWritten()
    {
        double[] a = [1, 2, 3], b = [4, 5, 6];
        double[] da = [9, 9, 9, 9, 9], db = [-1, -1, -1, -1];
        Lp.DotGradient(a, b, da, db);
        Assert.Equal(new double[] { 4, 5, 6, 9, 9 }, da);
        Assert.Equal(new double[] { 1, 2, 3, -1 }, db);

        Lp.DotBackward(a, b, 2, da, db);
        Assert.Equal(new double[] { 12, 15, 18, 9, 9 }, da);
        Assert.Equal(new double[] { 3, 6, 9, -1 }, db);
    }

    [Fact]
    public void ShorterAdjointSpan_ThrowsArgumentExceptionNamingTheAdjoint()
    {
        double[] a = [1, 2, 3], b = [4, 5, 6];
        var e = Assert.Throws<ArgumentException>(() => Lp.DotGradient(a, b, new double[3], new double[2]));
        Assert.Equal("db", e.ParamName);
        Assert.Contains("2", e.Message);
        Assert.Contains("3", e.Message);

        e = Assert.Throws<ArgumentException>(() => Lp.DotBackward(a, b, 1, new double[1], new double[3]));
        Assert.Equal("da", e.ParamName);
        Assert.Contains("1", e.Message);
        Assert.Contains("3", e.Message);

        e = Assert.Throws<ArgumentException>(() => Lp.HornerGradient(1, [1.0, 2.0], out _, new double[1]));
        Assert.Equal("dw", e.ParamName);
        Assert.Matches(@"\b1\b.*\b2\b", e.Message);
    }

    [Fact]
    public void ShorterAdjointSpan_LeavesTheOtherAdjointsUntouched()
    {
        double[] a = [1, 2, 3], b = [4, 5, 6];
        double[] da = [9, 9, 9];
        Assert.Throws<ArgumentException>(() => Lp.DotGradient(a, b, da, new double[2]));
        Assert.Equal(new double[] { 9, 9, 9 }, da);
    }

    [Fact]
    public void LongLoop_TapeGrowsPastItsStackBuffer()
    {
        const int n = 10_000;
        var rng = new Random(7);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = rng.NextDouble() * 2 - 1;
        const double x = 0.999;

        double[] dw = new double[n];
        double v = Lp.HornerGradient(x, w, out double dx, dw);

        // Reference by hand: t_{i+1} = t_i x + w_i, ∂t_n/∂w_i = x^(n−1−i), ∂t_n/∂x = Σ_i t_i x^(n−1−i).
        double t = 0, refDx = 0;
        double[] ts = new double[n];
        for (int i = 0; i < n; i++) { ts[i] = t; t = t * x + w[i]; }
        double pow = 1;
        double[] refDw = new double[n];
        for (int i = n - 1; i >= 0; i--) { refDw[i] = pow; refDx += ts[i] * pow; pow *= x; }
        Close(t, v, 1e-12);
        Agree(refDw, dw, 1e-12);
        Agree([refDx], [dx], 1e-10);

        // and a few coordinates against finite differences (f is linear in w: no truncation error, so a large step;
        // the early coordinates' gradients, 0.999^9999 ≈ 5e-5, are below the differences' rounding noise)
        foreach (int i in new[] { n / 2, n - 2, n - 1 })
        {
            double[] plus = (double[])w.Clone(), minus = (double[])w.Clone();
            plus[i] += 1e-2; minus[i] -= 1e-2;
            Assert.True(RelativeError(dw[i], (Lp.Horner(x, plus) - Lp.Horner(x, minus)) / 2e-2) < Tolerance);
        }
        Check(z => Lp.Horner(z[0], w), [x], [dx], h: 1e-7);
    }

    [Fact]
    public void LongLoop_WorkspaceGrowsPastItsStackBuffer()
    {
        const int n = 10_000;
        var rng = new Random(11);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = rng.NextDouble() * 2 - 1;
        double[] dw = new double[n];
        double v = Arr.LocalSizedGradient(1.3, w, out double dx, dw);

        double[] c = new double[n], refDw = new double[n];
        for (int i = 0; i < n; i++) c[i] = Math.Sin(w[i] * 1.3);
        double refV = 0, refDx = 0;
        for (int i = 0; i < n; i++) refV += c[i] * c[(i + 1) % n];
        for (int i = 0; i < n; i++)
        {
            double dc = c[(i + 1) % n] + c[(i - 1 + n) % n];
            double dcos = Math.Cos(w[i] * 1.3);
            refDw[i] = dc * dcos * 1.3;
            refDx += dc * dcos * w[i];
        }
        Close(refV, v, 1e-10);
        Agree(refDw, dw, 1e-10);
        Agree([refDx], [dx], 1e-8);
    }

    [Fact]
    public void LongLoop_ScratchAndTape_RosenbrockAndLogLikelihood()
    {
        const int n = 10_000;
        var rng = new Random(3);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rng.NextDouble() * 2 - 1;
        double[] dx = new double[n];
        Lp.RosenbrockGradient(x, dx);
        for (int i = 0; i < n; i++)
        {
            double e = 0;
            if (i > 0) e += 200 * (x[i] - x[i - 1] * x[i - 1]);
            if (i < n - 1) e += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]);
            Assert.True(RelativeError(e, dx[i]) < 1e-12 || Math.Abs(e - dx[i]) < 1e-12, $"dx[{i}]: {e} vs {dx[i]}");
        }

        // 3,000 data points through the per-point scratch
        double[] data = new double[3 * 3000];
        for (int p = 0; p < 3000; p++)
        {
            data[3 * p] = rng.NextDouble() * 2 - 1;
            data[3 * p + 1] = rng.NextDouble() * 2 - 1;
            data[3 * p + 2] = rng.Next(3);
        }
        double[] W = [0.2, -0.5, 1.1, 0.3, -0.7, 0.9], b = [0.1, -0.2, 0.05];
        double[] dW = new double[6], db = new double[3];
        double v = Lp.LogLikelihoodGradient(W, b, data, dW, db);
        Check(z => Lp.LogLikelihood(z[..6], z[6..], data), [.. W, .. b], [.. dW, .. db]);
        Close(Lp.LogLikelihood(W, b, data), v, 1e-13);
    }
}
