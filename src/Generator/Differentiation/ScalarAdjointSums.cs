using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// A scalar parameter's adjoint that a loop adds into is summed in a local of the companion and added to the caller's
/// adjoint once, at the end, as a hand-written gradient keeps it in a register. Through the <c>ref</c>, every iteration
/// loaded and stored it again: the <c>ref</c> may alias any span the loop writes, so the JIT keeps it in memory (such a
/// loop alone ran five times slower than with a local; a whole companion of the synthetic project, 2–8 % slower:
/// docs/benchmarks.md). Summed apart from what the caller passed in, a prefilled adjoint is also no longer lost to the
/// rounding of large terms that cancel (F50): <c>FBackward</c> adds exactly its own gradient times the seed to it.
/// </summary>
internal static class ScalarAdjointSums
{
    public static void Plan(List<ReverseStatement> reverse, MethodGraph graph, BackwardNames names)
    {
        var inLoops = new HashSet<Value>(TapePlanner.AllLoops(reverse).SelectMany(loop => ElementCarry.FlattenAll(loop.Body)).SelectMany(GradientOverwrite.Touched));
        names.AdjointSums.AddRange(graph.Parameters.Where(p => p.IsActive && !p.IsArray && inLoops.Contains(p)).Select(p => new AdjointSum(p)));
    }
}

/// <summary>The local a scalar parameter's adjoint is summed in (<see cref="ScalarAdjointSums"/>).</summary>
internal sealed class AdjointSum(Value parameter)
{
    public Value Parameter { get; } = parameter;

    /// <summary>The local's identifier, given by <c>Naming</c> after the parameter's adjoint's.</summary>
    public string Name { get; set; } = "";
}
