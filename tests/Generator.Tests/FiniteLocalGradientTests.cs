using System;
using System.Linq;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// The zero test <c>d is 0.0 ? 0.0 : d * partial</c> goes where the local gradient is finite whenever the caller's
/// values are (Differentiation/FiniteValues.cs), and stays wherever it can be infinite or NaN: each method below
/// returns 1 at the point given, where a branch it does not take has a zero adjoint and an infinite or NaN local
/// gradient, so a test removed there would make the gradient NaN.
/// </summary>
public class FiniteLocalGradientTests
{
    static GeneratorResult Run(string body)
    {
        GeneratorResult result = GeneratorHarness.Run($$"""
            using System;
            using SymbolicDiff;
            public static partial class Functions
            {
                [Differentiable] public static double F(double x, double y) {{body}}
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        return result;
    }

    static string Backward(GeneratorResult result)
    {
        string file = result.GeneratedSources.Values.Single();
        return file[file.IndexOf("FBackward(", StringComparison.Ordinal)..];
    }

    [Theory]
    [InlineData("=> Math.Sin(x) * y + Math.Cos(y) * x;")] // Sin and Cos of the caller's values: within [-1, 1]
    [InlineData("=> Math.Tanh(x * y) * y;")] // Tanh of anything but NaN; x * y may overflow, never NaN
    [InlineData("=> Math.Exp(-x * x / 2) * y;")] // a Gaussian: -x·x ≤ 0, so the Exp is at most 1
    [InlineData("=> Math.Log(1 + x * x) + Math.Atan(x) * y;")] // Log′ of 1 + x·x ≥ 1 is at most 1; Atan is bounded
    public void ABoundedLocalGradientNeedsNoTest(string body)
    {
        string backward = Backward(Run(body));

        Assert.DoesNotContain("is 0.0 ? 0.0 :", backward);
    }

    [Theory]
    [InlineData("=> x > 0 ? 1.0 : Math.Sin(x * y);", 1e200, 1e200)] // Sin of an overflow is NaN, and so is Cos
    [InlineData("=> x > 0 ? 1.0 : Math.Tanh(x * y - y * x);", 1e200, 1e200)] // ∞ − ∞ is NaN
    [InlineData("=> x > 0 ? 1.0 : Math.Exp(x * y);", 1e200, 1e200)] // Exp overflows
    [InlineData("=> x > 0 ? 1.0 : 1.0 / (1.0 + x * y);", 2.0, -0.5)] // a quotient by 0
    [InlineData("=> x > 0 ? 1.0 : Math.Log(y * y);", 1.0, 0.0)] // Log′(0) = ∞
    [InlineData("=> x > 0 ? 1.0 : Math.Sqrt(y * y);", 1.0, 0.0)] // Sqrt′(0) = ∞
    [InlineData("=> x > 0 ? 1.0 : Math.Pow(y * y, -0.5);", 1.0, 0.0)] // a negative power of 0
    [InlineData("=> x > 0 ? 1.0 : Math.Cbrt(y) + 1.0 / Math.Cbrt(y - 1.0);", 1.0, 0.0)] // Cbrt′(0) = ∞; 1 / ∛(y − 1) is finite here, not everywhere
    [InlineData("=> x > 0 ? 1.0 : Math.Atan(x * y) * (x * y);", 1e200, 1e200)] // bounded times unbounded
    [InlineData("{ double s = 1; for (int i = 0; i < 3; i++) s *= x * y; return x > 0 ? 1.0 : Math.Sin(s); }", 1e200, 1e200)] // a product carried around a loop grows
    public void AnUnboundedLocalGradientKeepsItsTest(string body, double x, double y)
    {
        GeneratorResult result = Run(body);
        Assert.Contains("is 0.0 ? 0.0 :", Backward(result));

        using var assembly = result.EmitAndLoad();
        object?[] args = [x, y, null, null];
        Assert.Equal(1.0, (double)assembly.Invoke("Functions", "FGradient", args)!);
        Assert.Equal(0.0, (double)args[2]!);
        Assert.Equal(0.0, (double)args[3]!);
    }
}
