using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>A statement of the backward pass.</summary>
internal abstract class ReverseStatement
{
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
}

/// <summary><c>double dTarget = 0;</c> before contributions that cannot declare it themselves (inside a branch, or by ref).</summary>
internal sealed class DeclareAdjoint(Value target) : ReverseStatement
{
    public Value Target { get; } = target;
}

/// <summary>The backward pass of an if/else: the same condition, each side reversed.</summary>
internal sealed class ReverseBranch(Expr condition, List<ReverseStatement> then, List<ReverseStatement> otherwise) : ReverseStatement
{
    public Expr Condition { get; } = condition;

    public List<ReverseStatement> Then { get; } = then;

    public List<ReverseStatement> Else { get; } = otherwise;
}

/// <summary>
/// <c>Callee.NameBackward(arguments, seed, ref dA, …)</c>: the callee accumulates its own gradient into the
/// adjoints of our values. A null adjoint means the argument is a constant: a scratch variable of the
/// parameter's type takes it (<see cref="AdjointTypes"/>, one per adjoint, in order).
/// </summary>
internal sealed class BackwardCall(Callee callee, IReadOnlyList<Expr> arguments, Expr seed, IReadOnlyList<Value?> adjoints) : ReverseStatement
{
    public Callee Callee { get; } = callee;

    public IReadOnlyList<Expr> Arguments { get; } = arguments;

    public Expr Seed { get; set; } = seed;

    public IReadOnlyList<Value?> Adjoints { get; } = adjoints;

    public IEnumerable<string> AdjointTypes => Callee.AdjointTypes.OfType<string>();
}

/// <summary>
/// The backward pass of a loop: the iterations in reverse order, each first popping the values of its
/// forward iteration from the tape (<see cref="Graph.Loop.Saved"/>, in reverse order).
/// </summary>
internal sealed class ReverseLoop(Loop loop, List<ReverseStatement> body) : ReverseStatement
{
    public Loop Loop { get; } = loop;

    public List<ReverseStatement> Body { get; } = body;
}

/// <summary>
/// <c>dStorage = Amount</c> at the end of a reverse iteration: the adjoint carried to the previous iteration
/// is the adjoint of this iteration's header value.
/// </summary>
internal sealed class SetAdjoint(Value target, Expr amount) : ReverseStatement
{
    public Value Target { get; } = target;

    public Expr Amount { get; set; } = amount;
}

/// <summary><c>dArray[Index] = 0</c>: the backward pass of a store, after the element's adjoint went to the stored value.</summary>
internal sealed class ClearElement(Value array, Expr index) : ReverseStatement
{
    public Value Array { get; } = array;

    public Expr Index { get; } = index;
}
