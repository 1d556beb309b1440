using System;
using System.Linq;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>Vector-valued functions: void methods that write span (or array) parameters.</summary>
public static partial class Vec
{
    /// <summary>y = W x + b, W row-major m×n (m = b.Length, n = x.Length).</summary>
    [Differentiable]
    public static void Affine(ReadOnlySpan<double> W, ReadOnlySpan<double> x, ReadOnlySpan<double> b, Span<double> y)
    {
        int n = x.Length;
        for (int i = 0; i < b.Length; i++)
        {
            double s = b[i];
            for (int j = 0; j < n; j++)
            {
                s += W[i * n + j] * x[j];
            }
            y[i] = s;
        }
    }

    [Differentiable]
    public static void SquareFirst(ReadOnlySpan<double> x, Span<double> y) => y[0] = x[0] * x[0];

    [Differentiable]
    public static void ViaLeft(ReadOnlySpan<double> x, Span<double> y) => SquareFirst(x, y);

    [Differentiable]
    public static void ViaRight(ReadOnlySpan<double> x, Span<double> y) => SquareFirst(x, y);

    /// <summary>
    /// Two paths to one callee that writes its span (a diamond): the second path must find that it writes too. It
    /// did not (what a method writes was looked up with a set of every method seen, not of the callers on the stack),
    /// and <c>ViaRight(x, y2)</c> was SDIFF0006, as if <c>y2</c> were not written.
    /// </summary>
    [Differentiable]
    public static void Diamond(ReadOnlySpan<double> x, Span<double> y1, Span<double> y2)
    {
        ViaLeft(x, y1);
        ViaRight(x, y2);
    }

    /// <summary>Every output is written twice; only the second store reaches the result.</summary>
    [Differentiable]
    public static void WrittenTwice(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] * x[i];
            y[i] = Math.Sin(x[i]);
        }
    }

    /// <summary>A first loop writes every output; a second loop overwrites only y[0].</summary>
    [Differentiable]
    public static void PartlyOverwritten(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] * x[i];
        }
        y[0] = 3 * x[1];
    }

    /// <summary>The "y[i] = 0; accumulate in a local; y[i] = s" pattern.</summary>
    [Differentiable]
    public static void ZeroThenStore(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = 0;
            double s = 0;
            for (int j = 0; j <= i; j++)
            {
                s += x[j] * x[j];
            }
            y[i] = s;
        }
    }

    [Differentiable]
    public static void Relu(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Max(0, x[i]);
        }
    }

    [Differentiable]
    public static void ReluConditional(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] > 0 ? x[i] : 0;
        }
    }

    [Differentiable]
    public static void Tanh(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Tanh(x[i]);
        }
    }

    /// <summary>
    /// Outputs written in parentheses, <c>(y[i]) = …</c>, <c>(z)[i] = …</c>, and through <c>ref (w[0])</c>: what a method writes
    /// was found by the writes' syntax, without looking through parentheses, so these were not outputs (SDIFF0005, "only
    /// elements of … a void method's span parameters can be written").
    /// </summary>
    [Differentiable]
    public static void WrittenInParentheses(ReadOnlySpan<double> x, Span<double> y, Span<double> z, Span<double> w)
    {
        for (int i = 0; i < y.Length; i++)
        {
            (y[i]) = 2 * x[i];
            (z)[i] = x[i] * x[i];
        }

        ref double first = ref (w[0]);
        first = x[0] * x[1];
    }

    /// <summary>Arrays instead of spans, a scalar parameter (adjoint <c>ref double</c>), and two outputs.</summary>
    [Differentiable]
    public static void ScaleAndShift(double[] x, double k, double[] scaled, double[] shifted)
    {
        for (int i = 0; i < x.Length; i++)
        {
            scaled[i] = k * x[i];
            shifted[i] = x[i] + k * k;
        }
    }
}

public class VectorValuedTests
{
    /// <summary>Deterministic pseudo-random values in [-1.5, 1.5).</summary>
    internal static double[] Random(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => 3 * rng.NextDouble() - 1.5).ToArray();
    }

    internal static double Dot(double[] a, double[] b) => a.Zip(b, (u, v) => u * v).Sum();

    const int M = 3, N = 4;

    static double[] AffineValue(double[] W, double[] x, double[] b)
    {
        var y = new double[M];
        Vec.Affine(W, x, b, y);
        return y;
    }

    /// <summary>x = (1.5, −2): y = 2x, z = x², w0 = x0·x1; dx = 2·dy + 2x·dz + (x1, x0)·dw0.</summary>
    [Fact]
    public void WrittenInParentheses_KnownValues()
    {
        double[] x = [1.5, -2], y = new double[2], z = new double[2], w = new double[1], dx = new double[2];
        Vec.WrittenInParenthesesBackward(x, y, z, w, dx, [1, 0], [0, 1], [0.5]);
        Assert.Equal([3, -4], y);
        Assert.Equal([2.25, 4], z);
        Assert.Equal([-3], w);
        Assert.Equal([2 + 0.5 * -2, 2 * -2 + 0.5 * 1.5], dx);
    }

    [Fact]
    public void Diamond_BothOutputsAreWrittenAndDifferentiated()
    {
        double[] x = [1.5], y1 = new double[1], y2 = new double[1], dx = new double[1];
        Vec.DiamondBackward(x, y1, y2, dx, [2.0], [-0.5]);
        Close(2.25, y1[0]);
        Close(2.25, y2[0]);
        Close(2 * 1.5 * (2.0 - 0.5), dx[0]); // d(x0²)/dx0 times the sum of the two outputs' adjoints
    }

    [Fact]
    public void Affine_Backward_IsTheHandWrittenVectorJacobianProduct()
    {
        double[] W = Random(M * N, 1), x = Random(N, 2), b = Random(M, 3), dy = Random(M, 4);
        double[] y = new double[M], dW = new double[M * N], dx = new double[N], db = new double[M];

        Vec.AffineBackward(W, x, b, y, dW, dx, db, Copy(dy));

        Agree(AffineValue(W, x, b), y, 1e-12, "y");
        for (int i = 0; i < M; i++)
        {
            for (int j = 0; j < N; j++)
            {
                Close(dy[i] * x[j], dW[i * N + j]);            // dW = dy xᵀ
            }
        }
        for (int j = 0; j < N; j++)
        {
            Close(Enumerable.Range(0, M).Sum(i => W[i * N + j] * dy[i]), dx[j]);   // dx = Wᵀ dy
        }
        Agree(dy, db, 1e-12, "db");                             // db = dy
    }

    [Fact]
    public void Affine_Backward_MatchesFiniteDifferencesOfTheUpstreamDotProduct()
    {
        double[] W = Random(M * N, 5), x = Random(N, 6), b = Random(M, 7), dy = Random(M, 8);
        double[] y = new double[M], dW = new double[M * N], dx = new double[N], db = new double[M];
        Vec.AffineBackward(W, x, b, y, dW, dx, db, Copy(dy));

        // g(W, x, b) = dy · f(W, x, b): its gradient is the vector-Jacobian product
        double G(double[] p) => Dot(dy, AffineValue(p[..(M * N)], p[(M * N)..(M * N + N)], p[(M * N + N)..]));
        Check(G, [.. W, .. x, .. b], [.. dW, .. dx, .. db]);
    }

    [Fact]
    public void Affine_Backward_AccumulatesIntoPrefilledAdjoints()
    {
        double[] W = Random(M * N, 9), x = Random(N, 10), b = Random(M, 11), dy = Random(M, 12);
        double[] y = new double[M], dW = new double[M * N], dx = new double[N], db = new double[M];
        Vec.AffineBackward(W, x, b, y, dW, dx, db, Copy(dy));

        double[] startW = Random(M * N, 13), startX = Random(N, 14), startB = Random(M, 15);
        double[] dW2 = (double[])startW.Clone(), dx2 = (double[])startX.Clone(), db2 = (double[])startB.Clone();
        Vec.AffineBackward(W, x, b, y, dW2, dx2, db2, Copy(dy));
        Agree(startW.Zip(dW, (s, g) => s + g).ToArray(), dW2, 1e-12, "dW");
        Agree(startX.Zip(dx, (s, g) => s + g).ToArray(), dx2, 1e-12, "dx");
        Agree(startB.Zip(db, (s, g) => s + g).ToArray(), db2, 1e-12, "db");
    }

    /// <summary>The upstream gradient of an output is consumed: every element Affine wrote is cleared.</summary>
    [Fact]
    public void Affine_Backward_ConsumesTheUpstreamGradient()
    {
        double[] W = Random(M * N, 14), x = Random(N, 15), b = Random(M, 16), dy = Random(M, 17);
        Vec.AffineBackward(W, x, b, new double[M], new double[M * N], new double[N], new double[M], dy);
        Assert.Equal(new double[M], dy);
    }

    /// <summary>A copy of an upstream gradient to hand to Backward, which consumes it (clears what the method wrote).</summary>
    static double[] Copy(double[] upstream) => (double[])upstream.Clone();

    /// <summary>Checks <c>backward(x, dy) = dx</c> against central differences of <c>dy · f(x)</c>.</summary>
    static void CheckUnary(Action<double[], double[]> f, Action<double[], double[], double[], double[]> backward, double[] x, int seed)
    {
        double[] dy = Random(x.Length, seed);
        double[] y = new double[x.Length], dx = new double[x.Length];
        backward(x, y, dx, Copy(dy));
        double[] expected = new double[x.Length];
        f(x, expected);
        Agree(expected, y, 1e-12, "y");
        Check(p =>
        {
            var v = new double[p.Length];
            f(p, v);
            return Dot(dy, v);
        }, x, dx);
    }

    [Fact]
    public void OutputWrittenTwice_GetsTheGradientOnlyThroughTheLastStore()
    {
        double[] x = [0.3, -1.2, 2.0, 0.7];
        double[] dy = [1.0, -2.0, 0.5, 3.0];
        double[] y = new double[4], dx = new double[4];
        Vec.WrittenTwiceBackward(x, y, dx, Copy(dy));
        for (int i = 0; i < 4; i++)
        {
            Close(dy[i] * Math.Cos(x[i]), dx[i]);   // not dy·(cos x + 2x)
        }
        CheckUnary((a, r) => Vec.WrittenTwice(a, r), (a, r, d, u) => Vec.WrittenTwiceBackward(a, r, d, u), x, 18);
    }

    [Fact]
    public void OutputOverwrittenByALaterStatement_GetsTheGradientOnlyThroughTheLastStore()
    {
        double[] x = [0.3, -1.2, 2.0, 0.7];
        double[] dy = [1.0, -2.0, 0.5, 3.0];
        double[] y = new double[4], dx = new double[4];
        Vec.PartlyOverwrittenBackward(x, y, dx, Copy(dy));
        // y = (3 x1, x1², x2², x3²): y0's first store x0² is dead
        Assert.Equal([3 * x[1], x[1] * x[1], x[2] * x[2], x[3] * x[3]], y);
        Agree([0, 3 * dy[0] + 2 * x[1] * dy[1], 2 * x[2] * dy[2], 2 * x[3] * dy[3]], dx, 1e-12, "dx");
        CheckUnary((a, r) => Vec.PartlyOverwritten(a, r), (a, r, d, u) => Vec.PartlyOverwrittenBackward(a, r, d, u), x, 19);
    }

    [Fact]
    public void OutputZeroedThenStored()
    {
        double[] x = [0.3, -1.2, 2.0, 0.7];
        CheckUnary((a, r) => Vec.ZeroThenStore(a, r), (a, r, d, u) => Vec.ZeroThenStoreBackward(a, r, d, u), x, 20);
    }

    [Fact]
    public void ElementwiseRelu()
    {
        double[] x = [0.3, -1.2, 2.0, -0.7, 1.1];
        double[] dy = [1.0, -2.0, 0.5, 3.0, -1.5];
        double[] y = new double[5], dx = new double[5];
        Vec.ReluBackward(x, y, dx, Copy(dy));
        Assert.Equal([0.3, 0, 2.0, 0, 1.1], y);
        Assert.Equal([1.0, 0, 0.5, 0, -1.5], dx);
        CheckUnary((a, r) => Vec.Relu(a, r), (a, r, d, u) => Vec.ReluBackward(a, r, d, u), x, 21);
        CheckUnary((a, r) => Vec.ReluConditional(a, r), (a, r, d, u) => Vec.ReluConditionalBackward(a, r, d, u), x, 22);
    }

    [Fact]
    public void ElementwiseTanh()
    {
        double[] x = Random(6, 23);
        double[] dy = Random(6, 24);
        double[] y = new double[6], dx = new double[6];
        Vec.TanhBackward(x, y, dx, Copy(dy));
        for (int i = 0; i < 6; i++)
        {
            Close(dy[i] * (1 - Math.Tanh(x[i]) * Math.Tanh(x[i])), dx[i]);
        }
        CheckUnary((a, r) => Vec.Tanh(a, r), (a, r, d, u) => Vec.TanhBackward(a, r, d, u), x, 25);
    }

    [Fact]
    public void ArraysScalarAndTwoOutputs_BackwardAccumulatesIntoSpansAndRefs()
    {
        double[] x = Random(4, 26);
        double k = 0.8;
        double[] dScaled = Random(4, 27), dShifted = Random(4, 28);
        double[] scaled = new double[4], shifted = new double[4];
        double[] dx = [10, 20, 30, 40];
        double dk = -5;
        Vec.ScaleAndShiftBackward(x, k, scaled, shifted, dx, ref dk, Copy(dScaled), Copy(dShifted));

        for (int i = 0; i < 4; i++)
        {
            Close(k * x[i], scaled[i]);
            Close(x[i] + k * k, shifted[i]);
            Close(10 * (i + 1) + k * dScaled[i] + dShifted[i], dx[i]);
        }
        Close(-5 + Enumerable.Range(0, 4).Sum(i => x[i] * dScaled[i] + 2 * k * dShifted[i]), dk);

        double G(double[] p)
        {
            double[] s = new double[4], t = new double[4];
            Vec.ScaleAndShift(p[..4], p[4], s, t);
            return Dot(dScaled, s) + Dot(dShifted, t);
        }
        double[] gx = new double[4];
        double gk = 0;
        Vec.ScaleAndShiftBackward(x, k, scaled, shifted, gx, ref gk, Copy(dScaled), Copy(dShifted));
        Check(G, [.. x, k], [.. gx, gk]);
    }
}
