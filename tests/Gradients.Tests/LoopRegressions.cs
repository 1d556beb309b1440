using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>Loop methods that once generated code that did not compile (found in review).</summary>
public static partial class LoopRegress
{
    // A loop variable whose value before the loop is a parameter: its storage must take the variable's name, not the parameter's.
    [Differentiable]
    public static double HalveWhile(double x)
    {
        double y = x;
        while (y > 1)
        {
            y = y * 0.5;
        }

        return y * y;
    }
}

public class LoopRegressions
{
    [Theory]
    [InlineData(0.7)]
    [InlineData(3.0)]
    [InlineData(17.5)]
    public void HalveWhile(double x)
    {
        LoopRegress.HalveWhileGradient(x, out double dx);
        int halvings = 0;
        for (double y = x; y > 1; y *= 0.5)
        {
            halvings++;
        }

        double factor = Math.Pow(0.5, halvings);
        Close(2 * x * factor * factor, dx);
    }
}
