// The hand-written kernels as they were before the generator differentiated spans (commit f29955b), kept for the before/after benchmarks.
using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace KernelBenchmarks.Baseline;

/// <summary>
/// Activations (element-wise, and the row-wise softmax) and their pullbacks. Every backward
/// kernel reads the forward OUTPUT <c>y</c> (not the input), so a layer keeps one buffer per batch.
/// </summary>
/// <remarks>
/// These are the hand-written, TensorPrimitives-vectorized kernels. The backward passes are
/// written by hand because the generator does not differentiate spans and loops yet; once it
/// does, each forward kernel is a candidate for <c>[Differentiable]</c> with its backward as the
/// <c>[DerivativeOf]</c>, kept wherever it measures faster than the generated one.
/// </remarks>
internal static class ActivationKernels
{
    /// <summary><c>y = max(0, x)</c>.</summary>
    public static void ReluForward(ReadOnlySpan<double> x, Span<double> y)
    {
        RequireSameLength(x, y, nameof(y));
        TensorPrimitives.Max(x, 0.0, y);
    }

    /// <summary>
    /// <c>dx = dy</c> where <c>y &gt; 0</c>, else 0. At the kink (<c>x = 0</c>) the gradient is 0,
    /// as in cs231n's <c>dhidden[hidden_layer &lt;= 0] = 0</c>.
    /// </summary>
    public static void ReluBackward(ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx) =>
        ScaleWhereNotPositive(y, dy, 0.0, dx);

    /// <summary><c>y = x</c> for <c>x &gt; 0</c>, else <c>slope·x</c>; requires 0 &lt; slope &lt; 1.</summary>
    public static void LeakyReluForward(ReadOnlySpan<double> x, double slope, Span<double> y)
    {
        RequireSameLength(x, y, nameof(y));
        RequireLeakySlope(slope);
        // For 0 < slope < 1, max(x, slope·x) is x when x > 0 and slope·x otherwise.
        TensorPrimitives.Multiply(x, slope, y);
        TensorPrimitives.Max(x, y, y);
    }

    /// <summary><c>dx = dy</c> where <c>y &gt; 0</c>, else <c>slope·dy</c> (the left slope at the kink).</summary>
    public static void LeakyReluBackward(ReadOnlySpan<double> y, ReadOnlySpan<double> dy, double slope, Span<double> dx)
    {
        // A positive slope keeps the sign of x in y, which is what the pullback reads.
        RequireLeakySlope(slope);
        ScaleWhereNotPositive(y, dy, slope, dx);
    }

    /// <summary>Throws unless 0 &lt; <paramref name="slope"/> &lt; 1, the range the leaky ReLU kernels rely on.</summary>
    internal static void RequireLeakySlope(double slope)
    {
        if (!(slope > 0 && slope < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(slope), slope, "slope must lie strictly between 0 and 1.");
        }
    }

    /// <summary><c>y = 1 / (1 + e^(−x))</c>.</summary>
    public static void SigmoidForward(ReadOnlySpan<double> x, Span<double> y)
    {
        RequireSameLength(x, y, nameof(y));
        TensorPrimitives.Sigmoid(x, y);
    }

    /// <summary><c>dx = dy·y·(1 − y)</c>.</summary>
    public static void SigmoidBackward(ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx)
    {
        RequireBackwardLengths(y, dy, dx);
        TensorPrimitives.Subtract(1.0, y, dx);
        TensorPrimitives.Multiply(dx, y, dx);
        TensorPrimitives.Multiply(dx, dy, dx);
    }

    /// <summary><c>y = tanh(x)</c>.</summary>
    public static void TanhForward(ReadOnlySpan<double> x, Span<double> y)
    {
        RequireSameLength(x, y, nameof(y));
        TensorPrimitives.Tanh(x, y);
    }

    /// <summary><c>dx = dy·(1 − y²)</c>.</summary>
    public static void TanhBackward(ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx)
    {
        RequireBackwardLengths(y, dy, dx);
        TensorPrimitives.Multiply(y, y, dx);
        TensorPrimitives.Subtract(1.0, dx, dx);
        TensorPrimitives.Multiply(dx, dy, dx);
    }

    /// <summary>
    /// Row-wise softmax over rows of <paramref name="classes"/> values:
    /// <c>y = exp(x − max(x)) / Σ exp(x − max(x))</c>; the shift keeps <c>exp</c> from overflowing.
    /// </summary>
    public static void SoftmaxForward(ReadOnlySpan<double> x, int classes, Span<double> y)
    {
        RequireSameLength(x, y, nameof(y));
        ShiftByRowMaximum(x, classes, y);
        ExponentiateAndNormalizeRows(y, classes);
    }

    /// <summary>The softmax pullback per row: <c>dx = y ⊙ (dy − (dy·y))</c>.</summary>
    public static void SoftmaxBackward(ReadOnlySpan<double> y, ReadOnlySpan<double> dy, int classes, Span<double> dx)
    {
        RequireBackwardLengths(y, dy, dx);
        for (int row = 0; row < y.Length / classes; row++)
        {
            ReadOnlySpan<double> yRow = y.Slice(row * classes, classes);
            Span<double> dxRow = dx.Slice(row * classes, classes);
            double projection = TensorPrimitives.Dot(dy.Slice(row * classes, classes), yRow);
            TensorPrimitives.Subtract(dy.Slice(row * classes, classes), projection, dxRow);
            TensorPrimitives.Multiply(dxRow, yRow, dxRow);
        }
    }

    /// <summary>Writes each row of <paramref name="x"/> minus that row's maximum (the first step of a stable softmax).</summary>
    internal static void ShiftByRowMaximum(ReadOnlySpan<double> x, int classes, Span<double> shifted)
    {
        Shape.RequirePositive(classes, nameof(classes));
        if (x.Length % classes != 0)
        {
            throw new ArgumentException($"{nameof(x)} has {x.Length} elements, not a whole number of rows of {classes}.", nameof(x));
        }

        // Rows are usually short (one score per class): plain loops beat a TensorPrimitives call per row.
        for (int row = 0; row < x.Length / classes; row++)
        {
            ReadOnlySpan<double> source = x.Slice(row * classes, classes);
            Span<double> destination = shifted.Slice(row * classes, classes);
            double max = source[0];
            for (int c = 1; c < classes; c++)
            {
                max = Math.Max(max, source[c]);
            }

            for (int c = 0; c < classes; c++)
            {
                destination[c] = source[c] - max;
            }
        }
    }

    /// <summary>
    /// In place: exponentiates every value, then divides each row by its sum. Returns
    /// <c>Σ_rows log(row sum)</c>, the log-normalizers that softmax cross-entropy needs.
    /// </summary>
    internal static double ExponentiateAndNormalizeRows(Span<double> values, int classes)
    {
        // One vectorized exp over the whole batch instead of one short call per row.
        TensorPrimitives.Exp(values, values);
        double logSums = 0;
        for (int row = 0; row < values.Length / classes; row++)
        {
            Span<double> current = values.Slice(row * classes, classes);
            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += current[c];
            }

            logSums += Math.Log(sum);
            double inverse = 1.0 / sum;
            for (int c = 0; c < classes; c++)
            {
                current[c] *= inverse;
            }
        }

        return logSums;
    }

    /// <summary>
    /// <c>dx = y &gt; 0 ? dy : slope·dy</c>, the shared pullback of ReLU (slope 0) and leaky ReLU.
    /// TensorPrimitives has no masked select, so this loop uses <see cref="Vector{T}"/> directly.
    /// </summary>
    private static void ScaleWhereNotPositive(ReadOnlySpan<double> y, ReadOnlySpan<double> dy, double slope, Span<double> dx)
    {
        RequireBackwardLengths(y, dy, dx);
        ref double yStart = ref MemoryMarshal.GetReference(y);
        ref double dyStart = ref MemoryMarshal.GetReference(dy);
        ref double dxStart = ref MemoryMarshal.GetReference(dx);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var slopes = new Vector<double>(slope);
            for (; i <= y.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var yv = Vector.LoadUnsafe(ref yStart, (nuint)i);
                var dyv = Vector.LoadUnsafe(ref dyStart, (nuint)i);
                Vector.ConditionalSelect(Vector.GreaterThan(yv, Vector<double>.Zero), dyv, dyv * slopes)
                    .StoreUnsafe(ref dxStart, (nuint)i);
            }
        }

        for (; i < y.Length; i++)
        {
            dx[i] = y[i] > 0 ? dy[i] : slope * dy[i];
        }
    }

    private static void RequireSameLength(ReadOnlySpan<double> x, ReadOnlySpan<double> y, string name) =>
        Shape.RequireLength(y.Length, x.Length, name, "one output per input");

    private static void RequireBackwardLengths(ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx)
    {
        Shape.RequireLength(dy.Length, y.Length, nameof(dy), "one gradient per output");
        Shape.RequireLength(dx.Length, y.Length, nameof(dx), "one gradient per input");
    }
}
