using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// <c>d == 0 ? 0 : d * partial</c>: a derivative quantity (an adjoint, a tangent) that is exactly 0 contributes
/// 0, even where the local derivative it multiplies is infinite. Usefulness removes the derivative code of
/// values that never reach the result, but some reach it only on some runs (an element overwritten before it
/// is read, the iterations of a loop after its last useful one, a constant passed where a callee takes a
/// tangent), and 0 times an infinite local derivative (Cbrt′(0), Sqrt′(0), the derivative of a value that
/// overflowed where nobody reads it) would be NaN where the true contribution is 0: findings F7 (reverse mode)
/// and F18 (forward mode and second order) in docs/reliability-findings.md.
/// </summary>
internal static class ZeroTest
{
    /// <summary>
    /// Whether a product with <paramref name="partial"/> needs the test. A constant is finite, so it needs none, nor
    /// does a choice between constants (Abs′ <c>a &gt; 0 ? 1 : a &lt; 0 ? -1 : 0</c>, Max′): 0 times it is 0 (only a
    /// zero's sign may differ from the test's 0); nor does a value the caller passed in (a parameter, or an element
    /// of a parameter array the method does not write): only the caller could have made it infinite, and the test
    /// would cost a branch in the inner loops of dot products and affine maps, where every local derivative is such a read;
    /// nor, in the backward pass, a local gradient <paramref name="finite"/> bounds whenever the caller's values are
    /// finite (<c>Math.Cos(x)</c>, <c>1.0 - f * f</c> of a Tanh), for the same reason.
    /// </summary>
    public static bool Needed(Expr partial, FiniteValues? finite = null) =>
        !(IsConstantChoice(ExprSimplifier.Simplify(partial)) || IsCallersValue(partial) || finite?.IsFinite(partial) == true);

    /// <summary>A literal, or a condition choosing between such.</summary>
    private static bool IsConstantChoice(Expr expr) => expr switch
    {
        LiteralExpr => true,
        ConditionalExpr choice => IsConstantChoice(choice.WhenTrue) && IsConstantChoice(choice.WhenFalse),
        _ => false,
    };

    /// <summary><paramref name="product"/>, or 0 where <paramref name="factor"/> is exactly 0.</summary>
    public static Expr Guard(Expr factor, Expr product, NumericType type)
    {
        var zero = new LiteralExpr(0, type);
        return Build.If(Build.Equal(factor, zero), zero, product);
    }

    /// <summary>Whether <paramref name="expr"/> is the test <see cref="Guard"/> writes on <paramref name="adjoint"/>: <c>adjoint == 0 ? 0 : …</c>.</summary>
    public static bool Guards(Expr expr, Value adjoint) =>
        expr is ConditionalExpr { Condition: BinaryExpr { Operator: "==", Left: AdjointExpr { Index: null } tested, Right: LiteralExpr { Value: 0 } }, WhenTrue: LiteralExpr { Value: 0 } }
        && tested.Value == adjoint;

    /// <summary>
    /// A local gradient that is a constant times a value the caller passed in (<c>2 * x[i]</c> of <c>x[i] * x[i]</c>,
    /// <c>0.5 * dt</c>): the reverse sweep writes the contribution <c>dt * x[i] * 2.0</c>, adjoint times value first,
    /// which is 0 when the adjoint is 0 (only the caller could have made the value infinite), where
    /// <c>dt * (2.0 * x[i])</c> would need the test, since <c>2.0 * x[i]</c> can overflow.
    /// </summary>
    public static (Expr Value, LiteralExpr Constant)? ScaledCallersValue(Expr partial) => partial switch
    {
        BinaryExpr { Operator: "*", Left: LiteralExpr constant, Right: var value } when IsCallersValue(value) => (value, constant),
        BinaryExpr { Operator: "*", Left: var value, Right: LiteralExpr constant } when IsCallersValue(value) => (value, constant),
        _ => null,
    };

    /// <summary>A value the caller passed in: a scalar parameter, or an element of a parameter array the method does not write.</summary>
    internal static bool IsCallersValue(Expr partial) => partial switch
    {
        UseExpr { Value: { Kind: ValueKind.Parameter, IsArray: false } } => true,
        ElementExpr { Array: UseExpr { Value: { Kind: ValueKind.Parameter, IsOutput: false } } } => true,
        UseExpr { Value.Recompute: ElementExpr element } => IsCallersValue(element), // an element read into a temporary
        _ => false,
    };
}
