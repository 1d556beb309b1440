using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace SymbolicDiff.CodeFixes;

/// <summary>
/// SDIFF0004 (a differentiable value passed to a method that cannot be differentiated): when the
/// value is a parameter of the [Differentiable] method that ONLY ever reaches such calls, it has no
/// gradient to lose, and marking it <c>[NoDiff]</c> is the one obvious fix. Offered once per such
/// parameter; not offered when the parameter also feeds the result directly (then the user must
/// decide: a [Differentiable] callee, a [DerivativeOf] pullback, or a different formula).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddNoDiffCodeFix)), Shared]
public sealed class AddNoDiffCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.NotDifferentiableCall);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // The diagnostic spans the call.
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call
                || call.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                continue;
            }

            foreach (ParameterSyntax parameter in ParametersOnlyPassedToOpaqueCalls(call, method, model, context.CancellationToken))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Mark parameter '{parameter.Identifier.ValueText}' [NoDiff]",
                        cancellationToken => AddNoDiffAsync(context.Document, root, parameter, cancellationToken),
                        equivalenceKey: nameof(AddNoDiffCodeFix) + parameter.Identifier.ValueText),
                    diagnostic);
            }
        }
    }

    /// <summary>
    /// The method's parameters that appear in <paramref name="call"/>'s arguments and whose every
    /// use in the method is inside the arguments of some call that is not differentiable.
    /// </summary>
    private static IEnumerable<ParameterSyntax> ParametersOnlyPassedToOpaqueCalls(
        InvocationExpressionSyntax call, MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode? body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
        if (body is null)
        {
            yield break;
        }

        foreach (ParameterSyntax parameter in method.ParameterList.Parameters)
        {
            if (model.GetDeclaredSymbol(parameter, cancellationToken) is not { } symbol || HasNoDiff(symbol))
            {
                continue;
            }

            var uses = body.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(name => name.Identifier.ValueText == symbol.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, symbol))
                .ToList();
            if (uses.Any(use => call.ArgumentList.Span.Contains(use.Span))
                && uses.All(use => IsInsideOpaqueCallArgument(use, body, model, cancellationToken)))
            {
                yield return parameter;
            }
        }
    }

    /// <summary>Whether <paramref name="use"/> is inside the arguments of a call that is neither [Differentiable] nor a Math/MathF function.</summary>
    private static bool IsInsideOpaqueCallArgument(SyntaxNode use, SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
    {
        for (SyntaxNode? node = use.Parent; node is not null && node != body; node = node.Parent)
        {
            if (node is ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation }
                && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol target
                && !IsDifferentiable(target))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDifferentiable(IMethodSymbol method) =>
        method.ContainingType?.ToDisplayString() is "System.Math" or "System.MathF" or "double" or "float"
        || method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "SymbolicDiff.DifferentiableAttribute");

    private static bool HasNoDiff(IParameterSymbol parameter) =>
        parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "SymbolicDiff.NoDiffAttribute");

    private static Task<Document> AddNoDiffAsync(Document document, SyntaxNode root, ParameterSyntax parameter, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Written qualified and simplified to [NoDiff] wherever `using SymbolicDiff;` makes that possible.
        AttributeListSyntax noDiff = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(SyntaxFactory.ParseName("SymbolicDiff.NoDiff").WithAdditionalAnnotations(Simplifier.Annotation))))
            .WithTrailingTrivia(SyntaxFactory.Space);
        ParameterSyntax marked = parameter.WithoutLeadingTrivia().AddAttributeLists(noDiff).WithLeadingTrivia(parameter.GetLeadingTrivia());
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(parameter, marked)));
    }
}
