using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Nn.Kernels;

/// <summary>
/// The two register-blocked matrix products behind <see cref="DenseKernels"/>. Both keep their
/// running sums in vector registers for a whole reduction and store each result once. One
/// TensorPrimitives call per row pair (load, multiply-add, store, call overhead) was measured at
/// about 2× slower on the spiral network's small products (300×100 by 100×3).
/// </summary>
/// <remarks>
/// With <c>accumulate</c> the products are added to <c>C</c> instead of overwriting it (pullbacks accumulate).
/// The inner loops read through unchecked references for speed; every entry point first checks
/// that the spans are long enough for the given sizes, so no access can leave them.
/// </remarks>
internal static class MatrixKernels
{
    /// <summary>
    /// <c>C[r,:] = bias + Σ_t A(r,t)·B[t,:]</c>: each output row is a combination of the rows of
    /// <c>B</c> (depth × columns, row-major). <c>A(r,t)</c> is <c>a[r·aRowStride + t·aDepthStride]</c>,
    /// so a transposed A is read in place (and strides of 0 broadcast one value). A non-empty
    /// <paramref name="bias"/> (columns elements) is added to every row. Fast when
    /// <paramref name="columns"/> is large: two rows × four vectors of columns are accumulated in
    /// registers over the whole depth, sharing each load of <c>B</c>.
    /// </summary>
    public static void CombineRows(
        ReadOnlySpan<double> a, int aRowStride, int aDepthStride, ReadOnlySpan<double> b, ReadOnlySpan<double> bias,
        Span<double> c, int rows, int depth, int columns, bool accumulate = false)
    {
        RequireAtLeast(a.Length, (rows - 1) * aRowStride + (depth - 1) * aDepthStride + 1, nameof(a));
        RequireAtLeast(b.Length, depth * columns, nameof(b));
        RequireAtLeast(c.Length, rows * columns, nameof(c));
        RequireBias(bias, columns);

        int width = Vector<double>.Count;
        ref double aStart = ref MemoryMarshal.GetReference(a);
        ref double bStart = ref MemoryMarshal.GetReference(b);
        ref double cStart = ref MemoryMarshal.GetReference(c);
        for (int r0 = 0; r0 < rows; r0 += 2)
        {
            // With an odd row count the last pair is the last row twice: the same sums, stored twice.
            int r1 = Math.Min(r0 + 1, rows - 1);
            ref double a0 = ref Unsafe.Add(ref aStart, r0 * aRowStride);
            ref double a1 = ref Unsafe.Add(ref aStart, r1 * aRowStride);
            ref double c0 = ref Unsafe.Add(ref cStart, r0 * columns);
            ref double c1 = ref Unsafe.Add(ref cStart, r1 * columns);
            int j = 0;
            for (; j <= columns - 4 * width; j += 4 * width)
            {
                Vector<double> p0 = Start(bias, j), p1 = Start(bias, j + width), p2 = Start(bias, j + 2 * width), p3 = Start(bias, j + 3 * width);
                Vector<double> q0 = p0, q1 = p1, q2 = p2, q3 = p3;
                if (accumulate)
                {
                    p0 += Vector.LoadUnsafe(ref c0, (nuint)j);
                    p1 += Vector.LoadUnsafe(ref c0, (nuint)(j + width));
                    p2 += Vector.LoadUnsafe(ref c0, (nuint)(j + 2 * width));
                    p3 += Vector.LoadUnsafe(ref c0, (nuint)(j + 3 * width));
                    q0 += Vector.LoadUnsafe(ref c1, (nuint)j);
                    q1 += Vector.LoadUnsafe(ref c1, (nuint)(j + width));
                    q2 += Vector.LoadUnsafe(ref c1, (nuint)(j + 2 * width));
                    q3 += Vector.LoadUnsafe(ref c1, (nuint)(j + 3 * width));
                }

                ref double bColumn = ref Unsafe.Add(ref bStart, j);
                for (int t = 0; t < depth; t++)
                {
                    var s0 = new Vector<double>(Unsafe.Add(ref a0, t * aDepthStride));
                    var s1 = new Vector<double>(Unsafe.Add(ref a1, t * aDepthStride));
                    ref double bRow = ref Unsafe.Add(ref bColumn, t * columns);
                    Vector<double> v0 = Vector.LoadUnsafe(ref bRow, 0);
                    Vector<double> v1 = Vector.LoadUnsafe(ref bRow, (nuint)width);
                    Vector<double> v2 = Vector.LoadUnsafe(ref bRow, (nuint)(2 * width));
                    Vector<double> v3 = Vector.LoadUnsafe(ref bRow, (nuint)(3 * width));
                    p0 = VectorMath.MultiplyAdd(s0, v0, p0);
                    p1 = VectorMath.MultiplyAdd(s0, v1, p1);
                    p2 = VectorMath.MultiplyAdd(s0, v2, p2);
                    p3 = VectorMath.MultiplyAdd(s0, v3, p3);
                    q0 = VectorMath.MultiplyAdd(s1, v0, q0);
                    q1 = VectorMath.MultiplyAdd(s1, v1, q1);
                    q2 = VectorMath.MultiplyAdd(s1, v2, q2);
                    q3 = VectorMath.MultiplyAdd(s1, v3, q3);
                }

                p0.StoreUnsafe(ref c0, (nuint)j);
                p1.StoreUnsafe(ref c0, (nuint)(j + width));
                p2.StoreUnsafe(ref c0, (nuint)(j + 2 * width));
                p3.StoreUnsafe(ref c0, (nuint)(j + 3 * width));
                q0.StoreUnsafe(ref c1, (nuint)j);
                q1.StoreUnsafe(ref c1, (nuint)(j + width));
                q2.StoreUnsafe(ref c1, (nuint)(j + 2 * width));
                q3.StoreUnsafe(ref c1, (nuint)(j + 3 * width));
            }

            for (; j <= columns - width; j += width)
            {
                Vector<double> p = Start(bias, j), q = p;
                if (accumulate)
                {
                    p += Vector.LoadUnsafe(ref c0, (nuint)j);
                    q += Vector.LoadUnsafe(ref c1, (nuint)j);
                }
                for (int t = 0; t < depth; t++)
                {
                    Vector<double> v = Vector.LoadUnsafe(ref bStart, (nuint)(t * columns + j));
                    p = VectorMath.MultiplyAdd(new Vector<double>(Unsafe.Add(ref a0, t * aDepthStride)), v, p);
                    q = VectorMath.MultiplyAdd(new Vector<double>(Unsafe.Add(ref a1, t * aDepthStride)), v, q);
                }

                p.StoreUnsafe(ref c0, (nuint)j);
                q.StoreUnsafe(ref c1, (nuint)j);
            }

            for (; j < columns; j++)
            {
                double p = bias.IsEmpty ? 0 : bias[j], q = p;
                if (accumulate)
                {
                    p += Unsafe.Add(ref c0, j);
                    q += Unsafe.Add(ref c1, j);
                }
                for (int t = 0; t < depth; t++)
                {
                    double v = Unsafe.Add(ref bStart, t * columns + j);
                    p += Unsafe.Add(ref a0, t * aDepthStride) * v;
                    q += Unsafe.Add(ref a1, t * aDepthStride) * v;
                }

                Unsafe.Add(ref c0, j) = p;
                Unsafe.Add(ref c1, j) = q;
            }
        }
    }

    /// <summary>
    /// <c>C[r,j] = bias[j] + Σ_t A[r,t]·Bt[j,t]</c>: dot products of the rows of <c>A</c>
    /// (rows × depth) with the rows of <c>Bt</c> (columns × depth), both row-major. A non-empty
    /// <paramref name="bias"/> (columns elements) is added to every row. Fast when
    /// <paramref name="depth"/> is large: four columns share each load of an <c>A</c> row.
    /// </summary>
    public static void DotRows(
        ReadOnlySpan<double> a, ReadOnlySpan<double> bt, ReadOnlySpan<double> bias, Span<double> c, int rows, int depth, int columns,
        bool accumulate = false)
    {
        RequireAtLeast(a.Length, rows * depth, nameof(a));
        RequireAtLeast(bt.Length, columns * depth, nameof(bt));
        RequireAtLeast(c.Length, rows * columns, nameof(c));
        RequireBias(bias, columns);

        int width = Vector<double>.Count;
        ref double btStart = ref MemoryMarshal.GetReference(bt);
        for (int r = 0; r < rows; r++)
        {
            ref double aRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(a), r * depth);
            for (int j = 0; j < columns; j += 4)
            {
                // Past the last column the block repeats it; those sums are computed and dropped.
                ref double b0 = ref Unsafe.Add(ref btStart, j * depth);
                ref double b1 = ref Unsafe.Add(ref btStart, Math.Min(j + 1, columns - 1) * depth);
                ref double b2 = ref Unsafe.Add(ref btStart, Math.Min(j + 2, columns - 1) * depth);
                ref double b3 = ref Unsafe.Add(ref btStart, Math.Min(j + 3, columns - 1) * depth);
                Vector<double> acc0 = Vector<double>.Zero, acc1 = acc0, acc2 = acc0, acc3 = acc0;
                int t = 0;
                for (; t <= depth - width; t += width)
                {
                    Vector<double> av = Vector.LoadUnsafe(ref aRow, (nuint)t);
                    acc0 = VectorMath.MultiplyAdd(av, Vector.LoadUnsafe(ref b0, (nuint)t), acc0);
                    acc1 = VectorMath.MultiplyAdd(av, Vector.LoadUnsafe(ref b1, (nuint)t), acc1);
                    acc2 = VectorMath.MultiplyAdd(av, Vector.LoadUnsafe(ref b2, (nuint)t), acc2);
                    acc3 = VectorMath.MultiplyAdd(av, Vector.LoadUnsafe(ref b3, (nuint)t), acc3);
                }

                double s0 = Vector.Sum(acc0), s1 = Vector.Sum(acc1), s2 = Vector.Sum(acc2), s3 = Vector.Sum(acc3);
                for (; t < depth; t++)
                {
                    double at = Unsafe.Add(ref aRow, t);
                    s0 += at * Unsafe.Add(ref b0, t);
                    s1 += at * Unsafe.Add(ref b1, t);
                    s2 += at * Unsafe.Add(ref b2, t);
                    s3 += at * Unsafe.Add(ref b3, t);
                }

                Span<double> cBlock = c.Slice(r * columns + j, Math.Min(4, columns - j));
                if (accumulate)
                {
                    s0 += cBlock[0];
                    s1 += cBlock.Length > 1 ? cBlock[1] : 0;
                    s2 += cBlock.Length > 2 ? cBlock[2] : 0;
                    s3 += cBlock.Length > 3 ? cBlock[3] : 0;
                }

                cBlock[0] = s0 + Bias(bias, j);
                if (cBlock.Length > 1)
                {
                    cBlock[1] = s1 + Bias(bias, j + 1);
                }

                if (cBlock.Length > 2)
                {
                    cBlock[2] = s2 + Bias(bias, j + 2);
                }

                if (cBlock.Length > 3)
                {
                    cBlock[3] = s3 + Bias(bias, j + 3);
                }
            }
        }
    }

    /// <summary>
    /// Writes (or, with <paramref name="accumulate"/>, adds) the transpose of <paramref name="source"/>
    /// (rows × columns) into <paramref name="destination"/> (columns × rows).
    /// </summary>
    public static void Transpose(ReadOnlySpan<double> source, int rows, int columns, Span<double> destination, bool accumulate = false)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                double value = source[r * columns + c];
                destination[c * rows + r] = accumulate ? destination[c * rows + r] + value : value;
            }
        }
    }

    private static Vector<double> Start(ReadOnlySpan<double> bias, int offset) =>
        bias.IsEmpty ? Vector<double>.Zero : Vector.LoadUnsafe(ref MemoryMarshal.GetReference(bias), (nuint)offset);

    private static double Bias(ReadOnlySpan<double> bias, int index) => bias.IsEmpty ? 0 : bias[index];

    private static void RequireBias(ReadOnlySpan<double> bias, int columns)
    {
        if (!bias.IsEmpty)
        {
            RequireAtLeast(bias.Length, columns, nameof(bias));
        }
    }

    private static void RequireAtLeast(int length, int required, string name)
    {
        if (length < required)
        {
            throw new ArgumentException($"{name} has {length} elements; the sizes given need at least {required}.", name);
        }
    }
}
