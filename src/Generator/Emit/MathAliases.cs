using System;
using System.Collections.Generic;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// <c>Math</c> and <c>MathF</c> by their short names in a companion file: <c>Math.Exp(x)</c> instead of
/// <c>global::System.Math.Exp(x)</c>, which was the longest part of the expressions and about a twentieth of the
/// generated code, through aliases the file declares inside the method's namespace
/// (<c>using Math = global::System.Math;</c>), one for each name it uses. Where the method's surroundings leave the
/// names free (<see cref="Parsing.MethodSignature.MathAliases"/>) the writer opens a scope of this class around the
/// file, and every type name <see cref="ExprPrinter"/> prints goes through <see cref="Print"/>; elsewhere the names stay
/// written in full. The scope is the thread's: the file is written on one thread, from many places, all of them
/// printing through <see cref="ExprPrinter"/>.
/// </summary>
internal sealed class MathAliases : IDisposable
{
    public static readonly IReadOnlyList<string> Names = ["Math", "MathF"];

    private static readonly string[] FullNames = ["global::System.Math", "global::System.MathF"];

    [ThreadStatic]
    private static MathAliases? writing;

    private readonly MathAliases? outer;
    private readonly bool[] used = new bool[2];

    private MathAliases(MathAliases? outer)
    {
        this.outer = outer;
    }

    /// <summary>Short names from here until the scope is disposed.</summary>
    public static MathAliases Begin() => writing = new MathAliases(writing);

    public void Dispose() => writing = outer;

    /// <summary>Whether <paramref name="text"/> is how the generator writes Math or MathF in full.</summary>
    public static bool IsFullName(string text) => Array.IndexOf(FullNames, text) >= 0;

    /// <summary>The short name of <c>global::System.Math</c> or <c>MathF</c> while a scope is open; any other text as it is.</summary>
    public static string Print(string text)
    {
        if (writing is { } aliases)
        {
            for (int i = 0; i < FullNames.Length; i++)
            {
                if (text == FullNames[i])
                {
                    aliases.used[i] = true;
                    return Names[i];
                }
            }
        }

        return text;
    }

    /// <summary>The alias of each name printed in the scope, a line each, at the namespace's first level.</summary>
    public string Declarations(int depth)
    {
        string lines = "";
        for (int i = 0; i < FullNames.Length; i++)
        {
            if (used[i])
            {
                lines += new string('\t', depth) + "using " + Names[i] + " = " + FullNames[i] + ";\n";
            }
        }

        return lines;
    }
}
