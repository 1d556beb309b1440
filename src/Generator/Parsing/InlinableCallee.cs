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
/// <c>Math.Sin(theta)</c>) instead of the pullback running the callee forward again. Only what is certain to
/// mean the same in the caller is taken (a whitelist, checked by <see cref="Find"/>): one returned expression
/// of the callee's <c>double</c>/<c>float</c> value parameters, constants, <c>+ - * /</c>, unary minus,
/// numeric conversions, the Math functions of the gate table and calls of other such callees (no cycle).
/// Such an expression reads nothing but its arguments and writes nothing, so lowering it with the parameters
/// bound to the caller's argument values computes the same operations in the same order, bit for bit, and
/// can never need a diagnostic inside the callee.
/// </summary>
internal sealed class InlinableCallee
{
    /// <summary>
    /// At most this many gates (operators, Math calls), counting those of the callees it inlines in turn: an
    /// inlined body is copied into every call, and a small one costs about what the call and pullback call did.
    /// </summary>
    public const int MaxGates = 16;

    private InlinableCallee(IReadOnlyList<IParameterSymbol> parameters, IOperation expression, string text, int gates)
    {
        Parameters = parameters;
        Expression = expression;
        Text = text;
        Gates = gates;
    }

    /// <summary>The parameters as the bound body refers to them (those of the declaration with the body), by position.</summary>
    public IReadOnlyList<IParameterSymbol> Parameters { get; }

    /// <summary>The returned expression, converted to the return type as C# converts it.</summary>
    public IOperation Expression { get; }

    /// <summary>The returned expression as written (for the callers' fingerprints).</summary>
    public string Text { get; }

    private int Gates { get; }

    /// <summary>How often the expression reads the parameter at <paramref name="ordinal"/>.</summary>
    public int Reads(int ordinal) =>
        Expression.DescendantsAndSelf().OfType<IParameterReferenceOperation>().Count(p => p.Parameter.Ordinal == ordinal);

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
        if (!IsCandidate(definition, compilation)
            || withBody.DeclaringSyntaxReferences.Length != 1
            || withBody.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration
            || ReturnedSyntax(declaration) is null
            || !visiting.Add(definition))
        {
            return null;
        }

        try
        {
            SemanticModel model = compilation.GetSemanticModel(declaration.SyntaxTree);
            if (model.GetOperation(declaration) is not IMethodBodyOperation body
                || (body.BlockBody ?? body.ExpressionBody) is not { Operations.Length: 1 } block
                || block.Operations[0] is not IReturnOperation { ReturnedValue: { } returned })
            {
                return null;
            }

            int gates = Count(returned, withBody, compilation, visiting);
            return gates <= MaxGates ? new InlinableCallee(withBody.Parameters, returned, returned.Syntax.ToString(), gates) : null;
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
        && Symbols.Numeric(method.ReturnType) != NumericType.None
        && method.Parameters.All(p => p.RefKind == RefKind.None && !p.IsParams && Symbols.Numeric(p.Type) != NumericType.None)
        && CustomDerivativeIndex.PullbackOf(method, compilation) is null
        && CustomDerivativeIndex.TangentOf(method, compilation) is null;

    /// <summary><c>=> expr</c> or <c>{ return expr; }</c>: checked on the syntax first, so other bodies are never bound.</summary>
    private static ExpressionSyntax? ReturnedSyntax(MethodDeclarationSyntax declaration) =>
        declaration.ExpressionBody?.Expression
        ?? (declaration.Body is { Statements.Count: 1 } body && body.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null);

    /// <summary>The gates of <paramref name="operation"/> if every part of it is on the whitelist, else more than <see cref="MaxGates"/>.</summary>
    private static int Count(IOperation operation, IMethodSymbol owner, Compilation compilation, HashSet<IMethodSymbol> visiting)
    {
        const int Refused = MaxGates + 1;
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
            // Between double and float (the only types let through here), so checked or not (a project compiled with
            // overflow checks makes every explicit conversion checked), it cannot throw.
            case IConversionOperation { OperatorMethod: null, Conversion.IsUserDefined: false } conversion
                when conversion.Conversion.IsNumeric || conversion.Conversion.IsIdentity:
                return Count(conversion.Operand, owner, compilation, visiting);
            case IUnaryOperation { OperatorMethod: null, OperatorKind: UnaryOperatorKind.Minus or UnaryOperatorKind.Plus } unary:
                return 1 + Count(unary.Operand, owner, compilation, visiting);
            case IBinaryOperation { OperatorMethod: null, OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide } binary:
                return 1 + Count(binary.LeftOperand, owner, compilation, visiting) + Count(binary.RightOperand, owner, compilation, visiting);
            case IInvocationOperation invocation when invocation.Arguments.All(a => a.ArgumentKind != ArgumentKind.ParamArray && a.Parameter is { RefKind: RefKind.None }):
                int arguments = invocation.Arguments.Sum(a => Count(a.Value, owner, compilation, visiting));
                if (IsMathGate(invocation, compilation))
                {
                    return 1 + arguments;
                }

                return ReceiverAllows(invocation) && Find(invocation.TargetMethod, compilation, visiting) is { } nested ? nested.Gates + arguments : Refused;
            default:
                return Refused;
        }
    }

    /// <summary>A function of the gate table (<c>Math.Sin</c>, <c>MathF.Exp</c>, <c>double.Hypot</c>) on <c>double</c>s or <c>float</c>s, with no [DerivativeOf] pullback of its own.</summary>
    private static bool IsMathGate(IInvocationOperation invocation, Compilation compilation) =>
        invocation.Instance is null
        && Symbols.IsMath(invocation.TargetMethod.ContainingType)
        && GateRules.MathFunctions.ContainsKey((invocation.TargetMethod.Name, invocation.Arguments.Length))
        && invocation.TargetMethod.Parameters.All(p => Symbols.Numeric(p.Type) != NumericType.None)
        && CustomDerivativeIndex.PullbackOf(invocation.TargetMethod, compilation) is null;
}
