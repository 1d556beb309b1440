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

    private static Expr WithoutTest(Expr amount, Value adjoint) =>
        ExprRewriter.Rewrite(amount, e => ZeroTest.Guards(e, adjoint) ? ((ConditionalExpr)e).WhenFalse : e);

    private static bool Declared(List<ReverseStatement> body, Value value) =>
        Flatten(body).Any(s => s is Accumulate { Declares: true } a && a.Target == value || s is DeclareAdjoint d && d.Target == value);

    private static IEnumerable<ReverseStatement> Flatten(List<ReverseStatement> statements) => statements.SelectMany(ElementCarry.Flatten);
}
