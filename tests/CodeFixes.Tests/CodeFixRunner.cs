using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SymbolicDiff.CodeFixes.Tests;

/// <summary>
/// Runs a code fix as an IDE does: the generator's diagnostics on one document, the fix's actions for
/// one of them, the action applied (with the IDE's simplification and formatting of what it added).
/// </summary>
public static class CodeFixRunner
{
    static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location)];

    /// <summary>The generator's diagnostics on <paramref name="document"/>'s project.</summary>
    public static async Task<ImmutableArray<Diagnostic>> GeneratorDiagnostics(Document document)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        CSharpGeneratorDriver.Create(new SymbolicDiff.Generator.DifferentiableGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out _, out ImmutableArray<Diagnostic> diagnostics);
        return diagnostics;
    }

    /// <summary>A one-document C# project in a fresh workspace.</summary>
    public static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Test", "Test", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: References));
        return workspace.AddDocument(project.Id, "Source0.cs", SourceText.From(source));
    }

    /// <summary>The titles of the actions <paramref name="fix"/> offers for the first diagnostic with <paramref name="id"/>.</summary>
    public static async Task<IReadOnlyList<CodeAction>> Actions(CodeFixProvider fix, Document document, string id)
    {
        Diagnostic diagnostic = (await GeneratorDiagnostics(document)).First(d => d.Id == id);
        List<CodeAction> actions = [];
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    /// <summary>Applies <paramref name="action"/> and returns the changed document.</summary>
    public static async Task<Document> Apply(CodeAction action, Document document)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return changed.GetDocument(document.Id)!;
    }

    public static async Task<string> Text(Document document) => (await document.GetTextAsync()).ToString();
}
