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
internal static class TapeSegments
{
    /// <summary>After <see cref="AdjointLoopOrder.MarkCounted"/>: the loop must count its iterations, the index of each.</summary>
    public static void Plan(MethodGraph graph, BackwardNames names) => Plan(graph.Body, names);

    private static void Plan(Block block, BackwardNames names)
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
                    Plan(branch.Then, names);
                    Plan(branch.Else, names);
                    break;
                case Loop loop:
                    Plan(loop.Body, names);
                    if (loop.Segment is null && loop.Saved.Count > 0 && loop.IsCounted && !OtherTapeUse(loop.Body) && For(loop, definitions) is { } segment)
                    {
                        loop.Segment = segment;
                        names.Segments.Add(segment);
                    }

                    break;
            }
        }
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
    /// <summary>The loop's trip count, an int expression of values known before it runs.</summary>
    public Expr Iterations { get; } = iterations;

    /// <summary>
    /// The number of the forward iteration <paramref name="loop"/> (the block's) is running, from 0: its count less one
    /// where it counts anyway, else read from its counter (<c>i − start</c>), so that it need not count to know where
    /// its values go.
    /// </summary>
    public Expr IterationIn(Loop loop) =>
        loop.IsCounted ? new BinaryExpr("-", new UseExpr(loop.Count), new TextExpr("1", isPure: true)) : iteration;

    /// <summary>The forward pass's span of the block (given by <c>Naming</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The backward pass's span of the same block, taken back from the tape (given by <c>Naming</c>).</summary>
    public string BackName { get; set; } = "";
}
