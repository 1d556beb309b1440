using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// LINQ's sum and mean of a differentiable array, <c>w.Sum()</c>, <c>w.Average()</c> (also called as
/// <c>Enumerable.Sum(w)</c>): lowered as the loop one writes by hand, <c>double s = 0; for (…) s += w[i];</c>, which adds in
/// the order LINQ does (it does not vectorize a sum of doubles or floats), so the value is LINQ's to the last bit. A float
/// array is summed in double and the sum converted back to float, as LINQ does. A mean of no elements throws LINQ's
/// InvalidOperationException, where the division would give NaN. Everything else of LINQ (Max, Min, a selector) stays
/// SDIFF0006: converting the array to <c>IEnumerable&lt;T&gt;</c> would take it out of the generator's sight.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>The sum or mean of <paramref name="invocation"/>, lowered; null when it is neither, or of constants.</summary>
    private Expr? LowerSum(IInvocationOperation invocation, List<IArgumentOperation> arguments)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name is not ("Sum" or "Average") || arguments.Count != 1 || method.ContainingType.ToDisplayString() != "System.Linq.Enumerable"
            || WithoutConversions(arguments[0].Value) is not { Type: IArrayTypeSymbol { Rank: 1, ElementType: var elementType } } source
            || Symbols.Numeric(elementType) == NumericType.None
            || !SymbolEqualityComparer.Default.Equals(method.ReturnType, elementType)
            || !(ReadsActiveValue(source) || ReadsOutput(source)))
        {
            return null;
        }

        Expr array = WholeArray(Lower(source));
        ReportOutputCopiedFirst(invocation, array);
        if (method.Name == "Average")
        {
            // new[] { }.Average() throws; the division would be 0 / 0.
            LowerBranch(
                new BinaryExpr("==", new MemberExpr(array, "Length", isPure: true), new TextExpr("0", isPure: true)),
                () =>
                {
                    current.Statements.Add(new SideEffect(new TextExpr("throw new global::System.InvalidOperationException(\"Sequence contains no elements\")", isPure: false)));
                    environment[Thrown] = ThrownMarker;
                },
                () => { });
        }

        ITypeSymbol sumType = compilation.GetSpecialType(SpecialType.System_Double);
        Expr sum = SumOfElements(invocation, array, elementType, sumType);
        if (method.Name == "Average")
        {
            sum = Gate(GateRules.Divide, sumType, sum, new CastExpr("double", new MemberExpr(array, "Length", isPure: true)));
        }

        return Symbols.Numeric(elementType) == NumericType.Float ? Gate(GateRules.Convert("float"), elementType, sum) : sum;
    }

    /// <summary><c>s = 0; for (int i = 0; i &lt; array.Length; i++) s += array[i];</c> as a loop of the graph, in <paramref name="sumType"/>; the sum after it.</summary>
    private Expr SumOfElements(IOperation operation, Expr array, ITypeSymbol elementType, ITypeSymbol sumType)
    {
        var key = new object();
        var sumKey = new object();
        DefineIndex(key, new TextExpr("0", isPure: true));
        var zero = new Value("sum", Symbols.TypeText(sumType), Symbols.Numeric(sumType), isActive: false, ValueKind.Local);
        current.Statements.Add(new Define(zero, new LiteralExpr(0, Symbols.Numeric(sumType))));
        Carried counter = Carry(key, environment[key], active: false);
        Carried sum = Carry(sumKey, zero, active: true);
        Dictionary<object, Value> before = environment;
        Block outer = current;

        environment = new Dictionary<object, Value>(before, VariableComparer.Instance) { [key] = counter.Header, [sumKey] = sum.Header };
        current = new Block();
        Expr element = Element(array, new UseExpr(counter.Header), elementType);
        if (!SymbolEqualityComparer.Default.Equals(elementType, sumType))
        {
            element = Gate(GateRules.Convert(Symbols.TypeText(sumType)), sumType, element);
        }

        // Named as the sum, as Bind names what a user's s += w[i] assigns: the loop then reads sum += w[i].
        sum.Final = ((UseExpr)Gate(GateRules.Add, sumType, new UseExpr(sum.Header), element)).Value;
        sum.Final.BaseName = zero.BaseName;
        sum.Final.Kind = ValueKind.Local;
        DefineIndex(key, new BinaryExpr("+", new UseExpr(counter.Header), new TextExpr("1", isPure: true)));
        counter.Final = environment[key];
        Block body = current;

        current = outer;
        environment = new Dictionary<object, Value>(before, VariableComparer.Instance) { [key] = counter.Storage, [sumKey] = sum.Storage };
        var count = new Value("count", "int", NumericType.None, isActive: false, ValueKind.Temporary);
        Expr test = new BinaryExpr("<", new UseExpr(counter.Storage), new MemberExpr(array, "Length", isPure: true));
        current.Statements.Add(new Loop(count, [counter, sum], test, testFirst: true, body, breakFlag: null) { WrittenAsFor = true, Position = operation.Syntax.SpanStart });
        return new UseExpr(sum.Storage);
    }
}
