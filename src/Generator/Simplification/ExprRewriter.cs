using System;
using System.Collections.Generic;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Simplification;

/// <summary>Rebuilds an expression bottom-up, letting <c>replace</c> substitute any node after its children are rebuilt.</summary>
/// <remarks>
/// No lambda here captures <c>replace</c>: a capture would allocate a closure on every call, and every node of every
/// simplified expression is a call (the simplifier rewrites through here).
/// </remarks>
internal static class ExprRewriter
{
    public static Expr Rewrite(Expr expr, Func<Expr, Expr> replace)
    {
        Expr rebuilt = expr switch
        {
            UnaryExpr u => new UnaryExpr(u.Operator, Rewrite(u.Operand, replace)),
            BinaryExpr b => new BinaryExpr(b.Operator, Rewrite(b.Left, replace), Rewrite(b.Right, replace)),
            CallExpr c => new CallExpr(Rewrite(c.Receiver, replace), c.Name, RewriteAll(c.Arguments, replace), c.IsPure),
            AdjointExpr { Index: { } index } a => new AdjointExpr(a.Value, Rewrite(index, replace)),
            ElementExpr e => new ElementExpr(Rewrite(e.Array, replace), Rewrite(e.Index, replace), e.IsReadOnly),
            MemberExpr m => new MemberExpr(Rewrite(m.Receiver, replace), m.Name, m.IsPure),
            ConditionalExpr c => new ConditionalExpr(Rewrite(c.Condition, replace), Rewrite(c.WhenTrue, replace), Rewrite(c.WhenFalse, replace)),
            CastExpr c => new CastExpr(c.TypeName, Rewrite(c.Operand, replace), c.IsChecked),
            SliceExpr s => new SliceExpr(Rewrite(s.Array, replace), s.Start is null ? null : Rewrite(s.Start, replace), s.Length is null ? null : Rewrite(s.Length, replace), s.AsSpan),
            RefExpr r => new RefExpr(Rewrite(r.Operand, replace)),
            PrimalExpr p => new PrimalExpr(p.Parts, RewriteAll(p.Holes, replace)),
            _ => expr,
        };
        return replace(rebuilt);
    }

    private static List<Expr> RewriteAll(IReadOnlyList<Expr> exprs, Func<Expr, Expr> replace)
    {
        var rewritten = new List<Expr>(exprs.Count);
        foreach (Expr expr in exprs)
        {
            rewritten.Add(Rewrite(expr, replace));
        }

        return rewritten;
    }
}
