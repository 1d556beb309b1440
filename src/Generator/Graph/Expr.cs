using System.Collections.Generic;
using System.Linq;

namespace SymbolicDiff.Generator.Graph;

/// <summary>
/// An expression of the generated code: forward gates, derivative formulas and constant (passive)
/// C# expressions are all trees of these nodes, so one simplifier and one printer serve them all.
/// </summary>
internal abstract class Expr
{
    /// <summary>True when evaluating it twice gives the same result and has no side effects.</summary>
    public abstract bool IsPure { get; }

    /// <summary>The values whose primal it reads, in order (for use counts).</summary>
    public IEnumerable<Value> Uses() => UsesThrough(static _ => null);

    /// <summary>
    /// The values it reads, in order, where a read of a value that <paramref name="expansion"/> maps to an expression
    /// reads that expression's values in its place (an inlined temporary prints its expression).
    /// </summary>
    /// <remarks>Collected in one walk with an explicit stack: the planning phases ask it of every expression, often several times.</remarks>
    public List<Value> UsesThrough(System.Func<Value, Expr?> expansion)
    {
        List<Value> uses = [];
        VisitUsesThrough(expansion, uses, static (value, list) => list.Add(value));
        return uses;
    }

    /// <summary>Gives <paramref name="visit"/> the values of <see cref="UsesThrough"/>, in its order, without making the list.</summary>
    public void VisitUsesThrough<TState>(System.Func<Value, Expr?> expansion, TState state, System.Action<Value, TState> visit)
    {
        Stack<Expr> pending = RentStack();
        pending.Push(this);
        while (pending.Count > 0)
        {
            Expr node = pending.Pop();
            if (node is not UseExpr use)
            {
                node.PushChildren(pending);
            }
            else if (expansion(use.Value) is { } expanded)
            {
                pending.Push(expanded);
            }
            else
            {
                visit(use.Value, state);
            }
        }

        ReturnStack(pending);
    }

    /// <summary>This node and every node below it, parents before children, children in order.</summary>
    /// <remarks>
    /// With an explicit stack: nested iterators would pass every node up through each of its ancestors, and
    /// the planning phases walk the same deep expressions many times.
    /// </remarks>
    public IEnumerable<Expr> Walk()
    {
        Stack<Expr> pending = RentStack();
        try
        {
            pending.Push(this);
            while (pending.Count > 0)
            {
                Expr node = pending.Pop();
                yield return node;
                node.PushChildren(pending);
            }
        }
        finally
        {
            ReturnStack(pending);
        }
    }

    /// <summary>
    /// Whether this node or one below it satisfies <paramref name="predicate"/>, which gets <paramref name="state"/> so that
    /// it need not capture anything: unlike <c>Walk().Any(…)</c>, no iterator or closure is made per call.
    /// </summary>
    public bool Any<TState>(TState state, System.Func<Expr, TState, bool> predicate)
    {
        Stack<Expr> pending = RentStack();
        pending.Push(this);
        bool found = false;
        while (!found && pending.Count > 0)
        {
            Expr node = pending.Pop();
            found = predicate(node, state);
            node.PushChildren(pending);
        }

        ReturnStack(pending);
        return found;
    }

    /// <summary>Gives <paramref name="visit"/> this node and every node below it, in the order of <see cref="Walk"/>, without allocating.</summary>
    public void Visit<TState>(TState state, System.Action<Expr, TState> visit) =>
        Any((state, visit), static (node, pair) =>
        {
            pair.visit(node, pair.state);
            return false;
        });

    /// <summary>
    /// A stack for a walk, kept between walks on the same thread: the phases walk expressions hundreds of times per
    /// method, and a new stack each time (with the arrays it grows through) was a tenth of the generator's allocations.
    /// A walk that starts inside another (or abandoned without being disposed) takes a new one.
    /// </summary>
    [System.ThreadStatic]
    private static Stack<Expr>? spareStack;

    private static Stack<Expr> RentStack()
    {
        Stack<Expr> stack = spareStack ?? new Stack<Expr>();
        spareStack = null;
        return stack;
    }

    private static void ReturnStack(Stack<Expr> stack)
    {
        stack.Clear();
        spareStack = stack;
    }

    /// <summary>
    /// The children as <see cref="Children"/> lists them, kept: an expression never changes after it is built, and
    /// the planning phases walk the same ones many times (each walk used to list every node's children anew).
    /// </summary>
    private IReadOnlyList<Expr>? childList;

    /// <summary>Pushes the children last first, so that they pop in order (a walk with an explicit stack).</summary>
    public void PushChildren(Stack<Expr> pending)
    {
        IReadOnlyList<Expr> list = childList ??= Children() is IReadOnlyList<Expr> listed ? listed : [.. Children()];
        for (int i = list.Count - 1; i >= 0; i--)
        {
            pending.Push(list[i]);
        }
    }

    public abstract IEnumerable<Expr> Children();
}

/// <summary>A numeric literal in the given type (printed <c>2.0</c> or <c>2f</c>, never as an integer).</summary>
internal sealed class LiteralExpr(double value, NumericType type) : Expr
{
    public double Value { get; } = value;

    public NumericType Type { get; } = type;

    public override bool IsPure => true;

    public override IEnumerable<Expr> Children() => [];
}

/// <summary>Verbatim C# text for a constant the generator does not look into: a field, a const, <c>this</c>, <c>seed</c>.</summary>
internal sealed class TextExpr(string text, bool isPure, NumericType type = NumericType.None) : Expr
{
    public string Text { get; } = text;

    public override bool IsPure { get; } = isPure;

    /// <summary>Its floating type where the generator declared it (a seed and its tangent); None where not known.</summary>
    public NumericType Type { get; } = type;

    public override IEnumerable<Expr> Children() => [];
}

/// <summary>A read of a value's primal.</summary>
internal sealed class UseExpr(Value value) : Expr
{
    public Value Value { get; } = value;

    public override bool IsPure => true;

    public override IEnumerable<Expr> Children() => [];
}

/// <summary>A read of a value's adjoint (only in the backward pass); of one element when <see cref="Index"/> is set.</summary>
internal sealed class AdjointExpr(Value value, Expr? index = null) : Expr
{
    public Value Value { get; } = value;

    public Expr? Index { get; } = index;

    public override bool IsPure => true;

    public override IEnumerable<Expr> Children() => Index is null ? [] : [Index];
}

internal sealed class UnaryExpr(string op, Expr operand) : Expr
{
    public string Operator { get; } = op;

    public Expr Operand { get; } = operand;

    public override bool IsPure => Operand.IsPure;

    public override IEnumerable<Expr> Children() => [Operand];
}

internal sealed class BinaryExpr(string op, Expr left, Expr right) : Expr
{
    public string Operator { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override bool IsPure => Left.IsPure && Right.IsPure;

    public override IEnumerable<Expr> Children() => [Left, Right];
}

/// <summary><c>Receiver.Name(Arguments)</c>; a static receiver is a type name (<c>global::System.Math</c>).</summary>
internal sealed class CallExpr(Expr receiver, string name, IReadOnlyList<Expr> arguments, bool isPure) : Expr
{
    public Expr Receiver { get; } = receiver;

    public string Name { get; } = name;

    public IReadOnlyList<Expr> Arguments { get; } = arguments;

    public override bool IsPure { get; } = isPure && receiver.IsPure && arguments.All(a => a.IsPure);

    public override IEnumerable<Expr> Children() => [Receiver, .. Arguments];
}

/// <summary>
/// An out argument of a call of constants (<c>rates.TryGetValue(region, out double rate0)</c>): where the call declares
/// its variable (<see cref="Declares"/>, printed <c>out double rate0</c>, or <c>out _</c> for a discard), and where the
/// <see cref="TupleExpr"/> around the call reads it back (its name). Not a read of a value: the variable has no Define,
/// it lives in the one statement that makes the tuple.
/// </summary>
internal sealed class OutExpr(Value? variable, bool declares) : Expr
{
    public Value? Variable { get; } = variable;

    public bool Declares { get; } = declares;

    public override bool IsPure => false;

    public override IEnumerable<Expr> Children() => [];
}

/// <summary>
/// <c>(call, rate0)</c>: a call with out arguments and the values they set, made once into a tuple whose items the
/// variables then read (<c>found0.Item2</c>), so that each out argument becomes a value of the graph.
/// </summary>
internal sealed class TupleExpr(IReadOnlyList<Expr> items) : Expr
{
    public IReadOnlyList<Expr> Items { get; } = items;

    public override bool IsPure => false;

    public override IEnumerable<Expr> Children() => Items;
}

/// <summary><c>Receiver.Name</c>: a field (pure) or a property (a getter may do anything, so not pure).</summary>
internal sealed class MemberExpr(Expr receiver, string name, bool isPure) : Expr
{
    public Expr Receiver { get; } = receiver;

    public string Name { get; } = name;

    public override bool IsPure { get; } = isPure && receiver.IsPure;

    public override IEnumerable<Expr> Children() => [Receiver];
}

/// <summary>
/// <c>Array[Index]</c>: an element of an array or span. Not pure when the method writes the array: reading
/// it later could give another value.
/// </summary>
internal sealed class ElementExpr(Expr array, Expr index, bool isReadOnly) : Expr
{
    public Expr Array { get; } = array;

    public Expr Index { get; } = index;

    public bool IsReadOnly { get; } = isReadOnly;

    public override bool IsPure => IsReadOnly && Array.IsPure && Index.IsPure;

    public override IEnumerable<Expr> Children() => [Array, Index];
}

internal sealed class ConditionalExpr(Expr condition, Expr whenTrue, Expr whenFalse) : Expr
{
    public Expr Condition { get; } = condition;

    public Expr WhenTrue { get; } = whenTrue;

    public Expr WhenFalse { get; } = whenFalse;

    public override bool IsPure => Condition.IsPure && WhenTrue.IsPure && WhenFalse.IsPure;

    public override IEnumerable<Expr> Children() => [Condition, WhenTrue, WhenFalse];
}

/// <summary><c>(T)operand</c>; <c>checked((T)operand)</c> when <see cref="IsChecked"/> (an out-of-range value must throw, not wrap).</summary>
internal sealed class CastExpr(string typeName, Expr operand, bool isChecked = false) : Expr
{
    public string TypeName { get; } = typeName;

    public Expr Operand { get; } = operand;

    public bool IsChecked { get; } = isChecked;

    public override bool IsPure => Operand.IsPure;

    public override IEnumerable<Expr> Children() => [Operand];
}

/// <summary>
/// <c>Array.Slice(Start, Length)</c> — or <c>Array.AsSpan(Start, Length)</c> for a <c>T[]</c> — or the whole
/// array when <see cref="Start"/> is null: an array argument.
/// </summary>
internal sealed class SliceExpr(Expr array, Expr? start, Expr? length, bool asSpan = false) : Expr
{
    /// <summary>Written <c>AsSpan</c>: the array is a <c>T[]</c>, which has no <c>Slice</c>.</summary>
    public bool AsSpan { get; } = asSpan;

    public Expr Array { get; } = array;

    public Expr? Start { get; } = start;

    public Expr? Length { get; } = length;

    public override bool IsPure => Array.IsPure && (Start?.IsPure ?? true) && (Length?.IsPure ?? true);

    public override IEnumerable<Expr> Children() => new[] { Array, Start, Length }.OfType<Expr>();

    /// <summary>The same slice of another span (the adjoint, a replay buffer).</summary>
    public SliceExpr Of(Expr other) => new(other, Start, Length, asSpan: false);
}

/// <summary>The adjoint span of an array (for slices: <c>new SliceExpr(..).Of(new AdjointSpanExpr(a))</c>).</summary>
internal sealed class AdjointSpanExpr(Value array) : Expr
{
    public Value Array { get; } = array;

    public override bool IsPure => true;

    public override IEnumerable<Expr> Children() => [];
}

/// <summary>The buffer that gives a pullback a local array's contents as they were at the call.</summary>
internal sealed class ReplayExpr(Value array) : Expr
{
    public Value Array { get; } = array;

    public override bool IsPure => true;

    public override IEnumerable<Expr> Children() => [];
}

/// <summary><c>ref Operand</c>, for a scalar adjoint argument.</summary>
internal sealed class RefExpr(Expr operand) : Expr
{
    public Expr Operand { get; } = operand;

    public override bool IsPure => true;

    public override IEnumerable<Expr> Children() => [Operand];
}
