using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// Moves a read of a local array's element that is the same in every iteration of a loop out of that loop:
/// <c>for (j = i + 1; j &lt; d; j++) m[j] += L[k] * z[i];</c> reads <c>z[i]</c> once, before the loop, as
/// <c>if (i + 1 &lt; d) zi = z[i];</c>. The loop's backward pass then needs no tape entry per iteration for it
/// (the enclosing loop saves it once per its own iteration) and adds its adjoint up in a register, adding
/// it into <c>dz[i]</c> once after the reverse iterations instead of once per term.
/// </summary>
/// <remarks>
/// The read is the same in every iteration when its index is computed before the loop and nothing in the loop
/// can write the array: a local array that never escapes (<see cref="ElementRereads.PrivateLocals"/>), with no
/// store to it and no callee writing it inside the loop. The loop's condition, read on the values the loop
/// starts from, guards the read, so it runs exactly when the original's first iteration would have run it:
/// the loop tests first, does not break, its condition can throw nothing, the read is not under a branch of
/// the body, and everything before it in the body only computes or reads elements (an index out of range
/// there or in the moved read throws the same exception; nothing observable happened before either).
/// </remarks>
internal static class InvariantReads
{
    /// <param name="locals">The method's <see cref="ElementRereads.PrivateLocals"/>.</param>
    public static void Hoist(MethodGraph graph, HashSet<Value> locals)
    {
        if (locals.Count > 0)
        {
            HoistIn(graph.Body, locals);
        }
    }

    private static void HoistIn(Block block, HashSet<Value> locals)
    {
        for (int s = 0; s < block.Statements.Count; s++)
        {
            switch (block.Statements[s])
            {
                case Branch branch:
                    HoistIn(branch.Then, locals);
                    HoistIn(branch.Else, locals);
                    break;
                case Loop loop:
                    HoistIn(loop.Body, locals); // innermost first: a read moved out of an inner loop stays under its guard
                    if (Guard(loop) is { } guard && Invariant(loop, locals) is { Count: > 0 } reads)
                    {
                        block.Statements.Insert(s, Guarded(guard, reads, loop));
                        s++;
                    }

                    break;
            }
        }
    }

    /// <summary>The loop's condition on the values it starts from; null when the read could not be guarded by it.</summary>
    private static Expr? Guard(Loop loop)
    {
        if (!loop.TestFirst || loop.BreakFlag is not null || !CannotThrow(loop.Condition))
        {
            return null;
        }

        return ExprRewriter.Rewrite(loop.Condition, e => e is UseExpr use && loop.Carried.FirstOrDefault(c => c.Storage == use.Value) is { } carried
            ? new UseExpr(carried.Init)
            : e);
    }

    /// <summary>
    /// The element reads at the top of the body that give the same value in every iteration and that the backward
    /// pass would take from the tape (one <see cref="ElementRereads"/> gives again stays where it is), taken out of the body.
    /// </summary>
    private static List<Define> Invariant(Loop loop, HashSet<Value> locals)
    {
        var inside = new HashSet<Value>(DefinedIn(loop));
        List<Define> reads = [];
        foreach (Statement statement in loop.Body.Statements.ToList())
        {
            if (statement is Define { Rule: { } rule, Target.Recompute: null } define && rule == GateRules.ElementRead
                && define.Operands[0] is UseExpr { Value: var array } && locals.Contains(array)
                && !define.Operands[1].Uses().Any(inside.Contains)
                && !ElementRereads.Writes(loop, array))
            {
                loop.Body.Statements.Remove(define);
                reads.Add(define);
                continue;
            }

            if (!OnlyReads(statement))
            {
                break;
            }
        }

        return reads;
    }

    /// <summary><c>if (guard) { r = a[k]; } else { r = default; }</c>, the loop's read now being the merge of the two.</summary>
    private static Branch Guarded(Expr guard, List<Define> reads, Loop loop)
    {
        var then = new Block();
        var otherwise = new Block();
        List<Merge> merges = [];
        foreach (Define read in reads)
        {
            // A local named after the array; each side's value is a temporary, written in the merge when nothing else reads it
            // (ForwardInliner.InlineLate), so the branch reads zElement = i + 1 < d ? z[i] : default.
            Value used = read.Target;
            used.BaseName = ((UseExpr)read.Operands[0]).Value.BaseName + "Element";
            used.Kind = ValueKind.Local;
            var element = new Value(used.BaseName, used.TypeName, used.Numeric, used.IsActive, ValueKind.Temporary);
            var skipped = new Value(used.BaseName, used.TypeName, used.Numeric, isActive: false, ValueKind.Temporary);
            then.Statements.Add(new Define(element, read.Expression, read.Rule, read.Operands));
            otherwise.Statements.Add(new Define(skipped, new TextExpr("default", isPure: true)));
            merges.Add(new Merge(used, element, skipped));
        }

        return new Branch(guard, then, otherwise, merges);
    }

    /// <summary>Computes or reads elements only: no call, store, branch or nested loop, nothing that throws other than an index out of range.</summary>
    public static bool OnlyReads(Statement statement)
    {
        if (statement is not Define define)
        {
            return false;
        }

        foreach (Expr operand in define.Operands)
        {
            if (!OnlyReads(operand))
            {
                return false;
            }
        }

        return OnlyReads(define.Expression);
    }

    /// <summary>Computes or reads elements only: nothing that throws other than an index out of range, no call that is not pure.</summary>
    public static bool OnlyReads(Expr expr) => !expr.Any(0, static (n, _) => !Safe(n, elementReads: true));

    private static bool CannotThrow(Expr expr) => !expr.Any(0, static (n, _) => !Safe(n, elementReads: false));

    /// <summary>A node that throws nothing itself: no call that is not pure, no integer division or remainder, no checked conversion, no verbatim code.</summary>
    private static bool Safe(Expr node, bool elementReads) => node switch
    {
        CallExpr call => call.IsPure,
        MemberExpr member => member.IsPure,
        TextExpr text => text.IsPure,
        BinaryExpr { Operator: "/" or "%" } => false,
        CastExpr { IsChecked: true } => false,
        ElementExpr => elementReads,
        PrimalExpr => false,
        _ => true,
    };

    /// <summary>Every value the loop defines: its carried versions, its count, and everything its body (with nested blocks) defines.</summary>
    private static IEnumerable<Value> DefinedIn(Loop loop) =>
        loop.Carried.SelectMany(c => new[] { c.Storage, c.Header, c.Final })
            .Append(loop.Count)
            .Concat(DefinedIn(loop.Body));

    private static IEnumerable<Value> DefinedIn(Block block) =>
        block.Statements.SelectMany(statement => statement switch
        {
            Define define => [define.Target],
            CallDefine { Target: { } target } => [target],
            Allocate allocate => [allocate.Target],
            Branch branch => DefinedIn(branch.Then).Concat(DefinedIn(branch.Else)).Concat(branch.Merges.Select(m => m.Target)),
            Loop nested => DefinedIn(nested),
            _ => Enumerable.Empty<Value>(),
        });
}
