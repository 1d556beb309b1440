using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymbolicDiff.Generator.Tests.InfrastructureTests;

/// <summary>A generator that adds one source and warns at every method name, to check what the harness returns.</summary>
sealed class ReportingGenerator : IIncrementalGenerator
{
    public const string HintName = "Generated.g.cs";
    public const string Source = "// generated\ninternal static class Generated { }\n";

    // release tracking (RS2008) is for shipped analyzers; this descriptor lives only in tests
#pragma warning disable RS2008
    static readonly DiagnosticDescriptor Descriptor =
        new("TEST0001", "Method seen", "Method seen", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS2008

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.CreateSyntaxProvider(
            (node, _) => node is MethodDeclarationSyntax,
            (syntax, _) => ((MethodDeclarationSyntax)syntax.Node).Identifier.GetLocation());
        context.RegisterSourceOutput(names, (output, location) =>
            output.ReportDiagnostic(Diagnostic.Create(Descriptor, location)));
        context.RegisterPostInitializationOutput(output => output.AddSource(HintName, Source));
    }
}
