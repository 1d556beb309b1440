using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SymbolicDiff.Reliability.Tests.Typing;

/// <summary>
/// An IDE typing state: a source cut at a random token and edited by 0–3 random token edits
/// (delete one, duplicate one, swap two neighbours), each token keeping its own whitespace.
/// </summary>
public static class TypingEdits
{
    enum Edit { Delete, Duplicate, Swap }

    public static Gen<string> Variant(IReadOnlyList<string> sources) =>
        Gen.Int[0, sources.Count - 1].SelectMany(i =>
        {
            var tokens = CSharpSyntaxTree.ParseText(sources[i]).GetRoot().DescendantTokens().Select(t => t.ToFullString()).ToImmutableArray();
            var count = tokens.Length;
            var edit = Gen.Select(Gen.Enum<Edit>(), Gen.Int[0, count - 1]);
            // a cut about half of the time, anywhere; the tail is what has not been typed yet
            return Gen.Select(Gen.Frequency((1, Gen.Const(count)), (1, Gen.Int[1, count])), edit.Array[0, 3],
                (cut, edits) => Apply(tokens.Take(cut).ToList(), edits));
        });

    static string Apply(List<string> tokens, (Edit, int)[] edits)
    {
        foreach (var (edit, at) in edits)
        {
            if (tokens.Count < 2)
                break;
            var i = at % tokens.Count;
            switch (edit)
            {
                case Edit.Delete:
                    tokens.RemoveAt(i);
                    break;
                case Edit.Duplicate:
                    tokens.Insert(i, tokens[i]);
                    break;
                case Edit.Swap:
                    var j = (i + 1) % tokens.Count;
                    (tokens[i], tokens[j]) = (tokens[j], tokens[i]);
                    break;
            }
        }
        return tokens.Aggregate(new StringBuilder(), (text, token) => text.Append(token)).ToString();
    }
}
