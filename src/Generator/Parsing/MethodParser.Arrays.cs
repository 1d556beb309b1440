using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// Local arrays: <c>new double[n]</c>, array initializers and <c>stackalloc</c>, and writes to their
/// elements. Arrays are created at the top level of the method, so that their adjoint spans (allocated
/// with them) are in scope for the whole backward pass.
/// </summary>
internal sealed partial class MethodParser
{
    private Block? root;

    private Expr LowerArrayCreation(IArrayCreationOperation creation)
    {
        ITypeSymbol elementType = ((IArrayTypeSymbol)creation.Type!).ElementType;
        if (creation.DimensionSizes.Length != 1)
        {
            return Unsupported(creation, "multi-dimensional arrays");
        }

        IReadOnlyList<IOperation> elements = creation.Initializer?.ElementValues.ToList() ?? new List<IOperation>();
        return AllocateArray(creation, elementType, Lower(creation.DimensionSizes[0]), elements, onStack: false);
    }

    /// <summary>
    /// A collection expression of C# 12, <c>double[] v = [x, y, x * y]</c> or <c>ReadOnlySpan&lt;double&gt; c = [1, 2, 3]</c>: the
    /// local array <c>new double[] { … }</c> for an array, <c>stackalloc double[] { … }</c> for a span (a Span, so that
    /// the generated code may store its elements), as the compiler makes them; a read-only span of constants is copied
    /// as written. Its elements are its child operations (the Roslyn this generator is built against has no type for
    /// it); a spread (<c>..xs</c>) is refused.
    /// </summary>
    private Expr LowerCollectionExpression(IOperation operation)
    {
        ITypeSymbol? elementType = Symbols.ElementType(operation.Type);
        if (elementType is null)
        {
            return Unsupported(operation, $"a collection expression of type '{operation.Type?.ToDisplayString()}'; make it an array or a span (double[] v = [a, b])");
        }

        List<IOperation> elements = [.. operation.ChildOperations];
        if (elements.Any(e => e.Kind == Spread))
        {
            return Unsupported(operation, "a spread (..) in a collection expression; copy the elements in a loop");
        }

        if (ConstantTable(operation) is { } table)
        {
            return table;
        }

        var length = new TextExpr(elements.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), isPure: true);
        return AllocateArray(operation, elementType, length, elements, onStack: operation.Type is not IArrayTypeSymbol);
    }

    /// <summary>
    /// A table of constants (<c>ReadOnlySpan&lt;double&gt; c = [1, 2, 3]</c>, or <c>= stackalloc double[] { 1, 2, 3 }</c>), which
    /// nothing can write: copied as written (the compiler makes a collection expression's static data, as in the user's
    /// method), with no adjoint. Null for anything else, and for constants the copy cannot write (a call of a local function,
    /// which the generated methods do not have): those are lowered as a local array's elements are.
    /// </summary>
    private Expr? ConstantTable(IOperation operation)
    {
        if (!Symbols.IsReadOnlySpan(operation.Type) || ReadsActiveValue(operation) || CopyPrimal(operation, operation.Syntax, report: false) is not { } constant)
        {
            return null;
        }

        var table = new Value(TemporaryStem, Symbols.TypeText(operation.Type!), NumericType.None, isActive: false, ValueKind.Temporary, isArray: true);
        current.Statements.Add(new Define(table, constant));
        return new UseExpr(table);
    }

    private Expr LowerStackAlloc(IOperation operation)
    {
        if (ConstantTable(operation) is { } table)
        {
            return table;
        }

        SemanticModel model = operation.SemanticModel!;
        (ExpressionSyntax? size, InitializerExpressionSyntax? initializer) = operation.Syntax switch
        {
            StackAllocArrayCreationExpressionSyntax explicitSize =>
                ((explicitSize.Type as ArrayTypeSyntax)?.RankSpecifiers.FirstOrDefault()?.Sizes.FirstOrDefault(), explicitSize.Initializer),
            ImplicitStackAllocArrayCreationExpressionSyntax implicitSize => (null, implicitSize.Initializer),
            _ => (null, null),
        };

        ITypeSymbol? elementType = Symbols.ElementType(operation.Type);
        List<IOperation?> elements = initializer?.Expressions.Select(e => OperationOf(model, e)).ToList() ?? [];
        if (elementType is null || (size is null or OmittedArraySizeExpressionSyntax && initializer is null))
        {
            return Unsupported(operation, "stackalloc that is not assigned to a Span<double> or Span<float>");
        }

        if (elements.Contains(null))
        {
            // Never a table with an element left out (F65: a parenthesized one was, silently).
            return Unsupported(operation, "an element of this stackalloc initializer");
        }

        Expr length = size is null or OmittedArraySizeExpressionSyntax
            ? new TextExpr(elements.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), isPure: true)
            : OperationOf(model, size) is { } sizeOperation ? Lower(sizeOperation) : Unsupported(operation, "this stackalloc size");
        return AllocateArray(operation, elementType, length, elements!, onStack: true);
    }

    /// <summary>
    /// The operation of an expression in a stackalloc's size or initializer, found by its syntax (the Roslyn this generator is
    /// built against has no operation type for stackalloc to read them from). Through its parentheses: a parenthesized
    /// expression has no operation of its own, so <c>{ (x), 2 * x }</c> lost its first element (F65).
    /// </summary>
    private static IOperation? OperationOf(SemanticModel model, ExpressionSyntax expression) => model.GetOperation(Symbols.Unparenthesized(expression));

    /// <summary>
    /// A local array: <c>new T[length]</c>, or on the stack a <c>Span&lt;T&gt;</c> whatever the user declared (a
    /// <c>ReadOnlySpan&lt;T&gt; c = stackalloc T[] { … }</c> too: the generated code stores the elements one by one, F63).
    /// </summary>
    private Expr AllocateArray(IOperation operation, ITypeSymbol elementType, Expr length, IReadOnlyList<IOperation> elements, bool onStack)
    {
        if (current != root || loops.Count > 0)
        {
            // Reported, and lowered on as if it were allowed, so its uses do not add errors of their own.
            Unsupported(operation, operation.IsImplicit && operation.Parent is IArgumentOperation
                ? "the params array of a call inside a branch or loop (or after an early return), which is a local array; make the array once at the top of the method, overwrite it, and pass it"
                : WrittenAtTheTop(operation.Syntax)
                ? "an array created after an early return (the statements after 'if (…) return …;' run as that if's other side, a branch); create it before the first return and overwrite it"
                : "an array created inside a branch or loop; create it once at the top of the method and overwrite it");
        }

        NumericType numeric = Symbols.Numeric(elementType);
        string type = onStack ? $"global::System.Span<{Symbols.TypeText(elementType)}>" : Symbols.TypeText(operation.Type!);
        var array = new Value(TemporaryStem, type, numeric, isActive: numeric != NumericType.None, ValueKind.Temporary, isArray: true);
        current.Statements.Add(new Allocate(array, Symbols.TypeText(elementType), length, onStack));
        for (int i = 0; i < elements.Count; i++)
        {
            current.Statements.Add(new Store(array, new TextExpr(i.ToString(System.Globalization.CultureInfo.InvariantCulture), isPure: true), Lower(elements[i])));
        }

        return new UseExpr(array);
    }

    /// <summary>Whether the user wrote <paramref name="syntax"/> at the top level of the method, in no branch, loop or switch of its own (then only an earlier exit nests it).</summary>
    private static bool WrittenAtTheTop(SyntaxNode syntax) =>
        !syntax.Ancestors().TakeWhile(a => a is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax))
            .Any(a => a is IfStatementSyntax or SwitchStatementSyntax or SwitchExpressionSyntax or ConditionalExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression }
                or ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or TryStatementSyntax);

    private const string OnlyLocalsAndOutputsWritten = "only elements of local arrays and of a void method's span parameters can be written";

    /// <summary>
    /// <c>a[i] = value</c> (also the write half of <c>a[i] += value</c> and <c>a[i]++</c>, and a write through an
    /// element alias). The value is lowered after the index, in C#'s order (<c>a[m++] = m</c> stores the new m).
    /// </summary>
    private void LowerStore(IOperation target, System.Func<Expr> lowerValue)
    {
        if (StoredElement(target, lowerValue) is var (stored, index))
        {
            current.Statements.Add(new Store(stored, index, lowerValue()));
        }
    }

    /// <summary>
    /// The array and index a store to <paramref name="target"/> writes, lowered; null (reported, after lowering the value
    /// with <paramref name="lowerValueOfRefused"/> so that its uses add no errors of their own) when it may not be written.
    /// </summary>
    private (Value Array, Expr Index)? StoredElement(IOperation target, System.Func<Expr> lowerValueOfRefused)
    {
        Expr? array;
        Expr index;
        if (ElementAlias(target) is { } alias)
        {
            (array, index) = alias;
        }
        else
        {
            (IOperation? arrayOperation, IOperation? indexOperation) = ElementParts(target);
            array = arrayOperation is null ? null : Lower(arrayOperation);
            index = indexOperation is null || array is null ? new LiteralExpr(0, NumericType.None) : ElementIndex(array, indexOperation);
        }

        if (array is null || WritableArray(WholeArray(array)) is not { } stored)
        {
            lowerValueOfRefused();
            Report(Descriptors.UnsupportedStatement, target.Syntax.GetLocation(), OnlyLocalsAndOutputsWritten);
            return null;
        }

        return (stored, index);
    }

    /// <summary>
    /// An element index, computed once. An array may be indexed by a long, uint, ulong or nint, but the
    /// adjoint beside it is a span, indexed by int only: such an index is converted, checked, so a value
    /// out of int's range still throws as the array access would.
    /// </summary>
    private Expr LowerIndex(IOperation indexOperation)
    {
        Expr index = Lower(indexOperation);
        if (indexOperation.Type?.SpecialType is SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_IntPtr or SpecialType.System_UIntPtr)
        {
            index = new CastExpr("int", index, isChecked: true);
        }

        return Pure(index);
    }

    /// <summary>The index of a written element or an element alias: <c>i</c>, or <c>Length − k</c> for <c>^k</c>.</summary>
    private Expr ElementIndex(Expr array, IOperation indexOperation) =>
        indexOperation is IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } fromEnd
            ? new BinaryExpr("-", new MemberExpr(array, "Length", isPure: true), LowerIndex(fromEnd.Operand))
            : LowerIndex(indexOperation);

    private bool IsElement(IOperation target) => ElementParts(target).Array is not null || ElementAlias(target) is not null;
}
