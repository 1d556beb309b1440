using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Nn.Kernels;

/// <summary>
/// Activations (element-wise, and the row-wise softmax): each is defined once as a
/// <c>[Differentiable]</c> method (<see cref="Relu"/>, <see cref="LeakyRelu"/>, <see cref="Sigmoid"/>,
/// <see cref="Tanh"/>, <see cref="Softmax"/>) whose pullback <c>…Backward(x, y, dx, dy)</c> the
/// generator writes. The <c>…Forward</c> methods compute the same values with TensorPrimitives.
/// </summary>
/// <remarks>
/// The element-wise activations also have a hand-written, vectorized <c>[DerivativeOf]</c> pullback
/// (<c>…Pullback</c>, the exact signature of the generated <c>…Backward</c>), which generated callers
/// use instead of the scalar generated one: measured at the spiral's size (300 × 100) in
/// benchmarks/KernelBenchmarks, see docs/spiral.md. Like the generated pullbacks they run the forward
/// pass again (writing <c>y</c>) and ACCUMULATE into <c>dx</c>.
/// </remarks>
public static partial class ActivationKernels
{
    /// <summary><c>y = max(0, x)</c>; the gradient at the kink <c>x = 0</c> is 0 (cs231n's <c>dhidden[hidden_layer &lt;= 0] = 0</c>).</summary>
    [Differentiable]
    public static void Relu(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] > 0 ? x[i] : 0.0;
        }
    }

    /// <summary><c>y = x</c> for <c>x &gt; 0</c>, else <c>slope·x</c>; the gradient at 0 is the left slope.</summary>
    [Differentiable]
    public static void LeakyRelu(ReadOnlySpan<double> x, [NoDiff] double slope, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] > 0 ? x[i] : slope * x[i];
        }
    }

    /// <summary><c>y = 1 / (1 + e^(−x))</c>.</summary>
    [Differentiable]
    public static void Sigmoid(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = 1.0 / (1.0 + Math.Exp(-x[i]));
        }
    }

    /// <summary><c>y = tanh(x)</c>.</summary>
    [Differentiable]
    public static void Tanh(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = Math.Tanh(x[i]);
        }
    }

    /// <summary>
    /// Row-wise softmax over rows of <paramref name="classes"/> values:
    /// <c>y = exp(x − max(x)) / Σ exp(x − max(x))</c>; the shift keeps <c>exp</c> from overflowing
    /// (and, as softmax ignores a shift, contributes no gradient).
    /// </summary>
    [Differentiable]
    public static void Softmax(ReadOnlySpan<double> x, int classes, Span<double> y)
    {
        for (int row = 0; row < x.Length / classes; row++)
        {
            int start = row * classes;
            double max = x[start];
            for (int c = 1; c < classes; c++)
            {
                max = Math.Max(max, x[start + c]);
            }

            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                sum += Math.Exp(x[start + c] - max);
            }

            for (int c = 0; c < classes; c++)
            {
                y[start + c] = Math.Exp(x[start + c] - max) / sum;
            }
        }
    }

    /// <summary><c>y = max(0, x)</c>, vectorized.</summary>
    public static void ReluForward(ReadOnlySpan<double> x, Span<double> y)
    {
        RequireSameLength(x, y, nameof(y));
        TensorPrimitives.Max(x, 0.0, y);
    }

    /// <summary>The vectorized pullback of <see cref="Relu"/>: writes <c>y</c>, then <c>dx += dy</c> where <c>x &gt; 0</c>.</summary>
    [DerivativeOf(typeof(ActivationKernels), nameof(Relu))]
    public static void ReluPullback(ReadOnlySpan<double> x, Span<double> y, Span<double> dx, ReadOnlySpan<double> dy)
    {
        RequireBackwardLengths(x, dy, dx);
        ReluForward(x, y);
        ScaleWherePositive(y, dy, 0.0, dx, accumulate: true);
    }

    /// <summary><c>y = x</c> for <c>x &gt; 0</c>, else <c>slope·x</c>, vectorized; requires 0 &lt; slope &lt; 1.</summary>
    public static void LeakyReluForward(ReadOnlySpan<double> x, double slope, Span<double> y)
    {
        RequireSameLength(x, y, nameof(y));
        RequireLeakySlope(slope);
        // For 0 < slope < 1, max(x, slope·x) is x when x > 0 and slope·x otherwise.
        TensorPrimitives.Multiply(x, slope, y);
        TensorPrimitives.Max(x, y, y);
    }

    /// <summary>The vectorized pullback of <see cref="LeakyRelu"/>: writes <c>y</c>, then <c>dx += x &gt; 0 ? dy : slope·dy</c>.</summary>
    [DerivativeOf(typeof(ActivationKernels), nameof(LeakyRelu))]
    public static void LeakyReluPullback(ReadOnlySpan<double> x, double slope, Span<double> y, Span<double> dx, ReadOnlySpan<double> dy)
    {
        RequireBackwardLengths(x, dy, dx);
        LeakyReluForward(x, slope, y);
        // A slope in (0, 1) keeps the sign of x in y.
        ScaleWherePositive(y, dy, slope, dx, accumulate: true);
    }

    /// <summary>Throws unless 0 &lt; <paramref name="slope"/> &lt; 1, the range the leaky ReLU kernels rely on.</summary>
    internal static void RequireLeakySlope(double slope)
    {
        if (!(slope > 0 && slope < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(slope), slope, "slope must lie strictly between 0 and 1.");
        }
    }

    /// <summary><c>y = 1 / (1 + e^(−x))</c>, vectorized.</summary>
    public static void SigmoidForward(ReadOnlySpan<double> x, Span<double> y)
    {
        RequireSameLength(x, y, nameof(y));
        TensorPrimitives.Sigmoid(x, y);
    }

    /// <summary>The vectorized pullback of <see cref="Sigmoid"/>: writes <c>y</c>, then <c>dx += dy·y·(1 − y)</c>.</summary>
    [DerivativeOf(typeof(ActivationKernels), nameof(Sigmoid))]
    public static void SigmoidPullback(ReadOnlySpan<double> x, Span<double> y, Span<double> dx, ReadOnlySpan<double> dy)
    {
        RequireBackwardLengths(x, dy, dx);
        SigmoidForward(x, y);
        MultiplyByDerivative(y, dy, dx, tanh: false, accumulate: true);
    }

    /// <summary><c>y = tanh(x)</c>, vectorized.</summary>
    public static void TanhForward(ReadOnlySpan<double> x, Span<double> y)
    {
        RequireSameLength(x, y, nameof(y));
        TensorPrimitives.Tanh(x, y);
    }

    /// <summary>The vectorized pullback of <see cref="Tanh"/>: writes <c>y</c>, then <c>dx += dy·(1 − y²)</c>.</summary>
    [DerivativeOf(typeof(ActivationKernels), nameof(Tanh))]
    public static void TanhPullback(ReadOnlySpan<double> x, Span<double> y, Span<double> dx, ReadOnlySpan<double> dy)
    {
        RequireBackwardLengths(x, dy, dx);
        TanhForward(x, y);
        MultiplyByDerivative(y, dy, dx, tanh: true, accumulate: true);
    }

    /// <summary>
    /// Row-wise softmax over rows of <paramref name="classes"/> values, the values of
    /// <see cref="Softmax"/> computed with one vectorized <c>exp</c> over the batch.
    /// </summary>
    public static void SoftmaxForward(ReadOnlySpan<double> x, int classes, Span<double> y)
    {
        RequireSameLength(x, y, nameof(y));
        ShiftByRowMaximum(x, classes, y);
        ExponentiateAndNormalizeRows(y, classes);
    }

    /// <summary>The vectorized pullback of <see cref="Softmax"/>: writes <c>y</c>, then per row <c>dx += y ⊙ (dy − (dy·y))</c>.</summary>
    [DerivativeOf(typeof(ActivationKernels), nameof(Softmax))]
    public static void SoftmaxPullback(ReadOnlySpan<double> x, int classes, Span<double> y, Span<double> dx, ReadOnlySpan<double> dy)
    {
        RequireBackwardLengths(x, dy, dx);
        SoftmaxForward(x, classes, y);
        SoftmaxFromOutput(y, dy, classes, dx, accumulate: true);
    }

    /// <summary>
    /// The softmax pullback per row from the forward OUTPUT: <c>dx = y ⊙ (dy − (dy·y))</c>, or <c>+=</c>
    /// with <paramref name="accumulate"/>. The <see cref="Softmax"/> layer calls it (overwriting) on the
    /// output it kept; the generated pullback measured 3× slower (87 µs vs 29 µs at 300 × 3, see docs/spiral.md).
    /// </summary>
    internal static void SoftmaxFromOutput(ReadOnlySpan<double> y, ReadOnlySpan<double> dy, int classes, Span<double> dx, bool accumulate)
    {
        RequireBackwardLengths(y, dy, dx);
        for (int row = 0; row < y.Length / classes; row++)
        {
            ReadOnlySpan<double> yRow = y.Slice(row * classes, classes);
            ReadOnlySpan<double> dyRow = dy.Slice(row * classes, classes);
            Span<double> dxRow = dx.Slice(row * classes, classes);
            double projection = TensorPrimitives.Dot(dyRow, yRow);
            for (int c = 0; c < classes; c++)
            {
                dxRow[c] = (accumulate ? dxRow[c] : 0) + yRow[c] * (dyRow[c] - projection);
            }
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
    /// <c>dx = y &gt; 0 ? dy : slope·dy</c> (or <c>+=</c> with <paramref name="accumulate"/>), the shared
    /// pullback of ReLU (slope 0) and leaky ReLU, from the forward OUTPUT <c>y</c>. The layers call it
    /// directly with the output they kept (and overwrite, as <see cref="ILayer.Backward"/> sets the
    /// gradient); the <c>[DerivativeOf]</c> pullbacks call it after running the forward again.
    /// TensorPrimitives has no masked select, so this loop uses <see cref="Vector{T}"/> directly.
    /// </summary>
    internal static void ScaleWherePositive(ReadOnlySpan<double> y, ReadOnlySpan<double> dy, double slope, Span<double> dx, bool accumulate)
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
                var dxv = accumulate ? Vector.LoadUnsafe(ref dxStart, (nuint)i) : Vector<double>.Zero;
                (dxv + Vector.ConditionalSelect(Vector.GreaterThan(yv, Vector<double>.Zero), dyv, dyv * slopes))
                    .StoreUnsafe(ref dxStart, (nuint)i);
            }
        }

        for (; i < y.Length; i++)
        {
            dx[i] = (accumulate ? dx[i] : 0) + (y[i] > 0 ? dy[i] : slope * dy[i]);
        }
    }

    /// <summary>
    /// <c>dx = dy·y·(1 − y)</c> (sigmoid) or <c>dx = dy·(1 − y²)</c> (tanh) from the forward OUTPUT
    /// <c>y</c>, in one vectorized pass; <c>+=</c> with <paramref name="accumulate"/>.
    /// </summary>
    internal static void MultiplyByDerivative(ReadOnlySpan<double> y, ReadOnlySpan<double> dy, Span<double> dx, bool tanh, bool accumulate)
    {
        RequireBackwardLengths(y, dy, dx);
        ref double yStart = ref MemoryMarshal.GetReference(y);
        ref double dyStart = ref MemoryMarshal.GetReference(dy);
        ref double dxStart = ref MemoryMarshal.GetReference(dx);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= y.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var yv = Vector.LoadUnsafe(ref yStart, (nuint)i);
                var slope = tanh ? Vector<double>.One - yv * yv : yv * (Vector<double>.One - yv);
                VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref dyStart, (nuint)i), slope, accumulate ? Vector.LoadUnsafe(ref dxStart, (nuint)i) : Vector<double>.Zero)
                    .StoreUnsafe(ref dxStart, (nuint)i);
            }
        }

        for (; i < y.Length; i++)
        {
            dx[i] = (accumulate ? dx[i] : 0) + dy[i] * (tanh ? 1 - y[i] * y[i] : y[i] * (1 - y[i]));
        }
    }

    private static void RequireSameLength(ReadOnlySpan<double> x, ReadOnlySpan<double> y, string name) =>
        Shape.RequireLength(y.Length, x.Length, name, "one output per input");

    private static void RequireBackwardLengths(ReadOnlySpan<double> x, ReadOnlySpan<double> dy, Span<double> dx)
    {
        Shape.RequireLength(dy.Length, x.Length, nameof(dy), "one gradient per output");
        Shape.RequireLength(dx.Length, x.Length, nameof(dx), "one gradient per input");
    }
}
