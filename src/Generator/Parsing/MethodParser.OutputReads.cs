using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// Reads of a vector-valued method's output (F58): <c>y[i] = b[i]; for (…) y[i] += w[…] * x[j];</c>, a dense layer. The output
/// is read as a local array is, but only an element this method wrote first: what the caller's span held before is not
/// the method's to read, since every pullback that runs the method again (a caller's backward pass, the rows of
/// <c>FJacobian</c>) passes the span as it is then, no longer as it was. The proof is the one a reader makes: a plain
/// <c>y[index] = …;</c> earlier in the same block or an enclosing one, with the same index written the same way, and
/// nothing that may run between the two (the statements between, and the whole of every loop around the read that is
/// inside that block) assigns a variable the index reads; or, before it in the same way, a loop that writes every element
/// (<see cref="WritesEveryElement"/>). Anything else is SDIFF0010.
/// </summary>
internal sealed partial class MethodParser
{
    private const string OutputReadFirst =
        "is read where this method may not have written that element first (only an element written just before, y[i] = …; then y[i] += …, or after y.Clear(), y.Fill(v) or a loop for (int k = 0; k < y.Length; k++) that writes every element, is read as the method's own); compute into a local array and copy it to the output";

    /// <summary>Whether the read <paramref name="read"/> (<c>y[index]</c>, or the target of <c>y[index] += …</c>) follows a write of the same element.</summary>
    private static bool WrittenBeforeRead(IOperation read)
    {
        if (read.Syntax is not ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } access
            || read.SemanticModel?.GetOperation(Symbols.Unparenthesized(arguments[0].Expression)) is not { } index || Writes(index))
        {
            return false;
        }

        var indexVariables = new HashSet<ISymbol>(
            index.DescendantsAndSelf().Select(d => d switch
            {
                ILocalReferenceOperation local => (ISymbol)local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            }).OfType<ISymbol>(),
            SymbolEqualityComparer.Default);
        return WrittenBefore(read, Text(access.Expression), (Text(arguments[0].Expression), indexVariables));
    }

    /// <summary>Whether <paramref name="copy"/>, which reads every element of the output <paramref name="array"/> (<c>y.ToArray()</c>), follows a loop that writes every element.</summary>
    private static bool EveryElementWrittenBefore(IOperation copy, string array) => WrittenBefore(copy, array, element: null);

    /// <summary>
    /// Whether a write of <paramref name="element"/> (its index as written, and the variables it reads), or a loop that writes
    /// every element of <paramref name="array"/>, comes before <paramref name="read"/> in its block or an enclosing one.
    /// </summary>
    private static bool WrittenBefore(IOperation read, string array, (string Index, HashSet<ISymbol> Variables)? element)
    {
        var mayRunBetween = new List<SyntaxNode>();
        for (SyntaxNode node = read.Syntax; node.Parent is { } parent && node is not (MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax); node = parent)
        {
            SyntaxList<StatementSyntax> statements = parent switch
            {
                BlockSyntax block => block.Statements,
                SwitchSectionSyntax section => section.Statements,
                _ => default,
            };
            int at = node is StatementSyntax statement ? statements.IndexOf(statement) : -1;
            for (int k = at - 1; k >= 0; k--)
            {
                if (element is var (index, variables) && IsWriteOf(statements[k], array, index))
                {
                    return !mayRunBetween.Any(between => AssignsAny(between, variables, read.SemanticModel!));
                }

                if (WritesEveryElement(statements[k], array, read.SemanticModel!))
                {
                    return true;
                }

                mayRunBetween.Add(statements[k]);
            }

            if (parent is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax)
            {
                // Its earlier iterations, and its step, run between a write before it and this read.
                mayRunBetween.Add(parent);
            }
        }

        return false;
    }

    /// <summary>
    /// <c>array.Clear();</c>, <c>array.Fill(v);</c>, or <c>for (int k = 0; k &lt; array.Length; k++) { …; array[k] = …; … }</c>:
    /// a loop that writes every element of the output, each iteration unconditionally (its body neither skips to another iteration nor changes k; a return or a
    /// throw leaves the method, and nothing after the loop runs), after which any element is the method's own (forces
    /// cleared in one loop, added to in the next).
    /// </summary>
    private static bool WritesEveryElement(StatementSyntax statement, string array, SemanticModel model)
    {
        if (statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call })
        {
            // y.Clear(); or y.Fill(v); of the whole output.
            return call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Clear" or "Fill", Expression: var receiver }
                && Text(receiver) == array
                && model.GetOperation(call) is IInvocationOperation invocation && Symbols.ClearsOrFillsASpan(invocation);
        }

        if (statement is not ForStatementSyntax
            {
                Declaration.Variables: { Count: 1 } variables,
                Condition: { } condition,
                Incrementors: { Count: 1 } incrementors,
                Statement: var body,
            }
            || Symbols.Unparenthesized(condition) is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LessThanExpression, Left: var left, Right: var right }
            || Symbols.Unparenthesized(left) is not IdentifierNameSyntax counter
            || Symbols.Unparenthesized(right) is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } bound
            || variables[0] is not { Initializer.Value: { } start } declared || Symbols.Unparenthesized(start) is not LiteralExpressionSyntax { Token.ValueText: "0" }
            || counter.Identifier.ValueText != declared.Identifier.ValueText || Text(bound.Expression) != array
            || Incremented(incrementors[0]) != declared.Identifier.ValueText
            || body.DescendantNodesAndSelf().Any(n => n is BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax)
            || model.GetDeclaredSymbol(declared) is not { } k
            || AssignsAny(body, new HashSet<ISymbol>(SymbolEqualityComparer.Default) { k }, model))
        {
            return false;
        }

        IEnumerable<StatementSyntax> each = body is BlockSyntax block ? block.Statements : new[] { body };
        return each.Any(s => IsWriteOf(s, array, declared.Identifier.ValueText));
    }

    /// <summary>The variable <c>k++</c> or <c>++k</c> steps, or null.</summary>
    private static string? Incremented(ExpressionSyntax step) => step switch
    {
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression, Operand: IdentifierNameSyntax name } => name.Identifier.ValueText,
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression, Operand: IdentifierNameSyntax name } => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary><c>array[index] = …;</c>, a plain assignment of that element, written so (parentheses aside).</summary>
    private static bool IsWriteOf(StatementSyntax statement, string array, string index) =>
        statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: var left } }
        && Symbols.Unparenthesized(left) is ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } target
        && Text(target.Expression) == array && Text(arguments[0].Expression) == index;

    /// <summary>An array or index as written, without the parentheses around it, to compare with another.</summary>
    private static string Text(ExpressionSyntax expression) => Symbols.Unparenthesized(expression).ToString();

    /// <summary>Whether anything in <paramref name="node"/> assigns or steps one of <paramref name="variables"/>, or sets it as an out argument.</summary>
    private static bool AssignsAny(SyntaxNode node, HashSet<ISymbol> variables, SemanticModel model) =>
        model.GetOperation(node) is { } operation
        && operation.DescendantsAndSelf().SelectMany(AssignmentTargets).Any(target => target switch
        {
            ILocalReferenceOperation local => variables.Contains(local.Local) || local.Local.IsRef,
            IParameterReferenceOperation parameter => variables.Contains(parameter.Parameter),
            _ => false,
        });
}
