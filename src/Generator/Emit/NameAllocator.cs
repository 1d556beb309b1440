using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// Hands out identifiers that collide with nothing the user wrote and nothing handed out before:
/// <c>q</c>, then <c>q_1</c>, <c>q_2</c> for later versions; <c>t0</c>, <c>t1</c> for temporaries.
/// </summary>
internal sealed class NameAllocator(IEnumerable<string> reserved)
{
    private readonly HashSet<string> taken = [.. reserved];
    private readonly Dictionary<string, int> nextNumber = [];
    private readonly HashSet<string> handedOut = [];

    /// <summary>
    /// A user's own local keeps its name the first time (it is reserved only against the generator's
    /// names); a second local of the same name, from another scope, or a later SSA version gets a suffix.
    /// </summary>
    public string ClaimOwn(string userName)
    {
        if (!handedOut.Add(userName))
        {
            return Claim(userName);
        }

        taken.Add(userName);
        return userName;
    }

    /// <summary><paramref name="preferred"/> itself when free, otherwise <c>preferred_1</c>, <c>preferred_2</c>, ….</summary>
    public string Claim(string preferred)
    {
        string name = preferred;
        for (int i = 1; !IsFree(name); i++)
        {
            name = preferred + "_" + i;
        }

        taken.Add(name);
        handedOut.Add(name);
        return name;
    }

    /// <summary><c>stem0</c>, <c>stem1</c>, … — the next free numbered name.</summary>
    public string ClaimNumbered(string stem)
    {
        nextNumber.TryGetValue(stem, out int i);
        while (!IsFree(stem + i))
        {
            i++;
        }

        nextNumber[stem] = i + 1;
        taken.Add(stem + i);
        handedOut.Add(stem + i);
        return stem + i;
    }

    /// <summary>Whether <paramref name="name"/> names something the generated code declares (a parameter, a local of the user's or ours).</summary>
    public bool HandedOut(string name) => handedOut.Contains(name);

    private bool IsFree(string name) =>
        !taken.Contains(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;
}
