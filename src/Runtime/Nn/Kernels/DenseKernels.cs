using System;
using System.Buffers;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Nn.Kernels;

/// <summary>
/// The affine map <c>y = x·W + b</c> over a row-major batch: <c>x</c> is batch × inputs, <c>W</c> is
/// inputs × outputs, <c>b</c> has outputs elements. <see cref="Affine"/> is its
/// <c>[Differentiable]</c> definition; <see cref="Forward"/> and <see cref="Backward"/> are the
/// vectorized kernels the <see cref="Dense"/> layer runs, and <see cref="AffinePullback"/> makes them
/// the <c>[DerivativeOf]</c> pullback that generated callers of <see cref="Affine"/> use.
/// </summary>
/// <remarks>
/// The generator's <c>AffineBackward</c> (plain scalar loops) was measured several times slower than
/// the register-blocked products at the spiral's sizes (benchmarks/KernelBenchmarks; numbers in
/// docs/spiral.md), so the products stay hand-written.
/// <para>
/// Every product is arranged so that its vectorized loop runs along the longer of inputs and
/// outputs (see <see cref="MatrixKernels"/>): a 300×100 by 100×3 product vectorized along the 3
/// would be mostly overhead. When that needs <c>W</c> or <c>dW</c> transposed, the transpose
/// lives in <c>scratch</c> (inputs × outputs elements).
/// </para>
/// </remarks>
public static partial class DenseKernels
{
    // Fields rather than collection expressions at the call sites: a Debug build allocates those per call.
    private static readonly double[] One = [1.0];
    private static readonly double[] NoBias = [];

    /// <summary>The definition: <c>y[i,j] = b[j] + Σ_k x[i,k]·W[k,j]</c>.</summary>
    /// <param name="x">batch × inputs.</param>
    /// <param name="w">inputs × outputs.</param>
    /// <param name="b">outputs.</param>
    /// <param name="y">batch × outputs, overwritten.</param>
    /// <param name="batch">Number of examples.</param>
    /// <param name="inputs">Features per input example.</param>
    /// <param name="outputs">Features per output example.</param>
    [Differentiable]
    public static void Affine(
        ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y, int batch, int inputs, int outputs)
    {
        for (int i = 0; i < batch; i++)
        {
            for (int j = 0; j < outputs; j++)
            {
                double sum = b[j];
                for (int k = 0; k < inputs; k++)
                {
                    sum += x[i * inputs + k] * w[k * outputs + j];
                }

                y[i * outputs + j] = sum;
            }
        }
    }

    /// <summary>
    /// The vectorized pullback of <see cref="Affine"/>: writes <c>y</c> (running the forward again, as
    /// every pullback of a vector-valued method does) and ADDS <c>dy·Wᵀ</c> to <c>dx</c>, <c>xᵀ·dy</c>
    /// to <c>dW</c> and the column sums of <c>dy</c> to <c>db</c>; then clears <c>dy</c> (it wrote every
    /// element of <c>y</c>, so nothing flows to what <c>y</c> held before).
    /// </summary>
    [DerivativeOf(typeof(DenseKernels), nameof(Affine))]
    public static void AffinePullback(
        ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y, int batch, int inputs, int outputs,
        Span<double> dx, Span<double> dw, Span<double> db, Span<double> dy)
    {
        const int StackLimit = 1024;
        int size = inputs * outputs;
        double[]? rented = size > StackLimit ? ArrayPool<double>.Shared.Rent(size) : null;
        Span<double> scratch = rented ?? stackalloc double[StackLimit];
        try
        {
            Forward(x, w, b, y, scratch, batch, inputs, outputs);
            Backward(x, w, dy, dw, db, dx, scratch, batch, inputs, outputs, accumulate: true);
            dy.Clear();
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary><c>y[i,:] = b + Σ_k x[i,k]·W[k,:]</c> for every example <c>i</c>.</summary>
    /// <param name="x">batch × inputs.</param>
    /// <param name="w">inputs × outputs.</param>
    /// <param name="b">outputs.</param>
    /// <param name="y">batch × outputs, overwritten.</param>
    /// <param name="scratch">At least inputs × outputs elements of working space, overwritten.</param>
    /// <param name="batch">Number of examples.</param>
    /// <param name="inputs">Features per input example.</param>
    /// <param name="outputs">Features per output example.</param>
    public static void Forward(
        ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, Span<double> y, Span<double> scratch,
        int batch, int inputs, int outputs)
    {
        RequireShapes(x, w, scratch, batch, inputs, outputs);
        Shape.RequireLength(b.Length, outputs, nameof(b), "one per output");
        Shape.RequireMatrix(y.Length, batch, "examples", outputs, "outputs", nameof(y));
        if (outputs >= inputs)
        {
            // Each output row is b plus a combination of the rows of W.
            MatrixKernels.CombineRows(x, inputs, 1, w, b, y, batch, inputs, outputs);
            return;
        }

        // Each output is b[j] plus the dot product of an input row with column j of W.
        Span<double> wT = scratch.Slice(0, inputs * outputs);
        MatrixKernels.Transpose(w, inputs, outputs, wT);
        MatrixKernels.DotRows(x, wT, b, y, batch, inputs, outputs);
    }

    /// <summary>
    /// The gradients of <see cref="Forward"/> for an upstream gradient <c>dy</c>:
    /// <c>dW = xᵀ·dy</c>, <c>db = Σ_i dy[i,:]</c>, <c>dx = dy·Wᵀ</c>. All three are overwritten
    /// (the layer SETS its gradients), or added to with <paramref name="accumulate"/>. Unlike
    /// <see cref="AffinePullback"/> it does not run the forward again: the layer has its output.
    /// </summary>
    /// <param name="x">The forward input, batch × inputs.</param>
    /// <param name="w">inputs × outputs.</param>
    /// <param name="dy">∂loss/∂y, batch × outputs.</param>
    /// <param name="dw">∂loss/∂W, inputs × outputs, overwritten.</param>
    /// <param name="db">∂loss/∂b, outputs, overwritten.</param>
    /// <param name="dx">∂loss/∂x, batch × inputs, overwritten; pass an empty span to skip it.</param>
    /// <param name="scratch">At least inputs × outputs elements of working space, overwritten.</param>
    /// <param name="batch">Number of examples.</param>
    /// <param name="inputs">Features per input example.</param>
    /// <param name="outputs">Features per output example.</param>
    /// <param name="accumulate">Add to <paramref name="dw"/>, <paramref name="db"/> and <paramref name="dx"/> instead of overwriting them.</param>
    public static void Backward(
        ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> dy,
        Span<double> dw, Span<double> db, Span<double> dx, Span<double> scratch,
        int batch, int inputs, int outputs, bool accumulate = false)
    {
        RequireShapes(x, w, scratch, batch, inputs, outputs);
        Shape.RequireMatrix(dy.Length, batch, "examples", outputs, "outputs", nameof(dy));
        Shape.RequireLength(db.Length, outputs, nameof(db), "one per output");
        Shape.RequireMatrix(dw.Length, inputs, "inputs", outputs, "outputs", nameof(dw));
        if (!dx.IsEmpty)
        {
            Shape.RequireMatrix(dx.Length, batch, "examples", inputs, "inputs", nameof(dx));
        }

        // db = Σ_i 1·dy[i,:]: a combination of the rows of dy with every coefficient 1 (strides 0).
        MatrixKernels.CombineRows(One, 0, 0, dy, NoBias, db, 1, batch, outputs, accumulate);

        Span<double> transposed = scratch.Slice(0, inputs * outputs);
        if (outputs >= inputs)
        {
            // dW[k,:] = Σ_i x[i,k]·dy[i,:]  (x read transposed in place), dx[i,k] = dy[i,:]·W[k,:].
            MatrixKernels.CombineRows(x, 1, inputs, dy, NoBias, dw, inputs, batch, outputs, accumulate);
            if (!dx.IsEmpty)
            {
                MatrixKernels.DotRows(dy, w, NoBias, dx, batch, outputs, inputs, accumulate);
            }

            return;
        }

        // dWᵀ[j,:] = Σ_i dy[i,j]·x[i,:], then transposed into dW; dx[i,:] = Σ_j dy[i,j]·Wᵀ[j,:].
        MatrixKernels.CombineRows(dy, 1, outputs, x, NoBias, transposed, outputs, batch, inputs);
        MatrixKernels.Transpose(transposed, outputs, inputs, dw, accumulate);
        if (!dx.IsEmpty)
        {
            MatrixKernels.Transpose(w, inputs, outputs, transposed);
            MatrixKernels.CombineRows(dy, outputs, 1, transposed, NoBias, dx, batch, outputs, inputs, accumulate);
        }
    }

    private static void RequireShapes(
        ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> scratch, int batch, int inputs, int outputs)
    {
        Shape.RequirePositive(batch, nameof(batch));
        Shape.RequirePositive(inputs, nameof(inputs));
        Shape.RequirePositive(outputs, nameof(outputs));
        Shape.RequireMatrix(x.Length, batch, "examples", inputs, "inputs", nameof(x));
        Shape.RequireMatrix(w.Length, inputs, "inputs", outputs, "outputs", nameof(w));
        if (scratch.Length < inputs * outputs)
        {
            Shape.RequireLength(scratch.Length, inputs * outputs, nameof(scratch), "at least inputs × outputs");
        }
    }
}
