using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SymbolicDiff.Reliability.Tests.Programs;

namespace SymbolicDiff.Reliability.Tests.Differential;

/// <summary>
/// Shrinks a failing program: greedily takes the first smaller variant that still fails with the
/// same failure class (deleting a statement, keeping one side of an if, replacing an expression by
/// one of its operands or by 1, deleting an unused helper), until none does or the budget is spent.
/// Variants that no longer compile are simply not failing the same way, so they are skipped.
/// </summary>
public static class Reducer
{
    public static RandomProgram Reduce(RandomProgram program, Func<RandomProgram, bool> stillFails, int budget = 200)
    {
        var tries = 0;
        var improved = true;
        while (improved && tries < budget)
        {
            improved = false;
            foreach (var variant in Variants(program))
            {
                if (++tries > budget)
                    break;
                if (stillFails(variant))
                {
                    program = variant;
                    improved = true;
                    break;
                }
            }
        }
        return program;
    }

    static IEnumerable<RandomProgram> Variants(RandomProgram program)
    {
        // helpers the entry does not call
        for (var m = 0; m < program.Methods.Length - 1; m++)
            yield return program with { Methods = program.Methods.RemoveAt(m) };
        for (var m = 0; m < program.Methods.Length; m++)
        {
            var method = program.Methods[m];
            // the last statement stays: the return, or the loop that writes every output (a callee that
            // writes only part of its output is another, known, failure)
            var last = method.Body[^1];
            foreach (var body in Blocks(method.Body.RemoveAt(method.Body.Length - 1)))
                yield return program with { Methods = program.Methods.SetItem(m, method with { Body = body.Add(last) }) };
            if (last is Return)
                foreach (var ret in Statements(last))
                    yield return program with { Methods = program.Methods.SetItem(m, method with { Body = method.Body.SetItem(method.Body.Length - 1, ret) }) };
        }
    }

    static IEnumerable<ImmutableArray<Stmt>> Blocks(ImmutableArray<Stmt> block)
    {
        for (var k = 0; k < block.Length; k++)
            yield return block.RemoveAt(k);
        for (var k = 0; k < block.Length; k++)
        {
            if (block[k] is If i)
            {
                yield return block.RemoveAt(k).InsertRange(k, i.Then);
                if (i.Else is { } e)
                    yield return block.RemoveAt(k).InsertRange(k, e);
            }
        }
        for (var k = 0; k < block.Length; k++)
            foreach (var s in Statements(block[k]))
                yield return block.SetItem(k, s);
    }

    static IEnumerable<Stmt> Statements(Stmt statement)
    {
        switch (statement)
        {
            case Declare d:
                foreach (var e in Exprs(d.Value)) yield return d with { Value = e };
                break;
            case Assign a:
                if (a.Op != "=") yield return a with { Op = "=" };
                foreach (var e in Exprs(a.Value)) yield return a with { Value = e };
                break;
            case Return { Value: { } v } r:
                foreach (var e in Exprs(v)) yield return r with { Value = e };
                break;
            case If i:
                if (i.Else is not null) yield return i with { Else = null };
                foreach (var b in Blocks(i.Then)) yield return i with { Then = b };
                if (i.Else is { } otherwise)
                    foreach (var b in Blocks(otherwise)) yield return i with { Else = b };
                foreach (var c in Conds(i.Test)) yield return i with { Test = c };
                break;
            case Loop l:
                if (l.Kind != LoopKind.For) yield return l with { Kind = LoopKind.For };
                foreach (var b in Blocks(l.Body)) yield return l with { Body = b };
                break;
            case ForEach f:
                foreach (var b in Blocks(f.Body)) yield return f with { Body = b };
                break;
            case LocalArray { Kind: LocalArrayKind.ReadOnlyTable } a:
                for (var k = 0; k < a.Values.Length; k++)
                    foreach (var e in Exprs(a.Values[k])) yield return a with { Values = a.Values.SetItem(k, e) };
                break;
            case LocalArray { Kind: LocalArrayKind.Initializer } a:
                yield return a with { Kind = LocalArrayKind.NewArray, Values = [] };
                for (var k = 0; k < a.Values.Length; k++)
                    foreach (var e in Exprs(a.Values[k])) yield return a with { Values = a.Values.SetItem(k, e) };
                break;
            case LocalArray { Kind: LocalArrayKind.StackAlloc } a:
                yield return a with { Kind = LocalArrayKind.NewArray };
                break;
            case LocalArray { Kind: LocalArrayKind.Copy } a:
                yield return a with { Kind = LocalArrayKind.NewArray, Copied = null };
                break;
            case CallStatement c:
                foreach (var call in Arguments(c.Call)) yield return c with { Call = call };
                break;
            case Deconstruction d:
                for (var k = 0; k < d.Values.Length; k++)
                    foreach (var e in Exprs(d.Values[k])) yield return d with { Values = d.Values.SetItem(k, e) };
                if (d.SinCosOf is { } angle)
                    foreach (var e in Exprs(angle)) yield return d with { SinCosOf = e };
                break;
        }
    }

    static readonly Expr One = new Num(1.0);

    /// <summary>Smaller expressions: each operand in place of the whole, 1, then the same inside each operand.</summary>
    static IEnumerable<Expr> Exprs(Expr e)
    {
        var children = Children(e);
        foreach (var child in children)
            yield return child;
        if (e is not Num)
            yield return One;
        switch (e)
        {
            case Negate n:
                foreach (var x in Exprs(n.Operand)) yield return n with { Operand = x };
                break;
            case Binary b:
                foreach (var x in Exprs(b.Left)) yield return b with { Left = x };
                foreach (var x in Exprs(b.Right)) yield return b with { Right = x };
                break;
            case MathCall m:
                for (var k = 0; k < m.Args.Length; k++)
                    foreach (var x in Exprs(m.Args[k])) yield return m with { Args = m.Args.SetItem(k, x) };
                break;
            case StepOf s:
                foreach (var x in Exprs(s.Operand)) yield return s with { Operand = x };
                break;
            case SinCosPart p:
                foreach (var x in Exprs(p.Angle)) yield return p with { Angle = x };
                break;
            case Conditional c:
                foreach (var x in Conds(c.Test)) yield return c with { Test = x };
                foreach (var x in Exprs(c.WhenTrue)) yield return c with { WhenTrue = x };
                foreach (var x in Exprs(c.WhenFalse)) yield return c with { WhenFalse = x };
                break;
            case Call call:
                foreach (var x in Arguments(call)) yield return x;
                break;
        }
    }

    static IEnumerable<Call> Arguments(Call call)
    {
        for (var k = 0; k < call.Args.Length; k++)
            if (call.Args[k] is ScalarArgument s)
                foreach (var x in Exprs(s.Value)) yield return call with { Args = call.Args.SetItem(k, new ScalarArgument(x)) };
    }

    static IReadOnlyList<Expr> Children(Expr e) => e switch
    {
        Negate n => [n.Operand],
        Binary b => [b.Left, b.Right],
        MathCall m => m.Args,
        StepOf s => [s.Operand],
        SinCosPart p => [p.Angle],
        Conditional c => [c.WhenTrue, c.WhenFalse],
        Call c => [.. c.Args.OfType<ScalarArgument>().Select(a => a.Value)],
        _ => [],
    };

    static IEnumerable<Cond> Conds(Cond c)
    {
        switch (c)
        {
            case Compare k:
                foreach (var x in Exprs(k.Left)) yield return k with { Left = x };
                foreach (var x in Exprs(k.Right)) yield return k with { Right = x };
                break;
            case Logical l:
                yield return l.Left;
                yield return l.Right;
                foreach (var x in Conds(l.Left)) yield return l with { Left = x };
                foreach (var x in Conds(l.Right)) yield return l with { Right = x };
                break;
            case Not n:
                yield return n.Operand;
                foreach (var x in Conds(n.Operand)) yield return n with { Operand = x };
                break;
        }
    }
}
