using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using SymbolicDiff.Reliability.Tests.Typing;

namespace SymbolicDiff.Reliability.Tests;

/// <summary>
/// Issue 7 §2 reported SDIFF0008 (an accessor of kind Unknown) on a property being typed. Every prefix
/// of these properties, indexers and accessors — cut after each token of the member being typed (and
/// after each character with SDIFF_TYPING_EVERY_CHARACTER=1) — must pass <see cref="TypingStateCheck"/>: no generator exception, no
/// SDIFF0008, no diagnostic in generated code when the user's code has none.
/// </summary>
public class PropertyTypingTests
{
    const string Head = """
        using System;
        using SymbolicDiff;

        public partial class Model
        {
            double w = 2;

        """;

    /// <summary>Members with [Differentiable] on or inside a property, an indexer or an accessor, each typed after the ones before.</summary>
    static readonly string[] Members =
    [
        "    [Differentiable] public double P { get => w * w; }\n",
        "    [Differentiable] public double Q => Math.Sin(w);\n",
        "    public double R { [Differentiable] get { return w * 3; } }\n",
        "    [Differentiable] public double this[int i] { get => w * i; set => w = value; }\n",
        "    [Differentiable] double S { get => w; set { w = value; } }\n",
        "    [Differentiable] public double T { get; init; }\n",
        "    public double U { get => w; [Differentiable] set => w = value * value; }\n",
        "    [Differentiable] public static double Loss(double x) => x * x;\n",
        "    [Differentiable] public event Action E { add { } remove { } }\n",
    ];

    public static IEnumerable<object[]> Cases() => Enumerable.Range(0, Members.Length).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryPrefixOfAMemberBeingTyped(int member)
    {
        var before = Head + string.Concat(Members.Take(member));
        var typed = Members[member];
        // after every token; with SDIFF_TYPING_EVERY_CHARACTER=1 (a soak), after every character too
        var everyCharacter = System.Environment.GetEnvironmentVariable("SDIFF_TYPING_EVERY_CHARACTER") == "1";
        var cuts = CSharpSyntaxTree.ParseText(typed).GetRoot().DescendantTokens().Select(t => t.FullSpan.End)
            .Concat(everyCharacter ? Enumerable.Range(1, typed.Length) : [])
            .Distinct();
        var failures = new List<string>();
        foreach (var cut in cuts)
        {
            var text = before + typed[..cut];
            // the IDE state: the rest of the class not typed yet, or already there (typing in the middle)
            foreach (var state in new[] { text, text + "\n}\n" })
            {
                if (TypingStateCheck.Problem(state) is { } problem)
                    failures.Add($"--- cut at {cut}:\n{state}\n{problem}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(3)));
    }
}
