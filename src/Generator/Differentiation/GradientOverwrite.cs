using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// <c>FGradient</c> clears the adjoints and, where nothing can have written one before, assigns it instead of
/// adding, as a hand-written gradient does: reading back values just cleared costs about as much as the rest of
/// Rosenbrock's gradient (docs/benchmarks.md). Two cases:
/// <list type="bullet">
/// <item>an element of an adjoint span that a fused loop writes once (<see cref="ElementCarry"/>). Fused loops run
/// inside the forward pass, before the rest of the backward pass, so that write is the element's first unless
/// another fused loop adds into the same array: then both add;</item>
/// <item>a scalar parameter's adjoint (an <c>out</c> of <c>FGradient</c>) whose first touch is an addition at the
/// top of the backward pass, which runs on every call: it becomes <c>dw = …;</c>, with no clearing before it.
/// The compiler checks this plan: an <c>out</c> parameter read or passed by <c>ref</c> before that assignment
/// would not compile (CS0269), so a missed earlier contribution cannot be silently overwritten.</item>
/// </list>
/// A body of its own makes <c>FGradient</c> as long as <c>FBackward</c>. For an array that pays for itself (a
/// read saved per element); for scalars it saves a store and a read per parameter, which shows only where the
/// body is small and has no loop (the cs231n neuron: 1.3 ns of 10), so other methods keep calling <c>FBackward</c>.
/// </summary>
internal static class GradientOverwrite
{
    /// <summary>Up to this many backward statements and no loop, a method whose scalar adjoints can be assigned gets its own <c>FGradient</c> body.</summary>
    private const int SmallBackward = 16;

    public static void Plan(List<ReverseStatement> root, MethodGraph graph)
    {
        List<ReverseLoop> fused = root.OfType<ReverseLoop>().Where(r => r.Fused).ToList();
        foreach (ReverseLoop loop in fused)
        {
            foreach (Accumulate write in Assignments(loop).ToList())
            {
                if (fused.Any(other => other != loop && Statements(other).Any(s => ElementCarry.AddsInto(s, write.Target))))
                {
                    write.Assigns = false;
                }
            }
        }

        var definitions = graph.Body.Statements.OfType<Define>().ToDictionary(d => d.Target);
        foreach (ReverseLoop loop in fused)
        {
            ClearAfter(loop, definitions);
        }

        // Each scalar parameter's first touch, found in one pass over the backward pass (in its order), not one per parameter.
        List<Value> scalars = [.. graph.Parameters.Where(p => p.IsActive && !p.IsArray)];
        var inFusedLoops = new HashSet<Value>(fused.SelectMany(Statements).SelectMany(Touched));
        var firstTouch = new Dictionary<Value, ReverseStatement>();
        foreach (ReverseStatement statement in root.Where(s => s is not ReverseLoop { Fused: true }))
        {
            if (scalars.TrueForAll(firstTouch.ContainsKey))
            {
                break;
            }

            foreach (Value touched in ElementCarry.Flatten(statement).SelectMany(Touched).Where(v => !firstTouch.ContainsKey(v)))
            {
                firstTouch[touched] = statement;
            }
        }

        foreach (Value parameter in scalars.Where(p => !inFusedLoops.Contains(p)))
        {
            if (firstTouch.TryGetValue(parameter, out ReverseStatement? first) && first is Accumulate { Index: null } addition
                && addition.Target == parameter && !ReadsAdjoint(addition.Amount, parameter))
            {
                addition.Assigns = true;
            }
        }
    }

    /// <summary>
    /// An array whose elements a fused loop assigns one after another (<see cref="ElementCarry"/>: <c>dx[i] = …</c>
    /// in every iteration, <c>dx[i] = dxNext</c> after the last) is not cleared before the loop: after it, the
    /// elements outside the run it wrote are (<see cref="ClearUnwritten"/>). The run is <c>[init, i]</c> when the
    /// loop ran and its iterations wrote, which is all or none of them: they write unconditionally, or under the
    /// one test of the invariant adjoint around the whole body (<see cref="InvariantZeroTest"/>). Written where
    /// nothing else can touch the array first: fused loops run in the forward pass, and a second fused loop
    /// adding into the array made these writes additions (<see cref="Plan"/>).
    /// </summary>
    /// <param name="definitions">The definitions of the method's top level, where fused loops are: a counter's start.</param>
    private static void ClearAfter(ReverseLoop loop, IReadOnlyDictionary<Value, Define> definitions)
    {
        // The invariant test, when there is one, is the whole body (InvariantZeroTest).
        ReverseBranch? guard = loop.Body.Count == 1 && loop.Body[0] is ReverseBranch { Else.Count: 0 } test ? test : null;
        List<ReverseStatement> iteration = guard?.Then ?? loop.Body;
        foreach (ReverseBranch last in loop.After.OfType<ReverseBranch>().ToList())
        {
            if (last is not { Condition: BinaryExpr { Operator: "!=" } ran, Then.Count: 1, Else.Count: 0 }
                || last.Then[0] is not Accumulate { Assigns: true, Index: { } index } write
                || !iteration.Any(s => s is Accumulate { Assigns: true } a && a.Target == write.Target))
            {
                continue;
            }

            Expr written = guard is null ? ran : Build.And(guard.Condition, ran);
            loop.After.Add(new ClearUnwritten(write.Target, written, ran.Right, new BinaryExpr("+", index, new TextExpr("1", isPure: true)))
            {
                WholeSpan = WritesWholeSpan(loop.Loop, definitions, index, write.Target),
            });
        }
    }

    /// <summary>
    /// Whether a loop that ran wrote every element of <paramref name="array"/>'s span: it counts from 0 with
    /// <c>i &lt; array.Length - 1</c> (Rosenbrock's), so after it the last carry went to <c>dx[array.Length - 1]</c>
    /// and the run <c>[0, i + 1)</c> is the span. Then only a loop that did not run leaves anything to clear, and
    /// the clearing is one test instead of clamping bounds the JIT cannot fold (docs/benchmarks.md, Rosenbrock branch).
    /// </summary>
    private static bool WritesWholeSpan(Loop loop, IReadOnlyDictionary<Value, Define> definitions, Expr index, Value array) =>
        TripCount.ExitFromZero(loop, definitions) is var (counter, bound)
        && index is UseExpr { Value: var last } && last == counter.Storage
        && bound is BinaryExpr { Operator: "-", Left: MemberExpr { Name: "Length", Receiver: UseExpr { Value: var measured } }, Right: TextExpr { Text: "1" } }
        && measured == array;

    /// <summary>The adjoint spans <c>FGradient</c> does not clear first: a fused loop's <see cref="ClearUnwritten"/> clears what it did not write.</summary>
    public static IEnumerable<Value> ClearedAfter(List<ReverseStatement> root) =>
        root.OfType<ReverseLoop>().Where(r => r.Fused).SelectMany(r => r.After.OfType<ClearUnwritten>()).Select(c => c.Array);

    /// <summary>Whether <c>FGradient</c> runs a body of its own (and so assigns), instead of clearing and calling <c>FBackward</c>.</summary>
    public static bool OwnBody(List<ReverseStatement> root) =>
        root.OfType<ReverseLoop>().Where(r => r.Fused).Any(r => Assignments(r).Any())
        || (ScalarAssignments(root).Any() && IsSmall(root));

    /// <summary>
    /// Straight-line code (a loop's iterations outweigh what assigning saves) of a few statements. Its
    /// <c>FBackward</c> is also small enough to inline into its callers (<c>CompanionWriter.WriteBackward</c>).
    /// </summary>
    public static bool IsSmall(List<ReverseStatement> root)
    {
        List<ReverseStatement> all = ElementCarry.FlattenAll(root);
        return all.Count <= SmallBackward && !all.OfType<ReverseLoop>().Any();
    }

    /// <summary>The scalar adjoints <c>FGradient</c>'s own body assigns before anything reads them: they need no clearing.</summary>
    public static IEnumerable<Value> ScalarAssignments(List<ReverseStatement> root) =>
        root.OfType<Accumulate>().Where(a => a is { Assigns: true, Index: null }).Select(a => a.Target);

    private static IEnumerable<Accumulate> Assignments(ReverseLoop loop) => Statements(loop).OfType<Accumulate>().Where(a => a.Assigns);

    private static IEnumerable<ReverseStatement> Statements(ReverseLoop loop) =>
        ElementCarry.FlattenAll(loop.Hoisted.Concat(loop.Body).Concat(loop.After));

    /// <summary>The adjoints the statement itself (not what is nested in it) writes or reads.</summary>
    public static IEnumerable<Value> Touched(ReverseStatement statement)
    {
        Value? target = statement switch
        {
            Accumulate accumulate => accumulate.Target,
            DeclareAdjoint declare => declare.Target,
            SetAdjoint set => set.Target,
            _ => null,
        };
        IEnumerable<Value> read = statement.Reads.SelectMany(e => e.Walk()).OfType<AdjointExpr>().Select(a => a.Value);
        return target is null ? read : read.Prepend(target);
    }

    private static bool ReadsAdjoint(Expr expr, Value value) => expr.Walk().OfType<AdjointExpr>().Any(a => a.Value == value);
}
