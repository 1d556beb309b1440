using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// Code that checks or reports but computes nothing differentiable: <c>throw</c> statements and
/// expressions, <c>ArgumentOutOfRangeException.ThrowIfNegative(x)</c>, <c>Debug.Assert</c>,
/// <c>Console.WriteLine</c>, any call whose result is unused and that gets no differentiable value. It is
/// copied into the forward pass as written (<see cref="SideEffect"/>), reading the primal values, and the
/// backward pass skips it. A path that throws ends there: after a branch, the values come from the other side.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>Set in the environment of a path that has thrown; never emitted.</summary>
    private static readonly object Thrown = new();

    private static readonly Value ThrownMarker = new("thrown", "bool", NumericType.None, isActive: false, ValueKind.Temporary);

    /// <summary>Types whose methods only log or check, so they may get differentiable values (they cannot keep them).</summary>
    private static readonly HashSet<string> LoggingTypes =
    [
        "System.Console", "System.Diagnostics.Debug", "System.Diagnostics.Trace", "System.Diagnostics.Debugger",
    ];

    private static bool HasThrown(Dictionary<object, Value> values) => values.ContainsKey(Thrown);

    private void LowerThrow(IThrowOperation thrown)
    {
        if (thrown.Exception is null)
        {
            Report(Descriptors.UnsupportedStatement, thrown.Syntax.GetLocation(), "a rethrow");
            return;
        }

        if (CopyPrimal(thrown.Exception, thrown.Exception.Syntax, prefix: "throw ") is { } copy)
        {
            current.Statements.Add(new SideEffect(copy));
        }

        environment[Thrown] = ThrownMarker;
    }

    /// <summary>A call whose result is unused: run forward as written. Only logging and guards may see a differentiable value.</summary>
    private void LowerSideEffect(IInvocationOperation call)
    {
        if (CopyPrimal(call, call.Syntax) is not { } copy)
        {
            return;
        }

        if (!IsLoggingOrGuard(call.TargetMethod) && ReadsActive(copy))
        {
            Report(
                Descriptors.UnsupportedStatement,
                call.Syntax.GetLocation(),
                $"'{call.TargetMethod.Name}' gets a differentiable value and its result is unused: it could keep the value where the gradient cannot follow (only logging — Console, Debug, Trace — and the Throw… guards of exception types are run as side effects)");
            return;
        }

        current.Statements.Add(new SideEffect(copy));
    }

    private static bool IsLoggingOrGuard(IMethodSymbol method)
    {
        if (LoggingTypes.Contains(method.ContainingType.ToDisplayString()))
        {
            return true;
        }

        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (type.ToDisplayString() == "System.Exception")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A throw expression (the compiler wraps it in a conversion to the type of the other side), or null.</summary>
    private static IThrowOperation? ThrowExpression(IOperation operation) =>
        operation is IConversionOperation conversion ? ThrowExpression(conversion.Operand) : operation as IThrowOperation;

    /// <summary><c>c ? v : throw e</c> (or the throw first): the guard <c>if (!c) throw e;</c>, then the value.</summary>
    private Expr LowerThrowingConditional(IConditionalOperation conditional, IOperation whenFalse)
    {
        IThrowOperation? throwsWhenTrue = ThrowExpression(conditional.WhenTrue);
        Expr test = Condition(conditional.Condition);
        IThrowOperation thrown = throwsWhenTrue ?? ThrowExpression(whenFalse)!;
        LowerBranch(throwsWhenTrue is not null ? test : new UnaryExpr("!", test), () => LowerThrow(thrown), () => { });
        return Lower(throwsWhenTrue is not null ? whenFalse : conditional.WhenTrue);
    }

    /// <summary><c>a ?? throw e</c> of a local or parameter: the guard <c>if (a == null) throw e;</c>, then <c>a</c>.</summary>
    private Expr LowerThrowingCoalesce(ICoalesceOperation coalesce, IThrowOperation thrown)
    {
        Expr value = Lower(coalesce.Value);
        LowerBranch(new BinaryExpr("==", value, new TextExpr("null", isPure: true)), () => LowerThrow(thrown), () => { });
        return value;
    }

    /// <summary>
    /// An expression of a type that carries no gradient (a string, a bool from a pattern, an object) that the
    /// generator does not model: copied as written. Built from a differentiable value, only a string or a
    /// bool may be (text and tests read the primal); any other type could carry the value on without its gradient.
    /// </summary>
    private Expr LowerCopied(IOperation operation)
    {
        if (CopyPrimal(operation, operation.Syntax) is not { } copy)
        {
            return new LiteralExpr(0, NumericType.Double);
        }

        bool readsActive = ReadsActive(copy);
        // A step (a bool, an int: w?.Length ?? x.Length) or text of a differentiable value carries no gradient, as a cast to int does.
        if (readsActive && !IsStepOrText(operation.Type))
        {
            return Unsupported(operation, $"a value of type '{operation.Type!.ToDisplayString()}' built from a differentiable value: its gradient would be lost");
        }

        return copy;
    }

    /// <summary>
    /// A number chosen by whether something is null (<c>sampleWeights?[i] ?? 1.0</c> of a <c>[NoDiff] double[]?</c>): a
    /// constant, copied as written into a local of its own. Through a differentiable value there is no gradient rule for it.
    /// </summary>
    private Expr LowerNullChoice(IOperation operation)
    {
        if (CopyPrimal(operation, operation.Syntax) is not { } copy)
        {
            return new LiteralExpr(0, NumericType.Double);
        }

        return ReadsActive(copy)
            ? Unsupported(operation, $"'{operation.Syntax}' reads a differentiable value through ?. or ??; write the choice out (w is null ? 1.0 : w[i])")
            : Temporary(copy, operation, TemporaryStem);
    }

    private static bool ReadsActive(PrimalExpr copy) => copy.Holes.Any(h => h is UseExpr { Value.IsActive: true });

    /// <summary>Not a number, an array or a span: a value <see cref="LowerCopied"/> may take.</summary>
    private static bool CarriesNoGradient(IOperation operation) =>
        operation.Type is { SpecialType: not SpecialType.System_Void } type
        && Symbols.Numeric(type) == NumericType.None
        && Symbols.ElementType(type) is null
        && type.TypeKind != TypeKind.Delegate;
}
