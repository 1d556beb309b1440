using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// What a top-level loop's iterations keep to themselves, so that each can run its reverse right after its forward
/// (<see cref="AdjointLoopOrder.Fuse"/>) although its body uses local arrays as scratch and the tape — GMM's point
/// loop, whose every iteration overwrites <c>centered</c>, <c>mahalanobis</c> and <c>terms</c> before reading them.
/// </summary>
/// <remarks>
/// Fused, the reverse iterations run first to last, each right after its own forward iteration, instead of last to
/// first after the whole forward pass. A local array whose every element an iteration reads was written earlier in
/// that iteration carries nothing from one iteration to the next: no value forward, and so no adjoint backward — the
/// reverse of the overwrite clears the element's adjoint, so each reverse iteration leaves it zero, as it found it.
/// The proof (<see cref="WrittenBeforeRead"/>): the first statement of the iteration that mentions the array's elements
/// is a loop that writes all of them, or a nested loop whose own iterations each do so; a loop writes all of them when
/// it is <c>for (i = 0; i &lt; length; i++)</c> with the array's own length, no <c>break</c>, <c>continue</c> or
/// <c>return</c>, and stores <c>a[i]</c> unconditionally before anything in it mentions the array, reading only
/// <c>a[i]</c> after. Anything else (a store under a branch, another index range, a read first, a callee given the
/// array first) leaves the array out, and then its adjoint, read in the body, keeps the loop unfused. Nothing after
/// the loop may mention the array: its adjoint would have to reach the last iteration before the loop's reverse.
/// The tape is no obstacle: an iteration pops what it pushed before the next one runs, and the values the loop
/// itself would save are still in the forward pass's variables (<see cref="Fuse"/> drops them). A call's snapshot of
/// a local array is not needed when nothing writes the array from the call to the end of the iteration.
/// </remarks>
internal sealed class IterationLocalArrays
{
    private readonly List<CallDefine> snapshotting;

    private IterationLocalArrays(HashSet<Value> arrays, List<CallDefine> snapshotting)
    {
        Arrays = arrays;
        this.snapshotting = snapshotting;
    }

    /// <summary>The local arrays each iteration writes whole before reading: their adjoints are the iteration's own.</summary>
    public HashSet<Value> Arrays { get; }

    /// <summary>
    /// What the iterations of <paramref name="loop"/>, a statement of the method's top level, keep to themselves; null
    /// when a call in it snapshots a local array that the iteration may still change afterwards (or from a nested loop).
    /// </summary>
    public static IterationLocalArrays? Of(MethodGraph graph, Loop loop)
    {
        List<Statement> top = graph.Body.Statements;
        List<Statement> after = top.Skip(top.IndexOf(loop) + 1).ToList();
        Proof proof = Proof.For(graph);

        HashSet<Value> arrays = [.. ElementRereads.PrivateLocals(graph).Where(a => a.IsActive
            && Mentions(loop, a) && !after.Any(s => Mentions(s, a))
            && !Mentions(loop.Condition, a) && !loop.Carried.Any(c => Mentions(new UseExpr(c.Init), a))
            && proof.WrittenBeforeRead(loop.Body, a))];

        List<CallDefine> snapshotting = [];
        if (NestedSnapshots(loop.Body))
        {
            return null;
        }

        List<Statement> body = loop.Body.Statements;
        for (int s = 0; s < body.Count; s++)
        {
            if (body[s] is CallDefine { Snapshots.Count: > 0 } call)
            {
                if (call.Snapshots.Any(snapshot => SnapshotArray(snapshot) is not { } array || body.Skip(s + 1).Any(later => ElementRereads.Writes(later, array))))
                {
                    return null;
                }

                snapshotting.Add(call);
            }
        }

        return new IterationLocalArrays(arrays, snapshotting);
    }

    /// <summary>
    /// Once the loop is fused: it saves nothing (its reverse iteration reads the forward iteration's variables), and its
    /// calls' pullbacks read the local arrays themselves instead of snapshots popped into replay buffers.
    /// </summary>
    public void Fuse(ReverseLoop reverse, List<ReverseStatement> root, BackwardNames names)
    {
        reverse.Loop.Saved.Clear();
        if (reverse.Loop.Segment is { } segment)
        {
            names.Segments.Remove(segment);
            reverse.Loop.Segment = null;
        }

        HashSet<Value> unsnapshotted = [.. snapshotting.SelectMany(c => c.Snapshots).Select(SnapshotArray).OfType<Value>()];
        foreach (CallDefine call in snapshotting)
        {
            call.Snapshots.Clear();
        }

        if (unsnapshotted.Count == 0)
        {
            return;
        }

        WithoutRestores(reverse.Body, unsnapshotted);
        foreach (Value array in unsnapshotted.Where(a => !ElementCarry.FlattenAll(root).SelectMany(s => s.Reads).Any(e => e.Walk().Any(r => r is ReplayExpr replay && replay.Array == a))))
        {
            names.ReplayArrays.Remove(array);
        }
    }

    /// <summary>True when the body's nested loops or branches hold a call that snapshots an array.</summary>
    private static bool NestedSnapshots(Block body) => body.Statements.Any(s => s switch
    {
        Loop loop => Snapshots(loop.Body),
        Branch branch => Snapshots(branch.Then) || Snapshots(branch.Else),
        _ => false,
    });

    private static bool Snapshots(Block block) => block.Statements.Any(s => s switch
    {
        CallDefine call => call.Snapshots.Count > 0,
        Loop loop => Snapshots(loop.Body),
        Branch branch => Snapshots(branch.Then) || Snapshots(branch.Else),
        _ => false,
    });

    private static Value? SnapshotArray(Expr snapshot) => (snapshot as SliceExpr)?.Array is UseExpr sliced ? sliced.Value : (snapshot as UseExpr)?.Value;

    /// <summary>The pullbacks in <paramref name="statements"/> read <paramref name="arrays"/> as they are, not from the tape.</summary>
    private static void WithoutRestores(List<ReverseStatement> statements, HashSet<Value> arrays)
    {
        for (int s = 0; s < statements.Count; s++)
        {
            if (statements[s] is BackwardCall { Restores.Count: > 0 } call)
            {
                Expr Direct(Expr e) => ExprRewriter.Rewrite(e, r => r is ReplayExpr replay && arrays.Contains(replay.Array) ? new UseExpr(replay.Array) : r);
                List<Expr> restores = [.. call.Restores.Where(r => !r.Walk().Any(e => e is ReplayExpr replay && arrays.Contains(replay.Array)))];
                statements[s] = new BackwardCall(call.Callee, [.. call.Arguments.Select(Direct)], call.Seed, call.AdjointArguments, call.Contributed, restores);
            }
            else if (statements[s] is not ReverseLoop)
            {
                foreach (List<ReverseStatement> nested in statements[s].Nested)
                {
                    WithoutRestores(nested, arrays);
                }
            }
        }
    }

    /// <summary>
    /// For the loops of <paramref name="graph"/>: the one store of a loop to an array when the loop writes every element of
    /// it, <c>a[i] = v</c> at its counter <c>i</c> from 0 to the array's length (see <see cref="Proof.WritesAll"/>); null otherwise.
    /// </summary>
    public static System.Func<Loop, Value, Store?> StoresOfEveryElement(MethodGraph graph)
    {
        Proof proof = Proof.For(graph);
        return (loop, array) => proof.WritesAll(loop, array) ? loop.Body.Statements.OfType<Store>().First(s => s.Array == array) : null;
    }

    /// <summary>The proof that an array's elements are written before they are read, in each run of a block.</summary>
    private sealed class Proof(Dictionary<Value, Define> definitions, HashSet<Value> storages, Dictionary<Value, Expr> lengths)
    {
        /// <summary>The proof for <paramref name="graph"/>'s loops and its top-level arrays.</summary>
        public static Proof For(MethodGraph graph) => new(
            Nesting.Definitions(graph.Body),
            [.. Nesting.Loops(graph.Body).SelectMany(l => l.Carried).Select(c => c.Storage)],
            graph.Body.Statements.OfType<Allocate>().ToDictionary(a => a.Target, a => a.Length));

        /// <summary>
        /// True when, in every run of <paramref name="block"/>, <paramref name="array"/>'s elements are all written before any
        /// is read: the first statement that mentions them writes them all (<see cref="WritesAll"/>), or each statement that
        /// mentions them before that is a loop whose every iteration does this itself (and then none after may read).
        /// </summary>
        public bool WrittenBeforeRead(Block block, Value array)
        {
            foreach (Statement statement in block.Statements.Where(s => Mentions(s, array)))
            {
                if (statement is Loop loop && WritesAll(loop, array))
                {
                    return true;
                }

                if (statement is not Loop { BreakFlag: null } nested || Mentions(nested.Condition, array)
                    || nested.Carried.Any(c => Mentions(new UseExpr(c.Init), array)) || !WrittenBeforeRead(nested.Body, array))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>for (i = 0; i &lt; length; i++) { …; a[i] = v; … a[i] … }</c>: runs over every index of the array, stores
        /// its element first thing it does with the array, unconditionally, and afterwards reads only that element.
        /// </summary>
        public bool WritesAll(Loop loop, Value array)
        {
            if (loop.BreakFlag is not null || !loop.TestFirst
                || loop.Condition is not BinaryExpr { Operator: "<", Left: UseExpr { Value: var storage }, Right: var bound }
                || loop.Carried.FirstOrDefault(c => c.Storage == storage) is not { } carried
                || TapePlanner.AsCounter(carried, loop.Body) is not { Step: 1 }
                || !IsZero(carried.Init) || !IsLength(bound, array)
                || loop.Carried.Any(c => Mentions(new UseExpr(c.Init), array)))
            {
                return false;
            }

            Value index = carried.Header;
            bool stored = false;
            foreach (Statement statement in loop.Body.Statements.Where(s => Mentions(s, array)))
            {
                if (!stored && statement is Store store && store.Array == array && Is(store.Index, index)
                    && !Mentions(store.Index, array) && !Mentions(store.Value, array))
                {
                    stored = true;
                }
                else if (!stored || !ReadsOnlyAt(statement, array, index))
                {
                    return false;
                }
            }

            return stored;
        }

        /// <summary>A definition, a store to another array or a guard whose only mentions of the array are reads of its element at <paramref name="index"/>.</summary>
        private static bool ReadsOnlyAt(Statement statement, Value array, Value index) => statement switch
        {
            Define { Rule: { } rule } define when rule == GateRules.ElementRead && define.Operands[0] is UseExpr read && read.Value == array =>
                Is(define.Operands[1], index) && OnlyAt(define.Expression, array, index),
            Define define => OnlyAt(define.Expression, array, index) && define.Operands.All(o => OnlyAt(o, array, index)),
            Store store => store.Array != array && OnlyAt(store.Index, array, index) && OnlyAt(store.Value, array, index),
            SideEffect effect => OnlyAt(effect.Statement, array, index),
            _ => false,
        };

        private static bool OnlyAt(Expr expr, Value array, Value index) => expr switch
        {
            ElementExpr { Array: UseExpr element } read when element.Value == array => Is(read.Index, index),
            UseExpr use => use.Value != array && (use.Value.Inlined is not { } inlined || OnlyAt(inlined, array, index)),
            _ => expr.Children().All(c => OnlyAt(c, array, index)),
        };

        /// <summary>An int known to be 0: a literal, or a value defined (or inlined) as one.</summary>
        private bool IsZero(Value value)
        {
            Expr? expr = value.Inlined ?? (definitions.TryGetValue(value, out Define? define) ? define.Expression : null);
            return expr is TextExpr { Text: "0" } || expr is UseExpr { Value: var copied } && IsZero(copied);
        }

        /// <summary><c>a.Length</c>, or the very expression the array was created with, of values that never change.</summary>
        private bool IsLength(Expr bound, Value array) =>
            bound is MemberExpr { Name: "Length", Receiver: UseExpr receiver } && receiver.Value == array
            || lengths.TryGetValue(array, out Expr? length) && Same(bound, length);

        private bool Same(Expr a, Expr b) => (a, b) switch
        {
            (TextExpr x, TextExpr y) => x.Text == y.Text && x.IsPure && y.IsPure,
            (UseExpr x, UseExpr y) => x.Value == y.Value && !storages.Contains(x.Value),
            (BinaryExpr x, BinaryExpr y) => x.Operator == y.Operator && Same(x.Left, y.Left) && Same(x.Right, y.Right),
            _ => false,
        };
    }

    /// <summary>The expression is the value <paramref name="index"/> itself (looking through copies written in place).</summary>
    private static bool Is(Expr expr, Value index) =>
        expr is UseExpr use && (use.Value == index || use.Value.Inlined is { } inlined && Is(inlined, index));

    /// <summary>Whether the statement (or anything in it) mentions the array other than by its length.</summary>
    private static bool Mentions(Statement statement, Value array) => statement switch
    {
        Define define => Mentions(define.Expression, array) || define.Operands.Any(o => Mentions(o, array)),
        CallDefine call => call.Arguments.Any(a => Mentions(a, array)) || Mentions(call.Callee.Receiver, array),
        Store store => store.Array == array || Mentions(store.Index, array) || Mentions(store.Value, array),
        Allocate allocate => allocate.Target == array || Mentions(allocate.Length, array),
        SideEffect effect => Mentions(effect.Statement, array),
        Branch branch => Mentions(branch.Condition, array) || branch.Then.Statements.Concat(branch.Else.Statements).Any(s => Mentions(s, array))
            || branch.Merges.Any(m => m.Target == array || m.FromThen == array || m.FromElse == array),
        Loop loop => Mentions(loop.Condition, array) || loop.Carried.Any(c => c.Init == array || c.Storage == array || c.Header == array || c.Final == array)
            || loop.Body.Statements.Any(s => Mentions(s, array)),
        _ => true,
    };

    private static bool Mentions(Expr expr, Value array) => expr switch
    {
        MemberExpr { Name: "Length", Receiver: UseExpr } => false,
        UseExpr use => use.Value == array || use.Value.Inlined is { } inlined && Mentions(inlined, array),
        _ => expr.Children().Any(c => Mentions(c, array)),
    };
}
