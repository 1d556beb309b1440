using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SymbolicDiff.Generator.Incremental;

/// <summary>
/// The first step's answer for a method, kept from the last run, so that a keystroke binds again only the methods it
/// can concern. The first step runs for every method on every edit (every edit makes a new compilation), and binding
/// the method for its fingerprint is most of its cost. The answer still holds when the method's declaration is the
/// same syntax node (its file was not edited: an IDE keeps the trees of unchanged files), every file the answer read
/// text from is still in the compilation unchanged (the method's own; those declaring what it refers to, whose bodies
/// give a callee's inlined gates; those a callee's written spans were read from), and the compilation's <see cref="Declarations"/> are
/// the same (an edit inside another file's member bodies cannot change what the method binds to). A new compilation
/// of a build has new syntax nodes, so it never finds an answer here.
/// </summary>
internal static class ReadCache
{
    /// <summary>Weak in the declaration node, so an answer goes with its file's tree.</summary>
    private static readonly ConditionalWeakTable<SyntaxNode, Slot> Answers = new();

    /// <summary>How many answers have been reused on this thread, which runs the driver (tests read it to see that reuse happens).</summary>
    [System.ThreadStatic]
    public static int ReusedOnThisThread;

    /// <summary>The answer read for <paramref name="declaration"/> in an earlier run, for this compilation, if it still holds.</summary>
    /// <param name="method">The method as this compilation declares it (the implementation half of a partial method).</param>
    public static (MethodInput Input, MethodPosition Position)? Reuse(SyntaxNode declaration, Compilation compilation, IMethodSymbol method, string hintName, string id)
    {
        if (!Answers.TryGetValue(declaration, out Slot? slot) || slot.Answer is not { } answer
            || answer.Input.HintName != hintName || answer.Input.MethodId != id
            || !answer.Declarations.SameAs(Declarations.Of(compilation)) || !answer.ReadFrom.All(compilation.ContainsSyntaxTree))
        {
            return null;
        }

        ReusedOnThisThread++;
        return (answer.Input.WithoutBody(compilation, method), answer.Position);
    }

    /// <summary>Keeps the answer just read (without the compilation, the method or the bound body it holds).</summary>
    public static void Keep(SyntaxNode declaration, Compilation compilation, SyntaxTree[] readFrom, MethodInput input, MethodPosition position) =>
        Answers.GetValue(declaration, static _ => new Slot()).Answer = new Answer(Declarations.Of(compilation), readFrom, input.WithoutBody(null, null), position);

    private sealed class Slot
    {
        public volatile Answer? Answer;
    }

    private sealed record Answer(Declarations Declarations, SyntaxTree[] ReadFrom, MethodInput Input, MethodPosition Position);
}
