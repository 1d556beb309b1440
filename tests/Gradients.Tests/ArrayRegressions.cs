using System;
using System.Numerics.Tensors;
using SymbolicDiff;
using static Gradients.Tests.Numeric;
using static Gradients.Tests.VectorValuedTests;

namespace Gradients.Tests;

/// <summary>Array methods that once got a wrong gradient or did not compile (found in review).</summary>
public static partial class ArrayRegress
{
    [Differentiable]
    public static double Sum(ReadOnlySpan<double> a)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i];
        }

        return s;
    }

    // The only differentiable argument is a slice: the call must still be differentiated (it once was not, silently).
    [Differentiable]
    public static double SquaredSumOfSlice(ReadOnlySpan<double> xs)
    {
        double t = Sum(xs.Slice(1, 2));
        return t * t;
    }

    // A slice of a double[] is written AsSpan (an array has no Slice).
    [Differentiable]
    public static double AsSpanSlices(double[] W, double[] b, double[] xs)
    {
        double[] scores = new double[3];
        double total = 0;
        for (int p = 0; p < 2; p++)
        {
            Vec.Affine(W, xs.AsSpan(2 * p, 2), b, scores);
            total += Net.SoftmaxCrossEntropy(scores, p);
        }

        return total;
    }

    // A vector-valued method whose output is written only by a vector-valued callee.
    [Differentiable]
    public static void Layer(ReadOnlySpan<double> W, ReadOnlySpan<double> x, ReadOnlySpan<double> b, Span<double> y)
    {
        Span<double> z = stackalloc double[3];
        Vec.Affine(W, x, b, z);
        Vec.Tanh(z, y);
    }

    // A kernel with no element stores: its output is written by TensorPrimitives, whose span parameter is writable.
    public static void Exp(ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.Exp(x, y);

    [DerivativeOf(typeof(ArrayRegress), nameof(Exp))]
    public static void ExpPullback(ReadOnlySpan<double> x, Span<double> y, Span<double> dx, Span<double> dy)
    {
        TensorPrimitives.Exp(x, y);
        for (int i = 0; i < x.Length; i++)
        {
            dx[i] += dy[i] * y[i];
            dy[i] = 0; // written: consumed
        }
    }

    private static int Last(int n) => n - 1;

    // The index is a call, computed once into a temporary that the backward pass reads again
    // (dx[index] += …): it must stay a variable, not be written inline into its one forward reader.
    [Differentiable]
    public static double ElementAtComputedIndex(double[] x, int n) => 3.0 * x[Last(n)] + x[0];

    [Differentiable]
    public static double SumOfExp(ReadOnlySpan<double> x)
    {
        Span<double> e = stackalloc double[2];
        Exp(x, e);
        return e[0] + e[1];
    }
}

public class ArrayRegressions
{
    [Fact]
    public void CallWhoseOnlyDifferentiableArgumentIsASlice()
    {
        double[] xs = [1, 2, 3];
        double[] dxs = new double[3];
        Close(25, ArrayRegress.SquaredSumOfSliceGradient(xs, dxs));
        Agree([0, 10, 10], dxs, 1e-12);
    }

    [Fact]
    public void AsSpanSlicesOfArrays()
    {
        double[] W = Random(6, 37), b = Random(3, 38), xs = Random(4, 39);
        double[] dW = new double[6], db = new double[3], dxs = new double[4];
        double loss = ArrayRegress.AsSpanSlicesGradient(W, b, xs, dW, db, dxs);
        Close(ArrayRegress.AsSpanSlices(W, b, xs), loss);
        Check(p => ArrayRegress.AsSpanSlices(p[..6], p[6..9], p[9..]), [.. W, .. b, .. xs], [.. dW, .. db, .. dxs]);
    }

    [Fact]
    public void VectorValuedMethodCallingVectorValuedMethods()
    {
        double[] W = Random(6, 48), x = Random(2, 49), b = Random(3, 50), dy = Random(3, 51);
        double[] y = new double[3], dW = new double[6], dx = new double[2], db = new double[3];
        ArrayRegress.LayerBackward(W, x, b, y, dW, dx, db, (double[])dy.Clone()); // Backward consumes the upstream gradient

        double[] Value(double[] p)
        {
            var r = new double[3];
            ArrayRegress.Layer(p[..6], p[6..8], p[8..], r);
            return r;
        }

        Agree(Value([.. W, .. x, .. b]), y, 1e-12, "y");
        Check(p => Dot(dy, Value(p)), [.. W, .. x, .. b], [.. dW, .. dx, .. db]);
    }

    [Fact]
    public void ElementAtAComputedIndex()
    {
        double[] x = [2, 5, 7];
        double[] dx = new double[3];
        Close(23, ArrayRegress.ElementAtComputedIndexGradient(x, 3, dx));
        Agree([1, 0, 3], dx, 1e-12);
    }

    [Fact]
    public void OutputWrittenByALibraryKernelTakesAReadOnlyUpstreamGradient()
    {
        double[] x = [0.3, -0.8];
        double[] dx = new double[2];
        ArrayRegress.SumOfExpGradient(x, dx);
        Agree([Math.Exp(0.3), Math.Exp(-0.8)], dx, 1e-12);
    }
}
