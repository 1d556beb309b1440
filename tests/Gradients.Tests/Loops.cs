using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>Numerical code over arrays and spans: loops, nested loops, break/continue/return, local scratch arrays.</summary>
public static partial class Lp
{
    [Differentiable]
    public static double Dot(double[] a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
            s += a[i] * b[i];
        return s;
    }

    [Differentiable(Derivatives.Hessian)] // second order too: SecondOrderTests
    public static double Rosenbrock(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length - 1; i++)
        {
            double d = x[i + 1] - x[i] * x[i];
            double e = 1 - x[i];
            s += 100 * d * d + e * e;
        }
        return s;
    }

    /// <summary>−log softmax(scores)[label], stable: the max is subtracted first.</summary>
    [Differentiable]
    public static double SoftmaxCrossEntropy(double[] scores, int label)
    {
        double m = scores[0];
        for (int i = 1; i < scores.Length; i++)
            m = Math.Max(m, scores[i]);
        double sum = 0;
        for (int i = 0; i < scores.Length; i++)
            sum += Math.Exp(scores[i] - m);
        return Math.Log(sum) - (scores[label] - m);
    }

    [Differentiable]
    public static double Pow9(double x)
    {
        double t = 1;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                t *= x;
        return t;
    }

    /// <summary>Halves until at most 1: the trip count depends on x. y = 3x / 2^k, returns y².</summary>
    [Differentiable]
    public static double HalveWhile(double x)
    {
        double y = 3 * x;
        while (y > 1)
            y = y * 0.5;
        return y * y;
    }

    /// <summary>Sum of x·w[i]² over non-negative w[i], stopping at the first w[i] above 5.</summary>
    [Differentiable]
    public static double ContinueBreak(double x, double[] w)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            if (w[i] < 0)
                continue;
            if (w[i] > 5)
                break;
            s += x * w[i] * w[i];
        }
        return s;
    }

    /// <summary>Prefix sum times the first element above the threshold; the whole sum if none.</summary>
    [Differentiable]
    public static double FirstAbove(ReadOnlySpan<double> w, [NoDiff] double threshold)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            s += w[i];
            if (w[i] > threshold)
                return s * w[i];
        }
        return s;
    }

    [Differentiable]
    public static double ForEachSin(double x, double[] w)
    {
        double s = 0;
        foreach (double v in w)
            s += Math.Sin(v) * x;
        return s;
    }

    /// <summary>Horner's rule with a do loop: w[0]·x^(n−1) + … + w[n−1].</summary>
    [Differentiable]
    public static double HornerDo(double x, ReadOnlySpan<double> w)
    {
        double t = 0;
        int i = 0;
        do
        {
            t = t * x + w[i];
            i++;
        } while (i < w.Length);
        return t;
    }

    /// <summary>Horner's rule with a for loop: the reassigned t is needed by the backward pass.</summary>
    [Differentiable]
    public static double Horner(double x, double[] w)
    {
        double t = 0;
        for (int i = 0; i < w.Length; i++)
            t = t * x + w[i];
        return t;
    }

    /// <summary>
    /// Log-likelihood of a 3-class linear softmax classifier: W is 3×2 row-major, b has 3 entries; each data
    /// point is (x0, x1, label). The per-point class scores go to a stackalloc scratch overwritten per point.
    /// </summary>
    [Differentiable]
    public static double LogLikelihood(ReadOnlySpan<double> W, ReadOnlySpan<double> b, [NoDiff] ReadOnlySpan<double> data)
    {
        Span<double> scores = stackalloc double[3];
        double ll = 0;
        for (int p = 0; p + 2 < data.Length; p += 3)
        {
            for (int c = 0; c < 3; c++)
                scores[c] = W[2 * c] * data[p] + W[2 * c + 1] * data[p + 1] + b[c];
            double m = Math.Max(scores[0], Math.Max(scores[1], scores[2]));
            double sum = 0;
            for (int c = 0; c < 3; c++)
                sum += Math.Exp(scores[c] - m);
            int label = (int)data[p + 2];
            ll += scores[label] - m - Math.Log(sum);
        }
        return ll;
    }

    [Differentiable]
    public static double LoopsInBranches(double x, double[] w)
    {
        double s = 0;
        if (x > 0)
        {
            for (int i = 0; i < w.Length; i++)
                s += w[i] * x;
        }
        else
        {
            for (int i = 0; i < w.Length; i++)
                s -= w[i] * w[i] * x * x;
        }
        return s;
    }

    [Differentiable]
    public static double BranchesInLoops(double x, double[] w)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            if (w[i] > 0)
                s += w[i] * x;
            else
                s += Math.Exp(w[i]) * x * x;
        }
        return s;
    }

    /// <summary>Σ_i (W x)_i² for W m×n row-major, n = x.Length.</summary>
    [Differentiable]
    public static double SumSquaresWx(double[] W, ReadOnlySpan<double> x, int m)
    {
        int n = x.Length;
        double s = 0;
        for (int i = 0; i < m; i++)
        {
            double y = 0;
            for (int j = 0; j < n; j++)
                y += W[i * n + j] * x[j];
            s += y * y;
        }
        return s;
    }

    /// <summary>A local array from an initializer, then a local array of prefix products written in a loop.</summary>
    [Differentiable]
    public static double LocalArrays(double x, double y, double[] w)
    {
        double[] a = { x, y };
        double[] p = new double[w.Length];
        double acc = 1;
        for (int i = 0; i < w.Length; i++)
        {
            acc *= w[i];
            p[i] = acc * a[i % 2];
        }
        double s = 0;
        for (int i = 0; i < p.Length; i++)
            s += p[i] * p[i];
        return s;
    }

    /// <summary>Element writes with += to a local array, read back.</summary>
    [Differentiable]
    public static double Histogram(double[] w)
    {
        double[] h = new double[2];
        for (int i = 0; i < w.Length; i++)
            h[i % 2] += w[i] * w[i];
        return h[0] * h[1];
    }
}

public class LoopTests
{
    private static readonly double[] W5 = [0.3, -1.2, 0.8, 2.1, -0.4];

    private static void CheckArray(Func<double[], double> f, double[] x, double value, double[] gradient)
    {
        Close(f(x), value, 1e-13);
        Check(f, x, gradient);
    }

    [Fact]
    public void Dot_ArrayTimesSpan()
    {
        double[] a = [1.5, -2, 0.25, 3], b = [0.5, 4, -1, 2];
        double[] da = new double[4], db = new double[4];
        double v = Lp.DotGradient(a, b, da, db);
        Assert.Equal(1.5 * 0.5 - 8 - 0.25 + 6, v);
        Assert.Equal(b, da);
        Assert.Equal(a, db);
        CheckArray(z => Lp.Dot(z[..4], z[4..]), [.. a, .. b], v, [.. da, .. db]);
    }

    [Fact]
    public void Rosenbrock_NDimensional()
    {
        double[] x = [-1.2, 1.0, 0.3, -0.5, 2.0, 1.1];
        double[] dx = new double[x.Length];
        double v = Lp.RosenbrockGradient(x, dx);
        CheckArray(z => Lp.Rosenbrock(z), x, v, dx);
    }

    [Fact]
    public void Rosenbrock_MinimumHasZeroGradient()
    {
        double[] x = [1, 1, 1, 1];
        double[] dx = [9, 9, 9, 9];
        Assert.Equal(0.0, Lp.RosenbrockGradient(x, dx));
        Assert.Equal(new double[4], dx);
    }

    [Fact]
    public void SoftmaxCrossEntropy_KnownValues()
    {
        double[] scores = [Math.Log(0.2), Math.Log(0.3), Math.Log(0.5)];
        double[] d = new double[3];
        double loss = Lp.SoftmaxCrossEntropyGradient(scores, 1, d);
        Close(-Math.Log(0.3), loss, 1e-12);
        Assert.Equal(0.2, d[0], 1e-12);
        Assert.Equal(-0.7, d[1], 1e-12);
        Assert.Equal(0.5, d[2], 1e-12);
        Check(z => Lp.SoftmaxCrossEntropy(z, 1), scores, d);
    }

    [Fact]
    public void SoftmaxCrossEntropy_LargeScoresStayFinite()
    {
        double[] scores = [1000, 1001, 999];
        double[] d = new double[3];
        double loss = Lp.SoftmaxCrossEntropyGradient(scores, 0, d);
        Assert.True(double.IsFinite(loss));
        double z = Math.Exp(-1) + 1 + Math.Exp(-2);
        Close(Math.Log(z) + 1, loss, 1e-12);
        Numeric.Agree([Math.Exp(-1) / z - 1, 1 / z, Math.Exp(-2) / z], d, 1e-12);
    }

    [Theory]
    [InlineData(1.3)]
    [InlineData(-0.7)]
    [InlineData(2.0)]
    public void Pow9_NestedLoops(double x)
    {
        double v = Lp.Pow9Gradient(x, out double dx);
        Close(Math.Pow(x, 9), v, 1e-14);
        Close(9 * Math.Pow(x, 8), dx, 1e-14);
    }

    [Theory]
    [InlineData(0.2)]   // no iteration
    [InlineData(0.55)]  // one
    [InlineData(4.3)]   // four
    [InlineData(1000.5)]
    public void While_DataDependentTripCount(double x)
    {
        double v = Lp.HalveWhileGradient(x, out double dx);
        int k = 0;
        double y = 3 * x;
        while (y > 1) { y *= 0.5; k++; }
        Close(y * y, v, 1e-15);
        Close(6 * y * Math.Pow(0.5, k), dx, 1e-15);
        Check(z => Lp.HalveWhile(z[0]), [x], [dx]);
    }

    [Fact]
    public void ContinueAndBreak()
    {
        double[] w = [1.5, -2, 0.5, 3, 7, 2, 4];
        double[] dw = new double[w.Length];
        double v = Lp.ContinueBreakGradient(0.8, w, out double dx, dw);
        Close(0.8 * (1.5 * 1.5 + 0.25 + 9), v);
        Close(1.5 * 1.5 + 0.25 + 9, dx);
        Numeric.Agree([2 * 0.8 * 1.5, 0, 2 * 0.8 * 0.5, 2 * 0.8 * 3, 0, 0, 0], dw, 1e-14);
        CheckArray(z => Lp.ContinueBreak(z[0], z[1..]), [0.8, .. w], v, [dx, .. dw]);
    }

    [Theory]
    [InlineData(1.0)]   // returns inside the loop at index 3
    [InlineData(100.0)] // never: returns the sum after the loop
    public void ReturnInsideLoop(double threshold)
    {
        double[] w = [0.5, -0.3, 0.9, 2.5, 4.0];
        double[] dw = new double[w.Length];
        double v = Lp.FirstAboveGradient(w, threshold, dw);
        CheckArray(z => Lp.FirstAbove(z, threshold), w, v, dw);
        if (threshold == 1.0)
        {
            double s = 0.5 - 0.3 + 0.9 + 2.5;
            Close(s * 2.5, v);
            Numeric.Agree([2.5, 2.5, 2.5, s + 2.5, 0], dw, 1e-14);
        }
        else
        {
            Numeric.Agree([1, 1, 1, 1, 1], dw, 1e-15);
        }
    }

    [Fact]
    public void ForEach()
    {
        double[] dw = new double[W5.Length];
        double v = Lp.ForEachSinGradient(1.7, W5, out double dx, dw);
        CheckArray(z => Lp.ForEachSin(z[0], z[1..]), [1.7, .. W5], v, [dx, .. dw]);
    }

    [Fact]
    public void DoLoop_Horner()
    {
        double[] dw = new double[W5.Length];
        double v = Lp.HornerDoGradient(1.3, W5, out double dx, dw);
        CheckArray(z => Lp.HornerDo(z[0], z[1..]), [1.3, .. W5], v, [dx, .. dw]);
        // ∂/∂w[i] = x^(n−1−i)
        Numeric.Agree([Math.Pow(1.3, 4), Math.Pow(1.3, 3), 1.3 * 1.3, 1.3, 1], dw, 1e-14);
    }

    [Fact]
    public void DoLoop_RunsOnceForOneElement()
    {
        double[] dw = [5];
        double v = Lp.HornerDoGradient(2, [3.0], out double dx, dw);
        Assert.Equal((3.0, 0.0, 1.0), (v, dx, dw[0]));
    }

    [Fact]
    public void ReassignedScalarThroughLoop_Horner()
    {
        double[] dw = new double[W5.Length];
        double v = Lp.HornerGradient(-0.9, W5, out double dx, dw);
        CheckArray(z => Lp.Horner(z[0], z[1..]), [-0.9, .. W5], v, [dx, .. dw]);
    }

    [Fact]
    public void LogLikelihood_ScratchArrayOverwrittenPerPoint()
    {
        double[] W = [0.2, -0.5, 1.1, 0.3, -0.7, 0.9];
        double[] b = [0.1, -0.2, 0.05];
        double[] data = [0.5, 1.0, 0, -1.2, 0.3, 1, 2.0, -0.4, 2, 0.1, 0.1, 1, -0.8, -1.5, 0];
        double[] dW = new double[6], db = new double[3];
        double v = Lp.LogLikelihoodGradient(W, b, data, dW, db);
        CheckArray(z => Lp.LogLikelihood(z[..6], z[6..], data), [.. W, .. b], v, [.. dW, .. db]);
        // Σ over points of (onehot − softmax) sums to zero over classes, so the bias gradient sums to 0.
        Assert.Equal(0, db[0] + db[1] + db[2], 1e-12);
    }

    [Theory]
    [InlineData(1.4)]
    [InlineData(-0.6)]
    public void LoopsInsideBranches(double x)
    {
        double[] dw = new double[W5.Length];
        double v = Lp.LoopsInBranchesGradient(x, W5, out double dx, dw);
        CheckArray(z => Lp.LoopsInBranches(z[0], z[1..]), [x, .. W5], v, [dx, .. dw]);
    }

    [Fact]
    public void BranchesInsideLoops()
    {
        double[] dw = new double[W5.Length];
        double v = Lp.BranchesInLoopsGradient(1.25, W5, out double dx, dw);
        CheckArray(z => Lp.BranchesInLoops(z[0], z[1..]), [1.25, .. W5], v, [dx, .. dw]);
    }

    [Fact]
    public void NestedLoops_RowMajorMatrix()
    {
        double[] W = [0.5, -1, 2, 0.3, 1.5, -0.2, -0.7, 0.4, 1.1, 0.9, -1.3, 0.6]; // 4×3
        double[] x = [1.2, -0.8, 0.5];
        double[] dW = new double[12], dx = new double[3];
        double v = Lp.SumSquaresWxGradient(W, x, 4, dW, dx);
        // closed form: y = Wx, ∂/∂W = 2 y xᵀ, ∂/∂x = 2 Wᵀ y
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 3; j++) y[i] += W[i * 3 + j] * x[j];
        double[] eW = new double[12], ex = new double[3];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 3; j++) { eW[i * 3 + j] = 2 * y[i] * x[j]; ex[j] += 2 * W[i * 3 + j] * y[i]; }
        Numeric.Agree(eW, dW, 1e-13);
        Numeric.Agree(ex, dx, 1e-13);
        CheckArray(z => Lp.SumSquaresWx(z[..12], z[12..], 4), [.. W, .. x], v, [.. dW, .. dx]);
    }

    [Fact]
    public void LocalArrays_InitializerAndElementWrites()
    {
        double[] dw = new double[W5.Length];
        double v = Lp.LocalArraysGradient(0.7, -1.4, W5, out double dx, out double dy, dw);
        CheckArray(z => Lp.LocalArrays(z[0], z[1], z[2..]), [0.7, -1.4, .. W5], v, [dx, dy, .. dw]);
    }

    [Fact]
    public void LocalArray_CompoundElementWrites()
    {
        double[] dw = new double[W5.Length];
        double v = Lp.HistogramGradient(W5, dw);
        CheckArray(z => Lp.Histogram(z), W5, v, dw);
    }
}
