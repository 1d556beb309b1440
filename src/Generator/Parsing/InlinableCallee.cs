using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.CustomDerivatives;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// A <c>[Differentiable]</c> callee whose body a caller lowers into its own gates instead of calling its
/// <c>Backward</c>: then the caller's backward pass reuses what its forward pass computed (the RK4 pendulum's
/// <c>Math.Sin(theta)</c>) instead of the pullback running the callee forward again. A local function of the
/// same shape (<c>static double Sq(double v) => v * v;</c>) is lowered the same way at every call, whatever its
/// size: the generated methods do not have it, so it has no companions to call instead. Only what is certain to
/// mean the same in the caller is taken (a whitelist, checked by <see cref="Find"/>): one returned expression
/// of the callee's <c>double</c>/<c>float</c> value parameters, constants, <c>+ - * /</c>, unary minus,
/// numeric conversions, the Math functions of the gate table, <c>?:</c> of comparisons of such values and calls
/// of other such callees (no cycle); a local function may also declare locals of such expressions before it.
/// Such an expression reads nothing but its arguments and writes nothing, so lowering it with the parameters
/// bound to the caller's argument values computes the same operations in the same order, bit for bit, and
/// can never need a diagnostic inside the callee.
/// </summary>
internal sealed class InlinableCallee
{
    /// <summary>
    /// At most this many gates (operators, Math calls) in a <c>[Differentiable]</c> callee, counting those of the
    /// callees it inlines in turn: an inlined body is copied into every call, and a small one costs about what the
    /// call and pullback call did.
    /// </summary>
    public const int MaxGates = 16;

    /// <summary>What <see cref="Count"/> gives for an operation off the whitelist.</summary>
    private const int Refused = -1;

    private InlinableCallee(IReadOnlyList<IParameterSymbol> parameters, IReadOnlyList<IVariableDeclarationGroupOperation> declarations, IOperation expression, string text, int gates)
    {
        Parameters = parameters;
        Declarations = declarations;
        Expression = expression;
        Text = text;
        Gates = gates;
    }

    /// <summary>The parameters as the bound body refers to them (those of the declaration with the body), by position.</summary>
    public IReadOnlyList<IParameterSymbol> Parameters { get; }

    /// <summary>
    /// A local function's declarations before its return (<c>double t = 1 / (1 + k * z); double poly = …;</c>), each of
    /// numbers on the whitelist, lowered at the call as the caller's own locals; a <c>[Differentiable]</c> callee has none.
    /// </summary>
    public IReadOnlyList<IVariableDeclarationGroupOperation> Declarations { get; }

    /// <summary>The returned expression, converted to the return type as C# converts it.</summary>
    public IOperation Expression { get; }

    /// <summary>The body as written (for the callers' fingerprints).</summary>
    public string Text { get; }

    private int Gates { get; }

    /// <summary>The operations of the body: the declarations', then the returned expression's.</summary>
    public IEnumerable<IOperation> Operations => Declarations.SelectMany(d => d.DescendantsAndSelf()).Concat(Expression.DescendantsAndSelf());

    /// <summary>How often the body reads the parameter at <paramref name="ordinal"/>.</summary>
    public int Reads(int ordinal) =>
        Operations.OfType<IParameterReferenceOperation>().Count(p => p.Parameter.Ordinal == ordinal);

    /// <summary>The callee's body if it may be inlined, else null.</summary>
    public static InlinableCallee? Find(IMethodSymbol callee, Compilation compilation) =>
        Find(callee, compilation, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default));

    /// <summary>
    /// A call may be inlined when its callee may be and it is made on <c>this</c> (or statically): the body
    /// reads no instance state, and <c>this</c> is never null, so nothing the call would do is left out.
    /// </summary>
    public static bool ReceiverAllows(IInvocationOperation invocation) =>
        invocation.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

    /// <param name="visiting">The callees being checked further out: one of them again is recursion, which is not inlined.</param>
    private static InlinableCallee? Find(IMethodSymbol callee, Compilation compilation, HashSet<IMethodSymbol> visiting)
    {
        IMethodSymbol definition = callee.OriginalDefinition;
        IMethodSymbol withBody = definition.PartialImplementationPart ?? definition;
        bool local = definition.MethodKind == MethodKind.LocalFunction;
        if (!(local ? IsLocalCandidate(definition) : IsCandidate(definition, compilation))
            || withBody.DeclaringSyntaxReferences.Length != 1
            || withBody.DeclaringSyntaxReferences[0].GetSyntax() is not { } declaration
            || ReturnedSyntax(declaration) is null
            || !visiting.Add(definition))
        {
            return null;
        }

        try
        {
            SemanticModel model = compilation.GetSemanticModel(declaration.SyntaxTree);
            IBlockOperation? block = model.GetOperation(declaration) switch
            {
                IMethodBodyOperation body => body.BlockBody ?? body.ExpressionBody,
                ILocalFunctionOperation function => function.Body,
                _ => null,
            };
            if (block is not { Operations.Length: > 0 } || block.Operations[block.Operations.Length - 1] is not IReturnOperation { ReturnedValue: { } returned })
            {
                return null;
            }

            // The locals the body declares before its return, readable by what follows them.
            var locals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            var declarations = new List<IVariableDeclarationGroupOperation>();
            int gates = 0;
            for (int i = 0; i < block.Operations.Length - 1; i++)
            {
                if (block.Operations[i] is not IVariableDeclarationGroupOperation group)
                {
                    return null;
                }

                declarations.Add(group);
                foreach (IVariableDeclarationOperation variables in group.Declarations)
                {
                    foreach (IVariableDeclaratorOperation declarator in variables.Declarators)
                    {
                        // Read as MethodParser.LowerDeclarations reads it; a const needs nothing lowered: its reads are its value.
                        IVariableInitializerOperation? initializer = declarator.Initializer ?? variables.Initializer;
                        if (initializer is null || declarator.Symbol.IsRef || Symbols.Numeric(declarator.Symbol.Type) == NumericType.None)
                        {
                            return null;
                        }

                        gates = declarator.Symbol.IsConst ? gates : Sum(gates, Count(initializer.Value, withBody, locals, compilation, visiting));
                        locals.Add(declarator.Symbol);
                    }
                }
            }

            gates = Sum(gates, Count(returned, withBody, locals, compilation, visiting));
            return gates != Refused && (local || gates <= MaxGates)
                ? new InlinableCallee(withBody.Parameters, declarations, returned, (declaration is LocalFunctionStatementSyntax { Body: { } statements } ? statements : returned.Syntax).ToString(), gates)
                : null;
        }
        finally
        {
            visiting.Remove(definition);
        }
    }

    /// <summary>What the callee's declaration alone must be: differentiated by the generator (no hand-written derivative), with scalar value parameters.</summary>
    private static bool IsCandidate(IMethodSymbol method, Compilation compilation) =>
        method is { MethodKind: MethodKind.Ordinary, IsGenericMethod: false, IsVirtual: false, IsAbstract: false, IsOverride: false, IsExtern: false, ReturnsByRef: false, ReturnsByRefReadonly: false }
        && Symbols.HasAttribute(method, Symbols.DifferentiableAttribute)
        && OfScalars(method)
        && CustomDerivativeIndex.PullbackOf(method, compilation) is null
        && CustomDerivativeIndex.TangentOf(method, compilation) is null;

    /// <summary>
    /// What a local function must be to be lowered at its calls: not generic, with <c>double</c>/<c>float</c> value
    /// parameters and result (so none of it is <c>async</c>, an iterator or <c>extern</c>); whether it is <c>static</c>
    /// does not matter, since the whitelist lets it read nothing but its own parameters and locals.
    /// </summary>
    private static bool IsLocalCandidate(IMethodSymbol function) =>
        function is { IsGenericMethod: false, IsAsync: false, IsExtern: false, ReturnsByRef: false, ReturnsByRefReadonly: false } && OfScalars(function);

    /// <summary>A <c>double</c>/<c>float</c> result of <c>double</c>/<c>float</c> parameters passed by value.</summary>
    private static bool OfScalars(IMethodSymbol method) =>
        Symbols.Numeric(method.ReturnType) != NumericType.None
        && method.Parameters.All(p => p.RefKind == RefKind.None && !p.IsParams && Symbols.Numeric(p.Type) != NumericType.None);

    /// <summary>
    /// <c>=> expr</c> or <c>{ return expr; }</c> of a method, and of a local function also <c>{ T v = e; … return expr; }</c>:
    /// checked on the syntax first, so other bodies are never bound.
    /// </summary>
    private static ExpressionSyntax? ReturnedSyntax(SyntaxNode declaration) => declaration switch
    {
        MethodDeclarationSyntax method => Returned(method.ExpressionBody, method.Body, declarations: false),
        LocalFunctionStatementSyntax function => Returned(function.ExpressionBody, function.Body, declarations: true),
        _ => null,
    };

    private static ExpressionSyntax? Returned(ArrowExpressionClauseSyntax? arrow, BlockSyntax? block, bool declarations) =>
        arrow?.Expression
        ?? (block is { Statements.Count: > 0 } && (declarations || block.Statements.Count == 1)
            && block.Statements.Take(block.Statements.Count - 1).All(s => s is LocalDeclarationStatementSyntax)
            && block.Statements[block.Statements.Count - 1] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);

    /// <summary>The gates of <paramref name="operation"/> if every part of it is on the whitelist, else <see cref="Refused"/>.</summary>
    private static int Count(IOperation operation, IMethodSymbol owner, HashSet<ILocalSymbol> locals, Compilation compilation, HashSet<IMethodSymbol> visiting)
    {
        if (operation.ConstantValue.HasValue)
        {
            return Symbols.Numeric(operation.Type) == NumericType.None ? Refused : 0;
        }

        if (Symbols.Numeric(operation.Type) == NumericType.None)
        {
            return Refused;
        }

        switch (operation)
        {
            case IParameterReferenceOperation parameter:
                return SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, owner) ? 0 : Refused;
            case ILocalReferenceOperation read:
                return locals.Contains(read.Local) ? 0 : Refused;
            // Between double and float (the only types let through here), so checked or not (a project compiled with
            // overflow checks makes every explicit conversion checked), it cannot throw.
            case IConversionOperation { OperatorMethod: null, Conversion.IsUserDefined: false } conversion
                when conversion.Conversion.IsNumeric || conversion.Conversion.IsIdentity:
                return Count(conversion.Operand, owner, locals, compilation, visiting);
            case IUnaryOperation { OperatorMethod: null, OperatorKind: UnaryOperatorKind.Minus or UnaryOperatorKind.Plus } unary:
                return Sum(1, Count(unary.Operand, owner, locals, compilation, visiting));
            case IBinaryOperation { OperatorMethod: null, OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide } binary:
                return Sum(1, Sum(Count(binary.LeftOperand, owner, locals, compilation, visiting), Count(binary.RightOperand, owner, locals, compilation, visiting)));
            // Only the taken side is evaluated, in the caller as in the callee (a branch of the caller's gates).
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return Sum(CountCondition(conditional.Condition, owner, locals, compilation, visiting),
                    Sum(Count(conditional.WhenTrue, owner, locals, compilation, visiting), Count(whenFalse, owner, locals, compilation, visiting)));
            case IInvocationOperation invocation when invocation.Arguments.All(a => a.ArgumentKind != ArgumentKind.ParamArray && a.Parameter is { RefKind: RefKind.None }):
                int arguments = 0;
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    arguments = Sum(arguments, Count(argument.Value, owner, locals, compilation, visiting));
                }

                if (IsMathGate(invocation, compilation))
                {
                    return Sum(1, arguments);
                }

                return ReceiverAllows(invocation) && Find(invocation.TargetMethod, compilation, visiting) is { } nested ? Sum(nested.Gates, arguments) : Refused;
            default:
                return Refused;
        }
    }

    /// <summary>
    /// The gates of a condition of <c>?:</c>: comparisons of whitelisted numbers (<c>&lt; &lt;= &gt; &gt;= == !=</c>),
    /// joined by <c>&amp;&amp; || !</c>; it reads the primal values only, so its comparisons are not gates.
    /// </summary>
    private static int CountCondition(IOperation condition, IMethodSymbol owner, HashSet<ILocalSymbol> locals, Compilation compilation, HashSet<IMethodSymbol> visiting) => condition switch
    {
        { ConstantValue: { HasValue: true, Value: bool } } => 0,
        IUnaryOperation { OperatorMethod: null, OperatorKind: UnaryOperatorKind.Not } not => CountCondition(not.Operand, owner, locals, compilation, visiting),
        IBinaryOperation { OperatorMethod: null, OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } both =>
            Sum(CountCondition(both.LeftOperand, owner, locals, compilation, visiting), CountCondition(both.RightOperand, owner, locals, compilation, visiting)),
        IBinaryOperation
        {
            OperatorMethod: null,
            OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan
                or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals,
        } comparison => Sum(Count(comparison.LeftOperand, owner, locals, compilation, visiting), Count(comparison.RightOperand, owner, locals, compilation, visiting)),
        _ => Refused,
    };

    /// <summary>Two counts added, refused if either is.</summary>
    private static int Sum(int a, int b) => a == Refused || b == Refused ? Refused : a + b;

    /// <summary>A function of the gate table (<c>Math.Sin</c>, <c>MathF.Exp</c>, <c>double.Hypot</c>) on <c>double</c>s or <c>float</c>s, with no [DerivativeOf] pullback of its own.</summary>
    private static bool IsMathGate(IInvocationOperation invocation, Compilation compilation) =>
        invocation.Instance is null
        && Symbols.IsMath(invocation.TargetMethod.ContainingType)
        && GateRules.MathFunctions.ContainsKey((invocation.TargetMethod.Name, invocation.Arguments.Length))
        && invocation.TargetMethod.Parameters.All(p => Symbols.Numeric(p.Type) != NumericType.None)
        && CustomDerivativeIndex.PullbackOf(invocation.TargetMethod, compilation) is null;
}
