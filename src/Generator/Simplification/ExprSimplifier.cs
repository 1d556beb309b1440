using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Simplification;

/// <summary>
/// Algebraic clean-up of derivative formulas so the output reads as a person would write it: constants
/// folded, no <c>* 1</c>, no <c>+ 0</c>, signs pulled out (so <c>dy -= g</c> instead of <c>dy += g * -1</c>).
/// A symbolic zero times anything is zero: a gate with no local gradient contributes nothing, as in every
/// AD system, even where the upstream adjoint is infinite.
/// </summary>
internal static class ExprSimplifier
{
    public static Expr Simplify(Expr expr) => ExprRewriter.Rewrite(expr, SimplifyNode);

    private static Expr SimplifyNode(Expr expr) => expr switch
    {
        BinaryExpr b => SimplifyBinary(b),
        UnaryExpr { Operator: "-", Operand: UnaryExpr { Operator: "-" } inner } => inner.Operand,
        UnaryExpr { Operator: "-", Operand: LiteralExpr literal } => new LiteralExpr(-literal.Value, literal.Type),
        ConditionalExpr { WhenTrue: LiteralExpr t, WhenFalse: LiteralExpr f } c when t.Value == f.Value && t.Type == f.Type && c.Condition.IsPure => t,
        _ => expr,
    };

    private static Expr SimplifyBinary(BinaryExpr b)
    {
        Expr left = b.Left;
        Expr right = b.Right;
        if (left is LiteralExpr l && right is LiteralExpr r && Fold(b.Operator, l.Value, r.Value) is double folded)
        {
            return new LiteralExpr(folded, l.Type == NumericType.Float && r.Type == NumericType.Float ? NumericType.Float : NumericType.Double);
        }

        switch (b.Operator)
        {
            case "*":
                if (IsLiteral(left, 0) || IsLiteral(right, 0))
                {
                    return IsLiteral(left, 0) ? left : right;
                }

                if (IsLiteral(left, 1))
                {
                    return right;
                }

                if (IsLiteral(right, 1))
                {
                    return left;
                }

                if (IsLiteral(left, -1))
                {
                    return Negate(right);
                }

                if (IsLiteral(right, -1))
                {
                    return Negate(left);
                }

                if (left is UnaryExpr { Operator: "-" } negLeft)
                {
                    return Negate(SimplifyBinary(new BinaryExpr("*", negLeft.Operand, right)));
                }

                if (right is UnaryExpr { Operator: "-" } negRight)
                {
                    return Negate(SimplifyBinary(new BinaryExpr("*", left, negRight.Operand)));
                }

                break;

            case "/":
                if (IsLiteral(right, 1))
                {
                    return left;
                }

                if (left is UnaryExpr { Operator: "-" } negNumerator)
                {
                    return Negate(SimplifyBinary(new BinaryExpr("/", negNumerator.Operand, right)));
                }

                break;

            case "+":
                if (IsLiteral(left, 0))
                {
                    return right;
                }

                if (IsLiteral(right, 0))
                {
                    return left;
                }

                if (right is UnaryExpr { Operator: "-" } subtrahend)
                {
                    return new BinaryExpr("-", left, subtrahend.Operand);
                }

                break;

            case "-":
                if (IsLiteral(right, 0))
                {
                    return left;
                }

                if (IsLiteral(left, 0))
                {
                    return Negate(right);
                }

                break;
        }

        return b;
    }

    private static Expr Negate(Expr expr) => expr switch
    {
        UnaryExpr { Operator: "-" } negated => negated.Operand,
        LiteralExpr literal => new LiteralExpr(-literal.Value, literal.Type),
        _ => new UnaryExpr("-", expr),
    };

    private static bool IsLiteral(Expr expr, double value) => expr is LiteralExpr literal && literal.Value == value;

    private static double? Fold(string op, double a, double b) => op switch
    {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => a / b,
        _ => null,
    };
}
