using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// Finds reads of a local array's elements inside loops whose value the backward pass can have without the
/// tape, and says how (<see cref="Value.Recompute"/>):
/// <list type="bullet">
/// <item>the array is not written from the loop nest of the read to the end of the method (a table filled
/// before the loop): read the element again;</item>
/// <item>the same element was read earlier in the same block, or stored there, with no write to the array in
/// between (<c>m[i] * m[i]</c>, <c>c[i] = …; … c[i]</c>): use that earlier value.</item>
/// </list>
/// Only arrays that never escape qualify: every mention of the array is an element read, its <c>Length</c>, a
/// store to one of its elements or an argument a callee only reads. Any other mention (an alias made by a
/// branch or a loop, a call that may write it, code copied verbatim) may write it unseen, so its reads are
/// taped as before. A callee that writes the array counts as a write.
/// </summary>
internal static class ElementRereads
{
    /// <param name="locals">The method's <see cref="PrivateLocals"/>.</param>
    public static void Mark(MethodGraph graph, HashSet<Value> locals)
    {
        if (locals.Count == 0)
        {
            return;
        }

        List<Statement> top = graph.Body.Statements;
        for (int s = 0; s < top.Count; s++)
        {
            if (top[s] is not (Loop or Branch))
            {
                continue;
            }

            // Arrays not written from this statement on: their elements read inside loops here can be read again.
            var unwritten = new HashSet<Value>(locals.Where(a => !top.Skip(s).Any(t => Writes(t, a))));
            Visit(top[s], unwritten, locals, inLoop: false);
        }
    }

    /// <summary>The local arrays of the method's top level that never escape: every mention is one this class can follow.</summary>
    public static HashSet<Value> PrivateLocals(MethodGraph graph)
    {
        var locals = new HashSet<Value>(graph.Body.Statements.OfType<Allocate>().Select(a => a.Target));
        locals.ExceptWith(Escaping(graph.Body.Statements, locals));
        return locals;
    }

    private static void Visit(Statement statement, HashSet<Value> unwritten, HashSet<Value> locals, bool inLoop)
    {
        switch (statement)
        {
            case Loop loop:
                VisitBlock(loop.Body, unwritten, locals, inLoop: true);
                break;
            case Branch branch:
                VisitBlock(branch.Then, unwritten, locals, inLoop);
                VisitBlock(branch.Else, unwritten, locals, inLoop);
                break;
        }
    }

    private static void VisitBlock(Block block, HashSet<Value> unwritten, HashSet<Value> locals, bool inLoop)
    {
        // What each element of each array is known to hold, by index, since the last write to the array in this block.
        var known = new Dictionary<(Value Array, object Index), Value>();
        foreach (Statement statement in block.Statements)
        {
            if (inLoop && statement is Define { Rule: { } rule, Target: var read } define && rule == GateRules.ElementRead
                && define.Operands[0] is UseExpr { Value: var array } && locals.Contains(array))
            {
                object? index = IndexKey(define.Operands[1]);
                // A read marked already (the same graph swept again) keeps its mark.
                read.Recompute ??= index is not null && known.TryGetValue((array, index), out Value? earlier) && earlier.TypeName == read.TypeName
                    ? earlier.Recompute ?? new UseExpr(earlier)
                    : unwritten.Contains(array) ? define.Expression : null;

                if (index is not null)
                {
                    known[(array, index)] = read;
                }

                continue;
            }

            foreach (Value written in locals.Where(a => Writes(statement, a)))
            {
                foreach (var key in known.Keys.Where(k => k.Array == written).ToList())
                {
                    known.Remove(key);
                }
            }

            if (statement is Store { Value: UseExpr { Value: var stored } } store && locals.Contains(store.Array) && IndexKey(store.Index) is { } storedIndex)
            {
                known[(store.Array, storedIndex)] = stored;
            }

            Visit(statement, unwritten, locals, inLoop);
        }
    }

    /// <summary>An index whose value is the same wherever it appears in a block: an SSA value or a literal.</summary>
    private static object? IndexKey(Expr index) => index switch
    {
        UseExpr use => use.Value,
        TextExpr text when int.TryParse(text.Text, out int constant) => constant,
        LiteralExpr literal => literal.Value,
        _ => null,
    };

    /// <summary>True when <paramref name="statement"/> (or anything in it) may change an element of <paramref name="array"/>.</summary>
    public static bool Writes(Statement statement, Value array) => statement switch
    {
        Store store => store.Array == array,
        CallDefine call => call.Arguments.Where((a, k) => call.Callee.Parameters[k].Role == ParameterRole.ArrayOutput).Any(a => Mentions(a, array)),
        Branch branch => branch.Then.Statements.Concat(branch.Else.Statements).Any(s => Writes(s, array)),
        Loop loop => loop.Body.Statements.Any(s => Writes(s, array)),
        _ => false,
    };

    /// <summary>The arrays of <paramref name="locals"/> mentioned anywhere other than as an element read, a length, a store or a read-only argument.</summary>
    private static IEnumerable<Value> Escaping(IEnumerable<Statement> statements, HashSet<Value> locals) =>
        statements.SelectMany(statement => statement switch
        {
            Define { Rule: { } rule } define when rule == GateRules.ElementRead =>
                define.Operands.Skip(1).Append(define.Expression).SelectMany(e => Loose(e, locals)),
            Define define => define.Operands.Append(define.Expression).SelectMany(e => Loose(e, locals)),
            CallDefine call => Loose(call.Callee.Receiver, locals)
                .Concat(call.Arguments.SelectMany((a, k) => LooseArgument(a, call.Callee.Parameters[k].Role, locals))),
            Allocate allocate => Loose(allocate.Length, locals),
            Store store => Loose(store.Index, locals).Concat(Loose(store.Value, locals)),
            Branch branch => Loose(branch.Condition, locals)
                .Concat(branch.Merges.SelectMany(m => new[] { m.Target, m.FromThen, m.FromElse }).Where(locals.Contains))
                .Concat(Escaping(branch.Then.Statements.Concat(branch.Else.Statements), locals)),
            Loop loop => Loose(loop.Condition, locals)
                .Concat(loop.Carried.SelectMany(c => new[] { c.Init, c.Storage, c.Header, c.Final }).Where(locals.Contains))
                .Concat(Escaping(loop.Body.Statements, locals)),
            SideEffect effect => Loose(effect.Statement, locals),
            _ => [],
        });

    /// <summary>The arrays of <paramref name="locals"/> that <paramref name="expr"/> mentions other than by indexing them or reading their length.</summary>
    private static IEnumerable<Value> Loose(Expr expr, HashSet<Value> locals) => expr switch
    {
        UseExpr use when locals.Contains(use.Value) => [use.Value],
        ElementExpr { Array: UseExpr } element => Loose(element.Index, locals),
        MemberExpr { Receiver: UseExpr, Name: "Length" } => [],
        _ => expr.Children().SelectMany(c => Loose(c, locals)),
    };

    /// <summary>An array passed whole or sliced to a callee's array parameter is read by it (or written: see <see cref="Writes"/>), not aliased.</summary>
    private static IEnumerable<Value> LooseArgument(Expr argument, ParameterRole role, HashSet<Value> locals) =>
        role is not (ParameterRole.ArrayInput or ParameterRole.ArrayOutput) ? Loose(argument, locals)
        : argument switch
        {
            UseExpr => [],
            SliceExpr { Array: UseExpr } slice => new[] { slice.Start, slice.Length }.OfType<Expr>().SelectMany(e => Loose(e, locals)),
            _ => Loose(argument, locals),
        };

    private static bool Mentions(Expr expr, Value array) => expr.Uses().Contains(array);
}
