using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.CustomDerivatives;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Model;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// Turns a method body (Roslyn IOperation tree) into a graph of gates in SSA form: every assignment to a
/// local makes a new <see cref="Value"/>, branches merge values, and every early return is moved to the
/// end of its path so each path ends in exactly one result. Statements are lowered here; expressions in
/// MethodParser.Expressions.cs. Unsupported code is reported at its location and lowering goes on, so a
/// user sees every error at once.
/// </summary>
internal sealed partial class MethodParser
{
    private const string TemporaryStem = "t";

    private readonly IMethodSymbol method;
    private readonly Compilation compilation;
    private readonly List<DiagnosticInfo> diagnostics;
    private readonly CancellationToken cancellationToken;
    private readonly int initialDiagnostics;

    /// <summary>The companions asked for: a call must reach the callee's companion of each mode.</summary>
    private readonly DerivativeModes modes;

    /// <summary>
    /// The current value of every variable: locals and parameters (keyed by symbol), the method symbol for
    /// "the result", and a fresh object for the value of a ?: while its sides are lowered.
    /// </summary>
    private Dictionary<object, Value> environment = new(VariableComparer.Instance);

    private Block current = new();

    /// <summary>Calls to the generated Backward of another [Differentiable] method, which must exist.</summary>
    private readonly List<CompanionCall> companionCalls = [];

    /// <summary>Variables read as <c>Diff.Stop</c> of themselves after a loop (the loop's position, the name).</summary>
    private readonly IReadOnlyCollection<(int Loop, string Variable)> stops;

    private MethodParser(IMethodSymbol method, Compilation compilation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken, DerivativeModes modes, IReadOnlyCollection<(int Loop, string Variable)> stops)
    {
        this.stops = stops;
        this.modes = modes;
        this.method = method;
        this.compilation = compilation;
        this.diagnostics = diagnostics;
        this.cancellationToken = cancellationToken;
        initialDiagnostics = diagnostics.Count;
    }

    /// <summary>The graph, or null when the body holds something that cannot be differentiated (reported in <paramref name="diagnostics"/>).</summary>
    public static MethodGraph? Parse(
        IMethodSymbol method,
        IMethodBodyOperation body,
        Compilation compilation,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken,
        DerivativeModes modes = DerivativeModes.Reverse,
        IReadOnlyCollection<(int Loop, string Variable)>? stops = null)
    {
        var parser = new MethodParser(method, compilation, diagnostics, cancellationToken, modes, stops ?? []);
        return parser.ParseBody(body);
    }

    private MethodGraph? ParseBody(IMethodBodyOperation body)
    {
        List<Value> parameters = [];
        HashSet<string> written = Symbols.WrittenParameters(method, compilation, body.SemanticModel);
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            var value = new Value(
                parameter.Name,
                // A constant keeps its ?, so a caller may pass null to a companion; a differentiable array's adjoint is a span, never null.
                Symbols.IsDifferentiable(parameter) && Symbols.ElementType(parameter.Type) is not null ? Symbols.TypeText(parameter.Type) : Symbols.AnnotatedTypeText(parameter.Type),
                Symbols.ScalarOrElementNumeric(parameter.Type),
                Symbols.IsDifferentiable(parameter),
                ValueKind.Parameter,
                isArray: Symbols.ElementType(parameter.Type) is not null);
            if (written.Contains(parameter.Name) && value.IsArray)
            {
                value.IsOutput = true;
                if (!method.ReturnsVoid)
                {
                    Report(Descriptors.WrittenParameter, parameter.Locations.FirstOrDefault(), parameter.Name, "is written, but only a void method (a vector-valued function) writes its span parameters");
                }
            }

            parameters.Add(value);
            environment[parameter] = value;
        }

        if (diagnostics.Count > initialDiagnostics)
        {
            return null; // a parameter written by a method that returns a value: its reads and writes would only repeat the error
        }

        root = current;
        IBlockOperation? block = body.BlockBody ?? body.ExpressionBody;
        if (block is null)
        {
            Report(Descriptors.UnsupportedMethod, method.Locations.FirstOrDefault(), method.Name, "it has no body");
            return null;
        }

        FindRefLocals(block);
        LowerStatements([.. block.Operations]);
        ReportNoDiffArrayArguments(root);
        if (diagnostics.Count > initialDiagnostics)
        {
            return null;
        }

        if (method.ReturnsVoid)
        {
            if (!parameters.Any(p => p.IsOutput && p.IsActive))
            {
                Location? returnType = (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax)?.ReturnType.GetLocation();
                Report(Descriptors.UnsupportedReturnType, returnType, method.Name, "void");
                return null;
            }

            return new MethodGraph(parameters, root, result: null, companionCalls);
        }

        if (!environment.TryGetValue(method, out Value? result))
        {
            if (HasThrown(environment))
            {
                Report(Descriptors.UnsupportedMethod, method.Locations.FirstOrDefault(), method.Name, "it always throws");
            }

            return null;
        }

        return new MethodGraph(parameters, root, result, companionCalls);
    }

    /// <summary>
    /// Lowers <paramref name="statements"/>, which are everything that runs from here to the end of the
    /// method: an if that returns on one side takes the statements after it into both sides.
    /// </summary>
    private void LowerStatements(IReadOnlyList<IOperation> statements)
    {
        for (int i = 0; i < statements.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IOperation statement = statements[i];
            List<IOperation> rest = statements.Skip(i + 1).ToList();
            switch (statement)
            {
                case IBlockOperation block:
                    LowerStatements([.. block.Operations, .. rest]);
                    return;

                case IReturnOperation { ReturnedValue: { } returned }:
                    Bind(method, Lower(returned), returned, "result");
                    LeaveByReturn();
                    return;

                case IReturnOperation:
                    // return; in a void method: the path ends (and, inside a loop, the loop with it).
                    LeaveByReturn();
                    return;

                case IBranchOperation { BranchKind: BranchKind.Continue } when loops.Count > 0:
                    SetSkip(); // the rest of this iteration does not run on this path
                    return;

                case IBranchOperation { BranchKind: BranchKind.Break } when loops.Count > 0:
                    SetFlag(loops.Peek().BreakKey);
                    SetSkip();
                    return;

                case ILoopOperation loop:
                    if (LowerLoop(loop, rest))
                    {
                        return;
                    }

                    break;

                case IConditionalOperation conditional when Jumps.Leaves(conditional):
                    LowerLeavingBranch(
                        Condition(conditional.Condition),
                        [conditional.WhenTrue],
                        conditional.WhenFalse is null ? [] : [conditional.WhenFalse],
                        rest);
                    return;

                case IConditionalOperation conditional:
                    LowerBranch(
                        Condition(conditional.Condition),
                        () => LowerStatements([conditional.WhenTrue]),
                        () => LowerStatements(conditional.WhenFalse is null ? [] : [conditional.WhenFalse]));
                    break;

                case ISwitchOperation switchOperation:
                    if (LowerSwitch(switchOperation, rest))
                    {
                        return;
                    }

                    break;

                case IThrowOperation thrown:
                    LowerThrow(thrown);
                    return;

                case IExpressionStatementOperation { Operation: IThrowOperation thrown }:
                    LowerThrow(thrown);
                    return;

                case IVariableDeclarationGroupOperation group:
                    LowerDeclarations(group);
                    break;

                case IExpressionStatementOperation expression:
                    LowerExpressionStatement(expression.Operation);
                    break;

                case IEmptyOperation:
                    break;

                case ILocalFunctionOperation:
                    // Declaring one does nothing here; a call of one is reported where it is made (F44).
                    break;

                default:
                    Report(Descriptors.UnsupportedStatement, statement.Syntax.GetLocation(), Describe(statement));
                    break;
            }
        }
    }

    private Expr Condition(IOperation condition) => Materialize(Lower(condition), condition, "c");

    private void LowerDeclarations(IVariableDeclarationGroupOperation group)
    {
        foreach (IVariableDeclarationOperation declaration in group.Declarations)
        {
            foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
            {
                IVariableInitializerOperation? initializer = declarator.Initializer ?? declaration.Initializer;
                if (declarator.Symbol.IsRef && initializer is not null)
                {
                    DeclareRefLocal(declarator.Symbol, initializer.Value);
                }

                // A const is folded into every use (Roslyn gives its constant value), so it needs no variable.
                else if (initializer is not null && !declarator.Symbol.IsConst)
                {
                    Bind(declarator.Symbol, Lower(initializer.Value), initializer.Value, declarator.Symbol.Name);
                }
            }
        }
    }

    private void LowerExpressionStatement(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { IsRef: true } refAssignment:
                ReportRefReassignment(refAssignment);
                break;

            case ISimpleAssignmentOperation assignment when AssignedVariable(assignment.Target) is { } target:
                Bind(target, Lower(assignment.Value), assignment.Value, target.Name);
                break;

            case ICompoundAssignmentOperation compound when AssignedVariable(compound.Target) is { } target:
                Bind(target, LowerCompound(compound), compound, target.Name);
                break;

            case IIncrementOrDecrementOperation increment when AssignedVariable(increment.Target) is { } target:
                Bind(target, LowerIncrement(increment), increment, target.Name);
                break;

            case ISimpleAssignmentOperation assignment when IsElement(assignment.Target):
                LowerStore(assignment.Target, () => Lower(assignment.Value));
                break;

            case ICompoundAssignmentOperation compound when IsElement(compound.Target) && !WritesInIndex(compound.Target):
                LowerStore(compound.Target, () => LowerCompound(compound));
                break;

            case IIncrementOrDecrementOperation increment when IsElement(increment.Target) && !WritesInIndex(increment.Target):
                LowerStore(increment.Target, () => LowerIncrement(increment));
                break;

            case IInvocationOperation { TargetMethod.ReturnsVoid: true } call
                when Symbols.HasAttribute(call.TargetMethod, Symbols.DifferentiableAttribute) || CustomDerivativeIndex.PullbackOf(call.TargetMethod, compilation) is not null:
                Lower(call);
                break;

            case IInvocationOperation call when OutArguments(call).Any():
                Lower(call); // rates.TryGetValue(region, out var rate); sets rate
                break;

            case IInvocationOperation call when BulkWriteOf(call) is { } bulk && IsDifferentiable(bulk):
                LowerBulkWrite(call, bulk);
                break;

            case IInvocationOperation call:
                LowerSideEffect(call);
                break;

            case IDeconstructionAssignmentOperation deconstruction:
                LowerDeconstruction(deconstruction);
                break;

            case IAssignmentOperation or IIncrementOrDecrementOperation when IsElement(((operation as IAssignmentOperation)?.Target ?? ((IIncrementOrDecrementOperation)operation).Target)):
                Report(Descriptors.UnsupportedStatement, operation.Syntax.GetLocation(), "an element updated in place with an index that writes (a[i++] += v); write the index on its own line");
                break;

            case IAssignmentOperation or IIncrementOrDecrementOperation:
                Report(Descriptors.UnsupportedStatement, operation.Syntax.GetLocation(), OnlyVariablesAssigned);
                break;

            default:
                Report(Descriptors.UnsupportedStatement, operation.Syntax.GetLocation(), "an expression statement other than an assignment");
                break;
        }
    }

    /// <summary>The local or parameter an assignment writes (through a ref local, the one it refers to).</summary>
    private ISymbol? AssignedVariable(IOperation target) => target switch
    {
        ILocalReferenceOperation { Local.IsRef: true } alias => AliasedVariable(alias.Local),
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter when !IsPrimaryConstructorParameter(parameter.Parameter) => parameter.Parameter,
        _ => null,
    };

    private const string OnlyVariablesAssigned =
        "only locals and parameters can be assigned; writing a field, property, primary constructor parameter or element would let a value escape the derivative";

    /// <summary>
    /// A parameter of the type's primary constructor (C# 12), which the method reads as it reads a field: a constant,
    /// written by name (the companions are in the same type, where it is in scope, and the generator's own names avoid
    /// every identifier of the method). Writing it would write the type's state: reported as a field's write is.
    /// </summary>
    private bool IsPrimaryConstructorParameter(IParameterSymbol parameter) =>
        parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
        && !SymbolEqualityComparer.Default.Equals(constructor, method);

    /// <summary>
    /// Makes <paramref name="variable"/> (a local, a parameter or the result) hold <paramref name="value"/>:
    /// a fresh gate output takes the variable's name, a read of another value is shared (no copy), and a
    /// constant expression gets a declaration of its own.
    /// </summary>
    /// <param name="name">The user's name for the variable; null for a value without one (the value of a ?:).</param>
    private void Bind(object variable, Expr value, IOperation source, string? name)
    {
        if (value is UseExpr use)
        {
            if (use.Value.Kind == ValueKind.Temporary && name is not null)
            {
                use.Value.BaseName = name;
                use.Value.Kind = ValueKind.Local;
            }

            environment[variable] = use.Value;
            return;
        }

        ITypeSymbol type = VariableType(variable) ?? source.Type!;
        if (Symbols.ElementType(type) is not null && value.Uses().Any(v => v.IsArray && v.IsActive))
        {
            // A slice or view of a differentiable array in a local would lose the gradient of its elements.
            Report(Descriptors.UnsupportedExpression, source.Syntax.GetLocation(), "a slice or view of a differentiable array kept in a local; index the array itself, or pass the slice straight to a [Differentiable] method");
            return;
        }

        // string? tail = split0.Item3 keeps its ?: without it, a nullable warning in generated code
        var local = new Value(name ?? TemporaryStem, Symbols.AnnotatedTypeText(type), Symbols.Numeric(type), isActive: false, name is null ? ValueKind.Temporary : ValueKind.Local);
        current.Statements.Add(new Define(local, value));
        environment[variable] = local;
    }

    private static ITypeSymbol? VariableType(object variable) => variable switch
    {
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        IMethodSymbol method => method.ReturnType,
        _ => null,
    };

    /// <summary>
    /// Lowers an if/else or a ?: into a <see cref="Branch"/>: each side in its own block, then the values
    /// that differ between the sides merge. Returns the branch (already added to the current block).
    /// </summary>
    /// <param name="guard">
    /// The branch is <c>if (skip) { } else { … }</c> around statements after an exit: a variable first
    /// assigned on the else side is still read after the branch (on paths that did not leave), so it merges
    /// with a placeholder on the then side, which only paths that left take.
    /// </param>
    /// <param name="shortCircuit">The then side is the right operand of &amp;&amp; or || (a variable it declares is read after where it ran).</param>
    private Branch LowerBranch(Expr test, System.Action lowerThen, System.Action lowerElse, bool guard = false, bool shortCircuit = false)
    {
        Block outer = current;
        Dictionary<object, Value> before = environment;

        (Block thenBlock, Dictionary<object, Value> thenValues) = LowerSide(before, lowerThen);
        (Block elseBlock, Dictionary<object, Value> elseValues) = LowerSide(before, lowerElse);

        current = outer;
        if (HasThrown(thenValues) || HasThrown(elseValues))
        {
            // Only the other side goes on (when both threw, the path has ended): its values, no merges.
            environment = HasThrown(thenValues) ? elseValues : thenValues;
            var oneSided = new Branch(test, thenBlock, elseBlock, []);
            outer.Statements.Add(oneSided);
            return oneSided;
        }

        environment = new Dictionary<object, Value>(VariableComparer.Instance);
        List<Merge> merges = [];
        if (guard)
        {
            Placeholders(elseValues, thenValues, thenBlock);
        }

        if (shortCircuit)
        {
            // x > 10 && Find(key, out double found): found is assigned where the right side ran, which is where it is read.
            Placeholders(thenValues, elseValues, elseBlock);
        }

        foreach (KeyValuePair<object, Value> entry in thenValues)
        {
            if (!elseValues.TryGetValue(entry.Key, out Value? fromElse))
            {
                continue; // assigned on one side only: not definitely assigned after the branch, so never read
            }

            Value fromThen = entry.Value;
            if (fromThen == fromElse)
            {
                environment[entry.Key] = fromThen;
                continue;
            }

            (string baseName, ValueKind kind) = entry.Key switch
            {
                IMethodSymbol => ("result", ValueKind.Local),
                FlagKey flag => (flag.Name, ValueKind.Temporary),
                ISymbol variable => (variable.Name, ValueKind.Local),
                _ => (TemporaryStem, ValueKind.Temporary),
            };
            var merged = new Value(baseName, fromThen.TypeName, fromThen.Numeric, fromThen.IsActive || fromElse.IsActive, kind);
            merges.Add(new Merge(merged, fromThen, fromElse));
            environment[entry.Key] = merged;
        }

        var branch = new Branch(test, thenBlock, elseBlock, merges);
        outer.Statements.Add(branch);
        return branch;
    }

    /// <summary>
    /// A placeholder on the other side for each variable first assigned on one side, so that it merges: read after the
    /// branch only on paths through that side, as C#'s definite assignment allows. Variables only: a generator
    /// temporary (the value of a ?:) is never read after its own expression.
    /// </summary>
    private void Placeholders(Dictionary<object, Value> assigned, Dictionary<object, Value> other, Block otherBlock)
    {
        foreach (KeyValuePair<object, Value> entry in assigned.Where(e => !other.ContainsKey(e.Key) && e.Key is ISymbol or FlagKey).ToList())
        {
            var placeholder = new Value(TemporaryStem, entry.Value.TypeName, entry.Value.Numeric, isActive: false, ValueKind.Temporary, entry.Value.IsArray);
            otherBlock.Statements.Add(new Define(placeholder, new TextExpr("default", isPure: true)));
            other[entry.Key] = placeholder;
        }
    }

    private (Block Block, Dictionary<object, Value> Values) LowerSide(Dictionary<object, Value> before, System.Action lower)
    {
        current = new Block();
        environment = new Dictionary<object, Value>(before, VariableComparer.Instance);
        lower();
        return (current, environment);
    }

    private void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    private static string Describe(IOperation operation) => operation.Kind switch
    {
        OperationKind.Branch => "goto is not supported",
        OperationKind.Labeled => "a label (goto is not supported)",
        OperationKind.Try => "try statements are not supported",
        _ => $"'{FirstLine(operation.Syntax)}' ({operation.Kind})",
    };

    /// <summary>A statement as written, up to the end of its first line (a block's body would make the message a page long).</summary>
    private static string FirstLine(SyntaxNode syntax)
    {
        string text = syntax.ToString();
        int end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text.Substring(0, end).TrimEnd() + " …";
    }
}
