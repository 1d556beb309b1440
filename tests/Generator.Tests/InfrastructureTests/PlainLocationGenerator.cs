using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymbolicDiff.Generator.Tests.InfrastructureTests;

/// <summary>
/// Warns at every method name through a location rebuilt from plain values (path, span, line span), as
/// generators that keep Roslyn objects out of their pipeline models do: such a location has no syntax tree.
/// </summary>
sealed class PlainLocationGenerator : IIncrementalGenerator
{
#pragma warning disable RS2008
    static readonly DiagnosticDescriptor Descriptor =
        new("TEST0002", "Method seen", "Method seen", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS2008

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var spans = context.SyntaxProvider.CreateSyntaxProvider(
            (node, _) => node is MethodDeclarationSyntax,
            (syntax, _) =>
            {
                var location = ((MethodDeclarationSyntax)syntax.Node).Identifier.GetLocation();
                return (location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span);
            });
        context.RegisterSourceOutput(spans, (output, span) =>
            output.ReportDiagnostic(Diagnostic.Create(Descriptor, Location.Create(span.FilePath, span.SourceSpan, span.Span))));
    }
}
