using System.Collections.Generic;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// The identifiers the backward pass refers to before values are named (claimed first, so nothing of the
/// user's is shadowed), and what of it the sweep ended up using.
/// </summary>
internal sealed class BackwardNames(string seed, string tape, string work, string discard)
{
    /// <summary>The seed parameter of Backward.</summary>
    public string Seed { get; } = seed;

    public string Tape { get; } = tape;

    public string Work { get; } = work;

    /// <summary>Stem of the scratch variables that take the adjoint of a constant argument (one per type).</summary>
    public string Discard { get; } = discard;

    /// <summary>Scalar types for which a scratch adjoint is needed.</summary>
    public SortedSet<string> DiscardTypes { get; } = [];

    /// <summary>Arrays that need a replay buffer: inputs restored from the tape, or outputs a pullback may overwrite.</summary>
    public List<Value> ReplayArrays { get; } = [];

    /// <summary>Registers the backward pass adds: an element's adjoint carried to the next iteration (<see cref="ElementCarry"/>), a carried adjoint's old value (<see cref="Simplification.AdjointPlanner"/>); their adjoint names are the registers.</summary>
    public List<Value> Carries { get; } = [];

    /// <summary>The traces of running extrema (<see cref="RunningExtremes"/>), each a variable of the backward pass.</summary>
    public List<TracedExtremum> Traces { get; } = [];

    /// <summary>The tape blocks loops reserve for their saved values (<see cref="TapeSegments"/>), each two variables.</summary>
    public List<TapeSegment> Segments { get; } = [];

    /// <summary>The running values of ints taken back by nested loops' trip counts (<see cref="NestedSteps"/>).</summary>
    public List<Value> SteppedBack { get; } = [];

    /// <summary>The variables that hold a vectorized loop's terms of a sum, one per lane (<see cref="Vectorization"/>).</summary>
    public List<Value> VectorTerms { get; } = [];

    /// <summary>The scalar parameters' adjoints summed in locals and added to the caller's at the end (<see cref="ScalarAdjointSums"/>).</summary>
    public List<AdjointSum> AdjointSums { get; } = [];

    /// <summary>Set when a pullback needs a zeroed adjoint span for a constant array.</summary>
    public bool UsesScratchSpans { get; set; }

    /// <summary>The scratch variable of a type: <c>discard</c> for double, <c>discardSingle</c> for float.</summary>
    public string DiscardFor(string type) => type == "float" ? Discard + "Single" : Discard;

    /// <summary>The replay buffer of <paramref name="array"/>, registered to be declared.</summary>
    /// <param name="asArray">The callee takes a <c>T[]</c>: the buffer must be an array, not pooled workspace.</param>
    public ReplayExpr Replay(Value array, bool asArray = false)
    {
        if (!ReplayArrays.Contains(array))
        {
            ReplayArrays.Add(array);
        }

        array.ReplayIsArray |= asArray;
        return new ReplayExpr(array);
    }

    /// <summary>Zeroed scratch as long as <paramref name="array"/>, for an adjoint or tangent a constant array has none of.</summary>
    public Expr Scratch(Expr array, string elementType)
    {
        UsesScratchSpans = true;
        return new CallExpr(new TextExpr(Work, isPure: true), elementType == "float" ? "TakeSingle" : "Take", [new MemberExpr(array, "Length", isPure: true)], isPure: false);
    }
}
