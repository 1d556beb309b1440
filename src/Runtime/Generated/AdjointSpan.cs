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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ClearUnwritten<T>(Span<T> adjoint, bool written, int start, int end)
    {
        if (!written)
        {
            adjoint.Clear();
            return;
        }

        int length = adjoint.Length;
        start = Math.Clamp(start, 0, length);
        end = Math.Clamp(end, start, length);
        adjoint.Slice(0, start).Clear();
        adjoint.Slice(end).Clear();
    }
}
