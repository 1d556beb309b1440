using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SymbolicDiff.Generator.Tests.Infrastructure;

/// <summary>Turns diagnostics into text a test can assert on or print.</summary>
public static class DiagnosticText
{
    /// <summary>
    /// The source text a diagnostic points at, e.g. <c>Foo(x)</c>; empty for a diagnostic without a source location.
    /// A generator that keeps locations as plain values (file path + span, so its pipeline models stay cacheable)
    /// reports an external-file location without a syntax tree; pass <paramref name="compilation"/> to find the
    /// tree by its path.
    /// </summary>
    public static string TextAt(this Diagnostic diagnostic, Compilation? compilation = null)
    {
        var location = diagnostic.Location;
        var tree = location.SourceTree;
        if (tree is null && location.Kind == LocationKind.ExternalFile && compilation is not null)
        {
            var path = location.GetLineSpan().Path;
            tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == path);
        }
        return tree is null ? "" : tree.ToString().Substring(location.SourceSpan.Start, location.SourceSpan.Length);
    }

    /// <summary>One line per diagnostic: location, severity, id, message and the text it points at.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics, Compilation? compilation = null) =>
        string.Join("\n", diagnostics.Select(d => $"{d} — at `{d.TextAt(compilation)}`"));
}
