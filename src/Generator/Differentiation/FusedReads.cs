using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// The backward pass reads an element again instead of keeping it (<c>x[i]</c> for the value of <c>x[i]</c>,
/// <see cref="Value.Recompute"/>), which a reverse loop needs: the forward iteration's locals are gone. In a fused loop
/// they are not: the backward code of an iteration runs in it, after its forward code, so where that code keeps the
/// element in a local (<c>double t1 = x[i];</c>) the backward code reads the local. The JIT then has one value where
/// it had two (the local and its own copy of the load, Rosenbrock's <c>da * x[i] * 2.0</c>): one register copy less
/// per iteration (docs/benchmarks.md, Rosenbrock branch).
/// </summary>
/// <remarks>
/// Only temporaries the forward code declares at the iteration's top level (not written inline into their one reader):
/// they are assigned once per iteration, before the backward code, and no other value shares their name.
/// </remarks>
internal static class FusedReads
{
    public static void Plan(ReverseLoop fused)
    {
        List<Define> kept = [.. fused.Loop.Body.Statements.OfType<Define>()
            .Where(d => d.Target is { Kind: ValueKind.Temporary, Inlined: null, Recompute: ElementExpr } && d.Expression is ElementExpr)];
        if (kept.Count == 0)
        {
            return;
        }

        Expr ReadKept(Expr e) =>
            e is ElementExpr element && kept.FirstOrDefault(d => ExprEquality.Same(d.Expression, element)) is { } define ? new UseExpr(define.Target) : e;

        foreach (ReverseStatement statement in ElementCarry.FlattenAll(fused.Body))
        {
            switch (statement)
            {
                case Accumulate accumulate:
                    accumulate.Amount = ExprRewriter.Rewrite(accumulate.Amount, ReadKept);
                    break;
                case SetAdjoint set:
                    set.Amount = ExprRewriter.Rewrite(set.Amount, ReadKept);
                    break;
            }
        }
    }
}
