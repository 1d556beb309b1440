using System;
using System.Linq;
using System.Numerics.Tensors;
using SymbolicDiff;
using static Gradients.Tests.Numeric;
using static Gradients.Tests.VectorValuedTests;

namespace Gradients.Tests;

/// <summary>Vectorized kernels that are not [Differentiable]; their [DerivativeOf] pullbacks make them usable from differentiable code.</summary>
public static partial class Kernels
{
    public static double SumSquares(ReadOnlySpan<double> x) => TensorPrimitives.SumOfSquares(x);

    [DerivativeOf(typeof(Kernels), nameof(SumSquares))]
    public static double SumSquaresPullback(ReadOnlySpan<double> x, double seed, Span<double> dx)
    {
        TensorPrimitives.MultiplyAdd(x, 2 * seed, dx[..x.Length], dx[..x.Length]);   // dx += 2·seed·x
        return TensorPrimitives.SumOfSquares(x);
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => TensorPrimitives.Dot(a, b);

    [DerivativeOf(typeof(Kernels), nameof(Dot))]
    public static double DotPullback(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double seed, Span<double> da, Span<double> db)
    {
        TensorPrimitives.MultiplyAdd(b, seed, da[..a.Length], da[..a.Length]);   // da += seed·b
        TensorPrimitives.MultiplyAdd(a, seed, db[..b.Length], db[..b.Length]);   // db += seed·a
        return TensorPrimitives.Dot(a, b);
    }

    /// <summary>Vector-valued: y = exp(x), element-wise; [Differentiable], but the custom pullback is used at call sites.</summary>
    [Differentiable]
    public static void ExpD(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Exp(x[i]);
        }
    }

    [DerivativeOf(typeof(Kernels), nameof(ExpD))]
    public static void ExpDPullback(ReadOnlySpan<double> x, Span<double> y, Span<double> dx, Span<double> dy)
    {
        TensorPrimitives.Exp(x, y);
        TensorPrimitives.MultiplyAdd(dy[..x.Length], y[..x.Length], dx[..x.Length], dx[..x.Length]);   // dx += dy ⊙ exp(x)
        dy[..x.Length].Clear(); // every element of y was written
    }
}

public static partial class Models
{
    /// <summary>Ridge regression on [NoDiff] data: mean squared residual plus λ‖w‖², built on the two kernels.</summary>
    [Differentiable]
    public static double Ridge(ReadOnlySpan<double> w, [NoDiff] ReadOnlySpan<double> xs, [NoDiff] ReadOnlySpan<double> ys, double lambda)
    {
        int d = w.Length;
        double total = 0;
        for (int p = 0; p < ys.Length; p++)
        {
            double r = Kernels.Dot(w, xs.Slice(p * d, d)) - ys[p];
            total += r * r;
        }
        return total / ys.Length + lambda * Kernels.SumSquares(w);
    }

    /// <summary>log Σ exp(2·x_k) through the vector-valued Exp kernel and a stackalloc buffer.</summary>
    [Differentiable]
    public static double LogSumExpOfDouble(ReadOnlySpan<double> x)
    {
        Span<double> twice = stackalloc double[4];
        Span<double> e = stackalloc double[4];
        for (int k = 0; k < 4; k++)
        {
            twice[k] = 2 * x[k];
        }
        Kernels.ExpD(twice, e);
        double s = 0;
        for (int k = 0; k < 4; k++)
        {
            s += e[k];
        }
        return Math.Log(s);
    }
}

/// <summary>A [Differentiable] method whose generated pullback is overridden by a custom one at call sites.</summary>
public static partial class Overridden
{
    [Differentiable]
    public static double Cube(double x) => x * x * x;

    // DELIBERATELY WRONG: ten times the true derivative 3x², so that a test can tell which pullback a call site used.
    [DerivativeOf(typeof(Overridden), nameof(Cube))]
    public static double CubeTimesTenPullback(double x, double seed, ref double dx)
    {
        dx += 10 * seed * 3 * x * x;
        return x * x * x;
    }

    [Differentiable]
    public static double UsesCube(double x) => Cube(x) + x;
}

public class CustomDerivativesTests
{
    static readonly double[] Xs = [0.5, -1.0, 2.0, 1.5, 0.3, -0.7, -1.2, 0.8, 0.1];
    static readonly double[] Ys = [1.0, -0.5, 2.0];

    [Fact]
    public void TensorPrimitivesKernels_InsideADifferentiableModel_MatchFiniteDifferences()
    {
        double[] w = [0.2, -0.4, 0.9];
        double lambda = 0.3;
        double[] dw = new double[3];
        double loss = Models.RidgeGradient(w, Xs, Ys, lambda, dw, out double dlambda);
        Close(Models.Ridge(w, Xs, Ys, lambda), loss);
        Check(p => Models.Ridge(p[..3], Xs, Ys, p[3]), [.. w, lambda], [.. dw, dlambda]);

        // by hand: (2/P) Σ r_p x_p + 2λw, and ‖w‖²
        double[] expected = w.Select(v => 2 * lambda * v).ToArray();
        for (int p = 0; p < 3; p++)
        {
            double r = Dot(w, Xs[(3 * p)..(3 * p + 3)]) - Ys[p];
            for (int k = 0; k < 3; k++) expected[k] += 2.0 / 3 * r * Xs[3 * p + k];
        }
        Agree(expected, dw, 1e-12, "dw");
        Close(w.Sum(v => v * v), dlambda);
    }

    [Fact]
    public void CustomPullback_WinsOverTheGeneratedOne_AtCallSites()
    {
        double x = 1.3;
        double value = Overridden.UsesCubeGradient(x, out double dx);
        Close(x * x * x + x, value);
        // The custom pullback is deliberately 10× the true derivative: seeing 30x² + 1 (not 3x² + 1)
        // proves the call site used CubeTimesTenPullback rather than the generated CubeBackward.
        Close(30 * x * x + 1, dx);

        // Cube's own generated companions are still the true derivative.
        Overridden.CubeGradient(x, out double dCube);
        Close(3 * x * x, dCube);
    }

    [Fact]
    public void VectorValuedKernel_WithCustomPullback()
    {
        double[] x = Random(4, 60);
        double[] dx = new double[4];
        double value = Models.LogSumExpOfDoubleGradient(x, dx);
        Close(Models.LogSumExpOfDouble(x), value);
        Check(p => Models.LogSumExpOfDouble(p), x, dx);

        // softmax(2x) · 2
        double z = x.Sum(v => Math.Exp(2 * v));
        Agree(x.Select(v => 2 * Math.Exp(2 * v) / z).ToArray(), dx, 1e-12, "dx");
    }

    [Fact]
    public void CustomPullbacks_AccumulateLikeGeneratedOnes()
    {
        double[] w = [0.2, -0.4, 0.9];
        double[] g = new double[3];
        Models.RidgeGradient(w, Xs, Ys, 0.3, g, out double gl);
        double[] dw = [1, 2, 3];
        double dl = -1;
        Models.RidgeBackward(w, Xs, Ys, 0.3, 2.0, dw, ref dl);
        Agree([1 + 2 * g[0], 2 + 2 * g[1], 3 + 2 * g[2]], dw, 1e-12, "dw");
        Close(-1 + 2 * gl, dl);
    }
}
