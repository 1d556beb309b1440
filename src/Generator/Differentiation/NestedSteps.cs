using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// An int that a loop advances only through a nested loop that counts it: GMM's packed index in
/// <c>for (i = 0; i &lt; d; i++) { for (j = i + 1; j &lt; d; j++) { … L[lower] …; lower++; } }</c>. At the end of an
/// iteration it is its value at the start plus the nested loop's step times the nested loop's trip count, so the
/// reverse iterations, last to first, recompute it from its value after the loop, taking off each iteration's trip
/// count, instead of saving it on every iteration (<c>lowerBack -= count; int lower_1 = lowerBack;</c>).
/// </summary>
/// <remarks>
/// The nested loop must be one whose trip count is known before it runs (<see cref="TripCount"/>), a statement of
/// the loop's own body (not under a branch), start from the value the iteration starts with, and leave the value
/// the iteration ends with; its count must not depend on that value, and nothing the backward pass computes again
/// before that count may read it (the reverse iteration gives it only once the count is known).
/// </remarks>
internal static class NestedSteps
{
    /// <param name="countable">The body's recomputable definitions in body order, nested loops' counts included (<see cref="TapePlanner"/>).</param>
    public static NestedStep? Of(Loop loop, Carried carried, List<Define> countable)
    {
        if (carried.Header.TypeName != "int")
        {
            return null;
        }

        foreach (Loop nested in loop.Body.Statements.OfType<Loop>())
        {
            Carried? inner = nested.Carried.FirstOrDefault(c => c.Init == carried.Header && c.Storage == carried.Final);
            int position = countable.FindIndex(d => d.Target == nested.Count);
            if (inner is null || position < 0 || TapePlanner.AsCounter(inner, nested.Body) is not { } counter)
            {
                continue;
            }

            bool readEarlier = countable.Take(position + 1).Any(d => TapePlanner.DeepUses(d.Expression).Contains(carried.Header));
            return readEarlier ? null : new NestedStep(carried, nested.Count, counter.Step);
        }

        return null;
    }
}

/// <summary>A carried int whose reverse iterations take <see cref="Step"/> times the nested loop's <see cref="Count"/> off a running value (<see cref="NestedSteps"/>).</summary>
internal sealed class NestedStep(Carried carried, Value count, int step)
{
    public Carried Carried { get; } = carried;

    /// <summary>The nested loop's count, recomputed in the reverse iteration.</summary>
    public Value Count { get; } = count;

    public int Step { get; } = step;

    /// <summary>The running value, declared before the reverse iterations from the value after the loop (or, in forward order, before it).</summary>
    public Value Back { get; } = new(carried.Header.BaseName + "Back", "int", NumericType.None, isActive: false, ValueKind.Temporary);

    /// <summary>What the running value starts from: the value after the loop when the reverse iterations run last to first, the value before it when they run first to last.</summary>
    public Value StartOf(ReverseLoop reverse) => reverse.Forward is null ? Carried.Storage : Carried.Init;
}
