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
internal sealed class EmittedFlow
{
    private sealed class Node(int position, int scope)
    {
        public int Position { get; } = position;

        public int Scope { get; } = scope;

        public List<Value> Defines { get; } = [];

        public List<Value> Reads { get; } = [];

        /// <summary>For <c>a = b</c>: b, which may share a's variable even though it is live here.</summary>
        public Value? CopyOf { get; set; }

        public List<Node> Next { get; } = [];
    }

    private readonly List<Node> nodes = [];
    private readonly List<int> scopeParents = [-1];
    /// <summary>Each value's row of the interference matrix, computed on first use (see <see cref="ComputeInterference"/>).</summary>
    private Dictionary<Value, ulong[]>? interference;
    private readonly Dictionary<Value, int> numbers = [];
    private readonly Dictionary<Value, List<Node>> sites = [];
    private readonly Dictionary<Value, (int Scope, int Position)> declarations = [];
    private readonly Dictionary<Value, (int Scope, int Position)> forDeclarations = [];
    private Node last;
    private int scope;

    /// <summary>The position of the outermost branch of the current block: where its values are declared.</summary>
    private int? hoistedAt;

    private EmittedFlow()
    {
        last = NewNode();
    }

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
        flow.scope = 0;
        flow.Add(flow.NewNode(), [], ReadsOf(reverse.Where(s => s is not ReverseLoop { Fused: true })).Where(v => !flow.Redeclared.Contains(v)));
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

    public bool Interferes(Value a, Value b)
    {
        interference ??= ComputeInterference();
        return interference.TryGetValue(a, out ulong[]? row) && numbers.TryGetValue(b, out int n) && (row[n / 64] & (1UL << (n % 64))) != 0;
    }

    /// <summary>Where the writer declares <paramref name="value"/> (a value defined in a branch: before its outermost if).</summary>
    public (int Scope, int Position) DeclarationOf(Value value) => declarations[value];

    /// <summary>True when <paramref name="value"/> is declared, assigned and read only inside the scopes of a variable declared at <paramref name="declaration"/>.</summary>
    /// <summary>True when scope <paramref name="inner"/> is <paramref name="outer"/> or nested in it.</summary>
    public bool Within(int inner, int outer) => Encloses(outer, inner);

    public bool InScopeOf(Value value, (int Scope, int Position) declaration) =>
        !sites.TryGetValue(value, out List<Node>? at) || at.All(n => n.Position >= declaration.Position && Encloses(declaration.Scope, n.Scope));

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

        declarations[storage] = inFor;
        return true;
    }

    private bool Encloses(int outer, int inner)
    {
        for (int s = inner; s >= 0; s = scopeParents[s])
        {
            if (s == outer)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>How many statements read <paramref name="value"/>.</summary>
    public int ReadCount(Value value) => sites.TryGetValue(value, out List<Node>? at) ? at.Count(n => n.Reads.Contains(value)) : 0;

    /// <summary>The values the forward pass assigns, in the order it first assigns them.</summary>
    public List<Value> Defined { get; } = [];

    public static IEnumerable<Value> RedeclaredBy(ReverseLoop reverse) =>
        reverse.Loop.Counters.Select(c => c.Carried.Header).Concat(reverse.Loop.Recomputed.Select(d => d.Target)).Concat(reverse.Loop.Saved)
            .Concat(reverse.Traced.Select(t => t.Carried.Header)).Concat(reverse.SteppedBack.Select(s => s.Carried.Header));

    private Node NewNode()
    {
        var node = new Node(nodes.Count, scope);
        nodes.Add(node);
        return node;
    }

    private int NewScope()
    {
        scopeParents.Add(scope);
        return scopeParents.Count - 1;
    }

    /// <summary>Appends a statement after the last one.</summary>
    private Node Add(Node node, IEnumerable<Value> defines, IEnumerable<Value> reads, Value? copyOf = null)
    {
        last.Next.Add(node);
        last = node;
        foreach (Value value in defines)
        {
            node.Defines.Add(value);
            Site(value, node);
            if (!declarations.ContainsKey(value))
            {
                Defined.Add(value);
                declarations[value] = (scope, hoistedAt ?? node.Position);
            }
        }

        foreach (Value value in reads.Distinct())
        {
            node.Reads.Add(value);
            Site(value, node);
        }

        node.CopyOf = copyOf;
        return node;
    }

    private Node Add(IEnumerable<Value> defines, IEnumerable<Value> reads, Value? copyOf = null) => Add(NewNode(), defines, reads, copyOf);

    private void Site(Value value, Node node)
    {
        if (!sites.TryGetValue(value, out List<Node>? at))
        {
            sites[value] = at = [];
        }

        at.Add(node);
    }

    /// <summary>The values an expression prints: an inlined temporary prints its own expression.</summary>
    public static IEnumerable<Value> ReadsOf(Expr expr) => expr.UsesThrough(static value => value.Inlined);

    private static IEnumerable<Value> ReadsOf(IEnumerable<Expr> exprs) => exprs.SelectMany(ReadsOf);

    public static IEnumerable<Value> ReadsOf(IEnumerable<ReverseStatement> statements) =>
        statements.SelectMany(s => ReadsOf(s.Reads).Concat(s.Nested.SelectMany(ReadsOf)));

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
                    Add([], ReadsOf([store.Index, store.Value]).Append(store.Array));
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
        int? outer = hoistedAt;
        Node test = Add([], ReadsOf(branch.Condition));
        hoistedAt ??= test.Position;
        Forward(branch.Then, fused);
        branch.Merges.ForEach(m => Add([m.Target], ReadsOf(new UseExpr(m.FromThen)), Copied(new UseExpr(m.FromThen))));
        Node thenEnd = last;
        last = test;
        Forward(branch.Else, fused);
        branch.Merges.ForEach(m => Add([m.Target], ReadsOf(new UseExpr(m.FromElse)), Copied(new UseExpr(m.FromElse))));
        Node join = NewNode();
        thenEnd.Next.Add(join);
        Add(join, [], []);
        hoistedAt = outer;
    }

    /// <summary>As the writer writes it: storages, count, hoisted adjoints, the test, the iteration, the step, back.</summary>
    private void ForwardLoop(Loop loop, Dictionary<Loop, ReverseLoop> fused)
    {
        int outerScope = scope;
        int? outerHoisted = hoistedAt;
        int loopScope = NewScope();
        foreach (Carried carried in loop.Carried)
        {
            // The stepped counter's first assignment is where a for statement would declare it.
            scope = carried == loop.StepCarried ? loopScope : outerScope;
            Node init = Add([carried.Storage], ReadsOf(new UseExpr(carried.Init)), Copied(new UseExpr(carried.Init)));
            if (carried == loop.StepCarried)
            {
                forDeclarations[carried.Storage] = (loopScope, init.Position);
                declarations[carried.Storage] = (outerScope, hoistedAt ?? init.Position);
            }
        }

        scope = outerScope;

        if (loop.IsCounted)
        {
            Add([loop.Count], []);
        }

        fused.TryGetValue(loop, out ReverseLoop? adjoint);
        if (adjoint is not null)
        {
            Add([], ReadsOf(adjoint.Hoisted));
        }

        hoistedAt = null;
        scope = loopScope;
        Node top = Add([], loop.TestFirst ? ReadsOf(loop.Condition) : []);
        scope = NewScope();
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
            Add([], ReadsOf(adjoint.Body).Where(v => !RedeclaredInForwardScope.Contains(v)));
            foreach (Value redeclared in TapePlanner.AllLoops(adjoint.Body).SelectMany(RedeclaredBy))
            {
                FusedIterationOf[redeclared] = scope;
            }
        }

        foreach (Carried carried in loop.Carried.Where(c => c != loop.StepCarried))
        {
            Add([carried.Storage], ReadsOf(new UseExpr(carried.Final)), Copied(new UseExpr(carried.Final)));
        }

        Add([], loop.Saved);
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
            last.Next.Add(top);
            top.Next.Add(exit);
        }
        else
        {
            scope = loopScope;
            Add([], ReadsOf(loop.Condition)).Next.Add(top);
            last.Next.Add(exit);
        }

        scope = outerScope;
        hoistedAt = outerHoisted;
        last = exit;
        if (adjoint is not null)
        {
            Add([], ReadsOf(adjoint.After));
        }
    }

    /// <summary>
    /// Backward liveness to a fixed point, then Chaitin's interference: a value assigned while another is live
    /// interferes with it, except the value a copy copies (the two are equal there). Sets of values are bit
    /// sets over the values numbered in order: the fixed point passes over every statement several times.
    /// </summary>
    private Dictionary<Value, ulong[]> ComputeInterference()
    {
        foreach (Node node in nodes)
        {
            foreach (Value value in node.Defines.Concat(node.Reads))
            {
                if (!numbers.ContainsKey(value))
                {
                    numbers[value] = numbers.Count;
                }
            }
        }

        int words = (numbers.Count + 63) / 64;
        ulong[][] liveIn = nodes.Select(_ => new ulong[words]).ToArray();
        ulong[][] liveOut = nodes.Select(_ => new ulong[words]).ToArray();
        ulong[][] defines = nodes.Select(n => Bits(n.Defines, words)).ToArray();
        ulong[][] reads = nodes.Select(n => Bits(n.Reads, words)).ToArray();
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = nodes.Count - 1; i >= 0; i--)
            {
                ulong[] liveOutHere = liveOut[i];
                foreach (Node next in nodes[i].Next)
                {
                    ulong[] liveInNext = liveIn[next.Position];
                    for (int w = 0; w < words; w++)
                    {
                        liveOutHere[w] |= liveInNext[w];
                    }
                }

                for (int w = 0; w < words; w++)
                {
                    ulong live = (liveOutHere[w] & ~defines[i][w]) | reads[i][w];
                    changed |= live != liveIn[i][w];
                    liveIn[i][w] = live;
                }
            }
        }

        var rows = new Dictionary<Value, ulong[]>();
        Value[] byNumber = new Value[numbers.Count];
        foreach (KeyValuePair<Value, int> numbered in numbers)
        {
            byNumber[numbered.Value] = numbered.Key;
        }

        foreach (Node node in nodes.Where(n => n.Defines.Count > 0))
        {
            var live = new ulong[words];
            for (int w = 0; w < words; w++)
            {
                live[w] = liveOut[node.Position][w] | defines[node.Position][w];
            }

            foreach (Value defined in node.Defines)
            {
                for (int n = 0; n < byNumber.Length; n++)
                {
                    Value other = byNumber[n];
                    if ((live[n / 64] & (1UL << (n % 64))) != 0 && other != defined && other != node.CopyOf)
                    {
                        Interfere(rows, defined, other, words);
                        Interfere(rows, other, defined, words);
                    }
                }
            }
        }

        return rows;
    }

    private ulong[] Bits(IEnumerable<Value> values, int words)
    {
        var bits = new ulong[words];
        foreach (Value value in values)
        {
            int n = numbers[value];
            bits[n / 64] |= 1UL << (n % 64);
        }

        return bits;
    }

    private void Interfere(Dictionary<Value, ulong[]> rows, Value a, Value b, int words)
    {
        if (!rows.TryGetValue(a, out ulong[]? row))
        {
            rows[a] = row = new ulong[words];
        }

        int n = numbers[b];
        row[n / 64] |= 1UL << (n % 64);
    }
}
