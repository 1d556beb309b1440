using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// A call of constants with out arguments, C#'s Try pattern: <c>rates.TryGetValue(region, out double rate)</c>,
/// <c>double.TryParse(text, out var v)</c>. The call runs once, made into a tuple of its result and what its out
/// arguments set, <c>(bool, double) tryGetValue0 = (rates.TryGetValue(region, out double rate0), rate0);</c>, and each
/// variable the user's call sets (declared there or before) takes its item: every out argument becomes a value of
/// the graph, read, saved and merged as any constant is.
/// </summary>
internal sealed partial class MethodParser
{
    private Expr LowerOutCall(IInvocationOperation invocation, IMethodSymbol target)
    {
        List<IArgumentOperation> outputs = [.. invocation.Arguments.Where(a => a.Parameter?.RefKind == RefKind.Out)]; // as C# evaluates them
        string? unsupported =
            target.ReturnsVoid ? "a void method; make it return one of them"
            : invocation.Arguments.Any(a => a.ArgumentKind is not ArgumentKind.Explicit || a.Parameter?.RefKind is not (RefKind.None or RefKind.Out)) ? "a call that also passes a ref, in, params or default argument"
            : outputs.Count > 6 ? "more than six out arguments"
            : Symbols.HasAttribute(target, Symbols.DifferentiableAttribute) || target.MethodKind == MethodKind.LocalFunction || Symbols.IsExtensionBlock(target.ContainingType) ? "a [Differentiable] method, a local function or an extension block's member"
            : outputs.FirstOrDefault(a => OutTarget(a.Value) is null && a.Value is not IDiscardOperation) is { } other ? $"'{other.Syntax}', which sets something other than a local or a parameter"
            : null;
        if (unsupported is not null)
        {
            return Unsupported(invocation, $"the call '{invocation.Syntax}' has out arguments, supported only in a call of constants to a method that returns a value, each setting a local or a parameter: this is {unsupported}");
        }

        Expr? receiver = invocation.Instance is null ? null : Lower(invocation.Instance);
        var arguments = new Dictionary<IArgumentOperation, Expr>();
        var declared = new List<Value?>();
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter!.RefKind == RefKind.Out)
            {
                ISymbol? variable = OutTarget(argument.Value);
                Value? output = variable is null ? null : new Value(variable.Name, Symbols.AnnotatedTypeText(argument.Parameter.Type), Symbols.Numeric(argument.Parameter.Type), isActive: false, ValueKind.Temporary);
                declared.Add(output);
                arguments[argument] = new OutExpr(output, declares: true);
            }
            else
            {
                arguments[argument] = Lower(argument.Value);
            }
        }

        if ((receiver is not null && IsActiveValue(receiver)) || arguments.Values.Any(IsActiveValue))
        {
            return NotDifferentiable(invocation, target);
        }

        var call = new CallExpr(receiver ?? Receiver(null, target), Symbols.Identifier(target.Name) + TypeArguments(target.TypeArguments), [.. InParameterOrder(invocation.Arguments).Select(a => arguments[a])], isPure: false);
        List<Value> set = [.. declared.OfType<Value>()];
        if (set.Count == 0)
        {
            // Only discards (int.TryParse(text, out _)): the call's value alone, as any call of constants.
            return Temporary(call, invocation, ReceiverStem(invocation));
        }

        string type = "(" + string.Join(", ", new[] { Symbols.AnnotatedTypeText(target.ReturnType) }.Concat(set.Select(v => v.TypeName))) + ")";
        var tuple = new Value(ReceiverStem(invocation), type, NumericType.None, isActive: false, ValueKind.Temporary) { KeepsItsName = true };
        current.Statements.Add(new Define(tuple, new TupleExpr([call, .. set.Select(v => new OutExpr(v, declares: false))])));

        int item = 2;
        foreach (IArgumentOperation argument in outputs)
        {
            if (OutTarget(argument.Value) is { } variable)
            {
                // Read once where the call is, so a later change of the tuple's variable cannot reach it.
                Bind(variable, new MemberExpr(new UseExpr(tuple), $"Item{item++}", isPure: false), argument.Value, variable.Name);
            }
        }

        return new MemberExpr(new UseExpr(tuple), "Item1", isPure: false);
    }

    /// <summary>The local or parameter an out argument sets: declared in the call (<c>out double rate</c>, <c>out var v</c>) or before it.</summary>
    private ISymbol? OutTarget(IOperation value) => value switch
    {
        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local } => local.Local,
        _ => AssignedVariable(value),
    };
}
