using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// <c>x[^k]</c> (the element <c>x.Length − k</c>) and <c>x[a..b]</c>, <c>x[1..]</c>, <c>x[..^1]</c> (a slice) of
/// arrays and spans. A slice of a differentiable array is a view whose adjoint is the same slice of the
/// adjoint, so it may be passed as a span; an array range copies the elements into a new array, a local
/// array of its own for a differentiable one (<see cref="LowerArrayCopy"/>).
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>The indexed array or span and the index, when the index is <c>^k</c> or a range; null otherwise.</summary>
    private static (IOperation Instance, IOperation Index)? IndexOrRange(IOperation operation)
    {
        // Spans are indexed by an "implicit indexer" operation that Roslyn 4.3 has no interface for: read its two children.
        if (operation.Syntax is not ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } || operation.ChildOperations.Count != 2)
        {
            return null;
        }

        IOperation instance = operation.ChildOperations.First();
        IOperation index = operation.ChildOperations.Last();
        bool special = index is IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } or IRangeOperation;
        return special && Symbols.ElementType(instance.Type) is not null ? (instance, index) : null;
    }

    private Expr LowerIndexOrRange(IOperation operation, IOperation instance, IOperation index)
    {
        if (index is IUnaryOperation hat)
        {
            return LowerElement(instance, hat.Operand, operation, fromEnd: true);
        }

        var range = (IRangeOperation)index;
        bool isArray = instance.Type is IArrayTypeSymbol;
        bool asSpan = operation.Parent is IConversionOperation { Type: INamedTypeSymbol target } && Symbols.IsSpan(target);
        bool copied = isArray && !asSpan;
        if (copied && (!CopiesIntoALocalArray(instance) || Symbols.Numeric(Symbols.ElementType(instance.Type)) == NumericType.None))
        {
            // A new array of constants where no local array may be made, or of integers: copied as written.
            return CopyPrimal(operation, operation.Syntax) ?? (Expr)new LiteralExpr(0, NumericType.Double);
        }

        Expr array = Lower(instance);
        Expr start = range.LeftOperand is null ? new TextExpr("0", isPure: true) : Position(range.LeftOperand, array);
        Expr? length = range.RightOperand is null ? null : Pure(new BinaryExpr("-", Position(range.RightOperand, array), start));
        // A range of a slice (t.AsSpan()[1..], x.Slice(1, 3)[1..]) is one slice of the array itself.
        SliceExpr slice = array is SliceExpr outer ? SliceOfSlice(outer, start, length) : new SliceExpr(array, start, length, asSpan: isArray);

        // A new array: a local array that the elements are copied into.
        return copied ? LowerArrayCopy(operation, slice) : slice;
    }

    /// <summary>An <c>Index</c> operand of a range as an int: <c>k</c>, or <c>Length − k</c> for <c>^k</c>.</summary>
    private Expr Position(IOperation operand, Expr array)
    {
        IOperation value = operand is IConversionOperation { Operand: var converted } ? converted : operand;
        return value is IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } hat
            ? Pure(new BinaryExpr("-", new MemberExpr(array, "Length", isPure: true), Lower(hat.Operand)))
            : Pure(Lower(value));
    }

    /// <summary>An int computed once (slice bounds are read again by the backward pass).</summary>
    private Expr Pure(Expr value) => value.IsPure ? value : IndexLocal(value);

    /// <summary>
    /// An index or position kept in an int local of its own. Always an int, whatever the C# expression's
    /// type: <c>^k</c> is a <c>System.Index</c>, which a loop cannot save, but its position <c>Length − k</c> is an int.
    /// </summary>
    private Expr IndexLocal(Expr value)
    {
        var index = new Value("index", "int", NumericType.None, isActive: false, ValueKind.Temporary);
        current.Statements.Add(new Define(index, value));
        return new UseExpr(index);
    }
}
