using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Simplification;

/// <summary>
/// Writes a generator temporary in place of its only reader when nothing else needs it: the backward pass
/// does not read it and its reader is in the same block. So <c>exp(-x)</c> stays one line instead of two,
/// while values the backward pass reuses (the output of exp, a product's inputs) keep their names.
/// Users' own locals are always kept, so the generated code can be stepped through with their names.
/// </summary>
internal static class ForwardInliner
{
    private sealed class UseCount
    {
        public int Count { get; set; }

        /// <summary>The block of the single forward reader that may take the value inline; null when it may not.</summary>
        public Block? InlineInto { get; set; }
    }

    public static void Inline(MethodGraph graph, List<ReverseStatement> reverse)
    {
        Dictionary<Value, UseCount> uses;
        do
        {
            uses = new Dictionary<Value, UseCount>();
            CountForward(graph.Body, uses);
            if (graph.Result is not null)
        {
            CountPinned(graph.Result, uses);
        }

            CountReverse(reverse, uses);
        }
        while (RemoveUnreadMerges(graph.Body, uses));

        InlineBlock(graph.Body, uses);
    }

    /// <summary>
    /// A merge nobody reads (a variable that differs between the sides of a branch but is not used after
    /// it, typically because both sides returned) is dropped; dropping one can free others, hence the loop.
    /// </summary>
    private static bool RemoveUnreadMerges(Block block, Dictionary<Value, UseCount> uses)
    {
        bool removed = false;
        foreach (Statement statement in block.Statements)
        {
            if (statement is Branch branch)
            {
                removed |= branch.Merges.RemoveAll(m => !uses.ContainsKey(m.Target)) > 0;
                removed |= RemoveUnreadMerges(branch.Then, uses);
                removed |= RemoveUnreadMerges(branch.Else, uses);
            }
            else if (statement is Loop loop)
            {
                removed |= RemoveUnreadMerges(loop.Body, uses);
            }
        }

        return removed;
    }

    private static void CountForward(Block block, Dictionary<Value, UseCount> uses)
    {
        foreach (Statement statement in block.Statements)
        {
            switch (statement)
            {
                case Define { ComputedWith: not null } second when !SinCosPairs.IsFirst(second, block.Statements):
                    break; // a SinCos pair is one call, written with the first one's operand
                case Define define:
                    CountInlinable(define.Expression, block, uses);
                    break;
                case CallDefine call:
                    call.Arguments.ToList().ForEach(a => CountInlinable(a, block, uses));
                    break;
                case Store store:
                    CountInlinable(store.Index, block, uses);
                    CountInlinable(store.Value, block, uses);
                    break;
                case Allocate allocate:
                    CountInlinable(allocate.Length, block, uses);
                    break;
                case SideEffect effect:
                    CountInlinable(effect.Statement, block, uses);
                    break;
                case Branch branch:
                    CountInlinable(branch.Condition, block, uses);
                    CountForward(branch.Then, uses);
                    CountForward(branch.Else, uses);
                    foreach (Merge merge in branch.Merges)
                    {
                        CountPinned(merge.FromThen, uses);
                        CountPinned(merge.FromElse, uses);
                    }

                    break;
                case Loop loop:
                    loop.Condition.Uses().ToList().ForEach(v => CountPinned(v, uses));
                    foreach (Carried carried in loop.Carried)
                    {
                        CountPinned(carried.Init, uses);
                        CountPinned(carried.Final, uses);
                    }

                    CountForward(loop.Body, uses);
                    break;
            }
        }
    }

    private static void CountReverse(List<ReverseStatement> statements, Dictionary<Value, UseCount> uses)
    {
        foreach (ReverseStatement statement in statements)
        {
            foreach (Value value in statement.Reads.SelectMany(e => e.Uses()))
            {
                CountPinned(value, uses);
            }

            foreach (List<ReverseStatement> nested in statement.Nested)
            {
                CountReverse(nested, uses);
            }
        }
    }

    private static void CountInlinable(Expr expr, Block block, Dictionary<Value, UseCount> uses)
    {
        foreach (Value value in expr.Uses())
        {
            UseCount count = Get(value, uses);
            count.Count++;
            count.InlineInto = block;
        }
    }

    private static void CountPinned(Value value, Dictionary<Value, UseCount> uses)
    {
        UseCount count = Get(value, uses);
        count.Count += 2; // a reader that needs the value by name: never inline
    }

    private static UseCount Get(Value value, Dictionary<Value, UseCount> uses)
    {
        if (!uses.TryGetValue(value, out UseCount? count))
        {
            count = new UseCount();
            uses[value] = count;
        }

        return count;
    }

    /// <summary>Marks the inlined definitions; they stay in the graph (for naming) and the emitter skips them.</summary>
    private static void InlineBlock(Block block, Dictionary<Value, UseCount> uses)
    {
        foreach (Statement statement in block.Statements)
        {
            if (statement is Define define
                && define.Target.Kind == ValueKind.Temporary
                && !define.Target.KeepsItsName
                && define.ComputedWith is null // a SinCos pair is one statement
                && define.Expression.IsPure
                && uses.TryGetValue(define.Target, out UseCount? count)
                && count.Count == 1
                && count.InlineInto == block)
            {
                define.Target.Inlined = define.Expression;
            }
            else if (statement is Branch branch)
            {
                InlineBlock(branch.Then, uses);
                InlineBlock(branch.Else, uses);
            }
            else if (statement is Loop loop)
            {
                InlineBlock(loop.Body, uses);
            }
        }
    }
}
