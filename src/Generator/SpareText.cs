using System.Text;

namespace SymbolicDiff.Generator;

/// <summary>
/// A text builder kept between uses on the same thread: the fingerprint writes tens of KB a method and the companions'
/// file several KB, and new builders (with the chunks they grow through) were a large part of what a fresh run allocated. A use that starts inside
/// another takes a new builder; one that grew past a few methods' worth is let go rather than kept. (Expressions are
/// printed into a <see cref="Emit.PrintBuffer"/>.)
/// </summary>
internal static class SpareText
{
    [System.ThreadStatic]
    private static StringBuilder? spare;

    public static StringBuilder Rent()
    {
        StringBuilder text = spare ?? new StringBuilder(256);
        spare = null;
        return text;
    }

    public static void Return(StringBuilder text)
    {
        if (text.Capacity <= 1 << 20)
        {
            text.Clear();
            spare = text;
        }
    }

    /// <summary>What was written, and the builder given back.</summary>
    public static string ToStringAndReturn(StringBuilder text)
    {
        string written = text.ToString();
        Return(text);
        return written;
    }
}
