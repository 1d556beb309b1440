using System;
using System.Text;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// The characters of one expression as <see cref="ExprPrinter"/> writes it: an array that it appends to and that
/// opens a parenthesis where an operand, once written, turns out to need one (shifting the operand's few characters).
/// A StringBuilder does that insertion by splitting its chunk, a new chunk for every parenthesis, merged again
/// when it is cleared: those chunks were a sixth of what building a method's companions allocated. One buffer is kept
/// per thread; a print that starts while it is in use takes a new one.
/// </summary>
internal sealed class PrintBuffer
{
    private char[] chars = new char[256];

    public int Length { get; private set; }

    public char this[int index] => chars[index];

    public PrintBuffer Append(string? text)
    {
        if (text is not null)
        {
            Reserve(text.Length);
            text.CopyTo(0, chars, Length, text.Length);
            Length += text.Length;
        }

        return this;
    }

    public PrintBuffer Append(char c)
    {
        Reserve(1);
        chars[Length++] = c;
        return this;
    }

    /// <summary>Puts <paramref name="c"/> at <paramref name="index"/>, moving what follows it one place on.</summary>
    public PrintBuffer Insert(int index, char c)
    {
        Reserve(1);
        Array.Copy(chars, index, chars, index + 1, Length - index);
        chars[index] = c;
        Length++;
        return this;
    }

    /// <summary>Appends what was written to <paramref name="text"/>, and gives the buffer back.</summary>
    public void MoveTo(StringBuilder text)
    {
        text.Append(chars, 0, Length);
        Return(this);
    }

    /// <summary>What was written, and the buffer given back.</summary>
    public string ToStringAndReturn()
    {
        string written = new(chars, 0, Length);
        Return(this);
        return written;
    }

    private void Reserve(int more)
    {
        if (Length + more > chars.Length)
        {
            Array.Resize(ref chars, Math.Max(2 * chars.Length, Length + more));
        }
    }

    [ThreadStatic]
    private static PrintBuffer? spare;

    public static PrintBuffer Rent()
    {
        PrintBuffer buffer = spare ?? new PrintBuffer();
        spare = null;
        buffer.Length = 0;
        return buffer;
    }

    private static void Return(PrintBuffer buffer) => spare = buffer;
}
