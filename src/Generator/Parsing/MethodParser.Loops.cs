using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// Loop lowering. for, while, do and foreach all become one <see cref="Loop"/>: the variables the body
/// assigns are carried in storage from one iteration to the next; break and return set a flag that ends
/// the loop after the current iteration (the rest of that iteration is skipped on that path, as continue
/// skips it), so every iteration runs the body from its start to its end and can be reversed as a whole.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>
    /// The flags of the loop being lowered: "a break (or return) happened", "a return happened", and the
    /// skip flag of its body ("this iteration left early"; see MethodParser.Exits.cs).
    /// </summary>
    private sealed class LoopContext
    {
        public object BreakKey { get; } = new();

        public object ReturnKey { get; } = new();

        public FlagKey SkipKey { get; } = new("skip");
    }

    private readonly Stack<LoopContext> loops = new();

    private void SetFlag(object key) => DefineFlag(key, "true");

    /// <summary>A new value of the flag <paramref name="key"/>: <c>true</c> or <c>false</c>.</summary>
    private void DefineFlag(object key, string value)
    {
        var flag = new Value(key is FlagKey named ? named.Name : "flag", "bool", NumericType.None, isActive: false, ValueKind.Temporary);
        current.Statements.Add(new Define(flag, new TextExpr(value, isPure: true)));
        environment[key] = flag;
    }

    /// <summary>Lowers a loop; returns true when it also lowered <paramref name="rest"/> (the loop may return).</summary>
    private bool LowerLoop(ILoopOperation loop, List<IOperation> rest)
    {
        IOperation? condition;
        bool testFirst = true;
        List<IOperation> step = [];
        IOperation body = loop.Body;
        ForEachParts? forEach = null;
        switch (loop)
        {
            case IForLoopOperation forLoop:
                LowerStatements([.. forLoop.Before]);
                condition = forLoop.Condition;
                step = [.. forLoop.AtLoopBottom];
                break;
            case IWhileLoopOperation whileLoop:
                condition = whileLoop.Condition;
                testFirst = whileLoop.ConditionIsTop;
                if (whileLoop.ConditionIsUntil || whileLoop.IgnoredCondition is not null)
                {
                    Report(Descriptors.UnsupportedStatement, loop.Syntax.GetLocation(), "this form of loop");
                    return false;
                }

                break;
            case IForEachLoopOperation forEachLoop:
                forEach = ForEach(forEachLoop);
                if (forEach is null)
                {
                    return false;
                }

                condition = null;
                break;
            default:
                Report(Descriptors.UnsupportedStatement, loop.Syntax.GetLocation(), "this form of loop");
                return false;
        }

        if (ArrayReassignment(loop) is { } reassignment)
        {
            Report(Descriptors.UnsupportedStatement, reassignment.Syntax.GetLocation(), "a local array variable pointed at another array inside a loop (double buffering); keep one array per role and copy the elements (for (…) cur[i] = next[i];)");
            return false;
        }

        bool returns = loop.Body.Descendants().Any(d => d is IReturnOperation);
        List<object> keys = AssignedVariables([.. condition is null ? [] : new List<IOperation> { condition }, loop.Body, .. step], loop);
        bool conditionInBody = condition is not null && NeedsConditionInBody(condition, keys);
        bool breaks = returns || conditionInBody || loop.Body.Descendants().Any(d => d is IBranchOperation { BranchKind: BranchKind.Break });
        var context = new LoopContext();
        if (returns)
        {
            if (!method.ReturnsVoid)
            {
                keys.Add(method);
            }

            InitializeFlag(context.ReturnKey, keys);
        }

        if (breaks)
        {
            InitializeFlag(context.BreakKey, keys);
        }

        object? indexKey = null;
        if (forEach is not null)
        {
            indexKey = new object();
            DefineIndex(indexKey, new TextExpr("0", isPure: true));
            keys.Add(indexKey);
        }

        if (returns)
        {
            InitializeResult(); // a return inside the loop sets it; every path after the loop must have one
        }

        foreach (object key in keys.Where(k => !environment.ContainsKey(k)).ToList())
        {
            // Declared before the loop but first assigned in it (a do/while's d): start from zero.
            StartFromZero(key, ((ISymbol)key).Name, VariableType(key)!);
        }

        Dictionary<object, Value> before = environment;
        Block outer = current;
        int diagnosticsBefore = diagnostics.Count;
        var active = new HashSet<object>(keys.Where(k => before[k].IsActive), VariableComparer.Instance);
        while (true)
        {
            List<Carried> carried = keys.Select(k => Carry(k, before[k], active.Contains(k))).ToList();
            var storages = new Dictionary<object, Value>(before, VariableComparer.Instance);
            var headers = new Dictionary<object, Value>(before, VariableComparer.Instance);
            for (int i = 0; i < keys.Count; i++)
            {
                storages[keys[i]] = carried[i].Storage;
                headers[keys[i]] = carried[i].Header;
            }

            environment = storages;
            current = new Block();
            Expr test = forEach is not null
                ? new BinaryExpr("<", new UseExpr(environment[indexKey!]), new MemberExpr(forEach.Array, forEach.Count, isPure: true))
                : condition is null || conditionInBody ? new TextExpr("true", isPure: true) : Lower(condition);
            environment = headers;
            var bodyBlock = new Block();
            current = bodyBlock;
            loops.Push(context);
            bool outerSkipRead = skipRead;
            skipRead = false;
            if (forEach is not null && ForEachPosition(forEach, new UseExpr(environment[indexKey!])) is var (array, index))
            {
                BindForEachVariables(forEach, array, index);
            }

            if (conditionInBody && testFirst)
            {
                LowerBranch(new UnaryExpr("!", Condition(condition!)), () => SetFlag(context.BreakKey), () => LowerStatements([body]));
            }
            else
            {
                LowerStatements([body]);
            }

            if (conditionInBody && !testFirst)
            {
                // do/while: the test ends the iterations that did not break.
                LowerBranch(
                    new UseExpr(environment[context.BreakKey]),
                    () => { },
                    () => LowerBranch(new UnaryExpr("!", Condition(condition!)), () => SetFlag(context.BreakKey), () => { }));
            }

            if (breaks && step.Count > 0)
            {
                // break skips the step of a for loop: run it only on paths that did not break.
                LowerBranch(new UseExpr(environment[context.BreakKey]), () => { }, () => LowerStatements(step));
            }
            else
            {
                LowerStatements(step);
            }

            if (forEach is not null)
            {
                DefineIndex(indexKey!, new BinaryExpr("+", new UseExpr(environment[indexKey!]), new TextExpr("1", isPure: true)));
            }

            loops.Pop();
            skipRead = outerSkipRead;

            for (int i = 0; i < keys.Count; i++)
            {
                carried[i].Final = environment[keys[i]];
            }

            List<object> becameActive = keys.Where((k, i) => carried[i].Final.IsActive && !active.Contains(k)).ToList();
            if (becameActive.Count == 0)
            {
                Carried? breakFlag = breaks ? carried[keys.IndexOf(context.BreakKey)] : null;
                var count = new Value("count", "int", NumericType.None, isActive: false, ValueKind.Temporary);
                current = outer;
                current.Statements.Add(new Loop(count, carried, test, testFirst || conditionInBody, bodyBlock, breakFlag) { WrittenAsFor = loop is IForLoopOperation or IForEachLoopOperation, Position = loop.Syntax.SpanStart });
                environment = storages;
                StopAfterLoop(loop, keys);
                break;
            }

            // A variable the body makes differentiable: lower again with it active from the start.
            active.UnionWith(becameActive);
            diagnostics.RemoveRange(diagnosticsBefore, diagnostics.Count - diagnosticsBefore);
        }

        if (!returns)
        {
            return false;
        }

        // A return inside the loop ended it: the rest of the method runs only when it did not.
        LowerLeavingBranch(new UseExpr(environment[context.ReturnKey]), [], [], rest, onThen: LeaveByReturn);
        return true;
    }

    /// <summary>The storage and header of a carried variable take the variable's name (its value before the loop may be another's).</summary>
    private static Carried Carry(object key, Value init, bool active)
    {
        bool isActive = active && init.Numeric != NumericType.None;
        (string name, ValueKind kind) = key is ISymbol variable and not IMethodSymbol
            ? (variable.Name, ValueKind.Local)
            : (init.BaseName, init.Kind == ValueKind.Parameter ? ValueKind.Local : init.Kind);
        return new Carried(
            init,
            new Value(name, init.TypeName, init.Numeric, isActive, kind) { IsForEachIndex = init.IsForEachIndex },
            new Value(name, init.TypeName, init.Numeric, isActive, kind) { IsForEachIndex = init.IsForEachIndex });
    }

    private void DefineIndex(object key, Expr value)
    {
        var index = new Value("index", "int", NumericType.None, isActive: false, ValueKind.Temporary) { IsForEachIndex = true };
        current.Statements.Add(new Define(index, value));
        environment[key] = index;
    }

    private void InitializeFlag(object key, List<object> keys)
    {
        DefineFlag(key, "false");
        keys.Add(key);
    }

    /// <summary>
    /// Locals and parameters declared before the loop that its body assigns, in order of first assignment
    /// (also locals declared before it but first assigned inside, as a do/while's <c>double d;</c>).
    /// </summary>
    private List<object> AssignedVariables(IEnumerable<IOperation> operations, ILoopOperation loop)
    {
        List<object> keys = [];
        foreach (IOperation target in operations.SelectMany(o => o.DescendantsAndSelf()).SelectMany(AssignmentTargets))
        {
            if (AssignedVariable(target) is { } variable
                && (environment.ContainsKey(variable) || DeclaredBefore(variable, loop)) && !keys.Contains(variable, VariableComparer.Instance))
            {
                keys.Add(variable);
            }
        }

        return keys;
    }

    /// <summary>What <paramref name="operation"/> writes: an assignment's or a step's target, each part of a deconstruction, what an out argument sets.</summary>
    private static IEnumerable<IOperation> AssignmentTargets(IOperation operation) => operation switch
    {
        IDeconstructionAssignmentOperation deconstruction => DeconstructedTargets(deconstruction.Target),
        IAssignmentOperation assignment => [assignment.Target],
        IIncrementOrDecrementOperation increment => [increment.Target],
        IInvocationOperation call => OutArguments(call),
        _ => [],
    };

    /// <summary>
    /// <c>cur = next</c> in a loop, where both name differentiable arrays: which array a variable names would change from one
    /// iteration to the next, and so would the adjoint the backward pass must use for it.
    /// </summary>
    private IOperation? ArrayReassignment(ILoopOperation loop) =>
        loop.Body.DescendantsAndSelf().FirstOrDefault(a => a is ISimpleAssignmentOperation or IDeconstructionAssignmentOperation && AssignmentTargets(a).Any(target =>
            AssignedVariable(target) is { } variable && environment.TryGetValue(variable, out Value? value) && value is { IsArray: true, IsActive: true }));

    private static bool DeclaredBefore(ISymbol variable, ILoopOperation loop) =>
        variable is ILocalSymbol local && local.DeclaringSyntaxReferences.FirstOrDefault() is { } declaration
        && declaration.SyntaxTree == loop.Syntax.SyntaxTree && declaration.Span.End <= loop.Syntax.SpanStart;

    /// <param name="variable">The loop's variable; null where it deconstructs each element (see <paramref name="parts"/>).</param>
    /// <param name="parts">The locals a deconstructing foreach (<c>foreach (var (x, y) in points)</c>) declares, left to right, null for a discard.</param>
    /// <param name="count">The collection's count: <c>Length</c> of an array or span, <c>Count</c> of a list.</param>
    private sealed class ForEachParts(Expr array, ILocalSymbol? variable, IReadOnlyList<ILocalSymbol?> parts, ITypeSymbol elementType, IOperation collection, string count)
    {
        public Expr Array { get; } = array;

        public ILocalSymbol? Variable { get; } = variable;

        public IReadOnlyList<ILocalSymbol?> Parts { get; } = parts;

        public ITypeSymbol ElementType { get; } = elementType;

        public IOperation Collection { get; } = collection;

        public string Count { get; } = count;
    }

    /// <summary>
    /// foreach over an array or span runs as a loop over a hidden index; so does foreach over a list of constants
    /// (<see cref="Symbols.ListElementType"/>), whose enumerator yields its elements in index order. Over a slice of an array
    /// (<c>foreach (double p in prices[1..])</c>) the slice's start is computed once, before the loop, as C# evaluates
    /// the collection once: each element is read as the array's (<see cref="ForEachPosition"/>). Each element may be
    /// deconstructed into locals (<c>foreach (var (x, y) in points)</c> of a <c>(double X, double Y)[]</c>): the element, a
    /// constant tuple, is read once and its items bound to them.
    /// </summary>
    private ForEachParts? ForEach(IForEachLoopOperation loop)
    {
        IOperation collection = loop.Collection is IConversionOperation conversion ? conversion.Operand : loop.Collection;
        (ITypeSymbol? elementType, string count) = Symbols.ElementType(collection.Type) is { } element ? (element, "Length")
            : Symbols.ListElementType(collection.Type) is { } listed ? (listed, "Count")
            : (null, "");
        if (elementType is null)
        {
            Report(Descriptors.UnsupportedStatement, loop.Syntax.GetLocation(), "foreach over something other than an array, a span or a list (List<T>, IList<T>, IReadOnlyList<T>)");
            return null;
        }

        ILocalSymbol? variable = (loop.LoopControlVariable as IVariableDeclaratorOperation)?.Symbol;
        List<ILocalSymbol?> parts = [];
        if (variable is null)
        {
            List<IOperation> targets = [.. DeconstructedTargets(loop.LoopControlVariable)];
            if (elementType is not INamedTypeSymbol { IsTupleType: true } tuple || tuple.TupleElements.Length != targets.Count
                || targets.Any(t => t is not (IDiscardOperation or ILocalReferenceOperation)))
            {
                Report(Descriptors.UnsupportedStatement, loop.Syntax.GetLocation(), "a foreach that deconstructs its elements into a nested tuple; deconstruct each element into locals");
                return null;
            }

            parts = [.. targets.Select(t => (t as ILocalReferenceOperation)?.Local)];
        }

        Expr array = WholeArray(Lower(collection));
        if (ArrayOf(array) is { IsOutput: true } output)
        {
            // Each element is read whether or not this method wrote it first (WrittenBeforeRead).
            Report(Descriptors.WrittenParameter, loop.Collection.Syntax.GetLocation(), output.BaseName, OutputReadFirst);
            return null;
        }

        if (array is SliceExpr { Array: UseExpr { Value.IsArray: true }, Start: { } start } slice && start is not (UseExpr or LiteralExpr or TextExpr))
        {
            var once = new Value(TemporaryStem, "int", NumericType.None, isActive: false, ValueKind.Temporary);
            current.Statements.Add(new Define(once, start));
            array = new SliceExpr(slice.Array, new UseExpr(once), slice.Length, slice.AsSpan);
        }

        return new ForEachParts(array, variable, parts, elementType, collection, count);
    }

    /// <summary>The foreach's variable, or the locals it deconstructs each element into, at the element of <paramref name="array"/> at <paramref name="index"/>.</summary>
    private void BindForEachVariables(ForEachParts forEach, Expr array, Expr index)
    {
        if (forEach.Variable is { IsRef: true } alias)
        {
            // foreach (ref double v in span): v is an alias of the current element.
            elementAliases[alias] = (array, index);
        }
        else if (forEach.Variable is { } variable)
        {
            Bind(variable, Element(array, index, forEach.ElementType), forEach.Collection, variable.Name);
        }
        else
        {
            var tuple = new Value(TemporaryStem, Symbols.TypeText(forEach.ElementType), NumericType.None, isActive: false, ValueKind.Temporary);
            current.Statements.Add(new Define(tuple, Element(array, index, forEach.ElementType)));
            for (int i = 0; i < forEach.Parts.Count; i++)
            {
                if (forEach.Parts[i] is { } part)
                {
                    Bind(part, new MemberExpr(new UseExpr(tuple), "Item" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), isPure: true), forEach.Collection, part.Name);
                }
            }
        }
    }

    /// <summary>
    /// The array and index of the element a foreach is at. Of a slice of a differentiable array it is the array's
    /// element at the slice's start plus the index, so its gradient goes to the array's adjoint (read as the slice's
    /// element it was a constant: a silently zero gradient, F52); the loop's test still reads the slice's length, so
    /// the bounds are the slice's. Null, said, for a slice of a slice.
    /// </summary>
    private (Expr Array, Expr Index)? ForEachPosition(ForEachParts forEach, Expr index)
    {
        switch (forEach.Array)
        {
            case SliceExpr { Array: UseExpr { Value.IsArray: true } array, Start: var start }:
                return (array, start is null ? index : new BinaryExpr("+", start, index));
            case SliceExpr slice when ArrayOf(slice.Array) is { IsActive: true }:
                Unsupported(forEach.Collection, "foreach over a slice of a slice of a differentiable array; slice the array once");
                return null;
            default:
                return (forEach.Array, index);
        }
    }
}
