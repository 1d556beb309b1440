using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymbolicDiff.Generator.Tests.InfrastructureTests;

/// <summary>
/// A generator with our step names and a model chosen by the test: one that caches well (names
/// only) or one that holds a symbol, to check that the incrementality helpers tell them apart.
/// </summary>
sealed class TrackedGenerator(Func<GeneratorSyntaxContext, CancellationToken, object> model) : IIncrementalGenerator
{
    public sealed record NameModel(string Name);

    public sealed record SymbolModel(string Name, ISymbol Symbol);

    public static TrackedGenerator WithNames() =>
        new((context, _) => new NameModel(((MethodDeclarationSyntax)context.Node).Identifier.Text));

    public static TrackedGenerator WithSymbols() =>
        new((context, cancellation) =>
        {
            var symbol = context.SemanticModel.GetDeclaredSymbol(context.Node, cancellation)!;
            return new SymbolModel(symbol.Name, symbol);
        });

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var methods = context.SyntaxProvider
            .CreateSyntaxProvider((node, _) => node is MethodDeclarationSyntax, model)
            .WithTrackingName(TrackingNames.Methods);
        var sources = methods.Select((m, _) => m.ToString() ?? "").WithTrackingName(TrackingNames.Sources);
        context.RegisterSourceOutput(sources, (_, _) => { });
    }
}
