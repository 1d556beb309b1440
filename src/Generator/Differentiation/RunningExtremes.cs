using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// A running maximum or minimum, <c>m = Math.Max(m, e)</c> once per iteration (the max of a softmax): the local
/// gradient of each iteration compares the old <c>m</c> with <c>e</c>, so the tape would hold one old value per
/// iteration, and a push inside the loop slows the user's loop itself (the JIT keeps <c>m</c> in memory around
/// the call). Instead the backward pass runs the loop's header again first to last, giving each <c>e</c> to a
/// <c>MaximumTrace</c> (runtime), which keeps where <c>m</c> last changed; each reverse iteration takes from it
/// a value that compares with <c>e</c> as the old <c>m</c> did wherever the comparison can change the result
/// (the proof is on <c>MaximumTrace</c>), so ties split the gradient exactly as before.
/// </summary>
internal static class RunningExtremes
{
    /// <summary>
    /// Traces, instead of saving, the old value of each running extremum of a top-level loop whose reverse
    /// iterations run backwards. The loop's body must only compute (no branch, call, store or nested loop), the
    /// old value be read only by the Max or Min, and <c>e</c> read only the loop's counter, values the backward
    /// pass recomputes from it (<c>double t = a[i] * x;</c>) and values the loop does not change (parameters'
    /// elements, never a local array's, which later code may overwrite).
    /// </summary>
    public static void Plan(MethodGraph graph, List<ReverseStatement> root, BackwardNames names)
    {
        foreach (ReverseLoop reverse in root.OfType<ReverseLoop>())
        {
            Loop loop = reverse.Loop;
            if (reverse.Fused || reverse.Forward is not null || loop.BreakFlag is not null || !graph.Body.Statements.Contains(loop)
                || loop.Counters.Count != 1 || loop.Body.Statements.Any(s => s is not Define)
                || AdjointLoopOrder.FirstToLast(loop) is not { } order)
            {
                continue;
            }

            HashSet<Value> inLoop = TapePlanner.MadeByAnIteration(loop);
            foreach (Carried carried in loop.Carried.Where(c => loop.Saved.Contains(c.Header)).ToList())
            {
                if (Trace(loop, carried, order, inLoop) is { } traced)
                {
                    loop.Saved.Remove(carried.Header);
                    reverse.Traced.Add(traced);
                    names.Traces.Add(traced);
                }
            }
        }
    }

    private static TracedExtremum? Trace(Loop loop, Carried carried, ForwardOrder order, HashSet<Value> inLoop)
    {
        Value old = carried.Header;
        List<Define> body = loop.Body.Statements.Cast<Define>().ToList();
        if (old.TypeName is not ("double" or "float")
            || body.FirstOrDefault(d => d.Target == carried.Final) is not { Operands.Count: 2 } update
            || (update.Rule != GateRules.Max && update.Rule != GateRules.Min)
            || body.Any(d => d != update && TapePlanner.DeepUses(d.Expression).Contains(old)))
        {
            return null;
        }

        Expr? candidate = update.Operands[0] is UseExpr { Value: var first } && first == old ? update.Operands[1]
            : update.Operands[1] is UseExpr { Value: var second } && second == old ? update.Operands[0]
            : null;
        Value counter = order.Counter.Carried.Header;
        var recomputed = new HashSet<Value>(loop.Recomputed.Select(d => d.Target));
        return candidate is { IsPure: true }
            && TapePlanner.DeepUses(candidate).All(v => v == counter || recomputed.Contains(v) || (!inLoop.Contains(v) && (!v.IsArray || v.Kind == ValueKind.Parameter)))
            ? new TracedExtremum(carried, update.Rule == GateRules.Max, candidate, order)
            : null;
    }
}

/// <summary>A running extremum whose old values the backward pass takes from a <c>MaximumTrace</c> (see <see cref="RunningExtremes"/>).</summary>
internal sealed class TracedExtremum(Carried carried, bool maximum, Expr candidate, ForwardOrder order)
{
    public Carried Carried { get; } = carried;

    /// <summary>Math.Max (else Math.Min).</summary>
    public bool Maximum { get; } = maximum;

    /// <summary>The <c>e</c> of <c>m = Math.Max(m, e)</c>: reads the counter and values the loop does not change.</summary>
    public Expr Candidate { get; } = candidate;

    /// <summary>The loop's header, run again first to last to give the trace every <c>e</c>.</summary>
    public ForwardOrder Order { get; } = order;

    /// <summary>The trace's variable (given by <c>Naming</c>).</summary>
    public string Name { get; set; } = "";
}
