using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// Bulk writes into a local array or an output span: <c>y.Clear()</c>, <c>t.AsSpan(1).Fill(v)</c>, <c>Array.Fill(t, v)</c>,
/// <c>Array.Clear(t, i, n)</c>, <c>x.CopyTo(y)</c>, <c>next.AsSpan().CopyTo(cur)</c>, <c>w.CopyTo(t, 1)</c>,
/// <c>Array.Copy(w, 0, t, 1, n)</c>. Each is lowered as the loop a careful user writes by hand,
/// <c>for (int i = 0; i &lt; n; i++) t[start + i] = …;</c> (<see cref="StoreEach"/>): the written elements are then
/// elements of a local array or an output like any other, and the backward pass reverses the stores one by one. A copy
/// within one array runs in the direction that reads every element before it is overwritten, as Array.Copy and
/// Span.CopyTo do.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>
    /// What a bulk write stores: the destination (an array or span, perhaps a slice) and where in it the elements start,
    /// how many, and either the copy's source (and where its elements start) or the one value every element gets (none: 0).
    /// </summary>
    private sealed record BulkWrite(IOperation Destination, IOperation? DestinationStart, IOperation? Count, IOperation? Source, IOperation? SourceStart, IOperation? Value);

    /// <summary>The bulk write <paramref name="call"/> is, or null when it is none of the forms above.</summary>
    private static BulkWrite? BulkWriteOf(IInvocationOperation call)
    {
        IMethodSymbol method = call.TargetMethod;
        List<IArgumentOperation> arguments = InParameterOrder(call.Arguments);
        // An array argument of Array.Copy, Array.Clear is converted to Array: the array itself. A value keeps its conversion (float to double).
        IOperation Argument(int i) => WithoutConversions(arguments[i].Value);
        IOperation Value(int i) => arguments[i].Value;
        bool onSpan = call.Instance is { Type: INamedTypeSymbol span } && Symbols.IsSpan(span);
        string type = method.ContainingType.ToDisplayString();
        return (method.Name, arguments.Count, onSpan, type) switch
        {
            ("Clear", 0, true, _) => new BulkWrite(call.Instance!, null, null, null, null, null),
            ("Fill", 1, true, _) => new BulkWrite(call.Instance!, null, null, null, null, Value(0)),
            ("CopyTo", 1, true, _) => new BulkWrite(Argument(0), null, null, call.Instance, null, null),
            ("CopyTo", 2, false, "System.MemoryExtensions") => new BulkWrite(Argument(1), null, null, Argument(0), null, null),
            ("CopyTo", 2, false, "System.Array") when call.Instance is not null => new BulkWrite(Argument(0), Argument(1), null, WithoutConversions(call.Instance), null, null),
            ("Clear", 1, false, "System.Array") => new BulkWrite(Argument(0), null, null, null, null, null),
            ("Clear", 3, false, "System.Array") => new BulkWrite(Argument(0), Argument(1), Argument(2), null, null, null),
            ("Fill", 2, false, "System.Array") => new BulkWrite(Argument(0), null, null, null, null, Value(1)),
            ("Fill", 4, false, "System.Array") => new BulkWrite(Argument(0), Argument(2), Argument(3), null, null, Value(1)),
            ("Copy", 3, false, "System.Array") => new BulkWrite(Argument(1), null, Argument(2), Argument(0), null, null),
            ("Copy", 5, false, "System.Array") => new BulkWrite(Argument(2), Argument(3), Argument(4), Argument(0), Argument(1), null),
            _ => null,
        };
    }

    /// <summary>
    /// Whether <paramref name="bulk"/> is this method's to differentiate: it writes a differentiable array (every local array of
    /// numbers is one, an output too) or stores a differentiable value. Otherwise it runs as written.
    /// </summary>
    private bool IsDifferentiable(BulkWrite bulk) =>
        ReadsActiveValue(bulk.Destination) || ReadsOutput(bulk.Destination)
        || (bulk.Source is { } source && ReadsActiveValue(source)) || (bulk.Value is { } value && ReadsActiveValue(value));

    /// <summary>Lowers <paramref name="bulk"/>, the statement <paramref name="call"/>, as a loop of stores.</summary>
    private void LowerBulkWrite(IInvocationOperation call, BulkWrite bulk)
    {
        ITypeSymbol? elementType = Symbols.ElementType(bulk.Destination.Type);
        if (Writes(call))
        {
            Unsupported(call, "a bulk write whose arguments assign something; assign on a line of its own first");
            return;
        }

        if (elementType is null || Symbols.Numeric(elementType) == NumericType.None
            || (bulk.Source is { } source && !SymbolEqualityComparer.Default.Equals(Symbols.ElementType(source.Type), elementType)))
        {
            Unsupported(call, "a bulk write between arrays of different types, or into one whose type is not known; write the loop");
            return;
        }

        (Expr destination, Expr? destinationStart, Expr? destinationLength) = Elements(Lower(bulk.Destination));
        if (destination is SliceExpr)
        {
            Unsupported(call, SliceOfASlice);
            return;
        }

        if (WritableArray(destination) is not { } target)
        {
            Report(Descriptors.UnsupportedStatement, call.Syntax.GetLocation(), OnlyLocalsAndOutputsWritten);
            return;
        }

        destinationStart = Offset(destinationStart, bulk.DestinationStart);
        if (bulk.Source is null)
        {
            // Clear, Fill: the count given, or every element of the destination (from its start).
            Expr length = Count(bulk.Count) ?? destinationLength ?? Pure(Minus(new MemberExpr(destination, "Length", isPure: true), destinationStart));
            Expr value = bulk.Value is null ? new LiteralExpr(0, Symbols.Numeric(elementType)) : Materialize(Lower(bulk.Value), bulk.Value, TemporaryStem);
            StoreEach(call, target, destinationStart, length, _ => value, backwards: false);
            return;
        }

        if (CopiedElements(call, Lower(bulk.Source), SliceOfASlice) is not var (array, sourceStart, sourceLength))
        {
            return;
        }

        // Array.Copy's own source start comes with its count.
        sourceStart = Offset(sourceStart, bulk.SourceStart);
        Expr count = Count(bulk.Count) ?? sourceLength;
        bool backwards = false;
        if (array is UseExpr { Value: var from } && from == target)
        {
            // Within one array: a copy to later elements runs from the last element, so each is read before it is overwritten.
            if (Constant(destinationStart) is not { } to || Constant(sourceStart) is not { } at)
            {
                Unsupported(call, "a copy within one array between starts that are not constants (which way to copy is not known); copy through a second array");
                return;
            }

            backwards = to > at;
        }

        StoreEach(call, target, destinationStart, count, index => Element(array, Pure(Plus(sourceStart, index)), elementType), backwards);
    }

    private const string SliceOfASlice = "a bulk write with a slice of a slice; slice the array itself";

    /// <summary>The array a span or array stands for, where its elements start (null: at 0) and how many it has (null: to the array's end).</summary>
    private static (Expr Array, Expr? Start, Expr? Length) Elements(Expr spanOrArray) =>
        WholeArray(spanOrArray) is var whole && whole is SliceExpr slice ? (slice.Array, slice.Start, slice.Length) : (whole, null, null);

    /// <summary>The array a store may write: a local array or an output; null for a parameter that is read, or anything else.</summary>
    private static Value? WritableArray(Expr array) =>
        array is UseExpr { Value: { IsArray: true } stored } && !(stored.Kind == ValueKind.Parameter && !stored.IsOutput) ? stored : null;

    /// <summary>A start moved on by a call's own start argument (<c>Array.Copy(w, 0, t, 1, n)</c> into <c>t.AsSpan(2)</c>).</summary>
    private Expr? Offset(Expr? start, IOperation? by) =>
        by is null ? start : start is null ? LowerIndex(by) : Pure(new BinaryExpr("+", start, LowerIndex(by)));

    private Expr? Count(IOperation? count) => count is null ? null : LowerIndex(count);

    private static Expr Plus(Expr? start, Expr index) => start is null or TextExpr { Text: "0" } or LiteralExpr { Value: 0 } ? index : new BinaryExpr("+", start, index);

    private static Expr Minus(Expr length, Expr? start) => start is null ? length : new BinaryExpr("-", length, start);

    /// <summary>The value of a start known when compiling: none is 0.</summary>
    private static long? Constant(Expr? start) => start switch
    {
        null => 0,
        LiteralExpr literal => (long)literal.Value,
        TextExpr text when long.TryParse(text.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long value) => value,
        _ => null,
    };

    /// <summary>
    /// <c>for (int i = 0; i &lt; length; i++) target[start + i] = element(i);</c> as a loop of the graph; with
    /// <paramref name="backwards"/>, element <c>length − 1 − i</c> in iteration i (the last element first).
    /// </summary>
    private void StoreEach(IOperation operation, Value target, Expr? start, Expr length, Func<Expr, Expr> element, bool backwards) =>
        SynthesizedLoop(operation, "0", length, [], i =>
        {
            Expr index = backwards ? Pure(new BinaryExpr("-", new BinaryExpr("-", length, new TextExpr("1", isPure: true)), i)) : i;
            current.Statements.Add(new Store(target, Pure(Plus(start, index)), element(index)));
        });
}
