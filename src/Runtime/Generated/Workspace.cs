using System;
using System.Buffers;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace SymbolicDiff;

/// <summary>
/// Zeroed scratch memory for a generated backward pass: the adjoints of local arrays and of the outputs
/// of vector-valued functions. It hands out slices of a caller-provided buffer (generated code passes
/// <c>stackalloc</c>) and, when that is used up, of arrays rented from <see cref="ArrayPool{T}.Shared"/>;
/// <see cref="Dispose"/> returns them. Steady-state calls allocate nothing.
/// </summary>
/// <remarks>Plumbing for generated code, hidden from IntelliSense.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct Workspace
{
    private const int MinimumChunk = 1024;

    private Span<double> free;
    private double[][]? chunks;
    private int chunkCount;

    /// <summary>A workspace that starts in <paramref name="initial"/> (its contents are ignored).</summary>
    public Workspace(Span<double> initial)
    {
        free = initial;
        chunks = null;
        chunkCount = 0;
    }

    /// <summary>A span of <paramref name="length"/> zeros, valid until <see cref="Dispose"/>.</summary>
    public Span<double> Take(int length)
    {
        if (length > free.Length)
        {
            double[] chunk = ArrayPool<double>.Shared.Rent(Math.Max(length, MinimumChunk));
            Keep(chunk);
            free = chunk;
        }

        Span<double> taken = free.Slice(0, length);
        free = free.Slice(length);
        taken.Clear();
        return taken;
    }

    /// <summary>A span of <paramref name="length"/> float zeros, valid until <see cref="Dispose"/>.</summary>
    public Span<float> TakeSingle(int length) =>
        MemoryMarshal.Cast<double, float>(Take((length + 1) / 2)).Slice(0, length);

    /// <summary>Returns every rented array to the pool.</summary>
    public void Dispose()
    {
        if (chunks is not null)
        {
            for (int i = 0; i < chunkCount; i++)
            {
                ArrayPool<double>.Shared.Return(chunks[i]);
                chunks[i] = null!;
            }

            ArrayPool<double[]>.Shared.Return(chunks);
            chunks = null;
            chunkCount = 0;
        }

        free = default;
    }

    private void Keep(double[] chunk)
    {
        if (chunks is null || chunkCount == chunks.Length)
        {
            double[][] larger = ArrayPool<double[]>.Shared.Rent(Math.Max(4, chunkCount * 2));
            if (chunks is not null)
            {
                Array.Copy(chunks, larger, chunkCount);
                Array.Clear(chunks);
                ArrayPool<double[]>.Shared.Return(chunks);
            }

            chunks = larger;
        }

        chunks[chunkCount++] = chunk;
    }
}
