using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// A reverse loop whose zero-adjoint tests (<c>dt == 0 ? 0 : dt * g</c>, <see cref="ZeroTest"/>) multiply an adjoint
/// that changes per iteration by a local gradient <c>g</c> that does not (GMM's triangle: <c>dicf[l] += dt == 0 ? 0 :
/// dt * centeredElement</c>, <c>centeredElement</c> computed before the loop) runs in two versions, chosen once before
/// it: where every such <c>g</c> is finite, a loop without those tests (<c>dicf[l] += dt * centeredElement</c>); where
/// one is not, the loop as it was. The test exists only for 0 times an infinite (or NaN) <c>g</c> (finding F7); 0 times a
/// finite <c>g</c> is 0, so the untested loop adds the same numbers, only a zero's sign may differ from the test's +0 (as
/// for a constant local gradient, <see cref="ZeroTest.Needed"/>). A branch per element becomes one per loop, and the
/// JIT compiles the untested loop as straight arithmetic.
/// </summary>
/// <remarks>
/// Only loops whose body is straight-line (no branch, loop or pullback call inside, none fused into its forward
/// loop): the body is written twice, and a nested statement would double with it. <c>g</c> must be computed before
/// the loop from scalars (no element read, no adjoint, no call): an array element or a value of the iteration may differ
/// from one iteration to the next, and testing it once before the loop would let an infinite one through.
/// </remarks>
internal static class FiniteVersion
{
    public static void Plan(List<ReverseStatement> root)
    {
        foreach (ReverseLoop reverse in TapePlanner.AllLoops(root))
        {
            if (reverse.Fused || reverse.Body.Any(s => s.Nested.Any() || s is BackwardCall))
            {
                continue; // written inside its forward loop; or a statement that would be written twice too, its tests unseen here
            }

            HashSet<Value> inside = [.. Nesting.Definitions(reverse.Loop.Body).Keys,
                .. reverse.Loop.Carried.SelectMany(c => new[] { c.Header, c.Final, c.Storage })];
            var tested = new List<(Expr Factor, NumericType Numeric)>();
            List<ReverseStatement> untested = reverse.Body.Select(s => Untested(s, inside, tested)).ToList();
            if (tested.Count == 0 || untested.SelectMany(s => s.Reads).SelectMany(e => e.Walk()).Any(IsTest))
            {
                continue; // a test left: the loop would still branch per element, now written twice (the pendulum's step)
            }

            reverse.Finite = tested
                .Select(g => (Expr)new CallExpr(new TextExpr(g.Numeric == NumericType.Float ? "float" : "double", true), "IsFinite", [g.Factor], true))
                .Aggregate(Build.And);
            reverse.Untested.AddRange(untested);
        }
    }

    /// <summary><paramref name="statement"/> with the tests whose local gradient is invariant taken out (a new statement), or itself.</summary>
    private static ReverseStatement Untested(ReverseStatement statement, HashSet<Value> inside, List<(Expr Factor, NumericType Numeric)> tested)
    {
        (Expr Amount, bool Changed) Strip(Expr amount)
        {
            bool changed = false;
            Expr result = Simplification.ExprRewriter.Rewrite(amount, e =>
            {
                if (IsTest(e) && e is ConditionalExpr { Condition: BinaryExpr { Left: AdjointExpr adjoint } } test
                    && InvariantFactors(test.WhenFalse, adjoint, inside) is { } factors)
                {
                    changed = true;
                    tested.AddRange(factors.Where(f => !tested.Any(t => ExprEquality.Same(t.Factor, f))).Select(f => (f, adjoint.Value.Numeric)));
                    return test.WhenFalse;
                }

                return e;
            });
            return (result, changed);
        }

        return statement switch
        {
            Accumulate accumulate when Strip(accumulate.Amount) is (var amount, true) =>
                new Accumulate(accumulate.Target, amount, accumulate.Index) { Declares = accumulate.Declares, Assigns = accumulate.Assigns },
            SetAdjoint set when Strip(set.Amount) is (var amount, true) => new SetAdjoint(set.Target, amount),
            _ => statement,
        };
    }

    /// <summary>
    /// The factors that multiply <paramref name="adjoint"/> in <paramref name="product"/> (<c>dt * g</c>, <c>-(g * dt)</c>,
    /// <c>dt * a * b</c>), each as the product evaluates it, when all are invariant; null when one is not, or the
    /// adjoint is not a factor of the product (a quotient: <c>dt / g</c> is NaN for 0 / 0 with g finite).
    /// </summary>
    private static List<Expr>? InvariantFactors(Expr product, AdjointExpr adjoint, HashSet<Value> inside)
    {
        var factors = new List<Expr>();
        Expr node = product;
        while (true)
        {
            switch (node)
            {
                case AdjointExpr { Index: null } found when found.Value == adjoint.Value:
                    return factors.Count > 0 ? factors : null;
                case UnaryExpr { Operator: "-" } negated:
                    node = negated.Operand;
                    continue;
                case BinaryExpr { Operator: "*" } times when Contains(times.Left, adjoint) != Contains(times.Right, adjoint):
                    Expr factor = Contains(times.Left, adjoint) ? times.Right : times.Left;
                    if (!Invariant(factor, inside))
                    {
                        return null;
                    }

                    if (factor is not LiteralExpr)
                    {
                        factors.Add(factor);
                    }

                    node = Contains(times.Left, adjoint) ? times.Left : times.Right;
                    continue;
                default:
                    return null;
            }
        }
    }

    /// <summary>A zero test <see cref="ZeroTest.Guard"/> wrote: <c>d == 0 ? 0 : …</c> on a scalar adjoint <c>d</c>.</summary>
    private static bool IsTest(Expr expr) =>
        expr is ConditionalExpr { Condition: BinaryExpr { Operator: "==", Left: AdjointExpr { Index: null } adjoint } } && ZeroTest.Guards(expr, adjoint.Value);

    private static bool Contains(Expr expr, AdjointExpr adjoint) => expr.Walk().Any(e => e is AdjointExpr a && a.Value == adjoint.Value);

    /// <summary>Arithmetic of literals and scalars computed before the loop (a value written inline counts as its expression).</summary>
    private static bool Invariant(Expr expr, HashSet<Value> inside) => expr switch
    {
        LiteralExpr => true,
        UseExpr { Value.Inlined: { } inlined } use => !inside.Contains(use.Value) && Invariant(inlined, inside),
        UseExpr use => !use.Value.IsArray && !inside.Contains(use.Value),
        UnaryExpr unary => Invariant(unary.Operand, inside),
        BinaryExpr binary => Invariant(binary.Left, inside) && Invariant(binary.Right, inside),
        CastExpr cast => Invariant(cast.Operand, inside),
        ConditionalExpr choice => Invariant(choice.Condition, inside) && Invariant(choice.WhenTrue, inside) && Invariant(choice.WhenFalse, inside),
        _ => false,
    };
}
