using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// The zero-adjoint test (<c>ds == 0 ? 0 : ds * partial</c>, see <see cref="ReverseSweep"/>) inside a fused loop
/// whose adjoints all come from one adjoint known before the loop (<c>ds = seed</c> of <c>s += …</c>): that
/// adjoint never changes in the loop, so it is tested once per iteration around the iteration's adjoints
/// (<c>if (ds != 0) { … }</c>, a branch the processor predicts) instead of once per term. When it is 0 every
/// contribution of the loop is 0, so skipping them adds nothing; when it is not, the tests inside would all
/// pass. What F7 guards against, 0 times an infinite local gradient, still cannot happen.
/// </summary>
internal static class InvariantZeroTest
{
    public static void Hoist(ReverseLoop fused)
    {
        List<Value> invariant = fused.Hoisted.OfType<Accumulate>().Select(a => a.Target).ToList();
        HashSet<Value> carries = [.. fused.Hoisted.OfType<DeclareAdjoint>().Select(d => d.Target)]; // start at 0, change only here
        if (invariant.Count != 1 || Flatten(fused.Body).Any(s => s is BackwardCall)
            || Flatten(fused.Body).SelectMany(s => s.Reads).SelectMany(e => e.Walk()).OfType<AdjointExpr>()
                .Any(a => a.Index is not null || !(a.Value == invariant[0] || carries.Contains(a.Value) || Declared(fused.Body, a.Value))))
        {
            return; // a pullback (it would run its callee's guards), or an adjoint that comes from elsewhere
        }

        Value adjoint = invariant[0];
        if (!Flatten(fused.Body).SelectMany(s => s.Reads).Any(e => e.Walk().Any(t => ZeroTest.Guards(t, adjoint))))
        {
            return; // nothing to save: the local gradients are constants or the caller's values (a dot product)
        }

        foreach (ReverseStatement statement in Flatten(fused.Body))
        {
            switch (statement)
            {
                case Accumulate accumulate:
                    accumulate.Amount = WithoutTest(accumulate.Amount, adjoint);
                    break;
                case SetAdjoint set:
                    set.Amount = WithoutTest(set.Amount, adjoint);
                    break;
            }
        }

        var zero = new LiteralExpr(0, adjoint.Numeric);
        List<ReverseStatement> body = [.. fused.Body];
        fused.Body.Clear();
        fused.Body.Add(new ReverseBranch(new BinaryExpr("!=", new AdjointExpr(adjoint), zero), body, []));
    }

    /// <summary>
    /// A loop whose reverse iterations only add contributions that all carry the same zero test of one adjoint the loop
    /// does not change (<c>dm[i] += ds == 0 ? 0 : ds * (2 * m[i])</c> of <c>s += m[i] * m[i]</c>, where <c>ds</c> is
    /// declared before the loop) tests it once, around the loop (<c>if (ds != 0) { for … }</c>, <see cref="ReverseLoop.Guard"/>):
    /// when it is 0 every iteration adds 0. Only where skipping the iterations skips nothing else: no values popped
    /// (a loop whose saved values are in a tape block takes the block back before the test), no trace, nothing declared
    /// or assigned instead of added (<see cref="GradientOverwrite"/>), no nested statement.
    /// </summary>
    public static void GuardLoops(List<ReverseStatement> root)
    {
        foreach (ReverseLoop reverse in TapePlanner.AllLoops(root))
        {
            // The carried adjoints that stay what they are (a sum's, s += …) write nothing.
            List<ReverseStatement> body = reverse.Body.Where(s => s is not SetAdjoint { Amount: AdjointExpr { Index: null } same } set || same.Value != set.Target).ToList();
            if (reverse.Fused || reverse.Traced.Count > 0 || reverse.Loop.Saved.Count > 0 && reverse.Loop.Segment is null
                || body.Count == 0 || !body.All(s => s is Accumulate { Declares: false, Assigns: false })
                || body.Cast<Accumulate>().First().Amount is not ConditionalExpr { Condition: BinaryExpr { Left: AdjointExpr { Index: null } tested } }
                || body.Cast<Accumulate>().Any(a => a.Target == tested.Value || !ZeroTest.Guards(a.Amount, tested.Value)))
            {
                continue;
            }

            Value adjoint = tested.Value;
            foreach (Accumulate accumulate in body.Cast<Accumulate>())
            {
                accumulate.Amount = WithoutTest(accumulate.Amount, adjoint);
            }

            reverse.Guard = new BinaryExpr("!=", new AdjointExpr(adjoint), new LiteralExpr(0, adjoint.Numeric));
        }
    }

    private static Expr WithoutTest(Expr amount, Value adjoint) =>
        ExprRewriter.Rewrite(amount, e => ZeroTest.Guards(e, adjoint) ? ((ConditionalExpr)e).WhenFalse : e);

    private static bool Declared(List<ReverseStatement> body, Value value) =>
        Flatten(body).Any(s => s is Accumulate { Declares: true } a && a.Target == value || s is DeclareAdjoint d && d.Target == value);

    private static IEnumerable<ReverseStatement> Flatten(List<ReverseStatement> statements) => ElementCarry.FlattenAll(statements);
}
