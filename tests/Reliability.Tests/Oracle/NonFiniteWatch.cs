using System;
using System.Numerics;

namespace SymbolicDiff.Reliability.Tests.Oracle;

/// <summary>
/// Whether the oracle met a value that was not finite (an overflow, a NaN) since the last reset, even
/// where the result does not show it (a loop that squares a variable after its last useful read). A
/// zero adjoint times the infinite local derivative of such a value is NaN (finding F7 in
/// docs/reliability-findings.md), a known limitation; a grammar without the Overflow construct skips
/// these programs instead of failing them.
/// </summary>
public static class NonFiniteWatch
{
    [ThreadStatic]
    private static bool seen;

    public static bool Seen
    {
        get => seen;
        set => seen = value;
    }

    public static T Watch<T>(T value) where T : IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(value))
        {
            seen = true;
        }

        return value;
    }
}
