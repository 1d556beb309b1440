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
        source = WholeArray(source);
        (Expr array, Expr? start, Expr length) = source is SliceExpr slice
            ? (slice.Array, slice.Start, slice.Length ?? Pure(new BinaryExpr("-", new MemberExpr(slice.Array, "Length", isPure: true), slice.Start ?? new TextExpr("0", isPure: true))))
            : (source, null, new MemberExpr(source, "Length", isPure: true));
        if (array is SliceExpr)
        {
            return Unsupported(operation, "a copy of a slice of a slice; copy a slice of the array itself");
        }

        if (array is UseExpr { Value: { IsOutput: true } output } && !EveryElementWrittenBefore(operation, output.BaseName))
        {
            // The caller's values are not the method's to read (F58): only a copy after a loop that writes every element.
            Report(Descriptors.WrittenParameter, operation.Syntax.GetLocation(), output.BaseName, OutputReadFirst);
        }

        Expr target = AllocateArray(operation, copy.ElementType, length, [], onStack: false);
        if (target is UseExpr { Value: var stored })
        {
            CopyElements(operation, stored, array, start, length, copy.ElementType);
        }

        return target;
    }

    /// <summary><c>for (int i = 0; i &lt; length; i++) target[i] = array[start + i];</c>, as a loop of the graph.</summary>
    private void CopyElements(IOperation operation, Value target, Expr array, Expr? start, Expr length, ITypeSymbol elementType)
    {
        var key = new object();
        DefineIndex(key, new TextExpr("0", isPure: true));
        Carried counter = Carry(key, environment[key], active: false);
        Dictionary<object, Value> before = environment;
        Block outer = current;

        environment = new Dictionary<object, Value>(before, VariableComparer.Instance) { [key] = counter.Header };
        current = new Block();
        Expr index = new UseExpr(counter.Header);
        Expr from = start is null or TextExpr { Text: "0" } or LiteralExpr { Value: 0 } ? index : Pure(new BinaryExpr("+", start, index));
        current.Statements.Add(new Store(target, index, Element(array, from, elementType)));
        DefineIndex(key, new BinaryExpr("+", index, new TextExpr("1", isPure: true)));
        counter.Final = environment[key];
        Block body = current;

        current = outer;
        environment = new Dictionary<object, Value>(before, VariableComparer.Instance) { [key] = counter.Storage };
        var count = new Value("count", "int", NumericType.None, isActive: false, ValueKind.Temporary);
        Expr test = new BinaryExpr("<", new UseExpr(counter.Storage), length);
        current.Statements.Add(new Loop(count, [counter], test, testFirst: true, body, breakFlag: null) { WrittenAsFor = true, Position = operation.Syntax.SpanStart });
    }
}
