using System;
using System.Collections.Generic;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Simplification;

/// <summary>Rebuilds an expression bottom-up, letting <c>replace</c> substitute any node after its children are rebuilt.</summary>
/// <remarks>
/// No lambda here captures <c>replace</c>: a capture would allocate a closure on every call, and every node of every
/// simplified expression is a call (the simplifier rewrites through here). A node whose children all come back as
/// they were is kept, not copied (expressions are immutable): most rewrites change a few leaves, and copying every
/// node above them was the largest share of what the planning phases allocate.
/// </remarks>
internal static class ExprRewriter
{
    public static Expr Rewrite(Expr expr, Func<Expr, Expr> replace) => replace(RewriteChildren(expr, replace));

    /// <summary>The node with its children rewritten: itself when none changed.</summary>
    private static Expr RewriteChildren(Expr expr, Func<Expr, Expr> replace)
    {
        switch (expr)
        {
            case UnaryExpr u:
            {
                Expr operand = Rewrite(u.Operand, replace);
                return operand == u.Operand ? u : new UnaryExpr(u.Operator, operand);
            }

            case BinaryExpr b:
            {
                Expr left = Rewrite(b.Left, replace);
                Expr right = Rewrite(b.Right, replace);
                return left == b.Left && right == b.Right ? b : new BinaryExpr(b.Operator, left, right);
            }

            case CallExpr c:
            {
                Expr receiver = Rewrite(c.Receiver, replace);
                List<Expr>? arguments = RewriteAll(c.Arguments, replace);
                return receiver == c.Receiver && arguments is null ? c : new CallExpr(receiver, c.Name, arguments ?? c.Arguments, c.IsPure);
            }

            case AdjointExpr { Index: { } index } a:
            {
                Expr rewritten = Rewrite(index, replace);
                return rewritten == index ? a : new AdjointExpr(a.Value, rewritten);
            }

            case ElementExpr e:
            {
                Expr array = Rewrite(e.Array, replace);
                Expr index = Rewrite(e.Index, replace);
                return array == e.Array && index == e.Index ? e : new ElementExpr(array, index, e.IsReadOnly);
            }

            case MemberExpr m:
            {
                Expr receiver = Rewrite(m.Receiver, replace);
                return receiver == m.Receiver ? m : new MemberExpr(receiver, m.Name, m.IsPure);
            }

            case ConditionalExpr c:
            {
                Expr condition = Rewrite(c.Condition, replace);
                Expr whenTrue = Rewrite(c.WhenTrue, replace);
                Expr whenFalse = Rewrite(c.WhenFalse, replace);
                return condition == c.Condition && whenTrue == c.WhenTrue && whenFalse == c.WhenFalse ? c : new ConditionalExpr(condition, whenTrue, whenFalse);
            }

            case CastExpr c:
            {
                Expr operand = Rewrite(c.Operand, replace);
                return operand == c.Operand ? c : new CastExpr(c.TypeName, operand, c.IsChecked);
            }

            case SliceExpr s:
            {
                Expr array = Rewrite(s.Array, replace);
                Expr? start = s.Start is null ? null : Rewrite(s.Start, replace);
                Expr? length = s.Length is null ? null : Rewrite(s.Length, replace);
                return array == s.Array && start == s.Start && length == s.Length ? s : new SliceExpr(array, start, length, s.AsSpan);
            }

            case RefExpr r:
            {
                Expr operand = Rewrite(r.Operand, replace);
                return operand == r.Operand ? r : new RefExpr(operand);
            }

            case PrimalExpr p:
                return RewriteAll(p.Holes, replace) is { } holes ? new PrimalExpr(p.Parts, holes) : p;

            case TupleExpr t:
                return RewriteAll(t.Items, replace) is { } items ? new TupleExpr(items) : t;

            default:
                return expr;
        }
    }

    /// <summary>The rewritten expressions, or null when every one came back as it was.</summary>
    private static List<Expr>? RewriteAll(IReadOnlyList<Expr> exprs, Func<Expr, Expr> replace)
    {
        List<Expr>? rewritten = null;
        for (int i = 0; i < exprs.Count; i++)
        {
            Expr expr = Rewrite(exprs[i], replace);
            if (rewritten is null && expr != exprs[i])
            {
                rewritten = new List<Expr>(exprs.Count);
                for (int j = 0; j < i; j++)
                {
                    rewritten.Add(exprs[j]);
                }
            }

            rewritten?.Add(expr);
        }

        return rewritten;
    }
}
