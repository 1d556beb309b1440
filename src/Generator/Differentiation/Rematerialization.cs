using System;
using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// Computes a value again in the reverse iteration instead of saving it, where the planner alone would save it:
/// a merge (<c>j &lt; d ? centered[i] : default</c>, the guarded read of <see cref="InvariantReads"/>) or an element of
/// a local array that a later iteration overwrites (GMM's <c>centered[i]</c>, rewritten for every component). The
/// element is followed back to the loop that stored it, <c>for (i = 0; i &lt; centered.Length; i++) centered[i] =
/// x[p * d + i] - means[c * d + i];</c>, and read as that loop's stored expression at the read's index:
/// <c>x[p * d + k] - means[c * d + k]</c>.
/// </summary>
/// <remarks>
/// <para>The proof that the expression gives the value again, read in the reverse iteration:</para>
/// <list type="bullet">
/// <item>every value it reads is one the planner already has in the reverse iteration (made before the loop, a
/// counter, a value it computes again) or an element of a parameter array. A parameter's elements are never
/// written (only local arrays and outputs are), but an output span may overlap an input span, so in a method that
/// writes a span no parameter element is read again;</item>
/// <item>an element <c>a[k]</c> of a local array that never escapes (<see cref="ElementRereads.PrivateLocals"/>) is
/// followed back to the last statement before the read that may write <c>a</c>, walking out of the blocks around the
/// read: it must be a loop that stores every element, at its counter, from 0 to the array's length, unconditionally
/// (<see cref="IterationLocalArrays.StoresOfEveryElement"/>); a loop around the read that writes <c>a</c> anywhere in
/// its body (the write of an earlier iteration would reach the read) ends the search. Any read at an index in range
/// then holds the stored expression at that index, and an index out of range has thrown in the forward pass;</item>
/// <item>the stored expression reads the store loop's counter, values its body computes without calls, and values
/// from before the loop, which are the same at the read (SSA);</item>
/// <item>a merge becomes <c>condition ? fromThen : fromElse</c>, so each side's expression runs only where the
/// forward pass ran it (no index out of range that the forward pass did not meet).</item>
/// </list>
/// <para>
/// The cost model: a saved double costs a store in the forward pass and a load in the reverse (the tape, 8 bytes each
/// way). Computing it again is worth that when it costs at most <see cref="Budget"/> arithmetic operations on values,
/// a division counting as <see cref="DivisionCost"/> (its latency is several multiplications), with no call of any kind
/// (a call may cost anything) and at most <see cref="ElementBudget"/> element reads; the arithmetic of indices and the
/// conditions of merges, integer operations the reverse iteration mostly has at hand, are not counted.
/// </para>
/// <para>
/// Only the first-order reverse pass uses it: the second-order pass pushes the tangent of each saved value with it and
/// computes the tangent of each recomputed value from its definition in the tangent sweep, which a merge or a
/// forwarded element does not have in that form; there the values stay on the tape.
/// </para>
/// </remarks>
internal sealed class Rematerialization
{
    /// <summary>Arithmetic operations on values an expression computed again may cost.</summary>
    private const int Budget = 2;

    /// <summary>What a division counts toward <see cref="Budget"/>.</summary>
    private const int DivisionCost = 2;

    /// <summary>Element reads an expression computed again may make.</summary>
    private const int ElementBudget = 2;

    private readonly Func<Loop, Value, Store?> storeOfEveryElement;
    private readonly HashSet<Value> locals;
    private readonly Dictionary<Value, Define> definitions;
    private readonly Dictionary<Value, Merge> merges = [];
    private readonly Dictionary<Value, Branch> branches = [];
    private readonly Dictionary<Statement, Block> blockOf = [];
    private readonly Dictionary<Block, (Block Parent, Statement Owner)> ownerOf = [];
    private readonly bool parametersMayOverlapOutputs;

    private Rematerialization(MethodGraph graph)
    {
        storeOfEveryElement = IterationLocalArrays.StoresOfEveryElement(graph);
        locals = ElementRereads.PrivateLocals(graph);
        definitions = Nesting.Definitions(graph.Body);
        parametersMayOverlapOutputs = graph.Parameters.Any(p => p.IsOutput);
        Index(graph.Body);
    }

    /// <summary>The rule for the loops of <paramref name="graph"/>, after <see cref="ReverseSweep.Run"/> (which moves reads).</summary>
    public static Rematerialization For(MethodGraph graph) => new(graph);

    /// <summary>
    /// A definition of <paramref name="value"/>, a merge or definition at the top of <paramref name="loop"/>'s body, that
    /// the reverse iteration can run instead of popping it; null when there is none within the cost model.
    /// </summary>
    /// <param name="made">What an iteration of the loop makes (<see cref="TapePlanner.MadeByAnIteration"/>).</param>
    /// <param name="available">The planner's test of a value the reverse iteration has without the tape.</param>
    public Define? Of(Value value, Loop loop, HashSet<Value> made, Func<Value, bool> available)
    {
        bool atTop = loop.Body.Statements.Any(s => s is Define define && define.Target == value
            || s is Branch branch && branch.Merges.Any(m => m.Target == value));
        if (!atTop || value.Numeric == NumericType.None)
        {
            return null;
        }

        var context = new Context(this, made, available);
        return context.Value(value) is { } expression && Cost(expression) is var (operations, reads) && operations <= Budget && reads <= ElementBudget
            ? new Define(value, expression)
            : null;
    }

    /// <summary>Arithmetic operations on values (a division counting <see cref="DivisionCost"/>) and element reads, outside indices and conditions.</summary>
    private static (int Operations, int Reads) Cost(Expr expr) => expr switch
    {
        ElementExpr => (0, 1),
        ConditionalExpr conditional => Add(Cost(conditional.WhenTrue), Cost(conditional.WhenFalse)),
        BinaryExpr { Operator: "/" } binary => Add(Add(Cost(binary.Left), Cost(binary.Right)), (DivisionCost, 0)),
        BinaryExpr binary => Add(Add(Cost(binary.Left), Cost(binary.Right)), (1, 0)),
        UnaryExpr unary => Add(Cost(unary.Operand), (1, 0)),
        _ => expr.Children().Select(Cost).Aggregate((0, 0), Add),
    };

    private static (int, int) Add((int Operations, int Reads) a, (int Operations, int Reads) b) => (a.Operations + b.Operations, a.Reads + b.Reads);

    private void Index(Block block)
    {
        foreach (Statement statement in block.Statements)
        {
            blockOf[statement] = block;
            switch (statement)
            {
                case Branch branch:
                    foreach (Merge merge in branch.Merges)
                    {
                        merges[merge.Target] = merge;
                        branches[merge.Target] = branch;
                    }

                    Nest(branch.Then, block, branch);
                    Nest(branch.Else, block, branch);
                    break;
                case Loop loop:
                    Nest(loop.Body, block, loop);
                    break;
            }
        }
    }

    private void Nest(Block inner, Block parent, Statement owner)
    {
        ownerOf[inner] = (parent, owner);
        Index(inner);
    }

    /// <summary>
    /// The loop whose store <paramref name="read"/>, an element read of the local <paramref name="array"/>, reads: the last
    /// statement before it that may write the array, in its block or the blocks around it, when that is a loop storing
    /// every element; null when a loop around the read writes the array, or the statement found is anything else.
    /// </summary>
    private (Loop Loop, Store Store)? StoreLoop(Define read, Value array)
    {
        Statement current = read;
        Block block = blockOf[read];
        while (true)
        {
            for (int s = block.Statements.IndexOf(current) - 1; s >= 0; s--)
            {
                Statement earlier = block.Statements[s];
                if (ElementRereads.Writes(earlier, array))
                {
                    return earlier is Loop loop && storeOfEveryElement(loop, array) is { } store ? (loop, store) : null;
                }
            }

            if (!ownerOf.TryGetValue(block, out (Block Parent, Statement Owner) outer) || outer.Owner is Loop around && ElementRereads.Writes(around, array))
            {
                return null;
            }

            (block, current) = (outer.Parent, outer.Owner);
        }
    }

    /// <summary>The values of one candidate: those the reverse iteration has, and those computed from them here.</summary>
    private sealed class Context(Rematerialization rule, HashSet<Value> made, Func<Value, bool> available)
    {
        /// <summary>An expression of what the reverse iteration has that gives <paramref name="value"/>, or null.</summary>
        public Expr? Value(Value value)
        {
            if (value.Inlined is { } inlined)
            {
                return Expression(inlined, Value);
            }

            if (value.Recompute is UseExpr { Value: var earlier })
            {
                return Value(earlier); // a second read of an element (ElementRereads)
            }

            if (!made.Contains(value) || available(value))
            {
                return available(value) ? new UseExpr(value) : null;
            }

            if (rule.merges.TryGetValue(value, out Merge? merge))
            {
                return Expression(rule.branches[value].Condition, Value) is { } condition && Value(merge.FromThen) is { } whenTrue && Value(merge.FromElse) is { } whenFalse
                    ? new ConditionalExpr(condition, whenTrue, whenFalse)
                    : null;
            }

            if (!rule.definitions.TryGetValue(value, out Define? define))
            {
                return null;
            }

            if (define.Rule == GateRules.ElementRead && define.Operands[0] is UseExpr { Value: var array } && rule.locals.Contains(array))
            {
                return Forwarded(define, array);
            }

            return Expression(define.Expression, Value);
        }

        /// <summary><c>a[k]</c>: the expression its store loop stored, at index <c>k</c>.</summary>
        private Expr? Forwarded(Define read, Value array)
        {
            if (rule.StoreLoop(read, array) is not var (loop, store) || Expression(read.Operands[1], Value) is not { } index)
            {
                return null;
            }

            Value counter = loop.Carried.First(c => c.Storage == ((UseExpr)((BinaryExpr)loop.Condition).Left).Value).Header;
            var inside = new HashSet<Value>(TapePlanner.MadeByAnIteration(loop));
            var storedDefinitions = loop.Body.Statements.OfType<Define>().ToDictionary(d => d.Target);

            // Inside the store loop: its counter is the read's index; what its body computes is computed from that.
            Expr? Stored(Value value)
            {
                if (value.Inlined is { } inlined)
                {
                    return Expression(inlined, Stored);
                }

                if (value == counter)
                {
                    return index;
                }

                if (!inside.Contains(value))
                {
                    return Value(value);
                }

                return storedDefinitions.TryGetValue(value, out Define? define) ? Expression(define.Expression, Stored) : null;
            }

            return Expression(store.Value, Stored);
        }

        /// <summary>
        /// <paramref name="expr"/> with every value read replaced by what <paramref name="value"/> gives for it; null when a
        /// value has nothing, or the expression calls, reads an element of anything but a parameter, or is not pure.
        /// </summary>
        private Expr? Expression(Expr expr, Func<Value, Expr?> value)
        {
            switch (expr)
            {
                case UseExpr use:
                    return value(use.Value);
                case LiteralExpr:
                    return expr;
                case TextExpr text:
                    return text.IsPure ? text : null;
                case ElementExpr { Array: UseExpr { Value: { Kind: ValueKind.Parameter } array }, IsReadOnly: true } element when !rule.parametersMayOverlapOutputs:
                    return Expression(element.Index, value) is { } index ? new ElementExpr(new UseExpr(array), index, isReadOnly: true) : null;
                case BinaryExpr binary:
                    return Expression(binary.Left, value) is { } left && Expression(binary.Right, value) is { } right ? new BinaryExpr(binary.Operator, left, right) : null;
                case UnaryExpr unary:
                    return Expression(unary.Operand, value) is { } operand ? new UnaryExpr(unary.Operator, operand) : null;
                case CastExpr { IsChecked: false } cast:
                    return Expression(cast.Operand, value) is { } converted ? new CastExpr(cast.TypeName, converted) : null;
                case MemberExpr { IsPure: true, Name: "Length", Receiver: UseExpr { Value.IsArray: true } } length:
                    return Expression(length.Receiver, value) is { } receiver ? new MemberExpr(receiver, length.Name, isPure: true) : null;
                case ConditionalExpr conditional:
                    return Expression(conditional.Condition, value) is { } condition && Expression(conditional.WhenTrue, value) is { } whenTrue
                        && Expression(conditional.WhenFalse, value) is { } whenFalse
                        ? new ConditionalExpr(condition, whenTrue, whenFalse)
                        : null;
                default:
                    return null;
            }
        }
    }
}
