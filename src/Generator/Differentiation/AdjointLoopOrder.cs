using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// Decides in which order a loop's reverse iterations run. Reversal is needed only when one reverse iteration
/// reads what another writes: a carried adjoint that changes (<c>t *= x</c>), an element's adjoint read and
/// cleared by a store, values popped from the tape. When each iteration only reads adjoints the loop never
/// changes (<c>ds</c> of <c>s += …</c>) and adds into adjoints it never reads (<c>dx[i] += …</c>), the
/// iterations commute, so they run first to last, as the user's own <c>for</c> loop, whose bounds the JIT can
/// check once (<see cref="ReverseLoop.Forward"/>). When, besides, everything such a top-level loop reads from
/// outside is known before the forward loop runs (<c>ds = seed</c>: the result is a sum of the loop's terms),
/// the reverse body is written into the forward loop itself: one pass, as a person writes a gradient
/// (<see cref="ReverseLoop.Fused"/>).
/// </summary>
internal static class AdjointLoopOrder
{
    /// <summary>
    /// Called by <see cref="TapePlanner"/> once the loop's tape plan is known (inner loops first, so an outer
    /// loop's plan sees what a forward-ordered inner loop reads).
    /// </summary>
    /// <remarks>
    /// Two things that would otherwise tie an iteration to its place do not here. An element adjoint that every
    /// access in the body (read, clear, add) indexes by the loop's own counter (<c>dm[i]</c> read and cleared in
    /// iteration <c>i</c>) is touched by that iteration alone, so the iterations still commute. And values the loop
    /// saves need no popping in reverse order when its trip count is known before it runs and nothing else in its
    /// body uses the tape (<paramref name="definitions"/> given): they go into a block of the tape, each iteration's
    /// at its own index (<see cref="TapeSegments.ByIteration"/>), read back at the same index in any order.
    /// </remarks>
    public static void Order(ReverseLoop reverse, IReadOnlyDictionary<Value, Define>? definitions = null, BackwardNames? names = null)
    {
        Loop loop = reverse.Loop;
        if (FirstToLast(loop) is not { } order)
        {
            return;
        }

        TapeSegment? segment = loop.Saved.Count > 0 && definitions is not null ? TapeSegments.ByIteration(loop, definitions) : null;
        if (!Commutes(reverse, out _, ownElements: OwnElements(reverse.Body, order.Counter), savedInSegment: segment is not null))
        {
            return;
        }

        if (segment is not null)
        {
            loop.Segment = segment;
            names!.Segments.Add(segment);
        }

        // The counter the condition reads comes first: the others step with it (ElementCarry indexes by the first).
        Counter primary = loop.Counters.FirstOrDefault(c => c.Carried == order.Counter.Carried) ?? order.Counter;
        loop.Counters.Remove(primary);
        loop.Counters.Insert(0, primary);
        reverse.Forward = new ForwardOrder(primary, order.Condition, [.. loop.Counters.Skip(1)]);
    }

    /// <summary>
    /// The loop's iterations run again first to last, as <c>for (counter = init; condition; counter += step)</c>:
    /// possible when the condition is tested first, computes nothing, and reads one carried variable, a counter,
    /// and otherwise only values the loop does not change. The other counters the backward pass recomputes
    /// (<c>lower</c> in <c>for (j = i + 1; j &lt; d; j++) { … L[lower] …; lower++; }</c>) step alongside it in the
    /// same <c>for</c>: each advances by a constant every iteration, so its value is its start plus its step times
    /// the iterations before, first to last as last to first.
    /// </summary>
    public static ForwardOrder? FirstToLast(Loop loop)
    {
        if (!loop.TestFirst || !loop.Condition.IsPure)
        {
            return null;
        }

        var storages = loop.Carried.ToDictionary(c => c.Storage);
        List<Carried> read = TapePlanner.DeepUses(loop.Condition).Where(storages.ContainsKey).Select(v => storages[v]).Distinct().ToList();
        if (read.Count != 1 || TapePlanner.AsCounter(read[0], loop.Body) is not { } counter)
        {
            return null;
        }

        Expr condition = ExprRewriter.Rewrite(loop.Condition, e => e is UseExpr use && use.Value == counter.Carried.Storage ? new UseExpr(counter.Carried.Header) : e);
        return new ForwardOrder(counter, condition, [.. loop.Counters.Where(c => c.Carried != counter.Carried)]);
    }

    /// <summary>
    /// Fuses the top-level loops whose reverse iterations commute and read only adjoints that are known before
    /// the loop (declared from the seed and parameters), and that add only into the parameters' adjoints (or into
    /// local arrays' adjoints that the backward pass only adds into until the loop's reverse would have run); then
    /// marks which forward loops must count their iterations. Each iteration's reverse runs right after it, so the
    /// adjoints of local arrays it overwrites before reading are its own, and its tape use stays inside it
    /// (<see cref="IterationLocalArrays"/>).
    /// </summary>
    public static void Fuse(MethodGraph graph, List<ReverseStatement> root, BackwardNames names)
    {
        foreach (ReverseLoop reverse in root.OfType<ReverseLoop>().ToList())
        {
            int position = root.IndexOf(reverse);
            if (reverse.Traced.Count > 0 || IterationLocalArrays.Of(graph, reverse.Loop) is not { } own
                || !Commutes(reverse, out Effects effects, own) || reverse.Loop.BreakFlag is not null
                || effects.Written.Any(w => !effects.Declared.Contains(w) && (w.Kind != ValueKind.Parameter || w.IsOutput) && !OnlyAddedTo(w, root.Take(position))))
            {
                continue;
            }

            List<Accumulate>? hoisted = [];
            foreach (Value external in effects.Read.Where(v => !effects.Declared.Contains(v)))
            {
                int declaration = root.FindIndex(0, position, s => s is Accumulate { Declares: true, Index: null } a && a.Target == external);
                if (declaration < 0 || !KnownBeforeTheLoop(((Accumulate)root[declaration]).Amount)
                    || Scan(root.Skip(declaration + 1).Take(position - declaration - 1)).Changes(external))
                {
                    hoisted = null;
                    break;
                }

                hoisted.Add((Accumulate)root[declaration]);
            }

            if (hoisted is null)
            {
                continue;
            }

            reverse.Fused = true;
            own.Fuse(reverse, root, names);
            foreach (Accumulate declaration in hoisted.OrderBy(root.IndexOf))
            {
                root.Remove(declaration);
                reverse.Hoisted.Add(declaration);
            }

            ValueFromPullback.Plan(reverse);
            ElementCarry.Plan(reverse, names);
            FusedReads.Plan(reverse);
            InvariantZeroTest.Hoist(reverse);
        }

        MarkCounted(graph, root);
    }

    /// <summary>
    /// A forward loop counts its iterations only where the backward pass <paramref name="reverse"/> reads the count:
    /// a loop it runs backwards and not fused, whose count the enclosing loop's backward pass does not compute
    /// (<see cref="TripCount"/>). A loop that writes its saved values into a tape block finds its iteration's index in its
    /// counter (<see cref="TapeSegment.IterationIn"/>). Forward mode, with no backward pass, counts no loop.
    /// </summary>
    public static void MarkCounted(MethodGraph graph, List<ReverseStatement> reverse)
    {
        // A fused loop's body reads the forward loop's own variables, not what its reverse iterations would compute again.
        var computed = new HashSet<Value>(TapePlanner.AllLoops(reverse).Where(r => !r.Fused).SelectMany(r => r.Loop.Recomputed).Select(d => d.Target));
        MarkCounted(graph.Body, TapePlanner.AllLoops(reverse).Where(r => r.Forward is null && !r.Fused && !computed.Contains(r.Loop.Count)).Select(r => r.Loop).ToList());
    }

    /// <summary>
    /// True when no reverse iteration reads what another writes, and nothing comes from the tape. For a loop to be
    /// fused (<paramref name="fusing"/>), each iteration's tape use and the adjoints of its own local arrays stay inside it.
    /// </summary>
    /// <remarks>
    /// <paramref name="ownElements"/>: arrays whose element adjoints each iteration touches only at its own counter's
    /// index; <paramref name="savedInSegment"/>: the loop's saved values are read by iteration, not popped.
    /// </remarks>
    private static bool Commutes(ReverseLoop reverse, out Effects effects, IterationLocalArrays? fusing = null, HashSet<Value>? ownElements = null, bool savedInSegment = false)
    {
        Effects body = Scan(reverse.Body, fusing, ownElements);
        effects = body;
        return reverse.Loop.BreakFlag is null
            && (reverse.Loop.Saved.Count == 0 || fusing is not null || savedInSegment)
            && !body.OrderMatters
            && !body.Read.Any(v => body.Written.Contains(v) && !body.Declared.Contains(v) && ownElements?.Contains(v) != true);
    }

    /// <summary>
    /// The arrays whose adjoint elements the body reads, clears or adds to only at <paramref name="counter"/>'s value
    /// of the iteration (<c>dm[i]</c>, looking through copies), never as a whole span: a counter with a nonzero step
    /// takes a different value in every iteration, so no other iteration touches those elements.
    /// </summary>
    private static HashSet<Value> OwnElements(List<ReverseStatement> body, Counter counter)
    {
        var own = new HashSet<Value>();
        var shared = new HashSet<Value>();
        if (counter.Step == 0)
        {
            return own;
        }

        void Access(Value array, Expr? index) => (index is not null && IsCounter(index, counter.Carried.Header) ? own : shared).Add(array);
        foreach (ReverseStatement statement in ElementCarry.FlattenAll(body))
        {
            switch (statement)
            {
                case Accumulate { Index: { } index } add:
                    Access(add.Target, index);
                    break;
                case ClearElement clear:
                    Access(clear.Array, clear.Index);
                    break;
                case ClearUnwritten unwritten:
                    shared.Add(unwritten.Array);
                    break;
            }

            foreach (Expr read in statement.Reads.SelectMany(e => e.Walk()))
            {
                switch (read)
                {
                    case AdjointExpr { Index: { } index } element:
                        Access(element.Value, index);
                        break;
                    case AdjointSpanExpr span:
                        shared.Add(span.Array);
                        break;
                }
            }
        }

        own.ExceptWith(shared);
        return own;
    }

    private static bool IsCounter(Expr index, Value counter) =>
        index is UseExpr use && (use.Value == counter || use.Value.Inlined is { } inlined && IsCounter(inlined, counter));

    /// <summary>An adjoint's first value that the forward pass can compute before anything runs: the seed, constants, parameters.</summary>
    private static bool KnownBeforeTheLoop(Expr amount) => amount.Walk().All(e => e switch
    {
        UseExpr use => use.Value.Kind == ValueKind.Parameter && !use.Value.IsArray,
        AdjointExpr or ElementExpr or MemberExpr or SliceExpr or AdjointSpanExpr or ReplayExpr or RefExpr => false,
        _ => e.IsPure,
    });

    /// <summary>What a list of reverse statements does to adjoints.</summary>
    private sealed class Effects
    {
        /// <summary>Adjoints declared inside (one per iteration when the list is a loop body).</summary>
        public HashSet<Value> Declared { get; } = [];

        /// <summary>Adjoints read (scalars, or arrays whose elements are read).</summary>
        public HashSet<Value> Read { get; } = [];

        /// <summary>Adjoints added to or set (scalars, or arrays whose elements are added to).</summary>
        public HashSet<Value> Written { get; } = [];

        /// <summary>A statement whose effect depends on when it runs: a cleared element, the tape, an output consumed.</summary>
        public bool OrderMatters { get; set; }

        public bool Changes(Value value) => Declared.Contains(value) || Written.Contains(value);
    }

    /// <summary>
    /// A local array's adjoint that the backward pass, before the loop's reverse (<paramref name="before"/>), only adds
    /// into: adding the loop's part earlier, during the forward pass, gives the same sum.
    /// </summary>
    private static bool OnlyAddedTo(Value adjoint, IEnumerable<ReverseStatement> before) =>
        adjoint is { IsArray: true, Kind: not ValueKind.Parameter } && ElementCarry.FlattenAll(before).All(s => s switch
        {
            Accumulate { Declares: false } add when add.Target == adjoint => !add.Reads.Any(e => ReadsAdjoint(e, adjoint)),
            ClearElement clear => clear.Array != adjoint,
            DeclareAdjoint declare => declare.Target != adjoint,
            SetAdjoint set => set.Target != adjoint && !ReadsAdjoint(set.Amount, adjoint),
            BackwardCall call when call.Callee.Parameters.Any(p => p.Role == ParameterRole.ArrayOutput) => !call.Reads.Any(e => ReadsAdjoint(e, adjoint)),
            BackwardCall call => !call.Reads.Except(call.AdjointArguments).Any(e => ReadsAdjoint(e, adjoint)),
            _ => !(s is Accumulate { Declares: true } declared && declared.Target == adjoint) && !s.Reads.Any(e => ReadsAdjoint(e, adjoint)),
        });

    private static bool ReadsAdjoint(Expr expr, Value adjoint) =>
        expr.Walk().Any(e => e is AdjointExpr read && read.Value == adjoint || e is AdjointSpanExpr span && span.Array == adjoint);

    private static Effects Scan(IEnumerable<ReverseStatement> statements, IterationLocalArrays? fusing = null, HashSet<Value>? ownElements = null)
    {
        var effects = new Effects();
        effects.Declared.UnionWith(fusing?.Arrays ?? []);
        Scan(statements, effects, fusing, ownElements);
        return effects;
    }

    private static void Scan(IEnumerable<ReverseStatement> statements, Effects effects, IterationLocalArrays? fusing, HashSet<Value>? ownElements = null)
    {
        foreach (ReverseStatement statement in statements)
        {
            switch (statement)
            {
                case Accumulate accumulate:
                    (accumulate.Declares ? effects.Declared : effects.Written).Add(accumulate.Target);
                    AddReads(accumulate.Reads, effects);
                    break;
                case DeclareAdjoint declare:
                    effects.Declared.Add(declare.Target);
                    break;
                case SetAdjoint { Amount: AdjointExpr { Index: null } same } set when same.Value == set.Target:
                    break; // the carried adjoint stays what it is
                case SetAdjoint set:
                    // An adjoint of the loop's own is set anew each iteration; one from outside it (a carried variable's,
                    // overwritten by a constant: x = c in the body) keeps the last set, so which iteration runs last matters (F59).
                    effects.OrderMatters |= !effects.Declared.Contains(set.Target);
                    effects.Written.Add(set.Target);
                    AddReads(set.Reads, effects);
                    break;
                case ClearElement clear:
                    effects.OrderMatters |= (fusing is null || !fusing.Arrays.Contains(clear.Array)) && ownElements?.Contains(clear.Array) != true;
                    break;
                case BackwardCall call:
                    effects.OrderMatters |= (call.Restores.Count > 0 && fusing is null) || call.Callee.Parameters.Any(p => p.Role == ParameterRole.ArrayOutput);
                    effects.Written.UnionWith(call.Contributed);
                    effects.Written.UnionWith(call.AdjointArguments.SelectMany(a => a.Walk()).OfType<AdjointSpanExpr>().Select(s => s.Array));
                    AddReads([.. call.Arguments, .. call.Seeds], effects);
                    break;
                case ReverseLoop loop:
                    effects.OrderMatters |= loop.Loop.Saved.Count > 0 && fusing is null;
                    break;
            }

            foreach (List<ReverseStatement> nested in statement.Nested)
            {
                Scan(nested, effects, fusing, ownElements);
            }
        }
    }

    private static void AddReads(IEnumerable<Expr> expressions, Effects effects) =>
        effects.Read.UnionWith(expressions.SelectMany(e => e.Walk()).OfType<AdjointExpr>().Select(a => a.Value));

    private static void MarkCounted(Block block, List<Loop> counted)
    {
        foreach (Statement statement in block.Statements)
        {
            switch (statement)
            {
                case Loop loop:
                    loop.IsCounted = counted.Contains(loop);
                    MarkCounted(loop.Body, counted);
                    break;
                case Branch branch:
                    MarkCounted(branch.Then, counted);
                    MarkCounted(branch.Else, counted);
                    break;
            }
        }
    }
}
