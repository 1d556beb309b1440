using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// Conditions that do more than compare: <c>j &gt;= 0 &amp;&amp; a[j] &gt; key</c> (the element may only be read
/// when the left side holds), <c>n-- &gt; 0</c>, <c>++iter &lt; 50</c>. They read primal values only, so they
/// have no gradient; what matters is that they run exactly as C# runs them.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>
    /// <c>l &amp;&amp; r</c> / <c>l || r</c> whose right side reads an element, calls something or writes: a
    /// branch, so the right side runs only when C# runs it.
    /// </summary>
    private bool NeedsShortCircuit(IOperation right) =>
        Writes(right)
        || (ReadsActiveValue(right) && right.DescendantsAndSelf().Any(d => d is IArrayElementReferenceOperation or IInvocationOperation or IPropertyReferenceOperation { Property.IsIndexer: true }));

    private Expr LowerShortCircuit(BinaryOperatorKind kind, IOperation left, IOperation right, IOperation operation)
    {
        bool isAnd = kind == BinaryOperatorKind.ConditionalAnd;
        Expr test = Condition(left);
        object resultKey = new();
        LowerBranch(
            isAnd ? test : new UnaryExpr("!", test),
            () => Bind(resultKey, Lower(right), right, name: null),
            () => Bind(resultKey, new TextExpr(isAnd ? "false" : "true", isPure: true), operation, name: null),
            shortCircuit: true);
        Value result = environment[resultKey];
        environment.Remove(resultKey);
        return new UseExpr(result);
    }

    /// <summary>
    /// A loop condition that computes something, writes, or reads a variable the body assigns first (a
    /// do/while's <c>d</c>) is tested inside the body instead: <c>while (true) { if (!cond) break; body }</c>,
    /// or at the end of a do/while's body. Tried on a scratch copy, with every number the loop assigns
    /// taken as differentiable (the body may make it so); nothing of the try is kept.
    /// </summary>
    private bool NeedsConditionInBody(IOperation condition, List<object> assigned)
    {
        if (Writes(condition))
        {
            return true;
        }

        Block outer = current;
        var before = environment;
        int reported = diagnostics.Count;
        current = new Block();
        environment = new(environment, VariableComparer.Instance);
        foreach (object key in assigned.Where(k => environment.ContainsKey(k) && environment[k].Numeric != NumericType.None))
        {
            Value value = environment[key];
            environment[key] = new Value(value.BaseName, value.TypeName, value.Numeric, isActive: true, value.Kind, value.IsArray);
        }

        Lower(condition);
        bool needs = current.Statements.Count > 0 || diagnostics.Count > reported;
        diagnostics.RemoveRange(reported, diagnostics.Count - reported);
        current = outer;
        environment = before;
        return needs;
    }
}
