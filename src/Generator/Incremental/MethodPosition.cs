using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SymbolicDiff.Generator.Model;

namespace SymbolicDiff.Generator.Incremental;

/// <summary>
/// Where a method's declaration starts and how long it is. Not part of its fingerprint: an edit above the
/// method moves it without changing its companions, so its diagnostics, read where it was, are moved to
/// where it is (see <see cref="Rebase(LocationInfo?, MethodPosition)"/>) instead of differentiating it again.
/// </summary>
public sealed record MethodPosition(string FilePath, int Start, int Length, LinePosition StartLine)
{
    public static MethodPosition Of(SyntaxNode declaration) =>
        new(declaration.SyntaxTree.FilePath, declaration.Span.Start, declaration.Span.Length, declaration.GetLocation().GetLineSpan().StartLinePosition);

    /// <summary>A location inside the method as it was at <c>this</c> position, moved with the method to <paramref name="now"/>; any other location as it is.</summary>
    public LocationInfo? Rebase(LocationInfo? location, MethodPosition now)
    {
        if (location is null || location.FilePath != FilePath || location.Span.Start < Start || location.Span.End > Start + Length)
        {
            return location;
        }

        return location with
        {
            Span = new TextSpan(location.Span.Start - Start + now.Start, location.Span.Length),
            LineSpan = new LinePositionSpan(Move(location.LineSpan.Start, now), Move(location.LineSpan.End, now)),
        };
    }

    // Lines move by the difference in lines; only on the method's first line does the column move too.
    private LinePosition Move(LinePosition position, MethodPosition now) =>
        new(position.Line - StartLine.Line + now.StartLine.Line,
            position.Line == StartLine.Line ? position.Character - StartLine.Character + now.StartLine.Character : position.Character);
}
