using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// Writes C# line by line, indented with tabs (one byte a level: the companions are several times the
/// user's method, and four spaces a level were a quarter of their bytes), with \n line endings (same
/// bytes on every machine).
/// </summary>
internal sealed class IndentedWriter
{
    // The file's text grows to several KB a method: a builder kept from the last file (or the last fingerprint) is
    // already that large, where a new one grows through a chunk for every doubling.
    private readonly StringBuilder text = SpareText.Rent();
    private int depth;

    /// <param name="depth">The indentation of the first line (a part written aside, then appended at that depth).</param>
    public IndentedWriter(int depth = 0)
    {
        this.depth = depth;
    }

    public int Depth => depth;

    /// <summary>How many characters have been written: a place to <see cref="Insert"/> at later.</summary>
    public int Length => text.Length;

    /// <summary>Puts whole lines, already indented, at <paramref name="position"/>, the start of a line written before.</summary>
    public void Insert(int position, string lines) => text.Insert(position, lines);

    /// <summary>The lines of a part written aside (<see cref="IndentedWriter(int)"/>).</summary>
    public void Append(IndentedWriter part) => text.Append(part.text);

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            text.Append('\t', depth).Append(line);
        }

        text.Append('\n');
    }

    /// <summary>
    /// A line written from an interpolated string: its parts go straight into the file's text, an expression printed
    /// in place (<see cref="ExprPrinter.Print(StringBuilder, Expr)"/>), with no string for the line or its parts.
    /// </summary>
    public void Line([InterpolatedStringHandlerArgument("")] ref LineParts line) => text.Append('\n');

    [InterpolatedStringHandler]
    public readonly struct LineParts
    {
        private readonly StringBuilder text;

        public LineParts(int literalLength, int formattedCount, IndentedWriter writer)
        {
            text = writer.text;
            text.Append('\t', writer.depth);
        }

        public void AppendLiteral(string literal) => text.Append(literal);

        public void AppendFormatted(string? part) => text.Append(part);

        public void AppendFormatted(Expr expr) => ExprPrinter.Print(text, expr);

        public void AppendFormatted(int number) => text.Append(number.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A blank line between two members, none after the <c>{</c> that opens the first.</summary>
    public void Separate()
    {
        if (text.Length < 2 || text[text.Length - 2] != '{')
        {
            Line();
        }
    }

    /// <summary>Writes <c>{</c>, indents until the returned scope is disposed, then writes <c>}</c>.</summary>
    public IDisposable Block()
    {
        Line("{");
        depth++;
        return new Scope(this);
    }

    /// <summary>What was written; the writer is done with, and its builder kept for the next.</summary>
    public string Finish() => SpareText.ToStringAndReturn(text);

    private sealed class Scope(IndentedWriter writer) : IDisposable
    {
        public void Dispose()
        {
            writer.depth--;
            writer.Line("}");
        }
    }
}
