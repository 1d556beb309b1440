using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// Where a loop's saved values live on the tape. A push per iteration is a call that may grow the tape, so the
/// JIT keeps the loop's values in memory around it (softmax's exponentials: 8.3 against 5.4 µs, docs/benchmarks.md).
/// When the number of iterations is known before the loop runs (<see cref="TripCount"/>) and nothing else in the
/// body uses the tape, the loop reserves its whole block once (<c>Span&lt;double&gt; block = tape.Reserve(n)</c>),
/// each iteration writes its values at its own index, and the backward pass takes the block back at once and reads
/// each reverse iteration's values at the same index: the same values, in the same place of the stack discipline.
/// </summary>
/// <remarks>
/// Blocks nest. A loop around loops with blocks whose trip counts it does not change (GMM's components around the
/// loop over a component's dimensions, <c>for (c …) for (i = 0; i &lt; d; i++)</c>) reserves one block for them all
/// before it runs, each of its iterations holding its own saved values and then each nested loop's whole block: the
/// inner loops reserve and take back nothing per outer iteration (a tenth of GMM's gradient).
/// </remarks>
internal static class TapeSegments
{
    /// <summary>
    /// For the loops whose reverse iterations run last to first, on their own (not fused into the forward loop), with a
    /// count the backward pass has: kept by the forward loop or computed again (<see cref="AdjointLoopOrder.MarkCounted"/>).
    /// Those whose reverse iterations run first to last have their blocks already (<see cref="ByIteration"/>).
    /// </summary>
    public static void Plan(MethodGraph graph, List<ReverseStatement> reverse, BackwardNames names)
    {
        var reversed = new Dictionary<Loop, ReverseLoop>();
        foreach (ReverseLoop loop in TapePlanner.AllLoops(reverse))
        {
            reversed[loop.Loop] = loop;
        }

        Plan(graph.Body, reversed, names);
    }

    private static void Plan(Block block, Dictionary<Loop, ReverseLoop> reversed, BackwardNames names)
    {
        var definitions = new Dictionary<Value, Define>();
        foreach (Statement statement in block.Statements)
        {
            switch (statement)
            {
                case Define define:
                    definitions[define.Target] = define;
                    break;
                case Branch branch:
                    Plan(branch.Then, reversed, names);
                    Plan(branch.Else, reversed, names);
                    break;
                case Loop loop:
                    Plan(loop.Body, reversed, names);
                    if (loop.Segment is not null || !reversed.TryGetValue(loop, out ReverseLoop? backward) || backward.Forward is not null || backward.Fused)
                    {
                        break;
                    }

                    List<Loop>? nested = NestedBlocks(loop, reversed);
                    if (nested is not null && (loop.Saved.Count > 0 || nested.Count > 0) && For(loop, definitions) is { } segment)
                    {
                        loop.Segment = segment;
                        names.Segments.Add(segment);
                        foreach (Loop inner in nested)
                        {
                            names.Segments.Remove(inner.Segment!);
                            segment.Hold(loop, inner);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Drops the blocks left holding nothing. After the plan, <see cref="Emit.VersionCoalescing"/> may take a loop's only saved
    /// value (the constant start of an inner loop's counter, which it then writes where it is read): a block of no values
    /// and no nested blocks was written as a width of nothing, <c>tape.Reserve(checked((1 +  * 4) * 4))</c>, and with no other
    /// use of the tape, the tape was not even declared (F69).
    /// </summary>
    public static void Prune(Block block, BackwardNames names)
    {
        foreach (Statement statement in block.Statements)
        {
            switch (statement)
            {
                case Branch branch:
                    Prune(branch.Then, names);
                    Prune(branch.Else, names);
                    break;
                case Loop loop:
                    Prune(loop.Body, names);
                    if (loop.Segment is { } segment)
                    {
                        segment.Nested.RemoveAll(inner => inner.Segment is null);
                        if (loop.Saved.Count == 0 && segment.Nested.Count == 0)
                        {
                            names.Segments.Remove(segment);
                            loop.Segment = null;
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The loops directly in <paramref name="loop"/>'s body whose blocks can be part of its own, or null when something
    /// else in the body uses the tape. Such a loop's trip count is the same in every iteration of <paramref name="loop"/>
    /// (no value it reads changes there), and its reverse iterations run first to last, so that the backward pass reads
    /// that count where it takes the outer block back, as the inner loop's own reverse did.
    /// </summary>
    private static List<Loop>? NestedBlocks(Loop loop, Dictionary<Loop, ReverseLoop> reversed)
    {
        HashSet<Value>? changing = null;
        var nested = new List<Loop>();
        foreach (Statement statement in loop.Body.Statements)
        {
            switch (statement)
            {
                case Loop { Segment: { } inner } candidate when candidate.Saved.Count > 0 && reversed.TryGetValue(candidate, out ReverseLoop? order) && order.Forward is not null:
                    changing ??= [.. Nesting.DefinedValues(loop.Body), .. loop.Carried.SelectMany(c => new[] { c.Storage, c.Header, c.Final })];
                    if (TapePlanner.DeepUses(inner.Iterations).Any(changing.Contains))
                    {
                        return null;
                    }

                    nested.Add(candidate);
                    break;
                case Loop other when other.Saved.Count > 0 || OtherTapeUse(other.Body):
                case CallDefine { Snapshots.Count: > 0 }:
                case Branch branch when OtherTapeUse(branch.Then) || OtherTapeUse(branch.Else):
                    return null;
            }
        }

        return nested;
    }

    /// <summary>
    /// The block for a loop whose reverse iterations may then run first to last (<see cref="AdjointLoopOrder.Order"/>,
    /// while the tape is planned, inner loops first): each reads its values at its own index, not from the top of the tape.
    /// </summary>
    public static TapeSegment? ByIteration(Loop loop, IReadOnlyDictionary<Value, Define> definitions) =>
        !OtherTapeUse(loop.Body) ? For(loop, definitions) : null;

    /// <summary>A block for the loop's trip count, written at the iteration its counter says, or null when the loop has no such count.</summary>
    private static TapeSegment? For(Loop loop, IReadOnlyDictionary<Value, Define> definitions) =>
        TripCount.Of(loop, definitions) is { } count && TripCount.IterationOf(loop, definitions) is { } iteration ? new TapeSegment(count, iteration) : null;

    /// <summary>A nested loop that saves values or a call that saves an array: they push while the block is being written.</summary>
    private static bool OtherTapeUse(Block body) => body.Statements.Any(s => s switch
    {
        Loop nested => nested.Saved.Count > 0 || OtherTapeUse(nested.Body),
        CallDefine call => call.Snapshots.Count > 0,
        Branch branch => OtherTapeUse(branch.Then) || OtherTapeUse(branch.Else),
        _ => false,
    });
}

/// <summary>The block of the tape a loop reserves for its saved values (see <see cref="TapeSegments"/>).</summary>
internal sealed class TapeSegment(Expr iterations, Expr iteration)
{
    private string name = "", backName = "";

    /// <summary>The loop's trip count, an int expression of values known before it runs.</summary>
    public Expr Iterations { get; } = iterations;

    /// <summary>
    /// The number of the forward iteration <paramref name="loop"/> (the block's) is running, from 0: its count less one
    /// where it counts anyway, else read from its counter (<c>i − start</c>), so that it need not count to know where
    /// its values go.
    /// </summary>
    public Expr IterationIn(Loop loop) =>
        loop.IsCounted ? new BinaryExpr("-", new UseExpr(loop.Count), new TextExpr("1", isPure: true)) : iteration;

    /// <summary>The forward pass's span of the block (given by <c>Naming</c>), the enclosing block's for a nested one.</summary>
    public string Name
    {
        get => Enclosing?.Segment!.Name ?? name;
        set => name = value;
    }

    /// <summary>The backward pass's span of the same block, taken back from the tape (given by <c>Naming</c>).</summary>
    public string BackName
    {
        get => Enclosing?.Segment!.BackName ?? backName;
        set => backName = value;
    }

    /// <summary>Where an iteration's part of the block starts, in the forward pass: for a block holding nested ones, or nested in one.</summary>
    public string StartName { get; set; } = "";

    /// <summary>The same in the backward pass.</summary>
    public string BackStartName { get; set; } = "";

    /// <summary>
    /// Set when the block is part of the block of the loop around (<see cref="TapeSegments"/>): it reserves and takes
    /// back nothing of its own; each iteration of that loop holds a whole block of this one.
    /// </summary>
    public Loop? Enclosing { get; private set; }

    /// <summary>The loops whose blocks are part of each iteration's block here, in order, after the loop's own saved values.</summary>
    public List<Loop> Nested { get; } = [];

    /// <summary>Makes the block of <paramref name="inner"/>, a loop directly in <paramref name="loop"/> (this block's), the next part of each iteration's block here.</summary>
    public void Hold(Loop loop, Loop inner)
    {
        inner.Segment!.Enclosing = loop;
        Nested.Add(inner);
    }

    /// <summary>A nested block that comes first in the enclosing loop's iteration, which saves nothing of its own: it starts where the iteration's part does.</summary>
    public bool StartsItsIteration => Enclosing is { } loop && loop.Saved.Count == 0 && loop.Segment!.Nested[0].Segment == this;
}
