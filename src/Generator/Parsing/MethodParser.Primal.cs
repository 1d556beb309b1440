using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// Copies user code the generator does not differentiate — a guard, a thrown exception, a log line, a
/// string or a pattern test — into a <see cref="PrimalExpr"/>: the text as written, with every local and
/// parameter read turned into a hole that prints as its current SSA value, types spelled in full (the
/// generated file has none of the user's usings), and caller-information arguments the compiler fills in
/// (<c>CallerArgumentExpression</c>: <c>ThrowIfNegative(x)</c>'s "x") written out, so they stay the user's.
/// It must only read: a write, a lambda or a declaration in it is reported.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>
    /// The copied text of <paramref name="syntax"/> (part of <paramref name="operation"/>), or null after reporting why it cannot
    /// be copied (unless <paramref name="report"/> is false: the caller then lowers it another way).
    /// </summary>
    private PrimalExpr? CopyPrimal(IOperation operation, SyntaxNode syntax, string prefix = "", bool report = true)
    {
        var copy = new PrimalCopy(this, operation.SemanticModel!, prefix);
        copy.Node(syntax);
        if (copy.Problem is { } problem)
        {
            if (report)
            {
                Report(Diagnostics.Descriptors.UnsupportedExpression, problem.Node.GetLocation(), problem.Reason);
            }

            return null;
        }

        return copy.Result();
    }

    private sealed class PrimalCopy(MethodParser parser, SemanticModel model, string prefix)
    {
        private readonly List<string> parts = [];
        private readonly List<Expr> holes = [];
        private readonly StringBuilder text = new(prefix);
        private bool pendingSpace;

        public (SyntaxNode Node, string Reason)? Problem { get; private set; }

        public PrimalExpr Result() => new([.. parts, text.ToString()], holes);

        public void Node(SyntaxNode node)
        {
            if (Problem is not null)
            {
                return;
            }

            if (node is ExpressionSyntax expression && !Special(expression))
            {
                return;
            }

            if (node is InterpolationSyntax interpolation)
            {
                Interpolation(interpolation);
                return;
            }

            foreach (SyntaxNodeOrToken child in node.ChildNodesAndTokens())
            {
                if (child.IsNode)
                {
                    Node(child.AsNode()!);
                    continue;
                }

                SyntaxToken token = child.AsToken();
                if (node is ArgumentListSyntax list && token.IsKind(SyntaxKind.CloseParenToken))
                {
                    CallerInformation(list);
                }

                Space(token.HasLeadingTrivia);
                Append(token.Text);
                pendingSpace = token.HasTrailingTrivia;
            }
        }

        /// <summary>
        /// <c>{expression,alignment:format}</c> with the expression in parentheses: the copy spells types in full
        /// (<c>global::System.Math.Abs(x)</c>), and a <c>:</c> at the top level of a hole would start its format.
        /// </summary>
        private void Interpolation(InterpolationSyntax interpolation)
        {
            Space(interpolation.OpenBraceToken.HasLeadingTrivia);
            Append("{(");
            pendingSpace = false;
            Node(interpolation.Expression);
            Append(")");
            pendingSpace = false;
            if (interpolation.AlignmentClause is { } alignment)
            {
                Node(alignment);
            }

            if (interpolation.FormatClause is { } format)
            {
                Node(format);
            }

            Append("}");
            pendingSpace = interpolation.CloseBraceToken.HasTrailingTrivia;
        }

        /// <summary>
        /// Arguments the compiler fills in from the call site (<c>[CallerArgumentExpression]</c>, <c>[CallerMemberName]</c>, …)
        /// are written out as the user's call got them; in the generated method they would name its code instead.
        /// </summary>
        private void CallerInformation(ArgumentListSyntax list)
        {
            ImmutableArray<IArgumentOperation> arguments = model.GetOperation(list.Parent!) switch
            {
                IInvocationOperation invocation => invocation.Arguments,
                IObjectCreationOperation creation => creation.Arguments,
                _ => ImmutableArray<IArgumentOperation>.Empty,
            };
            bool first = list.Arguments.Count == 0;
            foreach (IArgumentOperation argument in arguments)
            {
                bool fromCallSite = argument.Parameter?.GetAttributes().Any(a =>
                    a.AttributeClass is { Name: var name, ContainingNamespace: var ns } && name.StartsWith("Caller", System.StringComparison.Ordinal)
                    && ns.ToDisplayString() == "System.Runtime.CompilerServices") == true;
                if (argument.ArgumentKind == ArgumentKind.DefaultValue && fromCallSite && argument.Value.ConstantValue.HasValue)
                {
                    object? value = argument.Value.ConstantValue.Value;
                    string literal = value is string s ? SymbolDisplay.FormatLiteral(s, quote: true) : value is int i ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
                    Append((first ? "" : ", ") + Symbols.Identifier(argument.Parameter!.Name) + ": " + literal);
                    first = false;
                }
            }
        }

        /// <summary>Handles an expression that is not copied token by token; false when it was handled (or reported).</summary>
        private bool Special(ExpressionSyntax expression)
        {
            switch (model.GetOperation(expression))
            {
                case INameOfOperation { ConstantValue: { HasValue: true, Value: string name } }:
                    Space(expression.GetFirstToken().HasLeadingTrivia);
                    Append(SymbolDisplay.FormatLiteral(name, quote: true));
                    pendingSpace = expression.GetLastToken().HasTrailingTrivia;
                    return false;
                case ILocalReferenceOperation read when parser.ElementAlias(read) is { } element:
                    // An element alias has no value of its own: it reads its element (a copy never writes).
                    return Hole(read.Syntax, new ElementExpr(WholeArray(element.Array), element.Index, isReadOnly: false));
                case ILocalReferenceOperation { Local: { IsRef: true } alias } read when parser.AliasedVariable(alias) is { } aliased:
                    return Hole(aliased, read);
                case ILocalReferenceOperation { Local.IsConst: true, ConstantValue.HasValue: true } constant:
                    // A const local has no value in the graph (reads of it are literals): its literal (F28).
                    return Hole(constant.Syntax, Constant(constant));
                case ILocalReferenceOperation { Local: var local } read:
                    return Hole(local, read);
                case IParameterReferenceOperation { Parameter: var captured } when parser.IsPrimaryConstructorParameter(captured):
                    return true; // copied as written, as a field is (F33)
                case IParameterReferenceOperation { Parameter: var parameter } read:
                    return Hole(parameter, read);
                case IAnonymousFunctionOperation or IDelegateCreationOperation:
                    return Fail(expression, "a lambda in code that is only run, not differentiated");
                case IAssignmentOperation or IIncrementOrDecrementOperation or IDeclarationExpressionOperation:
                    return Fail(expression, "a write inside a guard, a log line or a thrown exception; they may only read values");
                case IIsPatternOperation { Pattern: var pattern } when pattern.DescendantsAndSelf().OfType<IDeclarationPatternOperation>().Any(d => d.DeclaredSymbol is not null):
                    return Fail(expression, "a pattern that declares a variable in code that is only run, not differentiated");
                case IInvocationOperation invocation when parser.LowerReduction(invocation, InParameterOrder(invocation.Arguments)) is { } sum:
                    return Hole(expression, sum); // w.Average() in a guard or a pattern's selector: computed before, as the forward pass computes it
                case IInvocationOperation invocation when model.GetSymbolInfo(expression).Symbol is IMethodSymbol { ReducedFrom: not null }:
                    return Fail(invocation.Syntax, "an extension method called as an instance method in code that is only run; call it as a static method");
                case IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction }:
                    return Fail(expression, CopiedLocalFunctionCall);
                case IInvocationOperation { TargetMethod: var method } invocation when Symbols.IsExtensionBlock(method.ContainingType):
                    return ExtensionMember(expression, method, method.Name, invocation.Instance, InParameterOrder(invocation.Arguments));
                case IPropertyReferenceOperation { Property: { GetMethod: { } getter } property } read when Symbols.IsExtensionBlock(property.ContainingType):
                    return ExtensionMember(expression, property, getter.Name, read.Instance, []);
                case IBinaryOperation { OperatorMethod: { } method } binary when Symbols.IsExtensionBlock(method.ContainingType):
                    return ExtensionMember(expression, method, method.Name, null, [binary.LeftOperand, binary.RightOperand]);
                case IUnaryOperation { OperatorMethod: { } method } unary when Symbols.IsExtensionBlock(method.ContainingType):
                    return ExtensionMember(expression, method, method.Name, null, [unary.Operand]);
                // An interpolated string given to a handler parameter (Debug.Assert(c, $"…"), string.Create(provider, $"…"))
                // is passed by ref, but the handler is the compiler's own, made anew from the string the copy writes as it is.
                case IInvocationOperation invocation when invocation.Arguments.Any(a => a.Parameter?.RefKind is RefKind.Ref or RefKind.Out && a.Value is not IInterpolatedStringHandlerCreationOperation):
                    return Fail(invocation.Syntax, "a ref or out argument in code that is only run, not differentiated");
            }

            if (expression is InterpolatedStringExpressionSyntax { StringStartToken.RawKind: (int)SyntaxKind.InterpolatedMultiLineRawStringStartToken }
                || expression is LiteralExpressionSyntax { Token.RawKind: (int)SyntaxKind.MultiLineRawStringLiteralToken })
            {
                return Fail(expression, "a multi-line raw string in code that is only run; use a regular string");
            }

            if (expression is IdentifierNameSyntax or GenericNameSyntax && ImportedStaticMember((SimpleNameSyntax)expression) is { } owner)
            {
                Space(expression.GetFirstToken().HasLeadingTrivia);
                AppendType(owner);
                Append("." + ((SimpleNameSyntax)expression).Identifier.Text);
                pendingSpace = false;
                if (expression is GenericNameSyntax generic)
                {
                    Node(generic.TypeArgumentList);
                }

                pendingSpace = expression.GetLastToken().HasTrailingTrivia;
                return false;
            }

            if (expression is NameSyntax or MemberAccessExpressionSyntax && model.GetSymbolInfo(expression).Symbol is INamespaceOrTypeSymbol type)
            {
                Space(expression.GetFirstToken().HasLeadingTrivia);
                AppendType(type);
                pendingSpace = expression.GetLastToken().HasTrailingTrivia;
                return false;
            }

            return true;
        }

        /// <summary>
        /// The type of a static member named by a simple name that only the user's file can resolve (<c>Abs(x)</c> and
        /// <c>PI</c> under <c>using static System.Math;</c>), to be written in front of it; null for any other name. The
        /// generated file has none of the user's usings, but it is in the same types, so the members of the method's own
        /// type, of the types around it and of their bases resolve there as they do here.
        /// </summary>
        private INamedTypeSymbol? ImportedStaticMember(SimpleNameSyntax name)
        {
            if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name
                || name.Parent is QualifiedNameSyntax qualified && qualified.Right == name
                || name.Parent is MemberBindingExpressionSyntax
                || model.GetSymbolInfo(name).Symbol is not { IsStatic: true, ContainingType: { } owner } member
                || member is not (IMethodSymbol or IFieldSymbol or IPropertySymbol or IEventSymbol))
            {
                return null;
            }

            for (INamedTypeSymbol? scope = parser.method.ContainingType; scope is not null; scope = scope.ContainingType)
            {
                for (INamedTypeSymbol? type = scope; type is not null; type = type.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, owner.OriginalDefinition))
                    {
                        return null;
                    }
                }
            }

            return owner;
        }

        /// <summary>A read of a local or parameter: its current value. An array or span may only be indexed, measured or passed as an object.</summary>
        private bool Hole(ISymbol variable, IOperation read)
        {
            SyntaxNode syntax = read.Syntax;
            if (!parser.environment.TryGetValue(variable, out Value? value))
            {
                return Fail(syntax, $"'{variable.Name}' is read before it is assigned, or declared inside code that is only run");
            }

            bool indexedOrMeasured = syntax.Parent is ElementAccessExpressionSyntax access && access.Expression == syntax
                || syntax.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } member && member.Expression == syntax
                || syntax.Parent is ConditionalAccessExpressionSyntax { WhenNotNull: ElementBindingExpressionSyntax or MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Length" } } conditional
                    && conditional.Expression == syntax;
            if (value.IsArray && IsNullTested(syntax))
            {
                // Optional sample weights, [NoDiff] double[]? w: w is null ? 1 : w[i]. A differentiable array's adjoint is a span, which has no null.
                return value.IsActive
                    ? Fail(syntax, $"a null test of the differentiable array '{variable.Name}': its adjoint, a span, cannot be null; pass an empty array, or mark it [NoDiff] if it is not differentiated (a guard: ArgumentNullException.ThrowIfNull({variable.Name}))")
                    : Hole(syntax, new UseExpr(value));
            }

            if (value.IsArray && !indexedOrMeasured && model.GetTypeInfo(syntax).ConvertedType?.SpecialType != SpecialType.System_Object)
            {
                return Fail(syntax, $"the array '{variable.Name}' passed on in code that is only run; it could be written there (index it, or pass its elements)");
            }

            return Hole(syntax, new UseExpr(value));
        }

        /// <summary>
        /// <c>w is null</c>, <c>w is not null</c>, <c>w == null</c>, <c>w != null</c>: what reads only whether the array is there.
        /// </summary>
        private static bool IsNullTested(SyntaxNode syntax) => syntax.Parent switch
        {
            IsPatternExpressionSyntax { Pattern: var pattern } => IsNullPattern(pattern),
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } binary =>
                (binary.Left == syntax ? binary.Right : binary.Left) is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression },
            _ => false,
        };

        private static bool IsNullPattern(PatternSyntax pattern) => pattern switch
        {
            ConstantPatternSyntax { Expression: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } } => true,
            UnaryPatternSyntax { OperatorToken.RawKind: (int)SyntaxKind.NotKeyword, Pattern: var negated } => IsNullPattern(negated),
            _ => false,
        };

        /// <summary>
        /// A member or operator of a C# 14 extension block, written in its implementation form with its operands copied in
        /// turn (<c>Ext.get_Norm(k)</c>, <see cref="ImplementationCall"/>): as the user wrote it, it would need the usings
        /// that bring the block into scope.
        /// </summary>
        private bool ExtensionMember(ExpressionSyntax expression, ISymbol member, string implementation, IOperation? instance, IEnumerable<IOperation> operands)
        {
            List<Expr> copies = [];
            foreach (IOperation operand in instance is null ? operands : operands.Prepend(instance))
            {
                if (operand is IArgumentOperation { ArgumentKind: not ArgumentKind.Explicit })
                {
                    return Fail(expression, "an extension member called with a default or params argument in code that is only run; pass every argument");
                }

                var copy = new PrimalCopy(parser, model, "");
                copy.Node(operand is IArgumentOperation argument ? argument.Value.Syntax : operand.Syntax);
                if (copy.Problem is { } problem)
                {
                    Problem ??= problem;
                    return false;
                }

                copies.Add(copy.Result());
            }

            return Hole(expression, ImplementationCall(member, implementation, copies));
        }

        /// <summary>Prints <paramref name="hole"/> where <paramref name="syntax"/> was.</summary>
        private bool Hole(SyntaxNode syntax, Expr hole)
        {
            Space(syntax.GetFirstToken().HasLeadingTrivia);
            parts.Add(text.ToString());
            text.Clear();
            holes.Add(hole);
            pendingSpace = syntax.GetLastToken().HasTrailingTrivia;
            return false;
        }

        /// <summary>One space where the user had whitespace or a comment between two tokens (never at the start).</summary>
        private void Space(bool leadingTrivia)
        {
            bool atStart = text.Length == 0 && parts.Count == 0;
            if ((pendingSpace || leadingTrivia) && !atStart && (text.Length == 0 || !char.IsWhiteSpace(text[text.Length - 1])))
            {
                text.Append(' ');
            }

            pendingSpace = false;
        }

        private void Append(string piece) => text.Append(piece);

        /// <summary>A type by its full name; Math and MathF as holes, which the file may print by their aliases (<see cref="Emit.MathAliases"/>).</summary>
        private void AppendType(INamespaceOrTypeSymbol type)
        {
            string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            if (!Emit.MathAliases.IsFullName(name))
            {
                Append(name);
                return;
            }

            parts.Add(text.ToString());
            text.Clear();
            holes.Add(new TextExpr(name, isPure: true));
        }

        private bool Fail(SyntaxNode node, string reason)
        {
            Problem ??= (node, reason);
            return false;
        }
    }
}
