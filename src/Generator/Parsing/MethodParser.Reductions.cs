using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// LINQ's reductions of a differentiable array, <c>w.Sum()</c>, <c>w.Average()</c>, <c>w.Max()</c>, <c>w.Min()</c> (also called
/// as <c>Enumerable.Sum(w)</c>): lowered as the loop one writes by hand (<see cref="Reduction"/>), with LINQ's values to the
/// last bit. A sum adds in the order LINQ does (it does not vectorize a sum of doubles or floats), a float array in double,
/// converted back to float, as LINQ does. A maximum takes each later element that is greater, the first of equal ones (or
/// any after a leading NaN, which LINQ skips), a minimum each that is smaller, or NaN (LINQ's minimum is NaN if any element
/// is); the gradient goes to the element the value is. A mean, a maximum or a minimum of no elements throws LINQ's
/// InvalidOperationException. LINQ with a selector stays SDIFF0006: converting the array to <c>IEnumerable&lt;T&gt;</c> would
/// take it out of the generator's sight.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>The reduction <paramref name="invocation"/> is, lowered; null when it is none, or of constants.</summary>
    private Expr? LowerReduction(IInvocationOperation invocation, List<IArgumentOperation> arguments)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name is not ("Sum" or "Average" or "Max" or "Min") || arguments.Count != 1 || method.ContainingType.ToDisplayString() != "System.Linq.Enumerable"
            || WithoutConversions(arguments[0].Value) is not { Type: IArrayTypeSymbol { Rank: 1, ElementType: var elementType } } source
            || Symbols.Numeric(elementType) == NumericType.None
            || !SymbolEqualityComparer.Default.Equals(method.ReturnType, elementType)
            || !(ReadsActiveValue(source) || ReadsOutput(source)))
        {
            return null;
        }

        Expr array = WholeArray(Lower(source));
        ReportOutputReadWholeFirst(invocation, array);
        Expr length = new MemberExpr(array, "Length", isPure: true);
        if (method.Name != "Sum")
        {
            // new double[0].Average() throws, as do Max and Min: the division would be 0 / 0, and there is no first element.
            LowerBranch(
                new BinaryExpr("==", length, new TextExpr("0", isPure: true)),
                () =>
                {
                    current.Statements.Add(new SideEffect(new TextExpr("throw new global::System.InvalidOperationException(\"Sequence contains no elements\")", isPure: false)));
                    environment[Thrown] = ThrownMarker;
                },
                () => { });
        }

        if (method.Name is "Max" or "Min")
        {
            return new UseExpr(Extremum(invocation, array, length, elementType, maximum: method.Name == "Max"));
        }

        ITypeSymbol sumType = compilation.GetSpecialType(SpecialType.System_Double);
        NumericType numeric = Symbols.Numeric(sumType);
        var zero = new Value("sum", Symbols.TypeText(sumType), numeric, isActive: false, ValueKind.Local);
        current.Statements.Add(new Define(zero, new LiteralExpr(0, numeric)));
        Expr sum = new UseExpr(Reduction(invocation, "sum", zero, "0", length, (key, i) =>
        {
            Expr element = Element(array, i, elementType);
            if (!SymbolEqualityComparer.Default.Equals(elementType, sumType))
            {
                element = Gate(GateRules.Convert(Symbols.TypeText(sumType)), sumType, element);
            }

            environment[key] = ((UseExpr)Gate(GateRules.Add, sumType, new UseExpr(environment[key]), element)).Value;
        }));
        if (method.Name == "Average")
        {
            sum = Gate(GateRules.Divide, sumType, sum, new CastExpr("double", length));
        }

        return Symbols.Numeric(elementType) == NumericType.Float ? Gate(GateRules.Convert("float"), elementType, sum) : sum;
    }

    /// <summary>
    /// <c>m = a[0]; for (int i = 1; i &lt; a.Length; i++) if (a[i] &gt; m || double.IsNaN(m)) m = a[i];</c> (a minimum: <c>a[i] &lt; m ||
    /// double.IsNaN(a[i])</c>), LINQ's value and NaN rules; the value after the loop.
    /// </summary>
    private Value Extremum(IOperation operation, Expr array, Expr length, ITypeSymbol elementType, bool maximum)
    {
        string type = Symbols.TypeText(elementType);
        Value first = Materialized(Element(array, new TextExpr("0", isPure: true), elementType), elementType);
        return Reduction(operation, maximum ? "max" : "min", first, "1", length, (key, i) =>
        {
            Value element = Materialized(Element(array, i, elementType), elementType);
            Expr extremum = new UseExpr(environment[key]), candidate = new UseExpr(element);
            Expr nan = new CallExpr(new TextExpr(type, isPure: true), "IsNaN", [maximum ? extremum : candidate], isPure: true);
            var takes = new Value("c", "bool", NumericType.None, isActive: false, ValueKind.Temporary);
            current.Statements.Add(new Define(takes, new BinaryExpr("||", new BinaryExpr(maximum ? ">" : "<", candidate, extremum), nan)));
            LowerBranch(new UseExpr(takes), () => environment[key] = element, () => { });
        });
    }

    /// <summary>The value <paramref name="expr"/> reads, or a new one holding it.</summary>
    private Value Materialized(Expr expr, ITypeSymbol type) =>
        expr is UseExpr { Value: var value } ? value : ((UseExpr)MaterializeOperand(expr, type, Symbols.Numeric(type))).Value;
}
