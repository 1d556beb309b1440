using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// Writes inside expressions: <c>n--</c> and <c>++iter</c> in a condition, <c>a[m++] = v</c>, chained
/// <c>a = b = x * 2</c>. The variable gets its new SSA value where C# evaluates the write, and the
/// expression's value is the old one (postfix) or the new one.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary><c>x++</c>, <c>--x</c> of a local or parameter inside an expression; a differentiable one is reported.</summary>
    private Expr LowerIncrementInExpression(IIncrementOrDecrementOperation increment, ISymbol target)
    {
        Expr before = Lower(increment.Target);
        if (IsActive(before))
        {
            return Unsupported(increment, $"'{increment.Syntax}' of a differentiable value inside an expression; write it on its own line");
        }

        Bind(target, LowerIncrement(increment), increment, target.Name);
        return increment.IsPostfix ? before : new UseExpr(environment[target]);
    }

    /// <summary><c>a = value</c> or <c>a += value</c> inside an expression (<c>a = b = x * 2</c>): the value assigned.</summary>
    private Expr LowerAssignmentInExpression(IAssignmentOperation assignment, ISymbol target)
    {
        Expr value = assignment is ICompoundAssignmentOperation compound
            ? LowerBinary(compound.OperatorKind, compound.Target, compound.Value, compound)
            : Lower(assignment.Value);
        Bind(target, value, assignment, target.Name);
        return environment.TryGetValue(target, out Value? assigned) ? new UseExpr(assigned) : value;
    }

    /// <summary>
    /// <c>a[i] = value</c> or <c>a[i] *= value</c> inside an expression (also through an element alias:
    /// <c>(r *= e) * e2</c>): stored, and the value stored goes on.
    /// </summary>
    private Expr LowerStoreInExpression(IOperation target, System.Func<Expr> lowerValue, IOperation value)
    {
        Expr stored = new LiteralExpr(0, NumericType.Double);
        LowerStore(target, () => stored = Materialize(lowerValue(), value, TemporaryStem));
        return stored;
    }

    /// <summary>An element target whose index assigns or increments something (lowering it twice would write twice).</summary>
    private static bool WritesInIndex(IOperation target) =>
        target.Descendants().Any(d => d is IAssignmentOperation or IIncrementOrDecrementOperation);

    /// <summary>Anything in <paramref name="operation"/> that assigns or increments, or sets an out argument.</summary>
    private static bool Writes(IOperation operation) =>
        operation.DescendantsAndSelf().Any(d => d is IAssignmentOperation or IIncrementOrDecrementOperation || d is IInvocationOperation call && OutArguments(call).Any());

    /// <summary>The values of a call's out arguments: the variables it sets (<c>out r</c>) or declares (<c>out double r</c>).</summary>
    private static IEnumerable<IOperation> OutArguments(IInvocationOperation call) =>
        call.Arguments.Where(a => a.Parameter?.RefKind == RefKind.Out).Select(a => a.Value);
}
