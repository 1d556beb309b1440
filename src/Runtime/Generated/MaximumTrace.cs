using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace SymbolicDiff;

/// <summary>
/// What the backward pass of a running maximum (<c>m = Math.Max(m, e)</c> once per iteration of a loop) needs
/// instead of a tape of the old values of <c>m</c>. The local gradient of iteration k compares the old value of
/// <c>m</c> with <c>e</c>; the backward pass runs the loop's iterations again first to last, giving each
/// <c>e</c> to <see cref="Next"/>, and <see cref="Before"/> then gives a value that compares with every
/// iteration's <c>e</c> as the old value did, wherever the comparison can change the gradient:
/// <list type="bullet">
/// <item>after the last iteration where <c>m</c> rose (<c>e &gt; m</c>), up to the first <c>e</c> that is NaN,
/// the old value is the one <c>m</c> rose to (or the start; a tie of +0 with −0 may change its sign, not how it
/// compares);</item>
/// <item>after a NaN the old value is NaN (<c>Math.Max</c> keeps it);</item>
/// <item>at the last rise any value below <c>e</c> (−∞) gives the old value's local gradient, 0, so the adjoint
/// passed further back is 0 (or NaN, from an infinite or NaN adjoint); and an adjoint of 0 or NaN times a local
/// gradient of 0, ½ or 1 is 0 or NaN whichever it is: the iterations before need no old value.</item>
/// </list>
/// So ties with the maximum split the gradient along the chain exactly as with a tape (½ each), and NaN and
/// infinities propagate as they did. A running minimum is traced as the maximum of the negated values.
/// Four fields and inlined methods, so that the JIT keeps the trace in registers.
/// </summary>
/// <remarks>Plumbing for generated code, hidden from IntelliSense.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct MaximumTrace
{
    private const int None = int.MaxValue;

    private double level;
    private int iteration;
    private int lastRise;
    private int firstNaN;

    /// <summary>A trace from <paramref name="start"/>, the value of <c>m</c> before the loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MaximumTrace(double start)
    {
        level = start;
        iteration = 0;
        lastRise = 0;
        firstNaN = double.IsNaN(start) ? 0 : None;
    }

    /// <summary>The next iteration's <c>e</c>, in the order the loop ran them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Next(double candidate)
    {
        iteration++;
        if (firstNaN != None)
        {
            return; // m is NaN from here on: it changes no more
        }

        if (candidate > level)
        {
            level = candidate;
            lastRise = iteration;
        }
        else if (double.IsNaN(candidate))
        {
            firstNaN = iteration;
        }
    }

    /// <summary>
    /// For iteration <paramref name="iteration"/> (counted from 1), a value that compares with its <c>e</c> as
    /// <c>m</c> did before it (see the type's remarks).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly double Before(int iteration) =>
        iteration > firstNaN ? double.NaN
        : iteration > lastRise ? level
        : double.NegativeInfinity;
}
