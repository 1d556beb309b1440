using System;
using System.Linq;
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
        ConditionalExpr { Condition: BinaryExpr { Left: LiteralExpr l, Right: LiteralExpr r } test } c when Compare(test.Operator, l.Value, r.Value) is bool known
            => known ? c.WhenTrue : c.WhenFalse,
        CallExpr { Receiver: TextExpr { Text: "global::System.Math" or "global::System.MathF" } } call when FoldCall(call) is LiteralExpr folded => folded,
        _ => expr,
    };

    private static bool? Compare(string op, double a, double b) => op switch
    {
        "==" => a == b,
        "!=" => a != b,
        "<" => a < b,
        ">" => a > b,
        "<=" => a <= b,
        ">=" => a >= b,
        _ => null,
    };

    /// <summary>A Math function of literals is a literal (<c>Math.Log(2.0)</c> becomes <c>0.6931471805599453</c>).</summary>
    private static LiteralExpr? FoldCall(CallExpr call)
    {
        if (!call.Arguments.All(a => a is LiteralExpr))
        {
            return null;
        }

        double[] x = call.Arguments.Cast<LiteralExpr>().Select(a => a.Value).ToArray();
        double? value = (call.Name, x.Length) switch
        {
            ("Log", 1) => Math.Log(x[0]),
            ("Log10", 1) => Math.Log10(x[0]),
            ("Exp", 1) => Math.Exp(x[0]),
            ("Sqrt", 1) => Math.Sqrt(x[0]),
            ("Sin", 1) => Math.Sin(x[0]),
            ("Cos", 1) => Math.Cos(x[0]),
            ("Pow", 2) => Math.Pow(x[0], x[1]),
            _ => null,
        };
        return value is double v ? new LiteralExpr(v, ((LiteralExpr)call.Arguments[0]).Type) : null;
    }

    /// <summary>The same leaf twice (<c>x + x</c>, <c>x * x</c>): values never change, so they are equal.</summary>
    private static bool SameLeaf(Expr a, Expr b) => (a, b) switch
    {
        (UseExpr u, UseExpr v) => u.Value == v.Value,
        (TextExpr s, TextExpr t) => s.Text == t.Text && s.IsPure,
        (LiteralExpr l, LiteralExpr r) => l.Value == r.Value && l.Type == r.Type,
        _ => false,
    };

    private static Expr SimplifyBinary(BinaryExpr b)
    {
        Expr left = b.Left;
        Expr right = b.Right;
        if (left is LiteralExpr l && right is LiteralExpr r && Fold(b.Operator, l.Value, r.Value) is double folded)
        {
            return new LiteralExpr(folded, l.Type == NumericType.Float && r.Type == NumericType.Float ? NumericType.Float : NumericType.Double);
        }

        // -x == 0 exactly when x == 0 (both zeros, never NaN): the zero test of a negated adjoint tests the adjoint.
        if (b.Operator is "==" or "!=" && left is UnaryExpr { Operator: "-" } negatedTest && IsLiteral(right, 0))
        {
            return new BinaryExpr(b.Operator, negatedTest.Operand, right);
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

                if (right is BinaryExpr { Operator: "/", Left: LiteralExpr { Value: 1 } } reciprocal)
                {
                    return SimplifyBinary(new BinaryExpr("/", left, reciprocal.Right));
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

                if (SameLeaf(left, right) && left is UseExpr { Value.Numeric: var numeric and not NumericType.None })
                {
                    return new BinaryExpr("*", new LiteralExpr(2, numeric), left);
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
