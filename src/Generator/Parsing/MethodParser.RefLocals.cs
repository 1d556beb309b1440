using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// <c>ref</c> locals are aliases, never copies: <c>ref double r = ref y;</c> makes every read and write of
/// <c>r</c> a read and write of <c>y</c>, and <c>ref double bin = ref bins[k];</c> (or <c>foreach (ref double v
/// in span)</c>) makes them reads and stores of that element — the index taken where the alias is made.
/// A ref local that is re-pointed (<c>r = ref b[1]</c>) or refers to anything else is reported.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>The initializer of every ref local of the method (<c>ref y</c>, <c>ref a[i]</c>), found before lowering.</summary>
    private readonly Dictionary<ILocalSymbol, IOperation> refInitializers = new(SymbolEqualityComparer.Default);

    /// <summary>The element each element alias refers to: the array and the index as they were where the alias was made.</summary>
    private readonly Dictionary<ILocalSymbol, (Expr Array, Expr Index)> elementAliases = new(SymbolEqualityComparer.Default);

    private void FindRefLocals(IOperation body)
    {
        foreach (IOperation operation in body.Descendants())
        {
            if (operation is IVariableDeclaratorOperation { Symbol.IsRef: true } declarator
                && (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer) is { } initializer)
            {
                refInitializers[declarator.Symbol] = initializer.Value;
            }
        }
    }

    /// <summary>The local or parameter a ref local refers to (through other ref locals), or null when it is not such an alias.</summary>
    private ISymbol? AliasedVariable(ILocalSymbol local) =>
        refInitializers.TryGetValue(local, out IOperation? initializer)
            ? initializer switch
            {
                ILocalReferenceOperation { Local.IsRef: true } other => AliasedVariable(other.Local),
                ILocalReferenceOperation other => other.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            }
            : null;

    /// <summary><c>ref T r = ref …;</c>: a variable alias needs nothing now; an element alias fixes its array and index.</summary>
    private void DeclareRefLocal(ILocalSymbol local, IOperation initializer)
    {
        if (AliasedVariable(local) is not null)
        {
            return;
        }

        if (initializer is ILocalReferenceOperation { Local: var other } && elementAliases.TryGetValue(other, out (Expr Array, Expr Index) element))
        {
            elementAliases[local] = element;
            return;
        }

        if (ElementParts(initializer) is not ({ } arrayOperation, { } indexOperation))
        {
            Report(Descriptors.UnsupportedStatement, initializer.Syntax.GetLocation(), "a ref local must refer to a local, a parameter or an array or span element");
            return;
        }

        Expr array = Lower(arrayOperation);
        Expr index = ElementIndex(array, indexOperation);
        elementAliases[local] = (array, index is UseExpr or LiteralExpr or TextExpr ? index : IndexLocal(index));
    }

    /// <summary>The element alias a read or write goes through, if <paramref name="target"/> is one.</summary>
    private (Expr Array, Expr Index)? ElementAlias(IOperation target) =>
        target is ILocalReferenceOperation { Local: var local } && elementAliases.TryGetValue(local, out (Expr Array, Expr Index) element) ? element : null;

    /// <summary>The array and index of <c>a[i]</c> (an array element or a span's indexer), or nulls for anything else.</summary>
    private static (IOperation? Array, IOperation? Index) ElementParts(IOperation operation) => operation switch
    {
        IArrayElementReferenceOperation { Indices.Length: 1 } element => (element.ArrayReference, element.Indices[0]),
        IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when Symbols.ElementType(indexer.Instance?.Type) is not null
            => (indexer.Instance, indexer.Arguments[0].Value),
        _ when IndexOrRange(operation) is ({ } instance, IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } fromEnd) => (instance, fromEnd),
        _ => (null, null),
    };

    /// <summary><c>r = ref b[1]</c>: the alias would differ from path to path.</summary>
    private void ReportRefReassignment(IOperation assignment) =>
        Report(Descriptors.UnsupportedStatement, assignment.Syntax.GetLocation(), "a ref local cannot be pointed somewhere else; declare another ref local");
}
