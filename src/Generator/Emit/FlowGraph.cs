using System;
using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// Statements of generated code as a flow graph, in the order and the C# scopes the writer writes them, with the
/// variables each assigns and reads: which are live at the same time (their interference), where each is declared
/// and used, and from that which ones may share one variable (<see cref="Coalesce"/>). Built for the values of the
/// forward pass (<see cref="EmittedFlow"/>) and for the adjoints of the backward pass (<see cref="AdjointCoalescing"/>);
/// a node's variables are keyed by the <see cref="Value"/> they belong to.
/// </summary>
internal abstract class FlowGraph
{
    protected sealed class Node(int position, int scope)
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

    protected FlowGraph()
    {
        Last = NewNode();
    }

    /// <summary>Where each variable is declared: its scope, and the position of the statement before which it is.</summary>
    protected Dictionary<Value, (int Scope, int Position)> Declarations { get; } = [];

    /// <summary>The statement written last: the next one follows it.</summary>
    protected Node Last { get; set; }

    /// <summary>The scope statements are written in now (0: the method's body).</summary>
    protected int Scope { get; set; }

    /// <summary>Where a variable first assigned now is declared instead of at its statement (the forward pass: before the outermost if).</summary>
    protected int? HoistedAt { get; set; }

    /// <summary>The variables the statements assign, in the order they first assign them.</summary>
    public List<Value> Defined { get; } = [];

    /// <summary>Where the writer declares <paramref name="value"/>.</summary>
    public (int Scope, int Position) DeclarationOf(Value value) => Declarations[value];

    /// <summary>True when scope <paramref name="inner"/> is <paramref name="outer"/> or nested in it.</summary>
    public bool Within(int inner, int outer) => Encloses(outer, inner);

    /// <summary>True when <paramref name="value"/> is declared, assigned and read only inside the scopes of a variable declared at <paramref name="declaration"/>.</summary>
    public bool InScopeOf(Value value, (int Scope, int Position) declaration) =>
        !sites.TryGetValue(value, out List<Node>? at) || at.All(n => n.Position >= declaration.Position && Encloses(declaration.Scope, n.Scope));

    /// <summary>How many statements read <paramref name="value"/>.</summary>
    public int ReadCount(Value value) => sites.TryGetValue(value, out List<Node>? at) ? at.Count(n => n.Reads.Contains(value)) : 0;

    /// <summary>
    /// Greedily, in the order the code assigns them: each of <paramref name="candidates"/> joins the first variable of
    /// its kind (<paramref name="variableOf"/>) that is not live while it is, and whose declaration's scope holds all its
    /// uses; <paramref name="join"/> gets the value and the variable's first member, which declares it.
    /// </summary>
    /// <remarks>
    /// A variable keeps the union of its members' interference rows: whether a value interferes with any member is one
    /// bit of it (interference is symmetric), not a test per member.
    /// </remarks>
    public void Coalesce<TKey>(IEnumerable<Value> candidates, Func<Value, TKey> variableOf, Action<Value, Value> join)
    {
        interference ??= ComputeInterference();
        int words = (numbers.Count + 63) / 64;
        var variables = new Dictionary<TKey, List<Variable>>();
        foreach (Value value in candidates)
        {
            TKey key = variableOf(value);
            if (!variables.TryGetValue(key, out List<Variable>? kind))
            {
                variables[key] = kind = [];
            }

            bool numbered = numbers.TryGetValue(value, out int n);
            Variable? variable = null;
            foreach (Variable existing in kind)
            {
                if (!(numbered && (existing.Interfering[n / 64] & (1UL << (n % 64))) != 0) && InScopeOf(value, DeclarationOf(existing.First)))
                {
                    variable = existing;
                    break;
                }
            }

            if (variable is null)
            {
                variable = new Variable(value, new ulong[words]);
                kind.Add(variable);
            }
            else
            {
                join(value, variable.First);
            }

            if (interference.TryGetValue(value, out ulong[]? row))
            {
                for (int w = 0; w < words; w++)
                {
                    variable.Interfering[w] |= row[w];
                }
            }
        }
    }

    /// <summary>A variable being coalesced: the value that declares it, and what any of its members interferes with.</summary>
    private sealed class Variable(Value first, ulong[] interfering)
    {
        public Value First { get; } = first;

        public ulong[] Interfering { get; } = interfering;
    }

    protected bool Encloses(int outer, int inner)
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

    protected Node NewNode()
    {
        var node = new Node(nodes.Count, Scope);
        nodes.Add(node);
        return node;
    }

    protected int NewScope()
    {
        scopeParents.Add(Scope);
        return scopeParents.Count - 1;
    }

    /// <summary>Appends a statement after the last one.</summary>
    protected Node Add(Node node, IReadOnlyList<Value> defines, IReadOnlyList<Value> reads, Value? copyOf = null)
    {
        Last.Next.Add(node);
        Last = node;
        // Indexed, not enumerated: an interface's enumerator is an object, and this runs for every statement written.
        for (int i = 0; i < defines.Count; i++)
        {
            Value value = defines[i];
            node.Defines.Add(value);
            Site(value, node);
            if (!Declarations.ContainsKey(value))
            {
                Defined.Add(value);
                Declarations[value] = (Scope, HoistedAt ?? node.Position);
            }
        }

        for (int i = 0; i < reads.Count; i++)
        {
            Value value = reads[i];
            if (!node.Reads.Contains(value)) // a statement's reads are few: a list beats a set
            {
                node.Reads.Add(value);
                Site(value, node);
            }
        }

        node.CopyOf = copyOf;
        return node;
    }

    protected Node Add(IReadOnlyList<Value> defines, IReadOnlyList<Value> reads, Value? copyOf = null) => Add(NewNode(), defines, reads, copyOf);

    private void Site(Value value, Node node)
    {
        if (!sites.TryGetValue(value, out List<Node>? at))
        {
            sites[value] = at = [];
        }

        at.Add(node);
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
            Number(node.Defines);
            Number(node.Reads);
        }

        // One row of `words` bits per statement, all rows of a set in one array.
        int words = (numbers.Count + 63) / 64;
        var liveIn = new ulong[nodes.Count * words];
        var liveOut = new ulong[nodes.Count * words];
        var defines = new ulong[nodes.Count * words];
        var reads = new ulong[nodes.Count * words];
        foreach (Node node in nodes)
        {
            SetBits(defines, node.Position * words, node.Defines);
            SetBits(reads, node.Position * words, node.Reads);
        }

        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = nodes.Count - 1; i >= 0; i--)
            {
                int here = i * words;
                foreach (Node next in nodes[i].Next)
                {
                    int there = next.Position * words;
                    for (int w = 0; w < words; w++)
                    {
                        liveOut[here + w] |= liveIn[there + w];
                    }
                }

                for (int w = 0; w < words; w++)
                {
                    ulong liveHere = (liveOut[here + w] & ~defines[here + w]) | reads[here + w];
                    changed |= liveHere != liveIn[here + w];
                    liveIn[here + w] = liveHere;
                }
            }
        }

        var rows = new Dictionary<Value, ulong[]>();
        Value[] byNumber = new Value[numbers.Count];
        foreach (KeyValuePair<Value, int> numbered in numbers)
        {
            byNumber[numbered.Value] = numbered.Key;
        }

        var live = new ulong[words];
        foreach (Node node in nodes)
        {
            if (node.Defines.Count == 0)
            {
                continue;
            }

            for (int w = 0; w < words; w++)
            {
                live[w] = liveOut[node.Position * words + w] | defines[node.Position * words + w];
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

    private void Number(List<Value> values)
    {
        foreach (Value value in values)
        {
            if (!numbers.ContainsKey(value))
            {
                numbers[value] = numbers.Count;
            }
        }
    }

    /// <summary>Sets the bits of <paramref name="values"/> in the row that starts at <paramref name="row"/>.</summary>
    private void SetBits(ulong[] rows, int row, List<Value> values)
    {
        foreach (Value value in values)
        {
            int n = numbers[value];
            rows[row + n / 64] |= 1UL << (n % 64);
        }
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
