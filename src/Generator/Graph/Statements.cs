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

    /// <summary>
    /// Set on a Sin gate and a Cos gate of the same operand, written next to each other: the forward pass computes
    /// both with one <c>SinCos</c> call (<see cref="Differentiation.SinCosPairs"/>).
    /// </summary>
    public Define? ComputedWith { get; set; }
}

/// <summary>
/// <c>Target = F(Arguments)</c>, or <c>F(Arguments);</c> for a vector-valued callee (Target null), whose
/// derivative is its own <c>Backward</c> companion (or a [DerivativeOf] pullback): the backward pass calls
/// it with the target's adjoint as seed.
/// </summary>
internal sealed class CallDefine(Value? target, Callee callee, IReadOnlyList<Expr> arguments) : Statement
{
    public Value? Target { get; } = target;

    public Callee Callee { get; } = callee;

    public IReadOnlyList<Expr> Arguments { get; } = arguments;

    /// <summary>
    /// Local arrays passed as inputs, pushed on the tape just before the call (set by the backward pass,
    /// which pops them to give the pullback the inputs as they were, even if the arrays change later).
    /// </summary>
    public List<Expr> Snapshots { get; } = [];

    /// <summary>
    /// Set in a fused loop when the call's pullback runs here and gives the call's value
    /// (<see cref="Differentiation.ValueFromPullback"/>): <c>t = seed != 0 ? FBackward(…) : F(…)</c>.
    /// </summary>
    public Differentiation.BackwardCall? Pullback { get; set; }
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

/// <summary>How a callee's parameter takes part in its pullback.</summary>
internal enum ParameterRole
{
    /// <summary>No adjoint: an int, a [NoDiff] parameter.</summary>
    Constant,

    /// <summary>A double or float: <c>ref</c> adjoint.</summary>
    Scalar,

    /// <summary>An array or span the callee reads: <c>Span&lt;T&gt;</c> adjoint, accumulated.</summary>
    ArrayInput,

    /// <summary>A span the (void) callee writes: <c>ReadOnlySpan&lt;T&gt;</c> upstream adjoint.</summary>
    ArrayOutput,
}

/// <summary>One parameter of a callee: its role and its scalar (or element) type.</summary>
internal sealed class CalleeParameter(ParameterRole role, string type, bool isArray = false)
{
    public ParameterRole Role { get; } = role;

    /// <summary>Declared <c>T[]</c> (not a span): what is passed to it must be an array too.</summary>
    public bool IsArray { get; } = isArray;

    /// <summary><c>double</c> or <c>float</c> (the element type for arrays).</summary>
    public string Type { get; } = type;
}

/// <summary>
/// A differentiable callee, called as <c>Receiver.Name(…)</c> forward and <c>Receiver.PullbackName(…)</c>
/// backward (<c>NameBackward</c>, or a [DerivativeOf] method).
/// </summary>
internal sealed class Callee(Expr receiver, string name, Expr pullbackReceiver, string pullbackName, bool returnsValue, IReadOnlyList<CalleeParameter> parameters)
{
    public Expr Receiver { get; } = receiver;

    public string Name { get; } = name;

    public Expr PullbackReceiver { get; } = pullbackReceiver;

    public string PullbackName { get; } = pullbackName;

    /// <summary>False for a vector-valued (void) callee: its pullback takes no seed.</summary>
    public bool ReturnsValue { get; } = returnsValue;

    public IReadOnlyList<CalleeParameter> Parameters { get; } = parameters;

    /// <summary>Set for a hand-written [TangentOf] tangent: forward mode calls <c>TangentReceiver.TangentName(…)</c> instead of <c>NameTangent</c>.</summary>
    public Expr? TangentReceiver { get; init; }

    public string? TangentName { get; init; }
}
