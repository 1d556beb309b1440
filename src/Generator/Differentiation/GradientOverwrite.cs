using System.Collections.Generic;
using System.Linq;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// <c>FGradient</c> clears the adjoint spans and, where a fused loop writes each element of one once
/// (<see cref="ElementCarry"/>), assigns <c>dx[i] = …</c> instead of adding, as a hand-written gradient does:
/// reading back elements just cleared costs about as much as the rest of Rosenbrock's gradient
/// (docs/benchmarks.md). Fused loops run inside the forward pass, before the rest of the backward pass, so an
/// element's write there is its first unless another fused loop adds into the same array: then both add.
/// </summary>
internal static class GradientOverwrite
{
    public static void Plan(List<ReverseStatement> root)
    {
        List<ReverseLoop> fused = root.OfType<ReverseLoop>().Where(r => r.Fused).ToList();
        foreach (ReverseLoop loop in fused)
        {
            foreach (Accumulate write in Assignments(loop).ToList())
            {
                if (fused.Any(other => other != loop && Statements(other).Any(s => ElementCarry.AddsInto(s, write.Target))))
                {
                    write.Assigns = false;
                }
            }
        }
    }

    /// <summary>Whether <c>FGradient</c> has something to assign, and so a body of its own.</summary>
    public static bool Any(List<ReverseStatement> root) =>
        root.OfType<ReverseLoop>().Where(r => r.Fused).Any(r => Assignments(r).Any());

    private static IEnumerable<Accumulate> Assignments(ReverseLoop loop) => Statements(loop).OfType<Accumulate>().Where(a => a.Assigns);

    private static IEnumerable<ReverseStatement> Statements(ReverseLoop loop) =>
        loop.Hoisted.Concat(loop.Body).Concat(loop.After).SelectMany(ElementCarry.Flatten);
}
