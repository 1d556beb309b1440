using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Reverse loops run in two versions chosen by <c>double.IsFinite</c> of a local gradient computed before the loop
/// (<c>Differentiation/FiniteVersion.cs</c>): where it is finite, without the per-element zero tests; where it is not,
/// with them, so an adjoint of 0 still contributes 0 and not NaN. GMM's triangle is <see cref="Triangle"/>; the
/// generator's choices (where it versions, where it declines) are in Generator.Tests (FiniteVersionTests.cs).
/// </summary>
public static partial class FiniteVersions
{
    /// <summary>
    /// GMM's triangle: <c>y[j] += w[l] · z</c> for the rows below <c>i</c>, <c>z</c> computed once per row; the reverse
    /// inner loop adds <c>dy[j] · z</c> to <c>dw[l]</c>. When <paramref name="overwrite"/> is set, the last row of <c>y</c> is
    /// overwritten before it is read, so its adjoint is 0 there: with <c>z = exp(800) = ∞</c> the tested version must add 0.
    /// </summary>
    [Differentiable]
    public static double Triangle(ReadOnlySpan<double> x, ReadOnlySpan<double> w, bool overwrite)
    {
        int n = x.Length;
        Span<double> y = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = x[i];
        }

        int l = 0;
        for (int i = 0; i < n; i++)
        {
            double z = Math.Exp(x[i]);
            for (int j = i + 1; j < n; j++)
            {
                y[j] += w[l] * z;
                l++;
            }
        }

        if (overwrite && n > 0)
        {
            y[n - 1] = 1.5;
        }

        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += y[i] * y[i];
        }

        return s;
    }

    /// <summary>A loop of its own (not nested) whose local gradient is a scalar computed before it.</summary>
    [Differentiable]
    public static double Scaled(ReadOnlySpan<double> x, double a)
    {
        int n = x.Length;
        double z = Math.Exp(a);
        Span<double> y = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = x[i] * z;
        }

        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += y[i] * y[i];
        }

        return s;
    }

    /// <summary><see cref="Scaled"/> in <c>float</c>: the test is <c>float.IsFinite</c>.</summary>
    [Differentiable]
    public static float ScaledFloat(ReadOnlySpan<float> x, float a)
    {
        int n = x.Length;
        float z = MathF.Exp(a);
        Span<float> y = stackalloc float[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = x[i] * z;
        }

        float s = 0;
        for (int i = 0; i < n; i++)
        {
            s += y[i] * y[i];
        }

        return s;
    }

    /// <summary>Declined: the local gradient <c>exp(x[j])</c> is the iteration's own, so there is nothing to test once.</summary>
    [Differentiable]
    public static double PerElement(ReadOnlySpan<double> x, ReadOnlySpan<double> w)
    {
        int n = x.Length;
        Span<double> y = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = w[i] * Math.Exp(x[i]);
        }

        if (n > 0)
        {
            y[n - 1] = 1.5;
        }

        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += y[i] * y[i];
        }

        return s;
    }

    /// <summary>
    /// The local gradient is chosen per iteration by a switch expression (a branch's merge, taped): it is not computed
    /// before the loop, so the loop is not versioned on it (soak seed 20261701 #52: tested once after the loop, CS0103;
    /// where its name had been in scope, an infinite factor of an earlier iteration would have gone untested). Only the
    /// last iteration's value is returned, so every earlier one's adjoint is 0: 0 · ∞ must stay 0.
    /// </summary>
    [Differentiable]
    public static double LastScaled(ReadOnlySpan<double> b, double u)
    {
        for (int i = 0; i < b.Length; i++)
        {
            u = b[i] * (i switch { 0 => double.PositiveInfinity, 2 => 1.5, _ => 0.75 });
        }

        return u;
    }
}

public class FiniteVersionsTests
{
    [Fact]
    public void LocalGradientChosenPerIteration_IsNotTestedOnceBeforeTheLoop()
    {
        double[] db = new double[3];
        double value = FiniteVersions.LastScaledGradient([2.0, -1.0, 4.0], 0.5, db, out double du);
        Assert.Equal(6.0, value);
        Assert.Equal([0.0, 0.0, 1.5], db);
        Assert.Equal(0.0, du);
        for (int n = 2; n <= 4; n++)
        {
            int size = n;
            Sample(Points(size + 1), p => FiniteVersions.LastScaled(p[..size], p[size]), p =>
            {
                double[] grad = new double[size];
                double v = FiniteVersions.LastScaledGradient(p[..size], p[size], grad, out double dU);
                return (v, [.. grad, dU]);
            }, iterations: 12);
        }
    }

    private static Gen<double[]> Points(int n) => Box(Enumerable.Repeat((-1.2, 1.2), n).ToArray());

    private static int Packed(int n) => Math.Max(n * (n - 1) / 2, 1);

    [Fact]
    public void Triangle_MatchesFiniteDifferences()
    {
        foreach (bool overwrite in new[] { false, true })
        {
            for (int n = 0; n <= 5; n++)
            {
                int size = n, packed = Packed(n);
                bool o = overwrite;
                Sample(Points(size + packed), p => FiniteVersions.Triangle(p[..size], p[size..], o), p =>
                {
                    double[] dx = new double[size], dw = new double[packed];
                    double value = FiniteVersions.TriangleGradient(p[..size], p[size..], o, dx, dw);
                    return (value, [.. dx, .. dw]);
                }, iterations: 12);
            }
        }
    }

    /// <summary>
    /// Known values: n = 2, x = (800, 0.5), w = (0.25,), the last row overwritten. <c>z = exp(800) = ∞</c> multiplies the
    /// zero adjoint of <c>y[1]</c>; the result is <c>x[0]² + 1.5²</c>, so ∂/∂x = (1600, 0) and ∂/∂w = 0, not NaN.
    /// </summary>
    [Fact]
    public void Triangle_InfiniteLocalGradientTimesZeroAdjointIsZero()
    {
        double[] dx = new double[2], dw = new double[1];
        double value = FiniteVersions.TriangleGradient([800, 0.5], [0.25], true, dx, dw);
        Assert.Equal(800.0 * 800.0 + 2.25, value);
        Assert.Equal([1600.0, 0.0], dx);
        Assert.Equal([0.0], dw);
    }

    [Fact]
    public void Triangle_BackwardAccumulates()
    {
        double[] x = [0.3, -0.7, 0.9, 0.1], w = [0.5, -0.25, 0.75, 1.25, -0.5, 0.125];
        double[] dx = new double[4], dw = new double[6];
        FiniteVersions.TriangleGradient(x, w, false, dx, dw);
        double[] ax = [1, 2, 3, 4], aw = [1, 1, 1, 1, 1, 1, 1];
        FiniteVersions.TriangleBackward(x, w, false, 2.0, ax, aw);
        Agree([.. dx.Select((g, i) => 1 + i + 2 * g), .. dw.Select(g => 1 + 2 * g)], [.. ax, .. aw[..6]], 1e-14);
        Assert.Equal(1.0, aw[6]);
    }

    [Fact]
    public void Scaled_MatchesFiniteDifferences()
    {
        for (int n = 0; n <= 4; n++)
        {
            int size = n;
            Sample(Points(size + 1), p => FiniteVersions.Scaled(p[..size], p[size]), p =>
            {
                double[] dx = new double[size];
                double value = FiniteVersions.ScaledGradient(p[..size], p[size], dx, out double da);
                return (value, [.. dx, da]);
            }, iterations: 12);
            SampleFloat(Points(size + 1), p =>
            {
                float[] dx = new float[size];
                float value = FiniteVersions.ScaledFloatGradient(p[..size], p[size], dx, out float da);
                return (value, [.. dx, da]);
            }, p =>
            {
                double[] dx = new double[size];
                double value = FiniteVersions.ScaledGradient(p[..size], p[size], dx, out double da);
                return (value, [.. dx, da]);
            }, iterations: 12);
        }
    }

    /// <summary>a = 0: z = 1, s = x₀² + x₁², ∂s/∂a = 2s.</summary>
    [Fact]
    public void Scaled_KnownValues()
    {
        float[] dx = new float[2];
        float value = FiniteVersions.ScaledFloatGradient([1f, -2f], 0f, dx, out float da);
        Assert.Equal(5f, value);
        Assert.Equal([2f, -4f], dx);
        Assert.Equal(10f, da);
    }

    [Fact]
    public void PerElement_MatchesFiniteDifferences()
    {
        for (int n = 0; n <= 4; n++)
        {
            int size = n;
            Sample(Points(2 * size), p => FiniteVersions.PerElement(p[..size], p[size..]), p =>
            {
                double[] dx = new double[size], dw = new double[size];
                double value = FiniteVersions.PerElementGradient(p[..size], p[size..], dx, dw);
                return (value, [.. dx, .. dw]);
            }, iterations: 12);
        }
    }

    /// <summary>The overwritten element's <c>exp(800) = ∞</c> meets its zero adjoint: 0, as the per-element test gives.</summary>
    [Fact]
    public void PerElement_InfiniteLocalGradientTimesZeroAdjointIsZero()
    {
        double[] dx = new double[2], dw = new double[2];
        FiniteVersions.PerElementGradient([0.5, 800], [2, 3], dx, dw);
        Assert.Equal(0.0, dw[1]);
        Assert.Equal(0.0, dx[1]);
        Assert.Equal(2 * 2 * Math.Exp(0.5) * Math.Exp(0.5), dw[0], 12);
    }
}
