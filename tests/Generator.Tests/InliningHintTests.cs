using System.Linq;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// A small <c>Backward</c> without loops asks the JIT to inline it (a caller's backward pass calls it with
/// <c>ref</c> adjoints, which stay in registers once it is inlined); a loop or a long body does not.
/// </summary>
public class InliningHintTests
{
    const string AggressiveInlining = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

    static string Generated(string body)
    {
        var result = GeneratorHarness.Run(CodeSizeTests.Method(body));
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        return result.GeneratedSources.Values.Single();
    }

    /// <summary>Whether <c>FBackward</c>'s declaration follows the attribute (<c>FGradient</c>'s never does: it is one call).</summary>
    static bool BackwardIsInlined(string generated)
    {
        string[] lines = generated.Split('\n').Select(l => l.Trim()).ToArray();
        int backward = System.Array.FindIndex(lines, l => l.StartsWith("public static double FBackward("));
        int gradient = System.Array.FindIndex(lines, l => l.StartsWith("public static double FGradient("));
        Assert.NotEqual(AggressiveInlining, lines[gradient - 1]);
        return lines[backward - 1] == AggressiveInlining;
    }

    [Fact]
    public void ASmallStraightLinePullbackIsInlined() =>
        Assert.True(BackwardIsInlined(Generated("r = -y * Math.Sin(r) - x * y;")));

    [Fact]
    public void APullbackWithALoopIsNot() =>
        Assert.False(BackwardIsInlined(Generated("for (int i = 0; i < 3; i++) { r = r * y; }")));

    [Fact]
    public void ALongPullbackIsNot() =>
        Assert.False(BackwardIsInlined(Generated(string.Concat(Enumerable.Range(0, 12).Select(i => $"r = r * y + Math.Sin(r + {i});\n")))));
}
