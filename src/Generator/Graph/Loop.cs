using System.Collections.Generic;

namespace SymbolicDiff.Generator.Graph;

/// <summary>
/// A loop (for, while, do, foreach — all lowered to one form). Variables assigned in the body live in a
/// storage value across iterations; inside the body they are SSA values like everywhere else, starting
/// from a per-iteration header copy and ending in a final value that is copied back to the storage.
/// The backward pass runs the iterations in reverse, <see cref="Count"/> times, and reads the values of
/// each iteration that it needs from a tape the forward pass pushed them on (<see cref="Saved"/>).
/// </summary>
internal sealed class Loop(Value count, List<Carried> carried, Expr condition, bool testFirst, Block body, Carried? breakFlag) : Statement
{
    /// <summary>A passive int: how many iterations ran.</summary>
    public Value Count { get; } = count;

    public List<Carried> Carried { get; } = carried;

    /// <summary>Evaluated before each iteration (or after, for do/while); reads the storages.</summary>
    public Expr Condition { get; } = condition;

    public bool TestFirst { get; } = testFirst;

    public Block Body { get; } = body;

    /// <summary>Where the loop statement starts in the source: names the loop to a second parse (<see cref="Differentiation.ShiftInvariance"/>).</summary>
    public int Position { get; init; }

    /// <summary>Set when the body breaks or returns: the flag that leaves the loop at the end of the iteration.</summary>
    public Carried? BreakFlag { get; } = breakFlag;

    /// <summary>Set after the backward pass is known: the body's values it reads, pushed at the end of each iteration.</summary>
    public List<Value> Saved { get; } = [];

    /// <summary>
    /// Set when <see cref="Saved"/> goes into one block of the tape reserved before the loop, written and read by
    /// iteration instead of pushed and popped (<see cref="Differentiation.TapeSegments"/>).
    /// </summary>
    public Differentiation.TapeSegment? Segment { get; set; }

    /// <summary>
    /// Carried ints that every iteration advances by the same step (<c>i++</c>, <c>i += 2</c>): in reverse
    /// iteration k their value is <c>Init + step·(k − 1)</c>, so they are recomputed instead of saved.
    /// </summary>
    public List<Counter> Counters { get; } = [];

    /// <summary>
    /// Definitions in the body that the backward pass computes again instead of saving: constants and
    /// cheap arithmetic (no calls) of values it has anyway (<c>int j = 0</c>, <c>x[i + 1] - x[i] * x[i]</c>).
    /// </summary>
    public List<Define> Recomputed { get; } = [];

    /// <summary>
    /// False when nothing reads <see cref="Count"/> (the backward pass runs no reverse iterations of this loop,
    /// or runs them in forward order): the forward loop then does not count.
    /// </summary>
    public bool IsCounted { get; set; } = true;

    /// <summary>The user wrote it as a <c>for</c> statement (the generated loop may then be one too).</summary>
    public bool WrittenAsFor { get; init; }

    /// <summary>
    /// Set by <c>VersionCoalescing</c>: the counter's step (<c>i_3 = i_2 + 1</c>), taken out of <see cref="Body"/>
    /// and run at the end of the iteration, after everything else that reads the counter, as a <c>for</c>
    /// loop's step does; null when the loop has no such counter.
    /// </summary>
    public Define? Step { get; set; }

    /// <summary>The carried variable <see cref="Step"/> advances.</summary>
    public Carried? StepCarried { get; set; }

    /// <summary>What <see cref="Step"/> adds to the counter.</summary>
    public int StepSize { get; set; }

    /// <summary>
    /// Set by <c>VersionCoalescing</c> when nothing outside the loop reads the stepped counter: its
    /// declaration goes into the <c>for</c> statement (<c>for (int i = 0; …; i++)</c>), whose scope it is.
    /// </summary>
    public bool DeclaresCounter { get; set; }

    /// <summary>Set when the loop also runs as <c>Vector256</c> lanes before its scalar loop (<see cref="Differentiation.Vectorization"/>).</summary>
    public Differentiation.VectorLoop? Vector { get; set; }
}

/// <summary>A variable assigned in a loop: its value before the loop, its storage, and its SSA values in the body.</summary>
internal sealed class Carried(Value init, Value storage, Value header)
{
    /// <summary>The value before the loop.</summary>
    public Value Init { get; } = init;

    /// <summary>The variable that carries the value from one iteration to the next; after the loop, the exit value.</summary>
    public Value Storage { get; } = storage;

    /// <summary>The value at the start of an iteration (a copy of the storage).</summary>
    public Value Header { get; } = header;

    /// <summary>The value at the end of an iteration (copied back to the storage).</summary>
    public Value Final { get; set; } = header;
}

/// <summary>A carried int that every iteration advances by <see cref="Step"/>.</summary>
internal sealed class Counter(Carried carried, int step)
{
    public Carried Carried { get; } = carried;

    public int Step { get; } = step;
}
