using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SymbolicDiff.Generator.Tests.Infrastructure;

/// <summary>Turns diagnostics into text a test can assert on or print.</summary>
public static class DiagnosticText
{
    /// <summary>The source text a diagnostic points at, e.g. <c>Foo(x)</c>; empty for a diagnostic without a source location.</summary>
    public static string TextAt(this Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        return location.SourceTree is { } tree ? tree.ToString().Substring(location.SourceSpan.Start, location.SourceSpan.Length) : "";
    }

    /// <summary>One line per diagnostic: location, severity, id, message and the text it points at.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => $"{d} — at `{d.TextAt()}`"));
}
