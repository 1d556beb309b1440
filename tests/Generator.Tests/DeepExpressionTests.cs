using System.Linq;
using System.Threading;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// Very long expressions (a sum of 5,000 terms) on a 1 MB stack, Windows' default: every phase recurses
/// once per operand, and a stack overflow would kill the compiler with the user's build.
/// </summary>
public class DeepExpressionTests
{
    static GeneratorResult RunOnOneMegabyteStack(string source)
    {
        GeneratorResult? result = null;
        var thread = new Thread(() => result = GeneratorHarness.Run(source), 1024 * 1024);
        thread.Start();
        thread.Join();
        return result!;
    }

    [Fact]
    public void ASumOfTwentyThousandTermsIsDifferentiated()
    {
        string sum = string.Join(" + ", Enumerable.Range(1, 5_000).Select(i => $"x * {i}"));
        var result = RunOnOneMegabyteStack($$"""
            using SymbolicDiff;
            public static partial class C
            {
                [Differentiable] public static double F(double x, double y) => {{sum}} + y * y;
            }
            """);

        Assert.Empty(result.Diagnostics);
        string generated = result.GeneratedSources.Values.Single();
        // ∂F/∂x = 1 + 2 + … + 5,000, accumulated term by term; ∂F/∂y = 2y.
        Assert.Contains("dx", generated);
        using var assembly = result.EmitAndLoad();
        object?[] args = [0.5, 3.0, null, null];
        assembly.Invoke("C", "FGradient", args);
        Assert.Equal(5_000.0 * 5_001 / 2, (double)args[2]!);
        Assert.Equal(6.0, (double)args[3]!);
    }
}
