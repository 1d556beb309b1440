using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymbolicDiff.Generator.Incremental;

/// <summary>
/// What binding a method can depend on besides the files it reads text from: every file's declarations (its text
/// outside the bodies of members: types, signatures, attributes, usings, constants and other initializers, and its
/// preprocessor directives), the compilation's options, assembly name and references. An edit inside a member's body
/// leaves it as it was, and so cannot change what another file's method binds to (<see cref="ReadCache"/>). Equal
/// declarations are one object, so that comparing them is comparing references.
/// </summary>
internal sealed class Declarations
{
    private static readonly ConditionalWeakTable<Compilation, Declarations> ByCompilation = new();

    /// <summary>The hash of each file's declarations: an edit makes a new tree, so only the edited file is hashed again.</summary>
    private static readonly ConditionalWeakTable<SyntaxTree, string> ByTree = new();

    /// <summary>The last few, to find an equal one among: an IDE runs the generator on several projects in turn.</summary>
    private static readonly List<Declarations> Recent = [];
    private const int RecentKept = 8;

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

    /// <summary>The compilation's declarations: the same object for every compilation with equal ones.</summary>
    public static Declarations Of(Compilation compilation) => ByCompilation.GetValue(compilation, Find);

    private static Declarations Find(Compilation compilation)
    {
        var text = new StringBuilder();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            text.Append(tree.FilePath).Append(' ').AppendLine(ByTree.GetValue(tree, Hash));
        }

        string files = text.ToString();
        MetadataReference[] references = compilation.References.ToArray();
        lock (Recent)
        {
            Declarations? equal = Recent.FirstOrDefault(d => d.Equals(files, compilation.Options, compilation.AssemblyName, references));
            if (equal is null)
            {
                equal = new Declarations(files, compilation.Options, compilation.AssemblyName, references);
                Recent.Insert(0, equal);
                if (Recent.Count > RecentKept)
                {
                    Recent.RemoveAt(RecentKept);
                }
            }

            return equal;
        }
    }

    private bool Equals(string otherFiles, CompilationOptions otherOptions, string? otherAssemblyName, MetadataReference[] otherReferences) =>
        files == otherFiles && options.Equals(otherOptions) && assemblyName == otherAssemblyName && references.Length == otherReferences.Length
        && references.Zip(otherReferences, (mine, theirs) => mine.TryGetTarget(out MetadataReference? reference) && ReferenceEquals(reference, theirs)).All(same => same);

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
