using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>A statement of the backward pass.</summary>
internal abstract class ReverseStatement
{
    /// <summary>
    /// The expressions this statement itself evaluates (not those of nested statements): what it needs
    /// from the forward pass, so nothing it reads is inlined away or left off the tape.
    /// </summary>
    public abstract IEnumerable<Expr> Reads { get; }

    /// <summary>The statement lists inside it (the sides of a branch, the body of a loop), for walks over the whole pass.</summary>
    public virtual IEnumerable<List<ReverseStatement>> Nested => [];
}

/// <summary>
/// <c>d[Target] += Amount</c> — one edge of the chain rule; <c>dTarget[Index] += Amount</c> for an element of
/// an array. When <see cref="Declares"/> is set it is the first contribution and is written as the
/// adjoint's declaration, <c>double dTarget = Amount;</c>.
/// </summary>
internal sealed class Accumulate(Value target, Expr amount, Expr? index = null) : ReverseStatement
{
    public Value Target { get; } = target;

    public Expr? Index { get; } = index;

    public Expr Amount { get; set; } = amount;

    public bool Declares { get; set; }

    /// <summary>
    /// In <c>FGradient</c>, where the adjoints start cleared, nothing has written this element before: the
    /// addition is written as an assignment, with no read of the element (set by <see cref="ElementCarry"/>,
    /// kept by <see cref="GradientOverwrite"/>). <c>FBackward</c> still adds.
    /// </summary>
    public bool Assigns { get; set; }

    public override IEnumerable<Expr> Reads => Index is null ? [Amount] : [Amount, Index];
}

/// <summary><c>double dTarget = 0;</c> before contributions that cannot declare it themselves (inside a branch, or by ref).</summary>
internal sealed class DeclareAdjoint(Value target) : ReverseStatement
{
    public Value Target { get; } = target;

    public override IEnumerable<Expr> Reads => [];
}

/// <summary>The backward pass of an if/else: the same condition, each side reversed.</summary>
internal sealed class ReverseBranch(Expr condition, List<ReverseStatement> then, List<ReverseStatement> otherwise) : ReverseStatement
{
    public Expr Condition { get; } = condition;

    public List<ReverseStatement> Then { get; } = then;

    public List<ReverseStatement> Else { get; } = otherwise;

    public override IEnumerable<Expr> Reads => [Condition];

    public override IEnumerable<List<ReverseStatement>> Nested => [Then, Else];
}

/// <summary>
/// <c>Callee.NameBackward(arguments, [seed,] adjoints…)</c>: the callee accumulates its gradient into the
/// adjoints of our values. Local arrays it read are first popped from the tape into their replay buffers
/// (<see cref="Restores"/>). The adjoints of arrays it wrote are consumed by the pullback itself: it clears
/// the elements it wrote, so an element it left alone keeps its adjoint for the value it held before.
/// A scalar callee's pullback is skipped where its seed (and the seed's tangent) is 0: it would add 0, and
/// inside it that 0 may meet an infinite value the caller passed in (finding F19, <see cref="ZeroTest"/>).
/// </summary>
internal sealed class BackwardCall(
    Callee callee,
    IReadOnlyList<Expr> arguments,
    Expr? seed,
    IReadOnlyList<Expr> adjointArguments,
    IReadOnlyList<Value> contributed,
    IReadOnlyList<Expr> restores) : ReverseStatement
{
    public Callee Callee { get; } = callee;

    public IReadOnlyList<Expr> Arguments { get; } = arguments;

    /// <summary>The adjoint of the call's result; null for a vector-valued callee.</summary>
    public Expr? Seed { get; set; } = seed;

    /// <summary>The seed's tangent, passed after it, in the twin of a pullback call (second order); null otherwise.</summary>
    public Expr? SeedTangent { get; init; }

    /// <summary>The seed and its tangent, where there are.</summary>
    public IEnumerable<Expr> Seeds => new[] { Seed, SeedTangent }.OfType<Expr>();

    /// <summary><c>ref dX</c>, adjoint spans, or scratch, one per parameter that has an adjoint.</summary>
    public IReadOnlyList<Expr> AdjointArguments { get; } = adjointArguments;

    /// <summary>The scalar values whose adjoints the call adds to (they must be declared before it).</summary>
    public IReadOnlyList<Value> Contributed { get; } = contributed;

    public IReadOnlyList<Expr> Restores { get; } = restores;

    /// <summary>Also the receiver: an object the forward pass made or read (<c>model.FBackward(…)</c>) is needed again here (F43).</summary>
    public override IEnumerable<Expr> Reads => Arguments.Concat(AdjointArguments).Concat(Restores).Concat(Seeds).Prepend(Callee.PullbackReceiver);
}

/// <summary>
/// The backward pass of a loop: the iterations in reverse order, each first popping the values of its
/// forward iteration from the tape (<see cref="Graph.Loop.Saved"/>, in reverse order).
/// </summary>
internal sealed class ReverseLoop(Loop loop, IReadOnlyList<Carried> withAdjoint, List<ReverseStatement> body) : ReverseStatement
{
    public Loop Loop { get; } = loop;

    /// <summary>The carried variables whose adjoint the reverse iterations carry (active ones the result depends on).</summary>
    public IReadOnlyList<Carried> WithAdjoint { get; } = withAdjoint;

    public List<ReverseStatement> Body { get; } = body;

    /// <summary>
    /// Set when the reverse iterations do not depend on one another (see <see cref="AdjointLoopOrder"/>): they
    /// run first to last, as <c>for (counter = init; condition; counter += step)</c>, with no count.
    /// </summary>
    public ForwardOrder? Forward { get; set; }

    /// <summary>
    /// Set when, besides, everything the body reads from outside is known before the loop runs: the body is
    /// written inside the forward loop (one pass) and <see cref="Hoisted"/> goes before that loop.
    /// </summary>
    public bool Fused { get; set; }

    /// <summary>The adjoint declarations a fused body reads (<c>double ds = seed;</c>), moved before the forward loop.</summary>
    public List<ReverseStatement> Hoisted { get; } = [];

    /// <summary>What a fused body leaves for after the forward loop (the last carried element adjoint).</summary>
    public List<ReverseStatement> After { get; } = [];

    /// <summary>Carried ints the reverse iterations take back by a nested loop's trip count instead of popping them (<see cref="NestedSteps"/>).</summary>
    public List<NestedStep> SteppedBack { get; init; } = [];

    /// <summary>A test the reverse iterations run under, as a whole (<c>ds != 0</c>, see <see cref="InvariantZeroTest.GuardLoops"/>); null when none.</summary>
    public Expr? Guard { get; set; }

    /// <summary>
    /// Set when the body's zero tests of a local gradient computed before the loop can go where it is finite: the test
    /// (<c>double.IsFinite(g)</c>), chosen once, under which <see cref="Untested"/> runs instead of <see cref="Body"/>
    /// (<see cref="FiniteVersion"/>); null when none.
    /// </summary>
    public Expr? Finite { get; set; }

    /// <summary>The body without those tests: its statements where they had none, new ones where they had.</summary>
    public List<ReverseStatement> Untested { get; } = [];

    /// <summary>Running extrema whose old values come from a trace instead of the tape (<see cref="RunningExtremes"/>).</summary>
    public List<TracedExtremum> Traced { get; } = [];

    public override IEnumerable<List<ReverseStatement>> Nested => [Body];

    /// <summary>Its count (or, in forward order, its condition), and what its recomputed counters and values start from.</summary>
    public override IEnumerable<Expr> Reads =>
        [Forward?.Condition ?? new UseExpr(Loop.Count), .. (Forward is not null && Loop.Segment is { } segment ? [segment.Iterations] : Enumerable.Empty<Expr>()), .. Loop.Counters.Select(c => new UseExpr(c.Carried.Init)), .. Loop.Recomputed.Select(d => d.Expression),
            .. Traced.SelectMany(t => new[] { t.Order.Condition, t.Candidate }), .. SteppedBack.Select(s => new UseExpr(s.StartOf(this))), .. (Guard is null ? Enumerable.Empty<Expr>() : [Guard]), .. (Finite is null ? Enumerable.Empty<Expr>() : [Finite])];
}

/// <summary>A loop's reverse iterations in forward order: the counter its condition reads, the user's condition read on that counter, and the other counters, which step with it.</summary>
internal sealed class ForwardOrder(Counter counter, Expr condition, IReadOnlyList<Counter> alongside)
{
    public Counter Counter { get; } = counter;

    /// <summary>The loop's condition, reading the counter's per-iteration value instead of its storage.</summary>
    public Expr Condition { get; } = condition;

    /// <summary>The loop's other recomputed counters, declared and stepped in the same <c>for</c>.</summary>
    public IReadOnlyList<Counter> Alongside { get; } = alongside;
}

/// <summary>
/// <c>dStorage = Amount</c> at the end of a reverse iteration: the adjoint carried to the previous iteration
/// is the adjoint of this iteration's header value.
/// </summary>
internal sealed class SetAdjoint(Value target, Expr amount) : ReverseStatement
{
    public Value Target { get; } = target;

    public Expr Amount { get; set; } = amount;

    public override IEnumerable<Expr> Reads => [Amount];
}

/// <summary>
/// In <c>FGradient</c>, after a fused loop that assigned the elements <c>[Start, End)</c> of an adjoint span (none
/// where <see cref="Written"/> is false), clears the span's other elements, so the span needs no clearing before
/// (<see cref="GradientOverwrite"/>). <c>FBackward</c>, which adds into the caller's adjoints, writes nothing for it.
/// </summary>
internal sealed class ClearUnwritten(Value array, Expr written, Expr start, Expr end) : ReverseStatement
{
    public Value Array { get; } = array;

    public Expr Written { get; } = written;

    public Expr Start { get; } = start;

    public Expr End { get; } = end;

    /// <summary>Proven: where <see cref="Written"/> holds, <c>[Start, End)</c> is the whole span, so only a span nothing was written to needs clearing.</summary>
    public bool WholeSpan { get; init; }

    public override IEnumerable<Expr> Reads => [Written, Start, End];
}

/// <summary><c>dArray[Index] = 0</c>: the backward pass of a store, after the element's adjoint went to the stored value.</summary>
internal sealed class ClearElement(Value array, Expr index) : ReverseStatement
{
    public Value Array { get; } = array;

    public Expr Index { get; } = index;

    public override IEnumerable<Expr> Reads => [Index];
}
