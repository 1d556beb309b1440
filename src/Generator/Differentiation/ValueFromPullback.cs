using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// In a fused loop, a call and its pullback run in the same iteration, on the same arguments: <c>t = F(v)</c> in the
/// forward part, <c>FBackward(v, dt, dv)</c> in the reverse part, which runs F again. When the pullback's seed is known
/// before the loop (<c>ds</c> of <c>s += F(v)</c>), the pullback can run where the call is and give its value:
/// <c>t = ds != 0 ? FBackward(v, ds, dv) : F(v)</c> — one run of F per iteration instead of two (GMM's log-sum-exp
/// per point). A generated pullback returns F's value, computed as F computes it.
/// </summary>
/// <remarks>
/// Only a call of the iteration's own top level (it runs once per iteration), whose callee's pullback is the
/// generated one, with no scalar adjoints to declare first (its adjoints are spans), no array snapshot, and a seed that
/// reads only adjoints known before the loop. The pullback then adds into its adjoint spans before the reverse part
/// of the iteration, not at its place in it: nothing of the reverse part before that place may touch those spans.
/// </remarks>
internal static class ValueFromPullback
{
    public static void Plan(ReverseLoop fused)
    {
        HashSet<Value> known = [.. fused.Hoisted.OfType<Accumulate>().Select(a => a.Target)];
        for (int r = 0; r < fused.Body.Count; r++)
        {
            if (fused.Body[r] is not BackwardCall { Callee.ReturnsValue: true, Restores.Count: 0, Contributed.Count: 0, SeedTangent: null } call
                || !ReferenceEquals(call.Callee.PullbackReceiver, call.Callee.Receiver) || call.Callee.PullbackName != call.Callee.Name + "Backward"
                || !call.Seeds.All(s => KnownBefore(s, known)) || Spans(call) is not { } spans
                || ElementCarry.FlattenAll(fused.Body.Take(r)).Any(s => Touches(s, spans))
                || Forward(fused.Loop.Body, call) is not { } define)
            {
                continue;
            }

            define.Pullback = call;
            fused.Body.RemoveAt(r);
            r--;
        }
    }

    /// <summary>The only call of the loop's top level to the same callee on the same arguments.</summary>
    private static CallDefine? Forward(Block body, BackwardCall call)
    {
        List<CallDefine> same = [.. body.Statements.OfType<CallDefine>().Where(c => c.Callee == call.Callee && c.Target is not null && c.Snapshots.Count == 0
            && c.Arguments.Count == call.Arguments.Count && c.Arguments.Zip(call.Arguments, (a, b) => ExprEquality.Same(Recomputed(a), b)).All(x => x))];
        return same.Count == 1 ? same[0] : null;
    }

    /// <summary>The arrays whose adjoint spans the pullback adds into; null when it takes any other adjoint.</summary>
    private static HashSet<Value>? Spans(BackwardCall call)
    {
        HashSet<Value> spans = [];
        foreach (Expr adjoint in call.AdjointArguments)
        {
            if ((adjoint is SliceExpr slice ? slice.Array : adjoint) is not AdjointSpanExpr span)
            {
                return null;
            }

            spans.Add(span.Array);
        }

        return spans;
    }

    /// <summary>
    /// Whether the statement reads or clears an adjoint in <paramref name="spans"/>, or hands one to a pullback; adding
    /// into one (<c>dv[0] += …</c>) commutes with the pullback's additions.
    /// </summary>
    private static bool Touches(ReverseStatement statement, HashSet<Value> spans) =>
        statement is ClearElement clear && spans.Contains(clear.Array)
        || statement.Reads.Any(e => e.Walk().Any(r => r is AdjointExpr read && spans.Contains(read.Value) || r is AdjointSpanExpr span && spans.Contains(span.Array)));

    /// <summary>A seed the forward iteration can compute: literals, the method's seed, adjoints declared before the loop.</summary>
    private static bool KnownBefore(Expr seed, HashSet<Value> known) => seed.Walk().All(e => e switch
    {
        AdjointExpr { Index: null } adjoint => known.Contains(adjoint.Value),
        AdjointExpr or UseExpr or ElementExpr or CallExpr or AdjointSpanExpr or ReplayExpr or RefExpr => false,
        _ => e.IsPure,
    });

    /// <summary>An argument as the backward pass passes it: reads of values it computes again, as their recomputation.</summary>
    private static Expr Recomputed(Expr argument) =>
        Simplification.ExprRewriter.Rewrite(argument, e => e is UseExpr { Value.Recompute: { } recompute } ? recompute : e);
}
