using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymbolicDiff.Generator.Incremental;

/// <summary>
/// What binding a method can depend on besides the files it reads text from: every file's declarations (its text
/// outside the bodies of members: types, signatures, attributes, usings, constants and other initializers, and its
/// preprocessor directives), the compilation's options (those that bind: <see cref="BindingOptions"/>), assembly name
/// and references. An edit inside a member's body leaves it as it was, and so cannot change what another file's method
/// binds to (<see cref="ReadCache"/>).
/// </summary>
internal sealed class Declarations
{
    private static readonly ConditionalWeakTable<Compilation, Declarations> ByCompilation = new();

    /// <summary>The hash of each file's declarations: an edit makes a new tree, so only the edited file is hashed again.</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, string> ByTree = new();

    /// <summary>The last one made: the next compilation's, when equal, is this same object, so that comparing them is mostly comparing references.</summary>
    private static Declarations? last;

    private readonly string files;
    private readonly CompilationOptions options;
    private readonly string? assemblyName;

    /// <summary>Weak: a project reference holds the other project's compilation, which must not be kept alive by this.</summary>
    private readonly WeakReference<MetadataReference>[] references;

    private Declarations(string files, CompilationOptions options, string? assemblyName, MetadataReference[] references)
    {
        this.files = files;
        this.options = options;
        this.assemblyName = assemblyName;
        this.references = references.Select(r => new WeakReference<MetadataReference>(r)).ToArray();
    }

    /// <summary>The compilation's declarations.</summary>
    public static Declarations Of(Compilation compilation) => ByCompilation.GetValue(compilation, Find);

    /// <summary>Whether both are the same declarations (compared by value: an IDE runs the generator on several projects in turn).</summary>
    public bool SameAs(Declarations other) =>
        ReferenceEquals(this, other)
        || (files == other.files && assemblyName == other.assemblyName && options.Equals(other.options) && references.Length == other.references.Length
            && references.Zip(other.references, (mine, theirs) => mine.TryGetTarget(out MetadataReference? a) && theirs.TryGetTarget(out MetadataReference? b) && ReferenceEquals(a, b)).All(same => same));

    private static Declarations Find(Compilation compilation)
    {
        var text = new StringBuilder();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            text.Append(tree.FilePath).Append(' ').AppendLine(ByTree.GetValue(tree, Hash));
        }

        var made = new Declarations(MethodFingerprint.Hex(MethodFingerprint.HashOf(text)), BindingOptions(compilation.Options), compilation.AssemblyName, compilation.References.ToArray());
        Declarations? previous = Volatile.Read(ref last);
        if (previous is not null && previous.SameAs(made))
        {
            return previous;
        }

        Volatile.Write(ref last, made);
        return made;
    }

    /// <summary>
    /// The options without the host's resolvers and providers: they find the files of a script's <c>#r</c> and
    /// <c>#load</c>, a documentation comment's includes and a strong-name key, and give each file's warning levels, so
    /// they bind nothing in a method; and a host need not make them comparable. The command-line compiler's metadata
    /// resolver throws NotImplementedException from Equals: in the compiler server, which runs <c>dotnet build</c> and
    /// keeps the generator loaded from one build to the next, comparing a build's options with the last build's threw,
    /// and every method of the second build got SDIFF0008.
    /// </summary>
    private static CompilationOptions BindingOptions(CompilationOptions options) => options
        .WithMetadataReferenceResolver(null).WithSourceReferenceResolver(null).WithXmlReferenceResolver(null)
        .WithStrongNameProvider(null).WithSyntaxTreeOptionsProvider(null);

    /// <summary>The file's tokens outside member bodies, and all its directives (a <c>#nullable</c> inside a body still changes the declarations after it).</summary>
    private static string Hash(SyntaxTree tree)
    {
        SyntaxNode root = tree.GetRoot();
        var text = new StringBuilder();
        foreach (SyntaxToken token in root.DescendantTokens(node => !IsMemberBody(node)))
        {
            text.Append(token.Text).Append(' ');
        }

        if (root.ContainsDirectives && root is CSharpSyntaxNode csharp)
        {
            for (DirectiveTriviaSyntax? directive = csharp.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
            {
                text.AppendLine().Append(directive.ToString());
            }
        }

        return MethodFingerprint.Hex(MethodFingerprint.HashOf(text));
    }

    /// <summary>The body of a method, constructor, operator, accessor, or expression-bodied property or indexer.</summary>
    private static bool IsMemberBody(SyntaxNode node) => node.Parent switch
    {
        BaseMethodDeclarationSyntax member => node == member.Body || node == member.ExpressionBody,
        AccessorDeclarationSyntax accessor => node == accessor.Body || node == accessor.ExpressionBody,
        PropertyDeclarationSyntax property => node == property.ExpressionBody,
        IndexerDeclarationSyntax indexer => node == indexer.ExpressionBody,
        _ => false,
    };
}
