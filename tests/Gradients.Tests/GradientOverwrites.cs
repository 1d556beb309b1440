using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// <c>FGradient</c> of a fused loop that writes each element once assigns <c>dx[i] = …</c> instead of adding
/// into the cleared span (GradientOverwrite): the elements the loop does not write must still come out 0, and
/// two loops that add into the same array must both add.
/// </summary>
public static partial class GradientOverwrites
{
    /// <summary>A stencil from i = 1: the loop never writes dx[0].</summary>
    [Differentiable]
    public static double StencilFromOne(double[] x)
    {
        double s = 0;
        for (int i = 1; i < x.Length - 1; i++)
        {
            double d = x[i + 1] - x[i] * x[i];
            s += d * d;
        }

        return s;
    }

    /// <summary>A stencil over the first n + 1 elements only: the elements after them are never written.</summary>
    [Differentiable]
    public static double StencilOverAPrefix(double[] x, int n)
    {
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double d = x[i + 1] - x[i] * x[i];
            s += d * d;
        }

        return s;
    }

    /// <summary>A stencil scaled by a weight: where the weight is 0 the iterations write nothing (their adjoint is 0).</summary>
    [Differentiable]
    public static double WeightedStencil(double[] x, [NoDiff] double weight)
    {
        double s = 0;
        for (int i = 0; i < x.Length - 1; i++)
        {
            double d = x[i + 1] - x[i] * x[i];
            s += d * d;
        }

        return weight * s;
    }

    /// <summary>
    /// A stencil over x bounded by another array's length: <c>dx</c> is written whole only where y is as long as x, so
    /// the elements past y's length are cleared after the loop (a bound <c>x.Length - 1</c> would prove every element written).
    /// </summary>
    [Differentiable]
    public static double StencilBoundedByAnotherArray(double[] x, double[] y)
    {
        double s = 0;
        for (int i = 0; i < y.Length - 1; i++)
        {
            double d = x[i + 1] - x[i] * x[i];
            s += d * d * y[i];
        }

        return s;
    }

    /// <summary>Two stencils over the same array: the second loop's dx[i] already holds the first one's part.</summary>
    [Differentiable]
    public static double TwoStencils(double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length - 1; i++)
        {
            double d = x[i + 1] - x[i] * x[i];
            s += d * d;
        }

        double t = 0;
        for (int i = 0; i < x.Length - 1; i++)
        {
            t += x[i] * x[i] * x[i + 1];
        }

        return s + t;
    }
}

public class GradientOverwritesTests
{
    private static Gen<double[]> Points(int n) => Box(Enumerable.Repeat((-2.0, 2.0), n).ToArray());

    /// <summary>The gradient into a span full of garbage (and longer than x): FGradient must not read it.</summary>
    private static (double, double[]) IntoGarbage(double[] x, Func<double[], double[], double> gradient)
    {
        double[] g = Enumerable.Repeat(double.NaN, x.Length + 2).ToArray();
        double f = gradient(x, g);
        Assert.True(double.IsNaN(g[x.Length]) && double.IsNaN(g[x.Length + 1]), "the entries past x.Length are left alone");
        return (f, g[..x.Length]);
    }

    [Fact]
    public void StencilFromOne_LeavesTheUnwrittenElementZero()
    {
        // s = (x2 − x1²)²: ∂/∂x0 = 0, ∂/∂x1 = −4·x1·(x2 − x1²) = −4·2·(1 − 4) = 24, ∂/∂x2 = 2(x2 − x1²) = −6
        var (f, g) = IntoGarbage([5, 2, 1], (p, d) => GradientOverwrites.StencilFromOneGradient(p, d));
        Assert.Equal(9.0, f);
        Assert.Equal([0.0, 24.0, -6.0], g);
        Sample(Points(5), GradientOverwrites.StencilFromOne, x => IntoGarbage(x, (p, d) => GradientOverwrites.StencilFromOneGradient(p, d)));
        Assert.Equal([0.0, 0.0], IntoGarbage([1, 2], (p, d) => GradientOverwrites.StencilFromOneGradient(p, d)).Item2);
    }

    [Fact]
    public void StencilOverAPrefix_LeavesTheElementsAfterItZero()
    {
        // n = 1: s = (x1 − x0²)² at (2, 1, 7, 8): 9; ∂/∂x0 = −4·x0·(x1 − x0²) = 24, ∂/∂x1 = 2(x1 − x0²) = −6, the rest 0
        var (f, g) = IntoGarbage([2, 1, 7, 8], (p, d) => GradientOverwrites.StencilOverAPrefixGradient(p, 1, d));
        Assert.Equal(9.0, f);
        Assert.Equal([24.0, -6.0, 0.0, 0.0], g);
        foreach (int n in new[] { 0, 1, 2, 4 })
        {
            Sample(Points(5), x => GradientOverwrites.StencilOverAPrefix(x, n), x => IntoGarbage(x, (p, d) => GradientOverwrites.StencilOverAPrefixGradient(p, n, d)));
        }

        Assert.Equal([0.0, 0.0, 0.0], IntoGarbage([1, 2, 3], (p, d) => GradientOverwrites.StencilOverAPrefixGradient(p, 0, d)).Item2);
    }

    [Fact]
    public void WeightedStencil_WithWeightZero_IsZeroEverywhere()
    {
        // weight 0: every iteration's adjoint is 0, so the loop writes no element but the last carry (0)
        var (f, g) = IntoGarbage([1, 2, 3], (p, d) => GradientOverwrites.WeightedStencilGradient(p, 0.0, d));
        Assert.Equal(0.0, f);
        Assert.Equal([0.0, 0.0, 0.0], g);
        var (f2, g2) = IntoGarbage([1, 3], (p, d) => GradientOverwrites.WeightedStencilGradient(p, 2.0, d));
        Assert.Equal(8.0, f2); // 2·(3 − 1)²
        Assert.Equal([-16.0, 8.0], g2); // 2·(−4·1·2), 2·(2·2)
        Sample(Points(5), x => GradientOverwrites.WeightedStencil(x, 0.5), x => IntoGarbage(x, (p, d) => GradientOverwrites.WeightedStencilGradient(p, 0.5, d)));
    }

    [Fact]
    public void StencilBoundedByAnotherArray_ClearsWhatItDidNotWrite()
    {
        // y = (3, 5): s = 3·(x1 − x0²)² at x = (1, 2, 7, 8): 3; ∂/∂x0 = 3·(−4·x0·(x1 − x0²)) = −12, ∂/∂x1 = 3·2(x1 − x0²) = 6, the rest 0
        double[] y = [3, 5];
        var (f, g) = IntoGarbage([1, 2, 7, 8], (p, d) => GradientOverwrites.StencilBoundedByAnotherArrayGradient(p, y, d, new double[y.Length]));
        Assert.Equal(3.0, f);
        Assert.Equal([-12.0, 6.0, 0.0, 0.0], g);
        foreach (double[] weights in new[] { new double[] { 0.5 }, [0.5, -1.5, 2.0], [0.5, -1.5, 2.0, 1.0, 0.25] })
        {
            Sample(
                Points(5),
                x => GradientOverwrites.StencilBoundedByAnotherArray(x, weights),
                x => IntoGarbage(x, (p, d) => GradientOverwrites.StencilBoundedByAnotherArrayGradient(p, weights, d, new double[weights.Length])));
        }
    }

    [Fact]
    public void TwoStencils_AddBothParts()
    {
        // s = (x1 − x0²)² + x0²·x1 at (1, 3): 4 + 3; ∂/∂x0 = −4·x0·(x1 − x0²) + 2·x0·x1 = −8 + 6, ∂/∂x1 = 2(x1 − x0²) + x0² = 4 + 1
        var (f, g) = IntoGarbage([1, 3], (p, d) => GradientOverwrites.TwoStencilsGradient(p, d));
        Assert.Equal(7.0, f);
        Assert.Equal([-2.0, 5.0], g);
        Sample(Points(5), GradientOverwrites.TwoStencils, x => IntoGarbage(x, (p, d) => GradientOverwrites.TwoStencilsGradient(p, d)));
    }

    [Fact]
    public void Gradient_IsBackwardWithSeedOne()
    {
        double[] x = [0.3, -1.2, 1.7, 0.4, -0.8];
        foreach (int n in new[] { 0, 1, 2, 5 })
        {
            double[] p = x[..n];
            double[] viaBackward = new double[n];
            double expected = LoopOrder.RosenbrockBackward(p, 1.0, viaBackward);
            var (f, g) = IntoGarbage(p, (q, d) => LoopOrder.RosenbrockGradient(q, d));
            Assert.Equal(expected, f);
            Assert.Equal(viaBackward, g);
        }
    }
}
