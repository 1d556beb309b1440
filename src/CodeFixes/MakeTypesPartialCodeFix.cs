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

namespace SymbolicDiff.CodeFixes;

/// <summary>
/// SDIFF0001 (a type that must receive generated companions is not <c>partial</c>): adds
/// <c>partial</c> to the reported type and to every type that encloses it, in one step, so the
/// diagnostic does not come back for the next enclosing type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeTypesPartialCodeFix)), Shared]
public sealed class MakeTypesPartialCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.NotPartial);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // The diagnostic is on the type's name.
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is TypeDeclarationSyntax type)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Make '{type.Identifier.ValueText}' and its enclosing types partial",
                        cancellationToken => MakePartialAsync(context.Document, root, type, cancellationToken),
                        equivalenceKey: nameof(MakeTypesPartialCodeFix)),
                    diagnostic);
            }
        }
    }

    private static Task<Document> MakePartialAsync(Document document, SyntaxNode root, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var targets = type.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword));
        SyntaxNode newRoot = root.ReplaceNodes(targets, (_, rewritten) => AddPartial(rewritten));
        return Task.FromResult(document.WithSyntaxRoot(newRoot));
    }

    /// <summary>C# wants <c>partial</c> right before <c>class</c>/<c>struct</c>/<c>record</c>: it goes last among the modifiers.</summary>
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Count == 0)
        {
            // The keyword takes over the declaration's leading trivia (indentation, doc comment).
            SyntaxToken keyword = type.Keyword;
            SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return type.ReplaceToken(keyword, keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
        }

        return type.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
    }
}
