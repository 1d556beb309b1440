using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// The generated <c>Backward</c> as a flow graph of the statements <see cref="CompanionWriter"/> writes, in the
/// order and the C# scopes it writes them (forward pass, fused adjoints inside their loops, then the backward
/// pass), with what each statement reads and assigns. From it: which values are live at the same time
/// (<see cref="Interferes"/>), and where each is declared and used, so that <see cref="VersionCoalescing"/>
/// can give versions that never overlap one variable.
/// </summary>
internal sealed class EmittedFlow : FlowGraph
{
    private readonly Dictionary<Value, (int Scope, int Position)> forDeclarations = [];

    /// <summary>Values the backward pass after the forward one declares again inside a reverse loop (popped, recomputed, counters).</summary>
    public HashSet<Value> Redeclared { get; } = [];

    /// <summary>Of those, the ones declared again inside a forward loop (a reverse loop nested in a fused one).</summary>
    public HashSet<Value> RedeclaredInForwardScope { get; } = [];

    /// <summary>For each of <see cref="RedeclaredInForwardScope"/>, the scope of the fused loop's iteration whose reverse part declares it again.</summary>
    public Dictionary<Value, int> FusedIterationOf { get; } = [];

    /// <param name="readAtEnd">Values the companion reads after its last statement besides the result (forward mode's tangent of the result).</param>
    public static EmittedFlow Build(MethodGraph graph, List<ReverseStatement> reverse, IReadOnlyList<Value>? readAtEnd = null)
    {
        var flow = new EmittedFlow();
        foreach (ReverseLoop loop in TapePlanner.AllLoops(reverse.Where(s => s is not ReverseLoop { Fused: true })))
        {
            flow.Redeclared.UnionWith(RedeclaredBy(loop));
        }

        foreach (ReverseLoop fused in reverse.OfType<ReverseLoop>().Where(r => r.Fused))
        {
            flow.RedeclaredInForwardScope.UnionWith(TapePlanner.AllLoops(fused.Body).SelectMany(RedeclaredBy));
        }

        flow.Forward(graph.Body, reverse.OfType<ReverseLoop>().Where(r => r.Fused).ToDictionary(r => r.Loop));

        // The backward pass, after the forward one: what it reads of the forward pass, at the method's scope.
        // A value it declares again is its own variable there, not a read of the forward one.
        flow.Scope = 0;
        flow.Add(flow.NewNode(), [], [.. ReadsOf(reverse.Where(s => s is not ReverseLoop { Fused: true })).Where(v => !flow.Redeclared.Contains(v))]);
        List<Value> atEnd = [.. readAtEnd ?? []];
        if (graph.Result is not null)
        {
            atEnd.Add(graph.Result);
        }

        if (atEnd.Count > 0)
        {
            flow.Add(flow.NewNode(), [], atEnd);
        }

        return flow;
    }

    /// <summary>
    /// Moves the declaration of a stepped counter's storage into its <c>for</c> statement when nothing outside
    /// the loop reads it; true when it did.
    /// </summary>
    public bool TryDeclareInFor(Value storage)
    {
        if (!forDeclarations.TryGetValue(storage, out (int Scope, int Position) inFor) || !InScopeOf(storage, inFor))
        {
            return false;
        }

        Declarations[storage] = inFor;
        return true;
    }

    public static IEnumerable<Value> RedeclaredBy(ReverseLoop reverse) =>
        reverse.Loop.Counters.Select(c => c.Carried.Header).Concat(reverse.Loop.Recomputed.Select(d => d.Target)).Concat(reverse.Loop.Saved)
            .Concat(reverse.Traced.Select(t => t.Carried.Header)).Concat(reverse.SteppedBack.Select(s => s.Carried.Header));

    /// <summary>The values an expression prints: an inlined temporary prints its own expression.</summary>
    public static List<Value> ReadsOf(Expr expr) => expr.UsesThrough(static value => value.Inlined);

    private static List<Value> ReadsOf(IEnumerable<Expr> exprs)
    {
        List<Value> reads = [];
        AddReads(exprs, reads);
        return reads;
    }

    public static List<Value> ReadsOf(IEnumerable<ReverseStatement> statements)
    {
        List<Value> reads = [];
        AddReads(statements, reads);
        return reads;
    }

    // Into one list, in order: the statements' own reads, then their nested statements'.
    private static void AddReads(IEnumerable<ReverseStatement> statements, List<Value> reads)
    {
        foreach (ReverseStatement statement in statements)
        {
            AddReads(statement.Reads, reads);
            foreach (List<ReverseStatement> nested in statement.Nested)
            {
                AddReads(nested, reads);
            }
        }
    }

    private static void AddReads(IEnumerable<Expr> exprs, List<Value> reads)
    {
        foreach (Expr expr in exprs)
        {
            expr.VisitUsesThrough(static value => value.Inlined, reads, static (value, list) => list.Add(value));
        }
    }

    private static Value? Copied(Expr expr) => expr is UseExpr { Value.Inlined: null } use ? use.Value : null;

    private void Forward(Block block, Dictionary<Loop, ReverseLoop> fused)
    {
        foreach (Statement statement in block.Statements)
        {
            switch (statement)
            {
                case Define { ComputedWith: { } partner } define:
                    if (SinCosPairs.IsFirst(define, block.Statements))
                    {
                        // A SinCos pair is one statement: its operand is read before either result is written.
                        Add([define.Target, partner.Target], ReadsOf(define.Expression));
                    }

                    break;
                case Define { Target.Inlined: null } define:
                    Add([define.Target], ReadsOf(define.Expression), Copied(define.Expression));
                    break;
                case CallDefine call:
                    Add(call.Target is null ? [] : [call.Target], ReadsOf(call.Snapshots.Concat(call.Arguments).Concat(call.Pullback?.Reads ?? [])));
                    break;
                case Allocate allocate:
                    Add([allocate.Target], ReadsOf(allocate.Length));
                    break;
                case Store store:
                    Add([], [.. ReadsOf([store.Index, store.Value]), store.Array]);
                    break;
                case SideEffect effect:
                    Add([], ReadsOf(effect.Statement));
                    break;
                case Branch branch:
                    ForwardBranch(branch, fused);
                    break;
                case Loop loop:
                    ForwardLoop(loop, fused);
                    break;
            }
        }
    }

    private void ForwardBranch(Branch branch, Dictionary<Loop, ReverseLoop> fused)
    {
        int? outer = HoistedAt;
        Node test = Add([], ReadsOf(branch.Condition));
        HoistedAt ??= test.Position;
        Forward(branch.Then, fused);
        branch.Merges.ForEach(m => Add([m.Target], ReadsOf(new UseExpr(m.FromThen)), Copied(new UseExpr(m.FromThen))));
        Node thenEnd = Last;
        Last = test;
        Forward(branch.Else, fused);
        branch.Merges.ForEach(m => Add([m.Target], ReadsOf(new UseExpr(m.FromElse)), Copied(new UseExpr(m.FromElse))));
        Node join = NewNode();
        thenEnd.Next.Add(join);
        Add(join, [], []);
        HoistedAt = outer;
    }

    /// <summary>As the writer writes it: storages, count, hoisted adjoints, the test, the iteration, the step, back.</summary>
    private void ForwardLoop(Loop loop, Dictionary<Loop, ReverseLoop> fused)
    {
        int outerScope = Scope;
        int? outerHoisted = HoistedAt;
        int loopScope = NewScope();
        foreach (Carried carried in loop.Carried)
        {
            // The stepped counter's first assignment is where a for statement would declare it.
            Scope = carried == loop.StepCarried ? loopScope : outerScope;
            Node init = Add([carried.Storage], ReadsOf(new UseExpr(carried.Init)), Copied(new UseExpr(carried.Init)));
            if (carried == loop.StepCarried)
            {
                forDeclarations[carried.Storage] = (loopScope, init.Position);
                Declarations[carried.Storage] = (outerScope, HoistedAt ?? init.Position);
            }
        }

        Scope = outerScope;

        if (loop.IsCounted)
        {
            Add([loop.Count], []);
        }

        fused.TryGetValue(loop, out ReverseLoop? adjoint);
        if (adjoint is not null)
        {
            Add([], ReadsOf(adjoint.Hoisted));
        }

        HoistedAt = null;
        Scope = loopScope;
        Node top = Add([], loop.TestFirst ? ReadsOf(loop.Condition) : []);
        Scope = NewScope();
        if (loop.IsCounted)
        {
            Add([loop.Count], [loop.Count]);
        }

        foreach (Carried carried in loop.Carried)
        {
            Add([carried.Header], [carried.Storage], carried.Storage);
        }

        Forward(loop.Body, fused);
        if (adjoint is not null)
        {
            // A value a nested reverse loop declares again is its own variable there, not a read of the forward one.
            Add([], [.. ReadsOf(adjoint.Body).Where(v => !RedeclaredInForwardScope.Contains(v))]);
            foreach (Value redeclared in TapePlanner.AllLoops(adjoint.Body).SelectMany(RedeclaredBy))
            {
                FusedIterationOf[redeclared] = Scope;
            }
        }

        foreach (Carried carried in loop.Carried.Where(c => c != loop.StepCarried))
        {
            Add([carried.Storage], ReadsOf(new UseExpr(carried.Final)), Copied(new UseExpr(carried.Final)));
        }

        Add([], loop.Segment is { } segment ? [.. loop.Saved, .. ReadsOf(segment.IterationIn(loop))] : loop.Saved);
        if (loop.Step is { } step)
        {
            Add([step.Target], ReadsOf(step.Expression));
            Add([loop.StepCarried!.Storage], [step.Target], step.Target);
        }

        Node exit = NewNode();
        if (loop.BreakFlag is { } flag)
        {
            Add([], [flag.Storage]).Next.Add(exit);
        }

        if (loop.TestFirst)
        {
            Last.Next.Add(top);
            top.Next.Add(exit);
        }
        else
        {
            Scope = loopScope;
            Add([], ReadsOf(loop.Condition)).Next.Add(top);
            Last.Next.Add(exit);
        }

        Scope = outerScope;
        HoistedAt = outerHoisted;
        Last = exit;
        if (adjoint is not null)
        {
            Add([], ReadsOf(adjoint.After));
        }
    }
}
