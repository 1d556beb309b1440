using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// A copy of an array or span of numbers into a new array: <c>(double[])w.Clone()</c>, <c>w.ToArray()</c>,
/// <c>x.Slice(1, 3).ToArray()</c>, <c>w[1..]</c>. Lowered as a careful user would write it by hand: a local array of
/// the copy's length (so created at the top of the method, as every local array is) and a loop that stores each
/// element, <c>for (int i = 0; i &lt; n; i++) t[i] = w[start + i];</c>. The copy's elements are then elements of a
/// local array like any other, and the backward pass reverses the stores, giving each its source element's adjoint.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>The copied array or span of a <c>Clone()</c> cast back to its array type, or of a <c>ToArray()</c>, when the copy is made a local array; null otherwise.</summary>
    private IOperation? CopiedArray(IOperation operation)
    {
        IOperation? source = operation switch
        {
            // (double[])w.Clone(): Clone returns object.
            IConversionOperation { Type: IArrayTypeSymbol, Operand: IInvocationOperation { TargetMethod.Name: "Clone", Arguments.Length: 0, Instance: { } instance } } => instance,
            // Span<T>.ToArray(), ReadOnlySpan<T>.ToArray().
            IInvocationOperation { TargetMethod.Name: "ToArray", Arguments.Length: 0, Instance: { } instance } when instance.Type is INamedTypeSymbol span && Symbols.IsSpan(span) => instance,
            // Enumerable.ToArray(w) of an array or span (written w.ToArray()).
            IInvocationOperation { TargetMethod: { Name: "ToArray", IsExtensionMethod: true } method, Arguments.Length: 1 } invocation
                when method.ContainingType.ToDisplayString() == "System.Linq.Enumerable" => WithoutConversions(invocation.Arguments[0].Value),
            _ => null,
        };

        return source is not null
            && operation.Type is IArrayTypeSymbol { Rank: 1 } copy
            && Symbols.Numeric(copy.ElementType) != NumericType.None
            && SymbolEqualityComparer.Default.Equals(Symbols.ElementType(source.Type), copy.ElementType)
            && CopiesIntoALocalArray(source)
                ? source
                : null;
    }

    /// <summary>
    /// Whether a copy of <paramref name="source"/> is made a local array: always where it is differentiable, and a copy of
    /// constants where a local array may be created (at the top of the method), so that the method may write differentiable
    /// values into it as into any local array (<c>t = (double[])data.Clone(); t[k] = x;</c>). Elsewhere a copy of constants is
    /// left as written.
    /// </summary>
    private bool CopiesIntoALocalArray(IOperation source) =>
        ReadsActiveValue(source) || ReadsOutput(source) || (current == root && loops.Count == 0);

    /// <summary>Whether <paramref name="operation"/> reads a span the method writes (whose elements are differentiable once written).</summary>
    private bool ReadsOutput(IOperation operation) =>
        operation.DescendantsAndSelf().OfType<IParameterReferenceOperation>().Any(p => environment.TryGetValue(p.Parameter, out Value? v) && v.IsOutput);

    private static IOperation WithoutConversions(IOperation operation) =>
        operation is IConversionOperation { IsImplicit: true } conversion ? WithoutConversions(conversion.Operand) : operation;

    /// <summary>The new array holding <paramref name="source"/>'s elements (a whole array or span, or a slice of one).</summary>
    private Expr LowerArrayCopy(IOperation operation, Expr source)
    {
        var copy = (IArrayTypeSymbol)operation.Type!;
        if (CopiedElements(operation, source, "a copy of a slice of a slice; copy a slice of the array itself") is not var (array, start, length))
        {
            return new LiteralExpr(0, NumericType.Double);
        }

        Expr target = AllocateArray(operation, copy.ElementType, length, [], onStack: false);
        if (target is UseExpr { Value: var stored })
        {
            StoreEach(operation, stored, start: null, length, index => Element(array, Pure(Plus(start, index)), copy.ElementType), backwards: false);
        }

        return target;
    }

    /// <summary>
    /// The elements <paramref name="copy"/> reads from <paramref name="source"/> (an array or span, perhaps a slice): the array,
    /// where they start (null: at 0) and how many (to the array's end where the source does not say). Null, reported with
    /// <paramref name="sliceOfASlice"/>, for a slice of a slice.
    /// </summary>
    private (Expr Array, Expr? Start, Expr Length)? CopiedElements(IOperation copy, Expr source, string sliceOfASlice)
    {
        (Expr array, Expr? start, Expr? length) = Elements(source);
        if (array is SliceExpr)
        {
            Unsupported(copy, sliceOfASlice);
            return null;
        }

        ReportOutputReadWholeFirst(copy, array);
        return (array, start, length ?? Pure(Minus(new MemberExpr(array, "Length", isPure: true), start)));
    }

    /// <summary>
    /// A copy or a reduction reads every element of its source. The caller's values of an output are not the method's to read
    /// (F58): an output is read whole only after a loop that writes every element of it.
    /// </summary>
    private void ReportOutputReadWholeFirst(IOperation copy, Expr source)
    {
        if (source is UseExpr { Value: { IsOutput: true } output } && !EveryElementWrittenBefore(copy, output.BaseName))
        {
            Report(Descriptors.WrittenParameter, copy.Syntax.GetLocation(), output.BaseName, OutputReadFirst);
        }
    }
}
