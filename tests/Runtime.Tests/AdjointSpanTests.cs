using System;
using System.Linq;
using SymbolicDiff;
using Xunit;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>
/// <see cref="AdjointSpan.ClearUnwritten"/>: after a generated loop assigned <c>[start, end)</c> of an adjoint span,
/// every other element of the span is cleared and those are left as written; bounds outside the span are clamped.
/// <see cref="AdjointSpan.Clear"/> clears a whole span (a loop proven to write all of it did not run).
/// </summary>
public class AdjointSpanTests
{
    private static double[] AfterClearing(bool written, int start, int end)
    {
        double[] span = [1, 2, 3, 4, 5];
        AdjointSpan.ClearUnwritten(span.AsSpan(), written, start, end);
        return span;
    }

    [Fact]
    public void ClearsOutsideTheWrittenRun() => Assert.Equal([0, 2, 3, 0, 0], AfterClearing(true, 1, 3));

    [Fact]
    public void ClearsEverythingWhenNothingWasWritten() => Assert.Equal([0, 0, 0, 0, 0], AfterClearing(false, 1, 3));

    [Fact]
    public void ClampsARunPastTheSpan()
    {
        Assert.Equal([0, 0, 3, 4, 5], AfterClearing(true, 2, 9));
        Assert.Equal([1, 2, 0, 0, 0], AfterClearing(true, -3, 2));
        Assert.Equal([0, 0, 0, 0, 0], AfterClearing(true, 7, 9));
        Assert.Equal([0, 0, 0, 0, 0], AfterClearing(true, 3, 1));
    }

    [Fact]
    public void ClearClearsEveryElement()
    {
        double[] span = [1, 2, 3];
        AdjointSpan.Clear(span.AsSpan(0, 2));
        Assert.Equal([0, 0, 3], span);
        AdjointSpan.Clear(Span<double>.Empty);
    }

    [Fact]
    public void ClearsFloatSpans()
    {
        float[] span = [1, 2, 3];
        AdjointSpan.ClearUnwritten(span.AsSpan(), true, 0, 2);
        Assert.Equal([1f, 2f, 0f], span);
    }
}
