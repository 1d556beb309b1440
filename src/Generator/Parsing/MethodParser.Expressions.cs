using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.CustomDerivatives;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Model;
using SymbolicDiff.Generator.Rules;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// Expression lowering. An expression lowers to an <see cref="Expr"/>; it is <em>active</em> (a derivative
/// flows through it) exactly when it is a read of an active value. Every operation on an active input
/// becomes a gate whose output is a new value, so the backward pass can visit gates one by one.
/// Everything else (integers, fields, comparisons) stays a constant C# expression.
/// </summary>
internal sealed partial class MethodParser
{
    private static bool IsActive(Expr expr) => expr is UseExpr { Value.IsActive: true };

    private Expr Lower(IOperation operation)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (operation.ConstantValue.HasValue)
        {
            return Constant(operation);
        }

        if (operation.Syntax is StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax)
        {
            return LowerStackAlloc(operation);
        }

        switch (operation)
        {
            case IArrayCreationOperation creation:
                return LowerArrayCreation(creation);
            case ILocalReferenceOperation local when ElementAlias(local) is { } alias:
                return ElementRead(alias.Array, alias.Index, operation);
            case ILocalReferenceOperation { Local.IsRef: true } alias:
                // Not an alias of a variable or an element: its declaration was reported already.
                return AliasedVariable(alias.Local) is { } variable ? Read(variable, operation) : new LiteralExpr(0, NumericType.Double);
            case ILocalReferenceOperation local:
                return Read(local.Local, operation);
            case IParameterReferenceOperation parameter when inlinedArguments.TryGetValue(parameter.Parameter, out Expr? argument):
                return argument;
            case IParameterReferenceOperation parameter when IsPrimaryConstructorParameter(parameter.Parameter):
                return new TextExpr(Symbols.Identifier(parameter.Parameter.Name), isPure: true);
            case IParameterReferenceOperation parameter:
                return Read(parameter.Parameter, operation);
            case IInstanceReferenceOperation { Syntax: BaseExpressionSyntax }:
                // base.F(x) calls the base's F, and base.FBackward its companion; this.FBackward would be the override's (F42)
                return new TextExpr("base", isPure: true);
            case IInstanceReferenceOperation:
                return new TextExpr("this", isPure: true);
            case IFieldReferenceOperation field when LowerSinCosPart(field) is { } part:
                return part;
            case IFieldReferenceOperation field:
                return new MemberExpr(Receiver(field.Instance, field.Field), Symbols.Identifier(field.Field.Name), isPure: true);
            case var indexed when IndexOrRange(indexed) is var (instance, index):
                return LowerIndexOrRange(indexed, instance, index);
            case IArrayElementReferenceOperation { Indices.Length: 1 } element:
                return LowerElement(element.ArrayReference, element.Indices[0], element);
            case IArrayElementReferenceOperation element when !ReadsActiveValue(element.ArrayReference):
                return LowerCopied(element); // a[i, j] of constant data (a [NoDiff] double[,]): a constant
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when Symbols.ElementType(indexer.Instance?.Type) is not null:
                return LowerElement(indexer.Instance!, indexer.Arguments[0].Value, indexer);
            case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                return LowerProperty(property);
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                return LowerIndexer(indexer);
            case var copy when CopiedArray(copy) is { } copied:
                return LowerArrayCopy(copy, Lower(copied));
            case IConversionOperation conversion:
                return LowerConversion(conversion);
            case IBinaryOperation binary:
                return LowerBinary(binary.OperatorKind, binary.LeftOperand, binary.RightOperand, binary);
            case IUnaryOperation unary:
                return LowerUnary(unary);
            case IConditionalOperation conditional when conditional.WhenFalse is not null:
                return LowerConditional(conditional, conditional.WhenFalse);
            case IInvocationOperation invocation:
                return LowerInvocation(invocation);
            case ISwitchExpressionOperation switchExpression:
                return LowerSwitchExpression(switchExpression);
            case IIncrementOrDecrementOperation increment when AssignedVariable(increment.Target) is { } target:
                return LowerIncrementInExpression(increment, target);
            case IAssignmentOperation assignment when AssignedVariable(assignment.Target) is { } target:
                return LowerAssignmentInExpression(assignment, target);
            case ISimpleAssignmentOperation assignment when IsElement(assignment.Target):
                return LowerElementAssignment(assignment);
            case ICompoundAssignmentOperation compound when IsElement(compound.Target) && !WritesInIndex(compound.Target):
                return LowerElementCompound(compound);
            case ICoalesceOperation coalesce when ThrowExpression(coalesce.WhenNull) is { } thrown && coalesce.Value is ILocalReferenceOperation or IParameterReferenceOperation:
                return LowerThrowingCoalesce(coalesce, thrown);
            case { Kind: InlineArrayAccess }:
                return Unsupported(operation, "an element of an inline array; keep the values in a local array (new double[n]) or a stackalloc span");
            case { Kind: CollectionExpression }:
                return LowerCollectionExpression(operation);
            case var copied when CarriesNoGradient(copied):
                return LowerCopied(copied);
            case ICoalesceOperation or IConditionalAccessOperation when Symbols.Numeric(operation.Type) != NumericType.None:
                return LowerNullChoice(operation);
            default:
                return Unsupported(operation, $"'{operation.Syntax}' ({operation.Kind})");
        }
    }

    // Each lambda in its own method: a lambda in Lower's switch that captures a pattern variable made the compiler
    // allocate its closure on every call of Lower, the switch's patterns being decided before a case is chosen.
    private Expr LowerElementAssignment(ISimpleAssignmentOperation assignment) =>
        LowerStoreInExpression(assignment.Target, () => Lower(assignment.Value), assignment.Value);

    private Expr LowerElementCompound(ICompoundAssignmentOperation compound) =>
        LowerStoreInExpression(compound.Target, () => LowerCompound(compound), compound);

    // Kinds of C# 12 and 13 that the Roslyn this generator is built against (4.3) has no names for.
    private const ArgumentKind ParamCollection = (ArgumentKind)4;
    private const OperationKind InlineArrayAccess = (OperationKind)126;
    private const OperationKind CollectionExpression = (OperationKind)127;
    private const OperationKind Spread = (OperationKind)128;

    private Expr Unsupported(IOperation operation, string what)
    {
        Report(Descriptors.UnsupportedExpression, operation.Syntax.GetLocation(), what);
        return new LiteralExpr(0, NumericType.Double);
    }

    /// <summary>
    /// <c>a[i]</c>. An element of a differentiable array is a gate (its gradient goes to <c>da[i]</c>); the
    /// array is never written, so the backward pass can read <c>a[i]</c> again instead of keeping the value.
    /// </summary>
    /// <param name="fromEnd">The index counts from the end (<c>x[^k]</c>, <paramref name="indexOperation"/> is k).</param>
    private Expr LowerElement(IOperation arrayOperation, IOperation indexOperation, IOperation operation, bool fromEnd = false)
    {
        Expr array = Lower(arrayOperation);
        Expr index = LowerIndex(indexOperation);
        if (fromEnd)
        {
            index = new BinaryExpr("-", new MemberExpr(array, "Length", isPure: true), index);
        }

        return ElementRead(array, index, operation);
    }

    /// <summary>
    /// <c>a.AsSpan()</c> is <c>a</c> itself when indexed (<c>foreach (ref … in a.AsSpan())</c>): the same
    /// element, with the same bounds. A slice with a start or a length stays a slice.
    /// </summary>
    private static Expr WholeArray(Expr array) => array is SliceExpr { Start: null, Length: null } whole ? whole.Array : array;

    /// <summary>A read of <c>array[index]</c> (written so, or through an element alias).</summary>
    private Expr ElementRead(Expr array, Expr index, IOperation operation)
    {
        array = WholeArray(array);
        if (array is SliceExpr)
        {
            return Unsupported(operation, "an element of a slice of a differentiable array; index the array itself");
        }

        if (array is UseExpr { Value: { IsOutput: true } output } && !WrittenBeforeRead(operation))
        {
            Report(Descriptors.WrittenParameter, operation.Syntax.GetLocation(), output.BaseName, OutputReadFirst);
        }

        return Element(array, index, operation.Type!);
    }

    private Expr Element(Expr array, Expr index, ITypeSymbol elementType)
    {
        // Parameter arrays that are read are never written (only local arrays and outputs are), so reading them is pure.
        // An output that is read (y[i] += w * x[j] after y[i] = b) is read as a local array is: what it holds changes.
        var element = new ElementExpr(array, index, isReadOnly: array is not UseExpr { Value: { Kind: not ValueKind.Parameter } or { IsOutput: true } });
        if (array is not UseExpr { Value: { IsArray: true, IsActive: true } })
        {
            return element;
        }

        // x[i] * x[i]: one read of a parameter's element per block, so the gradient is one 2·x[i] term.
        (Block, Value, Value)? key = element.IsReadOnly && index is UseExpr { Value: var indexValue }
            ? (current, ((UseExpr)array).Value, indexValue)
            : null;
        if (key is { } known && elementReads.TryGetValue(known, out Value? earlier))
        {
            return new UseExpr(earlier);
        }

        var output = new Value(TemporaryStem, Symbols.TypeText(elementType), Symbols.Numeric(elementType), isActive: true, ValueKind.Temporary)
        {
            Recompute = element.IsReadOnly ? element : null,
        };
        current.Statements.Add(new Define(output, element, GateRules.ElementRead, [array, index]));
        if (key is { } fresh)
        {
            elementReads[fresh] = output;
        }

        return new UseExpr(output);
    }

    /// <summary>Reads of elements of parameter arrays (never written) already made in a block, by array and index value.</summary>
    private readonly Dictionary<(Block, Value, Value), Value> elementReads = [];

    /// <summary>A variable with no value yet was left unassigned by a statement already reported: no second error.</summary>
    private Expr Read(ISymbol variable, IOperation operation) =>
        environment.TryGetValue(variable, out Value? value)
            ? new UseExpr(value)
            : diagnostics.Count > initialDiagnostics
                ? new LiteralExpr(0, NumericType.Double)
                : Unsupported(operation, $"'{variable.Name}' is read before it is assigned");

    private Expr Receiver(IOperation? instance, ISymbol member) =>
        instance is null ? new TextExpr(Symbols.TypeText(member.ContainingType), isPure: true) : Lower(instance);

    private static Expr Constant(IOperation operation)
    {
        object? value = operation.ConstantValue.Value;
        NumericType numeric = Symbols.Numeric(operation.Type);
        if (numeric != NumericType.None)
        {
            return new LiteralExpr(Convert.ToDouble(value, CultureInfo.InvariantCulture), numeric);
        }

        if (operation.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumeration && value is not null)
        {
            return new TextExpr(EnumConstant(enumeration, value), isPure: true);
        }

        string text = value switch
        {
            // of its type (annotated: the generated file enables nullable), since an overload for another type would take a bare null too
            null when operation.Type is { IsReferenceType: true } type => $"({Symbols.TypeText(type)}?)null",
            null when operation.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } type => $"({Symbols.TypeText(type)})null",
            null => "null",
            bool b => b ? "true" : "false",
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
            ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
            decimal d => d.ToString(CultureInfo.InvariantCulture) + "M",
            int i => i.ToString(CultureInfo.InvariantCulture),
            _ => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false),
        };
        bool needsCast = value is byte or sbyte or short or ushort;
        return new TextExpr(needsCast ? $"({Symbols.TypeText(operation.Type!)}){text}" : text, isPure: true);
    }

    /// <summary>
    /// An enum's constant as its member (<c>global::Mode.Cubic</c>), or its number cast to the enum where no member has
    /// it (a combination of flags): the number alone is an int, which C# compares with no enum but 0 (F29).
    /// </summary>
    private static string EnumConstant(INamedTypeSymbol enumeration, object value)
    {
        string type = Symbols.TypeText(enumeration);
        if (enumeration.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value)) is { } member)
        {
            return type + "." + Symbols.Identifier(member.Name);
        }

        string number = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatPrimitive(value, quoteStrings: false, useHexadecimalNumbers: false);
        return $"(({type})({number}))";
    }

    private Expr LowerConversion(IConversionOperation conversion)
    {
        Expr operand = Lower(conversion.Operand);
        ITypeSymbol target = conversion.Type!;
        if (SymbolEqualityComparer.Default.Equals(target, conversion.Operand.Type))
        {
            return operand;
        }

        if (ArrayOf(operand) is { IsActive: true } array)
        {
            // double[] → Span<double> → ReadOnlySpan<double>: the same elements, so the same adjoint.
            return Symbols.Numeric(Symbols.ElementType(target)) == array.Numeric
                ? operand
                : Unsupported(conversion, $"converting the differentiable array '{array.BaseName}' to '{target.ToDisplayString()}'"
                    + (target is INamedTypeSymbol { Name: "IEnumerable" } ? " (LINQ: Sum(), Average(), Max() and Min() of an array are supported; write a loop for the rest)" : ""));
        }

        if (IsActive(operand))
        {
            if (conversion.OperatorMethod is not null)
            {
                return Unsupported(conversion, $"the user-defined conversion '{conversion.OperatorMethod.ToDisplayString()}'");
            }

            // float <-> double carries the gradient; a conversion to an integer is a step function (zero gradient).
            if (Symbols.Numeric(target) != NumericType.None)
            {
                return Gate(GateRules.Convert(Symbols.TypeText(target)), conversion, operand);
            }

            if (!Symbols.ChangesInSteps(target))
            {
                string text = target.SpecialType == SpecialType.System_Object ? $" (for text, an interpolated string: $\"{{{conversion.Operand.Syntax}:F2}}\")" : "";
                return Unsupported(conversion, $"converting a differentiable value to '{target.ToDisplayString()}': its gradient would be lost; keep it a {conversion.Operand.Type!.ToDisplayString()}{text}");
            }
        }

        // (object?)w of w == null keeps its ?: (object)w of a double[]? is a nullable warning in generated code
        return new CastExpr(Symbols.AnnotatedTypeText(target), operand);
    }

    /// <summary><c>k += 1</c>: for a byte, short or char <c>k</c>, C# narrows the int sum back to k's type, and so must the generated code.</summary>
    private Expr LowerCompound(ICompoundAssignmentOperation compound)
    {
        Expr value = LowerBinary(compound.OperatorKind, compound.Target, compound.Value, compound);
        return compound.OutConversion.IsIdentity || IsActive(value) ? value : new CastExpr(Symbols.TypeText(compound.Type!), value);
    }

    private Expr LowerBinary(BinaryOperatorKind kind, IOperation leftOperation, IOperation rightOperation, IOperation operation)
    {
        if (kind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr && NeedsShortCircuit(rightOperation))
        {
            return LowerShortCircuit(kind, leftOperation, rightOperation, operation);
        }

        Expr left = Lower(leftOperation);
        Expr right = Lower(rightOperation);
        IMethodSymbol? userDefined = operation switch
        {
            IBinaryOperation binary => binary.OperatorMethod,
            ICompoundAssignmentOperation compound => compound.OperatorMethod,
            _ => null,
        };
        if (LowerUserDefinedOperator(operation, userDefined, [left, right]) is { } call)
        {
            return call;
        }

        bool active = IsActive(left) || IsActive(right);
        GateRule? rule = kind switch
        {
            BinaryOperatorKind.Add => GateRules.Add,
            BinaryOperatorKind.Subtract => GateRules.Subtract,
            BinaryOperatorKind.Multiply => GateRules.Multiply,
            BinaryOperatorKind.Divide => GateRules.Divide,
            BinaryOperatorKind.Remainder => GateRules.Remainder,
            _ => null,
        };

        if (active && (rule is null || Symbols.Numeric(operation.Type) == NumericType.None))
        {
            // Comparisons read the primal only: constant, no gradient. Anything else has no rule.
            if (IsComparison(kind))
            {
                return new BinaryExpr(OperatorText(kind), left, right);
            }

            return Unsupported(operation, $"the operator '{OperatorText(kind)}' on a differentiable value");
        }

        if (active)
        {
            return Gate(rule!, operation, left, right);
        }

        return new BinaryExpr(OperatorText(kind), left, right);
    }

    private Expr LowerIncrement(IIncrementOrDecrementOperation increment)
    {
        bool isIncrement = increment.Kind == OperationKind.Increment;
        Expr current = Lower(increment.Target);
        NumericType numeric = Symbols.Numeric(increment.Type);
        Expr one = numeric == NumericType.None ? new TextExpr("1", isPure: true) : new LiteralExpr(1, numeric);
        if (IsActive(current))
        {
            return Gate(isIncrement ? GateRules.Add : GateRules.Subtract, increment, current, one);
        }

        // byte, short and char arithmetic is done in int: cast back. int, long and friends need no cast.
        var sum = new BinaryExpr(isIncrement ? "+" : "-", current, one);
        return increment.Type!.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64
            ? sum
            : new CastExpr(Symbols.TypeText(increment.Type!), sum);
    }

    private Expr LowerUnary(IUnaryOperation unary)
    {
        Expr operand = Lower(unary.Operand);
        if (LowerUserDefinedOperator(unary, unary.OperatorMethod, [operand]) is { } call)
        {
            return call;
        }

        switch (unary.OperatorKind)
        {
            case UnaryOperatorKind.Plus:
                return operand;
            case UnaryOperatorKind.Minus when IsActive(operand):
                return Gate(GateRules.Negate, unary, operand);
            case UnaryOperatorKind.Minus:
                return new UnaryExpr("-", operand);
            case UnaryOperatorKind.Not:
                return new UnaryExpr("!", operand);
            case UnaryOperatorKind.BitwiseNegation when !IsActive(operand):
                return new UnaryExpr("~", operand);
            default:
                return Unsupported(unary, $"the unary operator in '{unary.Syntax}'");
        }
    }

    /// <summary>
    /// <c>c ? a : b</c>. With a differentiable side, each side is evaluated only when taken (as C# does):
    /// a branch whose sides meet in a merge. With two constant sides it stays a plain conditional.
    /// </summary>
    private Expr LowerConditional(IConditionalOperation conditional, IOperation whenFalse)
    {
        if (ThrowExpression(conditional.WhenTrue) is not null || ThrowExpression(whenFalse) is not null)
        {
            return LowerThrowingConditional(conditional, whenFalse);
        }

        if (!ReadsActiveValue(conditional.WhenTrue) && !ReadsActiveValue(whenFalse))
        {
            return new ConditionalExpr(Lower(conditional.Condition), Lower(conditional.WhenTrue), Lower(whenFalse));
        }

        object resultKey = new();
        LowerBranch(
            Condition(conditional.Condition),
            () => Bind(resultKey, Lower(conditional.WhenTrue), conditional.WhenTrue, name: null),
            () => Bind(resultKey, Lower(whenFalse), whenFalse, name: null));
        Value result = environment[resultKey];
        environment.Remove(resultKey);
        return new UseExpr(result);
    }

    private bool ReadsActiveValue(IOperation operation) =>
        operation.DescendantsAndSelf().Any(d => d switch
        {
            ILocalReferenceOperation local when ElementAlias(local) is { } alias => ArrayOf(alias.Array) is { IsActive: true },
            ILocalReferenceOperation { Local.IsRef: true } alias => AliasedVariable(alias.Local) is { } variable && environment.TryGetValue(variable, out Value? v) && v.IsActive,
            ILocalReferenceOperation local => environment.TryGetValue(local.Local, out Value? v) && v.IsActive,
            IParameterReferenceOperation parameter when inlinedArguments.TryGetValue(parameter.Parameter, out Expr? argument) => IsActive(argument),
            IParameterReferenceOperation parameter => environment.TryGetValue(parameter.Parameter, out Value? v) && v.IsActive,
            _ => false,
        });

    /// <summary>The arguments in the order of their parameters (named arguments may come in any order); sorted only when they are not in it already, as almost every call's are.</summary>
    private static List<IArgumentOperation> InParameterOrder(ImmutableArray<IArgumentOperation> arguments)
    {
        var ordered = new List<IArgumentOperation>(arguments.Length);
        bool inOrder = true;
        foreach (IArgumentOperation argument in arguments)
        {
            inOrder &= ordered.Count == 0 || Ordinal(ordered[ordered.Count - 1]) <= Ordinal(argument);
            ordered.Add(argument);
        }

        return inOrder ? ordered : [.. ordered.OrderBy(Ordinal)];

        static int Ordinal(IArgumentOperation argument) => argument.Parameter?.Ordinal ?? 0;
    }

    private Expr LowerInvocation(IInvocationOperation invocation)
    {
        IMethodSymbol target = invocation.TargetMethod;
        List<IArgumentOperation> arguments = InParameterOrder(invocation.Arguments);
        if (OutArguments(invocation).Any())
        {
            return LowerOutCall(invocation, target);
        }

        if (arguments.Any(a => a.Parameter?.RefKind != RefKind.None))
        {
            return Unsupported(invocation, $"the call '{invocation.Syntax}' passes a ref or in argument");
        }

        if (arguments.Any(a => a.ArgumentKind is ArgumentKind.ParamArray or ParamCollection) && !ReadsActiveValue(invocation))
        {
            // A params call of constants (Stats.Max(1.0, k, 3.0)): run as written. One given differentiable values is lowered
            // as C# makes it, its params array a local array (F64).
            return LowerCopied(invocation);
        }

        if (LowerSlice(invocation, arguments) is { } slice)
        {
            return slice;
        }

        if (LowerReduction(invocation, arguments) is { } reduced)
        {
            return reduced;
        }

        if (target.MethodKind == MethodKind.LocalFunction)
        {
            // It lives in the user's method only, so the generated code cannot call it (written as a member of the
            // type it was CS0117, F44): its body is lowered at the call, or the call cannot be differentiated.
            return LowerInlined(invocation, target, LowerArguments(invocation, arguments)) ?? Unsupported(invocation, LocalFunctionCall);
        }

        if (Symbols.IsExtensionBlock(target.ContainingType))
        {
            Expr? extended = invocation.Instance is null ? null : Lower(invocation.Instance);
            return LowerExtensionMember(invocation, target, target.Name, extended, LowerArguments(invocation, arguments));
        }

        IMethodSymbol? pullback = CustomDerivativeIndex.PullbackOf(target, compilation);
        bool isDifferentiable = pullback is not null || (Symbols.HasAttribute(target, Symbols.DifferentiableAttribute) && !target.IsGenericMethod);

        // A differentiable callee is called twice, F forward and FBackward backward: a receiver that computes
        // (Next().F(x), new Model(k).F(x)) is made once, before the arguments as C# evaluates it, so both calls reach
        // one object (F43). Any other receiver is written where the call needs it (a Math gate needs none).
        Expr? receiver = null;
        if (isDifferentiable && invocation.Instance is not null)
        {
            receiver = Lower(invocation.Instance);
            receiver = receiver.IsPure ? receiver : Temporary(receiver, invocation.Instance, ReceiverStem(invocation.Instance));
        }

        List<Expr> values = LowerArguments(invocation, arguments);
        if (target.Name == "Stop" && values.Count == 1 && target.ContainingType.ToDisplayString() == Symbols.DiffClass)
        {
            return StopGradient(values[0], invocation);
        }

        // A vector-valued callee writes its outputs: it is called (and reversed) whatever its inputs are.
        bool active = values.Any(IsActiveValue) || (isDifferentiable && target.ReturnsVoid);
        bool isMath = Symbols.IsMath(target.ContainingType);

        if (active && SinCosArgument(invocation) is not null)
        {
            return Unsupported(invocation, $"the pair of '{invocation.Syntax}' kept as a tuple; deconstruct it (var (sin, cos) = {invocation.Syntax};) or read its .Sin or .Cos");
        }

        if (isMath && pullback is null && active && Symbols.Numeric(invocation.Type) != NumericType.None && !GateRules.ZeroGradientFunctions.Contains(target.Name))
        {
            if (GateRules.MathFunctions.TryGetValue((target.Name, values.Count), out GateRule? rule))
            {
                // An int operand (ScaleB's and RootN's n) is computed once in its own type: Gate would take it for one of its numbers.
                return Gate(rule, invocation, [.. values.Select((v, i) => Symbols.Numeric(target.Parameters[i].Type) == NumericType.None ? Materialize(v, arguments[i].Value, TemporaryStem) : v)]);
            }

            return NotDifferentiable(invocation, target);
        }

        receiver ??= Receiver(invocation.Instance, target);
        string name = Symbols.Identifier(target.Name) + TypeArguments(target.TypeArguments);
        if (invocation.Instance is not null && IsActiveValue(receiver) && !IsStepOrText(invocation.Type))
        {
            // A method of a differentiable number, array or span (w.GetValue(0)) computes from it out of our sight.
            return NotDifferentiable(invocation, target);
        }

        if (!active)
        {
            return new CallExpr(receiver, name, values, isPure: isMath);
        }

        if (isMath && pullback is null && (Symbols.Numeric(invocation.Type) != NumericType.None || Symbols.ChangesInSteps(invocation.Type!)))
        {
            // Floor, Round, Sign, IsNaN, …: piecewise constant, so the result is a constant.
            return new CallExpr(receiver, name, values, isPure: true);
        }

        if (!isDifferentiable && IsStepOrText(invocation.Type) && Symbols.IsFrameworkFunction(target) && !values.Any(v => ArrayOf(v) is { IsActive: true }))
        {
            // Array.BinarySearch(knots, t), Convert.ToInt32(x): a step of its numbers, as Floor is, and .NET's static
            // functions keep none of their arguments, so the result is a constant. (A differentiable array passed on
            // could be written, and a method of the user's could keep x where its gradient cannot follow: SDIFF0004.)
            // Its own constant, as Diff.Stop's is: what reads it sees no differentiable value.
            return Temporary(new CallExpr(receiver, name, values, isPure: false), invocation, TemporaryStem);
        }

        if (isDifferentiable)
        {
            return LowerInlined(invocation, target, values) ?? CallDifferentiable(invocation, target, receiver, values, pullback);
        }

        return NotDifferentiable(invocation, target);
    }

    /// <summary>
    /// The arguments' values by parameter position, lowered in the order C# evaluates them: as written, also when
    /// named arguments are in another order (<c>G(b: x * i++, a: x * i)</c> increments i before a is read). A
    /// number with effects (a property) among such arguments is read into a local at its turn, since it would
    /// otherwise be read where the call's code puts it, in parameter order.
    /// </summary>
    private List<Expr> LowerArguments(IInvocationOperation invocation, List<IArgumentOperation> byPosition)
    {
        bool reordered = !invocation.Arguments.SequenceEqual(byPosition);
        var lowered = new Dictionary<IArgumentOperation, Expr>();
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            Expr value = Lower(argument.Value);
            lowered[argument] = reordered && !value.IsPure && Symbols.Numeric(argument.Value.Type) != NumericType.None
                ? Temporary(value, argument.Value, TemporaryStem)
                : value;
        }

        return byPosition.Select(a => lowered[a]).ToList();
    }

    /// <summary>
    /// <c>Diff.Stop(x)</c>: a new constant holding x's value. Nothing reads x's gradient through it, so what x
    /// is computed from gets no adjoint code unless something else needs it.
    /// </summary>
    private Expr StopGradient(Expr value, IInvocationOperation invocation)
    {
        return IsActive(value) ? new UseExpr(Constant(value, Symbols.TypeText(invocation.Type!), Symbols.Numeric(invocation.Type))) : value;
    }

    /// <summary>A new constant holding <paramref name="value"/>'s value: what reads it gets no gradient through it.</summary>
    private Value Constant(Expr value, string typeName, NumericType numeric)
    {
        var constant = new Value(TemporaryStem, typeName, numeric, isActive: false, ValueKind.Temporary);
        current.Statements.Add(new Define(constant, value));
        return constant;
    }

    /// <summary>
    /// After a loop, a variable the result is proven not to depend on (<see cref="Differentiation.ShiftInvariance"/>,
    /// which names it on a first parse) is read as <c>Diff.Stop</c> of itself.
    /// </summary>
    private void StopAfterLoop(ILoopOperation loop, List<object> keys)
    {
        foreach (object key in keys.Where(k => k is ILocalSymbol local && stops.Contains((loop.Syntax.SpanStart, local.Name))))
        {
            if (environment[key] is { IsActive: true } value)
            {
                environment[key] = Constant(new UseExpr(value), value.TypeName, value.Numeric);
            }
        }
    }

    private const string LocalFunctionCall =
        "a call of a local function whose body is not a return (after declarations of locals) of an expression of its double or float parameters (+ - * /, Math functions, ?:, constants, calls of such functions), "
        + "which the generated methods do not have; write it so, or make it a method of the type ([Differentiable] to differentiate through it)";

    private const string CopiedLocalFunctionCall = "a call of a local function in code that is only run, not differentiated, which the generated methods do not have; make it a method of the type";

    private Expr NotDifferentiable(IOperation operation, ISymbol target)
    {
        // A step (Bucket(x) returning an int) has a zero gradient, but the method could keep x: the user says so with Diff.Stop.
        string step = IsStepOrText(operation.Type)
            ? $"; if its result ({operation.Type!.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}) does not carry a gradient, pass it Diff.Stop of the value"
            : "";
        Report(Descriptors.NotDifferentiableCall, operation.Syntax.GetLocation(), target.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), step);
        return new LiteralExpr(0, NumericType.Double);
    }

    /// <summary>The name of a receiver made once: what makes it, in lower camel case (<c>Current</c>, <c>Next()</c>, <c>new Rate(k)</c>: current, next, rate).</summary>
    private static string ReceiverStem(IOperation receiver)
    {
        string? name = receiver switch
        {
            IPropertyReferenceOperation property => property.Property.Name,
            IInvocationOperation call => call.TargetMethod.Name,
            _ => receiver.Type?.Name,
        };
        return name is { Length: > 0 } && char.IsLetter(name[0]) ? char.ToLowerInvariant(name[0]) + name.Substring(1) : "receiver";
    }

    private static string TypeArguments(ImmutableArray<ITypeSymbol> types) =>
        types.IsEmpty ? "" : "<" + string.Join(", ", types.Select(Symbols.TypeText)) + ">";

    /// <summary>A number, or an array or span of numbers, that depends on a differentiable parameter.</summary>
    private static bool IsActiveValue(Expr value) => IsActive(value) || ArrayOf(value) is { IsActive: true };

    /// <summary>
    /// A type whose value, computed from a differentiable one, needs no gradient: a step of it (an integer, a bool, an
    /// enum: its derivative is 0 wherever it has one) or text, or a tuple of them (<c>(x &gt; 0, y &gt; 0) switch { … }</c>).
    /// </summary>
    private static bool IsStepOrText(ITypeSymbol? type) =>
        type is not null
        && (Symbols.ChangesInSteps(type) || type.SpecialType == SpecialType.System_String
            || (type is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.All(e => IsStepOrText(e.Type))));

    /// <summary>
    /// A property read. A getter may compute anything, so it is read once; the length of an array or span is plain
    /// data. A property of a differentiable value other than a step or text (an extension property, <c>y.Norm</c>)
    /// computes from it out of our sight.
    /// </summary>
    private Expr LowerProperty(IPropertyReferenceOperation property)
    {
        if (Symbols.IsExtensionBlock(property.Property.ContainingType) && property.Property.GetMethod is { } getter)
        {
            return LowerExtensionMember(property, property.Property, getter.Name, property.Instance is null ? null : Lower(property.Instance), []);
        }

        Expr receiver = Receiver(property.Instance, property.Property);
        bool isLength = property.Property.Name == "Length" && Symbols.ElementType(property.Instance?.Type) is not null;
        if (property.Instance is not null && !isLength && IsActiveValue(receiver) && !IsStepOrText(property.Type))
        {
            return NotDifferentiable(property, property.Property);
        }

        return new MemberExpr(receiver, Symbols.Identifier(property.Property.Name), isPure: isLength);
    }

    /// <summary>
    /// An indexer other than an array's or a span's (<c>xs[i]</c> of a <c>[NoDiff] List&lt;double&gt;</c>, <c>rates["EU"]</c>
    /// of a dictionary): a getter, which may compute anything, so read once, as a property is, into a constant of its
    /// own. Given a differentiable receiver or index, it computes out of our sight (SDIFF0004) unless its result is a step or text.
    /// </summary>
    private Expr LowerIndexer(IPropertyReferenceOperation indexer)
    {
        if (CopyPrimal(indexer, indexer.Syntax) is not { } copy)
        {
            return new LiteralExpr(0, NumericType.Double);
        }

        return ReadsActive(copy) && !IsStepOrText(indexer.Type) ? NotDifferentiable(indexer, indexer.Property) : Temporary(copy, indexer, TemporaryStem);
    }

    /// <summary>
    /// A member of a C# 14 extension block (<c>y.Cubed()</c>, <c>y.Norm</c>, <c>double.Twice(a)</c>), written in its
    /// implementation form, a static method of the class that declares the block (<c>Ext.Cubed(y)</c>,
    /// <c>Ext.get_Norm(y)</c>, <c>Ext.Twice(a)</c>; the block's type arguments come first): the generated file has none
    /// of the user's usings that bring the block into scope, and the block has no name to write. Extension members get
    /// no companions, so one given a differentiable value is SDIFF0004.
    /// </summary>
    /// <param name="extended">The receiver of an instance member, lowered; null for a static member.</param>
    private Expr LowerExtensionMember(IOperation operation, ISymbol member, string implementation, Expr? extended, List<Expr> arguments)
    {
        List<Expr> values = extended is null ? arguments : [extended, .. arguments];
        if (values.Any(IsActiveValue))
        {
            return NotDifferentiable(operation, member);
        }

        return ImplementationCall(member, implementation, values);
    }

    /// <summary>
    /// The call of an extension block's member in its implementation form: a static method of the class that declares
    /// the block, named <paramref name="implementation"/>, the block's type arguments before the member's own.
    /// </summary>
    private static CallExpr ImplementationCall(ISymbol member, string implementation, List<Expr> values)
    {
        INamedTypeSymbol block = member.ContainingType;
        ImmutableArray<ITypeSymbol> typeArguments = member is IMethodSymbol method ? block.TypeArguments.AddRange(method.TypeArguments) : block.TypeArguments;
        return new CallExpr(
            new TextExpr(Symbols.TypeText(block.ContainingType), isPure: true), Symbols.Identifier(implementation) + TypeArguments(typeArguments), values, isPure: false);
    }

    /// <summary>
    /// An operator the user defined (<c>money * rate</c> with <c>operator *(Money, double)</c>, an extension block's
    /// <c>~k</c>); null for a built-in one. It computes its result out of our sight, so given a differentiable value it
    /// is SDIFF0004, unless its result is a step or text (a comparison). An extension block's operator is written in its
    /// implementation form (<c>Ops.op_Division(m, k)</c>): the generated file has none of the usings that bring the
    /// block into scope. Any other is written as the user wrote it: its operands keep their types, so it binds the same.
    /// </summary>
    private Expr? LowerUserDefinedOperator(IOperation operation, IMethodSymbol? method, List<Expr> operands)
    {
        if (method is not { MethodKind: MethodKind.UserDefinedOperator })
        {
            return null;
        }

        if (operands.Any(IsActiveValue) && !IsStepOrText(operation.Type))
        {
            return NotDifferentiable(operation, method);
        }

        return Symbols.IsExtensionBlock(method.ContainingType) ? ImplementationCall(method, method.Name, operands) : null;
    }

    /// <summary>
    /// A call to a [Differentiable] method: forward it is called as written; backward its pullback gets the
    /// adjoints. Array arguments are passed as they are: the adjoint of an output (a span the callee
    /// writes) must be ours to hand on, so it has to be a local array or one of our own outputs.
    /// </summary>
    /// <param name="pullback">A hand-written [DerivativeOf] pullback, used instead of the generated <c>Backward</c>.</param>
    private Expr CallDifferentiable(IInvocationOperation invocation, IMethodSymbol target, Expr receiver, List<Expr> arguments, IMethodSymbol? pullback)
    {
        if (!calleeParameters.TryGetValue(target, out List<CalleeParameter>? parameters))
        {
            // Reading which spans a callee writes scans its body; a loop body may be lowered more than once.
            parameters = Symbols.CalleeParameters(target, compilation);
            calleeParameters[target] = parameters;
        }

        var operands = new List<Expr>();
        for (int i = 0; i < arguments.Count; i++)
        {
            Expr argument = arguments[i];
            IOperation source = invocation.Arguments.First(a => a.Parameter?.Ordinal == i).Value;
            Value? array = ArrayOf(argument);
            if (parameters[i].Role == ParameterRole.Constant)
            {
                CheckNoDiffArgument(target, target.Parameters[i], argument, array, source);
            }

            switch (parameters[i].Role)
            {
                case ParameterRole.ArrayOutput when array is null || (array.Kind == ValueKind.Parameter && !array.IsOutput):
                    Report(Descriptors.UnsupportedExpression, source.Syntax.GetLocation(), $"'{target.Name}' writes this argument, so it must be a local array or an output span of this method");
                    break;
                case ParameterRole.ArrayInput when array is { IsOutput: true }:
                    Report(Descriptors.WrittenParameter, source.Syntax.GetLocation(), array.BaseName, "is both read and written; compute into a local array and copy it to the output");
                    break;
                case ParameterRole.Constant or ParameterRole.Scalar when !IsActive(argument) && !argument.IsPure:
                    argument = Materialize(argument, source, TemporaryStem);
                    break;
            }

            operands.Add(argument);
        }

        IMethodSymbol? tangent = modes.HasFlag(DerivativeModes.Forward) ? CustomDerivativeIndex.TangentOf(target, compilation) : null;
        CheckCalleeModes(invocation, target, pullback, tangent);
        if (pullback is null)
        {
            companionCalls.Add(new CompanionCall(Symbols.Id(target), target.Name, LocationInfo.From(invocation.Syntax.GetLocation())));
        }
        else if (!compilation.IsSymbolAccessibleWithin(pullback, method.ContainingType))
        {
            Report(Descriptors.PullbackSignature, invocation.Syntax.GetLocation(), pullback.Name, "[DerivativeOf]", target.Name, $"it is not accessible from '{method.ContainingType.Name}', where '{target.Name}' is differentiated; make it as accessible as '{target.Name}'");
        }

        string name = Symbols.Identifier(target.Name);
        Expr pullbackReceiver = pullback is { IsStatic: true } ? new TextExpr(Symbols.TypeText(pullback.ContainingType), isPure: true) : receiver;
        string pullbackName = pullback is null ? name + "Backward" : Symbols.Identifier(pullback.Name);
        if (pullback is { IsStatic: false } && !SymbolEqualityComparer.Default.Equals(pullback.ContainingType, target.ContainingType))
        {
            Report(Descriptors.PullbackSignature, invocation.Syntax.GetLocation(), pullback.Name, "[DerivativeOf]", target.Name, "an instance pullback must be declared in the same type as the method; make it static");
        }

        var callee = new Callee(receiver, name, pullbackReceiver, pullbackName, !target.ReturnsVoid, parameters)
        {
            TangentReceiver = tangent is null ? null : tangent.IsStatic ? new TextExpr(Symbols.TypeText(tangent.ContainingType), isPure: true) : receiver,
            TangentName = tangent is null ? null : Symbols.Identifier(tangent.Name),
        };
        if (target.ReturnsVoid)
        {
            current.Statements.Add(new CallDefine(null, callee, operands));
            return new LiteralExpr(0, NumericType.Double);
        }

        var output = new Value(TemporaryStem, Symbols.TypeText(invocation.Type!), Symbols.Numeric(invocation.Type), isActive: true, ValueKind.Temporary);
        current.Statements.Add(new CallDefine(output, callee, operands));
        return new UseExpr(output);
    }

    /// <summary>
    /// A differentiable value passed where the callee declares a [NoDiff] parameter would lose its derivative
    /// silently: report it. A local array counts only if it ends up holding a differentiable value, which is
    /// known once the whole body is lowered (<see cref="ReportNoDiffArrayArguments"/>).
    /// </summary>
    private void CheckNoDiffArgument(IMethodSymbol target, IParameterSymbol parameter, Expr argument, Value? array, IOperation source)
    {
        if (Symbols.ScalarOrElementNumeric(parameter.Type) == NumericType.None || !Symbols.HasAttribute(parameter, Symbols.NoDiffAttribute))
        {
            return;
        }

        if (array is null ? IsActive(argument) : array is { IsActive: true, Kind: ValueKind.Parameter })
        {
            ReportNoDiffArgument(target, parameter, source.Syntax.GetLocation());
        }
        else if (array is { IsActive: true })
        {
            noDiffArrayArguments.Add((array, target, parameter, source.Syntax.GetLocation()));
        }
    }

    private void ReportNoDiffArgument(IMethodSymbol target, IParameterSymbol parameter, Location location) =>
        Report(Descriptors.UnsupportedExpression, location, $"this argument is differentiable, but parameter '{parameter.Name}' of '{target.Name}' is [NoDiff], so its derivative would be lost; remove [NoDiff] from '{parameter.Name}', or pass a constant");

    /// <summary>Local arrays passed to a [NoDiff] parameter, checked when the body is lowered.</summary>
    private readonly List<(Value Array, IMethodSymbol Target, IParameterSymbol Parameter, Location Location)> noDiffArrayArguments = [];

    /// <summary>The local arrays passed to a [NoDiff] parameter that some store or call fills with a differentiable value.</summary>
    private void ReportNoDiffArrayArguments(Block body)
    {
        HashSet<Value> varied = [];
        CollectVariedArrays(body, varied);
        foreach ((Value array, IMethodSymbol target, IParameterSymbol parameter, Location location) in noDiffArrayArguments)
        {
            if (varied.Contains(array))
            {
                ReportNoDiffArgument(target, parameter, location);
            }
        }
    }

    private static void CollectVariedArrays(Block block, HashSet<Value> varied)
    {
        foreach (Statement statement in block.Statements)
        {
            switch (statement)
            {
                case Store { Value: UseExpr { Value.IsActive: true } } store:
                    varied.Add(store.Array);
                    break;
                case CallDefine call:
                    // A callee's outputs are differentiable whenever it runs (its inputs are).
                    varied.UnionWith(call.Arguments.Zip(call.Callee.Parameters, (a, p) => (a, p))
                        .Where(x => x.p.Role == ParameterRole.ArrayOutput)
                        .Select(x => ArrayOf(x.a))
                        .OfType<Value>());
                    break;
                case Branch branch:
                    CollectVariedArrays(branch.Then, varied);
                    CollectVariedArrays(branch.Else, varied);
                    break;
                case Loop loop:
                    CollectVariedArrays(loop.Body, varied);
                    break;
            }
        }
    }

    private readonly Dictionary<IMethodSymbol, List<CalleeParameter>> calleeParameters = new(SymbolEqualityComparer.Default);

    /// <summary>The array value an argument passes whole or as a slice, if it is one of ours.</summary>
    private static Value? ArrayOf(Expr argument) => argument switch
    {
        UseExpr { Value.IsArray: true } use => use.Value,
        SliceExpr { Array: UseExpr { Value.IsArray: true } use } => use.Value,
        _ => null,
    };

    /// <summary>
    /// <c>x.Slice(start, length)</c> or <c>a.AsSpan(start, length)</c> of a differentiable array: a view whose
    /// adjoint is the same slice of the array's adjoint. Null for anything else.
    /// </summary>
    private Expr? LowerSlice(IInvocationOperation invocation, List<IArgumentOperation> arguments)
    {
        IMethodSymbol target = invocation.TargetMethod;
        bool isSlice = target.Name == "Slice" && invocation.Instance is not null && target.ContainingType is { } type && Symbols.IsSpan(type);
        bool isAsSpan = target.Name == "AsSpan" && target.ContainingType.ToDisplayString() == "System.MemoryExtensions" && arguments.Count > 0;
        if (!isSlice && !isAsSpan)
        {
            return null;
        }

        IOperation arrayOperation = isSlice ? invocation.Instance! : arguments[0].Value;
        List<IArgumentOperation> bounds = isSlice ? arguments : arguments.Skip(1).ToList();
        if (!ReadsActiveValue(arrayOperation) || bounds.Any(b => b.Value.Type?.SpecialType != SpecialType.System_Int32))
        {
            return null;
        }

        Expr array = Lower(arrayOperation);
        List<Expr> limits = bounds.Select(b => Lower(b.Value) is { IsPure: true } e ? e : Materialize(Lower(b.Value), b.Value, "index")).ToList();
        Expr? start = limits.Count > 0 ? limits[0] : null, length = limits.Count > 1 ? limits[1] : null;
        return array is SliceExpr outer ? SliceOfSlice(outer, start, length) : new SliceExpr(array, start, length, asSpan: isAsSpan);
    }

    /// <summary>
    /// <c>a.AsSpan(s1, n1).Slice(s2, n2)</c> is <c>a.AsSpan(s1 + s2, n2)</c>: one slice of the array itself, so
    /// the adjoint is the same slice of the array's adjoint (<c>a.AsSpan().Slice(1)</c> too).
    /// </summary>
    private static SliceExpr SliceOfSlice(SliceExpr outer, Expr? start, Expr? length)
    {
        if (start is null)
        {
            return outer;
        }

        Expr combinedStart = outer.Start is null ? start : new BinaryExpr("+", outer.Start, start);
        Expr? combinedLength = length ?? (outer.Length is null ? null : new BinaryExpr("-", outer.Length, start));
        return new SliceExpr(outer.Array, combinedStart, combinedLength, asSpan: outer.AsSpan);
    }

    /// <summary>
    /// Adds the gate <c>rule(operands)</c> and returns its output. A constant operand that is not pure (a
    /// property) or calls a function is computed once into a value first, because the backward pass reads it again.
    /// </summary>
    private Expr Gate(GateRule rule, IOperation operation, params Expr[] operands) => Gate(rule, operation.Type!, operands);

    /// <summary>A gate whose output has <paramref name="type"/>.</summary>
    private Expr Gate(GateRule rule, ITypeSymbol type, params Expr[] operands)
    {
        NumericType numeric = Symbols.Numeric(type);
        // A constant operand that calls something is computed once: the backward pass reads it again. (A loop, not
        // Select: this runs for every gate, and the lambda's closure and iterators were allocated each time.)
        var inputs = new Expr[operands.Length];
        for (int i = 0; i < operands.Length; i++)
        {
            Expr operand = operands[i];
            inputs[i] = IsActive(operand) || (operand.IsPure && !operand.Any(0, static (e, _) => e is CallExpr)) ? operand : MaterializeOperand(operand, type, numeric);
        }

        var output = new Value(TemporaryStem, Symbols.TypeText(type), numeric, isActive: true, ValueKind.Temporary);
        current.Statements.Add(new Define(output, rule.Forward(new MathContext(numeric), inputs), rule, inputs));
        return new UseExpr(output);
    }

    /// <summary>A gate's constant operand in a value of the gate's type: C# converts every operand of an arithmetic operator or Math function to it first.</summary>
    private UseExpr MaterializeOperand(Expr operand, ITypeSymbol type, NumericType numeric)
    {
        var value = new Value(TemporaryStem, Symbols.TypeText(type), numeric, isActive: false, ValueKind.Temporary);
        current.Statements.Add(new Define(value, operand));
        return new UseExpr(value);
    }

    /// <summary>Computes a constant expression once into a value of its own (unless it is already a plain read).</summary>
    private Expr Materialize(Expr expr, IOperation source, string stem)
    {
        if (expr is UseExpr or LiteralExpr or TextExpr)
        {
            return expr;
        }

        return Temporary(expr, source, stem);
    }

    /// <summary>A new local holding <paramref name="expr"/> (of <paramref name="source"/>'s type), even a constant.</summary>
    private Expr Temporary(Expr expr, IOperation source, string stem, bool keepsItsName = false)
    {
        var value = new Value(stem, Symbols.TypeText(source.Type!), Symbols.Numeric(source.Type), isActive: false, ValueKind.Temporary) { KeepsItsName = keepsItsName };
        current.Statements.Add(new Define(value, expr));
        return new UseExpr(value);
    }

    private static bool IsComparison(BinaryOperatorKind kind) => kind is
        BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.LessThan
        or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;

    private static string OperatorText(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => "+",
        BinaryOperatorKind.Subtract => "-",
        BinaryOperatorKind.Multiply => "*",
        BinaryOperatorKind.Divide => "/",
        BinaryOperatorKind.Remainder => "%",
        BinaryOperatorKind.LeftShift => "<<",
        BinaryOperatorKind.RightShift => ">>",
        BinaryOperatorKind.And => "&",
        BinaryOperatorKind.Or => "|",
        BinaryOperatorKind.ExclusiveOr => "^",
        BinaryOperatorKind.ConditionalAnd => "&&",
        BinaryOperatorKind.ConditionalOr => "||",
        BinaryOperatorKind.Equals => "==",
        BinaryOperatorKind.NotEquals => "!=",
        BinaryOperatorKind.LessThan => "<",
        BinaryOperatorKind.LessThanOrEqual => "<=",
        BinaryOperatorKind.GreaterThan => ">",
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        _ => kind.ToString(),
    };
}
