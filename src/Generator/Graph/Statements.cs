using System.Collections.Generic;
using SymbolicDiff.Generator.Rules;

namespace SymbolicDiff.Generator.Graph;

/// <summary>A statement of the forward pass.</summary>
internal abstract class Statement
{
}

/// <summary>A straight-line list of statements; branches nest blocks.</summary>
internal sealed class Block
{
    public List<Statement> Statements { get; } = [];
}

/// <summary>
/// <c>Target = Rule(Operands)</c> when <see cref="Rule"/> is set (a gate whose local gradients come from the
/// rule table), otherwise <c>Target = Expression</c> for a constant (passive) value.
/// </summary>
internal sealed class Define(Value target, Expr expression, GateRule? rule = null, IReadOnlyList<Expr>? operands = null) : Statement
{
    public Value Target { get; } = target;

    public Expr Expression { get; } = expression;

    public GateRule? Rule { get; } = rule;

    public IReadOnlyList<Expr> Operands { get; } = operands ?? [];
}

/// <summary>
/// <c>Target = F(Arguments)</c> for a callee whose derivative is its own <c>Backward</c> companion: the
/// backward pass calls it with the target's adjoint as seed.
/// </summary>
internal sealed class CallDefine(Value target, Callee callee, IReadOnlyList<Expr> arguments) : Statement
{
    public Value Target { get; } = target;

    public Callee Callee { get; } = callee;

    public IReadOnlyList<Expr> Arguments { get; } = arguments;
}

/// <summary>
/// <c>Target = new T[Length]</c> (or <c>stackalloc</c>): a local array. Its elements are then written by
/// <see cref="Store"/>s; a differentiable one gets a zeroed adjoint span of the same length.
/// </summary>
internal sealed class Allocate(Value target, string elementType, Expr length, bool onStack) : Statement
{
    public Value Target { get; } = target;

    public string ElementType { get; } = elementType;

    public Expr Length { get; } = length;

    public bool OnStack { get; } = onStack;
}

/// <summary>
/// <c>Array[Index] = Value</c>. Backwards: the element's adjoint goes to the stored value, then is reset,
/// because the value the element held before was overwritten and gets none of it.
/// </summary>
internal sealed class Store(Value array, Expr index, Expr value) : Statement
{
    public Value Array { get; } = array;

    public Expr Index { get; } = index;

    public Expr Value { get; } = value;
}

/// <summary>if/else; values assigned differently on the two sides meet in <see cref="Merges"/> (SSA phi).</summary>
internal sealed class Branch(Expr condition, Block then, Block otherwise, List<Merge> merges) : Statement
{
    public Expr Condition { get; } = condition;

    public Block Then { get; } = then;

    public Block Else { get; } = otherwise;

    public List<Merge> Merges { get; } = merges;
}

/// <summary><c>Target</c> is <c>FromThen</c> after the then side and <c>FromElse</c> after the else side.</summary>
internal sealed class Merge(Value target, Value fromThen, Value fromElse)
{
    public Value Target { get; } = target;

    public Value FromThen { get; } = fromThen;

    public Value FromElse { get; } = fromElse;
}

/// <summary>
/// A differentiable callee, called as <c>Receiver.Name(…)</c> forward and <c>Receiver.NameBackward(…)</c>
/// backward, and the adjoint type of each of its parameters (null for a parameter without adjoint).
/// </summary>
internal sealed class Callee(Expr receiver, string name, IReadOnlyList<string?> adjointTypes)
{
    public Expr Receiver { get; } = receiver;

    public string Name { get; } = name;

    public IReadOnlyList<string?> AdjointTypes { get; } = adjointTypes;
}
