using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SymbolicDiff;

/// <summary>
/// Clearing for a generated <c>FGradient</c> whose loop assigns a contiguous run of an adjoint span's elements
/// (Rosenbrock's <c>dx[i] = …</c>): only the elements the loop did not write are cleared, after it, instead of the
/// whole span before it — a pass over the span saved, which at 100,000 elements is a pass over 800 KB.
/// </summary>
/// <remarks>Plumbing for generated code, hidden from IntelliSense.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AdjointSpan
{
    /// <summary>
    /// Clears the elements of <paramref name="adjoint"/> outside <c>[start, end)</c>, or all of them when
    /// <paramref name="written"/> is false (the loop wrote nothing). Bounds outside the span are clamped to it:
    /// a loop may write past the part of the span that belongs to the parameter.
    /// </summary>
    /// <remarks>
    /// Plain loops, not <see cref="Span{T}.Clear"/>: that is a call, and a call after the loop, while the loop's
    /// sum is live, made the JIT keep the sum in memory inside the loop (every x64 vector register is
    /// caller-saved on Unix): Rosenbrock's gradient took 3 × as long. Usually nothing is left to clear.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ClearUnwritten<T>(Span<T> adjoint, bool written, int start, int end)
    {
        int length = adjoint.Length;
        if (!written)
        {
            start = end = 0;
        }

        start = Math.Clamp(start, 0, length);
        end = Math.Clamp(end, start, length);
        for (int k = 0; k < start; k++)
        {
            adjoint[k] = default!;
        }

        for (int k = end; k < length; k++)
        {
            adjoint[k] = default!;
        }
    }

    /// <summary>
    /// Clears every element of <paramref name="adjoint"/>: after a loop proven to assign the whole span when it
    /// runs, the generated code calls this only where it did not (<c>if (!(written)) AdjointSpan.Clear(dx…)</c>),
    /// one test instead of <see cref="ClearUnwritten"/>'s clamps. A plain loop for the reason given there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear<T>(Span<T> adjoint)
    {
        for (int k = 0; k < adjoint.Length; k++)
        {
            adjoint[k] = default!;
        }
    }
}
