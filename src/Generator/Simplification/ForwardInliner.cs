using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;

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

        /// <summary>Where in that block the reader stands (its statement's index; the block's length for a merge at its end).</summary>
        public int ReaderAt { get; set; }

        /// <summary>The reader reads nothing that throws but an index out of range (an element read may move into it).</summary>
        public bool ReaderOnlyReads { get; set; }

        /// <summary>A reader needs the value by name: the backward pass, a tape entry, a loop's carried value, the result.</summary>
        public bool Pinned { get; set; }
    }

    public static void Inline(MethodGraph graph, List<ReverseStatement> reverse)
    {
        Dictionary<Value, UseCount> uses;
        do
        {
            uses = Count(graph, reverse, late: false);
        }
        while (RemoveUnreadMerges(graph.Body, uses));

        InlineBlock(graph.Body, uses);
    }

    /// <summary>
    /// Once the backward pass is planned (what it saves, recomputes and reads is final), the temporaries it does not
    /// read that <see cref="Inline"/> had to keep: one whose reader is a merge (<c>if (c) { y = z[i]; }</c> instead of
    /// <c>double t = z[i]; y = t;</c>), and an element read of an array the method writes, into its one reader in the
    /// same block when nothing between writes memory or throws (<c>m[i] = z[i];</c> right after <c>z[i] = …;</c>). Then a
    /// read of an element its block already holds in a variable is that variable (<see cref="AliasRereads"/>).
    /// </summary>
    /// <remarks>
    /// Not before: an element read of a written array gives another value later, so it is written in place only where
    /// no backward statement, tape entry or recomputation reads it (they are counted here, pinned).
    /// </remarks>
    public static void InlineLate(MethodGraph graph, List<ReverseStatement> reverse)
    {
        Dictionary<Value, UseCount> uses = Count(graph, reverse, late: true);
        List<Block> blocks = [.. Nesting.Blocks(graph.Body)];
        blocks.ForEach(block => InlineLateIn(block, uses));
        blocks.ForEach(block => AliasRereads(block, uses));
    }

    private static Dictionary<Value, UseCount> Count(MethodGraph graph, List<ReverseStatement> reverse, bool late)
    {
        var uses = new Dictionary<Value, UseCount>();
        CountForward(graph.Body, uses, late);
        if (graph.Result is not null)
        {
            CountPinned(graph.Result, uses);
        }

        CountReverse(reverse, uses);
        return uses;
    }

    /// <summary>
    /// A temporary that re-reads an element its block read before into a variable, with no write in between
    /// (<see cref="ElementRereads"/> gave both one <see cref="Value.Recompute"/>), and that nothing backward reads, is
    /// written as that variable: <c>s += t7 * t7;</c> for <c>m[i] * m[i]</c>. Two reads both written in place stay as
    /// the user wrote them (<c>z[i] * z[i]</c>).
    /// </summary>
    private static void AliasRereads(Block block, Dictionary<Value, UseCount> uses)
    {
        var read = new Dictionary<object, Value>();
        foreach (Define define in block.Statements.OfType<Define>().Where(d => d.Rule == GateRules.ElementRead))
        {
            if (define.Target is not { Recompute: { } again } target)
            {
                continue;
            }

            object element = again is UseExpr use ? use.Value : again;
            if (read.TryGetValue(element, out Value? earlier) && target is { Kind: ValueKind.Temporary, KeepsItsName: false } && define.ComputedWith is null
                && (target.Inlined is null || target.Inlined == define.Expression) && uses.TryGetValue(target, out UseCount? count) && !count.Pinned)
            {
                target.Inlined = new UseExpr(earlier);
            }
            else if (target.Inlined is null && !read.ContainsKey(element))
            {
                read[element] = target;
            }
        }
    }

    /// <summary>The block's own statements (<see cref="InlineLate"/> visits every block).</summary>
    private static void InlineLateIn(Block block, Dictionary<Value, UseCount> uses)
    {
        for (int s = 0; s < block.Statements.Count; s++)
        {
            if (block.Statements[s] is Define define && Movable(define) && uses.TryGetValue(define.Target, out UseCount? count) && count.Count == 1 && count.InlineInto == block
                && (define.Expression.IsPure
                    || define.Expression is ElementExpr { Array.IsPure: true, Index.IsPure: true } && count.ReaderOnlyReads
                        && block.Statements.Skip(s + 1).Take(count.ReaderAt - s - 1).All(InvariantReads.OnlyReads)))
            {
                define.Target.Inlined = define.Expression;
            }
        }
    }

    /// <summary>A generator temporary written on its own line that could be written in its reader instead.</summary>
    private static bool Movable(Define define) =>
        define.Target is { Kind: ValueKind.Temporary, KeepsItsName: false, Inlined: null } && define.ComputedWith is null;

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

    /// <param name="late">After the backward pass is planned: a merge's value may be written in the merge, and the tape entries and the
    /// values a call's pullback reads in the forward pass are counted (pinned).</param>
    private static void CountForward(Block block, Dictionary<Value, UseCount> uses, bool late)
    {
        for (int s = 0; s < block.Statements.Count; s++)
        {
            switch (block.Statements[s])
            {
                case Define { ComputedWith: not null } second when !SinCosPairs.IsFirst(second, block.Statements):
                    break; // a SinCos pair is one call, written with the first one's operand
                case Define { Target.Inlined: not null }:
                    break; // written in its reader, where its reads are counted
                case Define define:
                    CountInlinable(define.Expression, block, s, uses, InvariantReads.OnlyReads(define));
                    break;
                case CallDefine call:
                    call.Arguments.ToList().ForEach(a => CountInlinable(a, block, s, uses, readerOnlyReads: false));
                    if (late)
                    {
                        foreach (Expr read in call.Snapshots.Concat(call.Pullback?.Reads ?? []))
                        {
                            CountPinnedReads(read, uses);
                        }
                    }

                    break;
                case Store store:
                    bool onlyReads = InvariantReads.OnlyReads(store.Index) && InvariantReads.OnlyReads(store.Value);
                    CountInlinable(store.Index, block, s, uses, onlyReads);
                    CountInlinable(store.Value, block, s, uses, onlyReads);
                    break;
                case Allocate allocate:
                    CountInlinable(allocate.Length, block, s, uses, readerOnlyReads: false);
                    break;
                case SideEffect effect:
                    CountInlinable(effect.Statement, block, s, uses, readerOnlyReads: false);
                    break;
                case Branch branch:
                    CountInlinable(branch.Condition, block, s, uses, InvariantReads.OnlyReads(branch.Condition));
                    CountForward(branch.Then, uses, late);
                    CountForward(branch.Else, uses, late);
                    foreach (Merge merge in branch.Merges)
                    {
                        if (late)
                        {
                            // written last in its side: x = value;
                            CountInlinable(new UseExpr(merge.FromThen), branch.Then, branch.Then.Statements.Count, uses, readerOnlyReads: true);
                            CountInlinable(new UseExpr(merge.FromElse), branch.Else, branch.Else.Statements.Count, uses, readerOnlyReads: true);
                        }
                        else
                        {
                            CountPinned(merge.FromThen, uses);
                            CountPinned(merge.FromElse, uses);
                        }
                    }

                    break;
                case Loop loop:
                    CountPinnedReads(loop.Condition, uses);
                    foreach (Carried carried in loop.Carried)
                    {
                        CountPinned(carried.Init, uses);
                        CountPinned(carried.Final, uses);
                    }

                    loop.Saved.ForEach(v => CountPinned(v, uses));
                    CountForward(loop.Body, uses, late);
                    break;
            }
        }
    }

    /// <summary>
    /// Gives <paramref name="visit"/> the values an expression prints (an inlined temporary prints its own expression),
    /// without a list: this runs for every expression of both passes.
    /// </summary>
    private static void VisitReads<TState>(Expr expr, TState state, System.Action<Value, TState> visit) =>
        expr.VisitUsesThrough(static value => value.Inlined, state, visit);

    private static void CountPinnedReads(Expr expr, Dictionary<Value, UseCount> uses) =>
        VisitReads(expr, uses, static (value, counts) => CountPinned(value, counts));

    private static void CountReverse(List<ReverseStatement> statements, Dictionary<Value, UseCount> uses)
    {
        foreach (ReverseStatement statement in statements)
        {
            foreach (Expr read in statement.Reads)
            {
                CountPinnedReads(read, uses);
            }

            foreach (List<ReverseStatement> nested in statement.Nested)
            {
                CountReverse(nested, uses);
            }

            if (statement is ReverseLoop loop)
            {
                // what a fused loop writes before and after the forward loop, and what the backward pass declares again
                CountReverse(loop.Hoisted, uses);
                CountReverse(loop.After, uses);
                loop.Loop.Recomputed.ForEach(d => CountPinned(d.Target, uses));
            }
        }
    }

    private static void CountInlinable(Expr expr, Block block, int at, Dictionary<Value, UseCount> uses, bool readerOnlyReads) =>
        VisitReads(expr, (block, at, uses, readerOnlyReads), static (value, reader) =>
        {
            UseCount count = Get(value, reader.uses);
            count.Count++;
            count.InlineInto = reader.block;
            count.ReaderAt = reader.at;
            count.ReaderOnlyReads = reader.readerOnlyReads;
        });

    private static void CountPinned(Value value, Dictionary<Value, UseCount> uses)
    {
        UseCount count = Get(value, uses);
        count.Count += 2; // a reader that needs the value by name: never inline
        count.Pinned = true;
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
