using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Loops with more than one counter (<c>j</c> and the packed index <c>k</c> of a triangle), whose reverse
/// iterations run first to last with every counter stepping in the same <c>for</c>; and look-alikes whose
/// second variable does not step by a constant, which must still come out right.
/// </summary>
public static partial class SteppingCounters
{
    /// <summary>GMM's triangular product: k walks the packed lower triangle with j; the last row has no terms.</summary>
    [Differentiable]
    public static double PackedTriangle(double[] l, double[] z)
    {
        int n = z.Length;
        double s = 0;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                s += l[k] * z[i] * z[j];
                k++;
            }
        }

        return s;
    }

    /// <summary>Three counters with different steps (1, 2, 3); the condition reads only i.</summary>
    [Differentiable]
    public static double Strides(double[] a, double[] z)
    {
        double s = 0;
        int k = 1;
        int m = 0;
        for (int i = 0; i < z.Length; i++)
        {
            s += a[k] * z[i] * z[i] + a[m] * z[i];
            k += 2;
            m += 3;
        }

        return s;
    }

    /// <summary>k goes down while i goes up.</summary>
    [Differentiable]
    public static double Downward(double[] a, double[] z)
    {
        double s = 0;
        int k = a.Length - 1;
        for (int i = 0; i < z.Length; i++)
        {
            s += a[k] * z[i] * z[i];
            k--;
        }

        return s;
    }

    /// <summary>k advances only where z[i] is positive: not a counter, so the reverse pass must not step it.</summary>
    [Differentiable]
    public static double ConditionalStep(double[] a, double[] z)
    {
        double s = 0;
        int k = 0;
        for (int i = 0; i < z.Length; i++)
        {
            s += a[k] * z[i] * z[i];
            if (z[i] > 0)
            {
                k++;
            }
        }

        return s;
    }

    /// <summary>The second counter is read after the loop, by the result.</summary>
    [Differentiable]
    public static double CounterAfterTheLoop(double[] a, double[] z)
    {
        double s = 0;
        int k = 1;
        for (int i = 0; i < z.Length; i++)
        {
            s += a[k] * z[i] * z[i];
            k += 2;
        }

        return s * k;
    }
}

public class SteppingCountersTests
{
    private static Gen<double[]> Points(int n) => Box(Enumerable.Repeat((-2.0, 2.0), n).ToArray());

    [Fact]
    public void PackedTriangle_GivesTheKnownGradient()
    {
        double[] dl = new double[3], dz = new double[3];
        // s = l0·z0·z1 + l1·z0·z2 + l2·z1·z2 at l = (1, 2, 3), z = (1, 2, 3): 2 + 6 + 18
        Assert.Equal(26.0, SteppingCounters.PackedTriangleGradient([1, 2, 3], [1, 2, 3], dl, dz));
        Assert.Equal([2.0, 3.0, 6.0], dl);
        // ∂/∂z0 = l0·z1 + l1·z2, ∂/∂z1 = l0·z0 + l2·z2, ∂/∂z2 = l1·z0 + l2·z1
        Assert.Equal([8.0, 10.0, 8.0], dz);
    }

    [Fact]
    public void PackedTriangle_MatchesFiniteDifferences()
    {
        for (int n = 0; n <= 4; n++)
        {
            int size = n * (n - 1) / 2;
            Sample(Points(size + n), p => SteppingCounters.PackedTriangle(p[..size], p[size..]), p =>
            {
                double[] dl = new double[size], dz = new double[n];
                double f = SteppingCounters.PackedTriangleGradient(p[..size], p[size..], dl, dz);
                return (f, [.. dl, .. dz]);
            }, iterations: 30);
        }
    }

    [Fact]
    public void Strides_MatchesFiniteDifferences()
    {
        for (int n = 0; n <= 3; n++)
        {
            int size = Math.Max(2 * n, 3 * n - 2);
            size = Math.Max(size, 1);
            Sample(Points(size + n), p => SteppingCounters.Strides(p[..size], p[size..]), p =>
            {
                double[] da = new double[size], dz = new double[n];
                double f = SteppingCounters.StridesGradient(p[..size], p[size..], da, dz);
                return (f, [.. da, .. dz]);
            }, iterations: 30);
        }
    }

    [Fact]
    public void Strides_GivesTheKnownGradient()
    {
        // n = 2, a of length 5: k = 1, 3 and m = 0, 3; s = a1·z0² + a0·z0 + a3·z1² + a3·z1
        double[] a = [1, 2, 3, 4, 5], z = [1, 2];
        double[] da = new double[5], dz = new double[2];
        Assert.Equal(2 + 1 + 16 + 8.0, SteppingCounters.StridesGradient(a, z, da, dz));
        Assert.Equal([1.0, 1.0, 0.0, 4.0 + 2.0, 0.0], da);
        Assert.Equal([2 * 2 * 1 + 1.0, 2 * 4 * 2 + 4.0], dz);
    }

    [Fact]
    public void Downward_MatchesFiniteDifferences()
    {
        for (int n = 0; n <= 3; n++)
        {
            int size = Math.Max(n, 1);
            Sample(Points(size + n), p => SteppingCounters.Downward(p[..size], p[size..]), p =>
            {
                double[] da = new double[size], dz = new double[n];
                double f = SteppingCounters.DownwardGradient(p[..size], p[size..], da, dz);
                return (f, [.. da, .. dz]);
            }, iterations: 30);
        }
    }

    [Fact]
    public void ConditionalStep_MatchesFiniteDifferences() =>
        Sample(Points(8).Where(p => p[4..].All(v => Math.Abs(v) > 1e-3)), p => SteppingCounters.ConditionalStep(p[..4], p[4..]), p =>
        {
            double[] da = new double[4], dz = new double[4];
            double f = SteppingCounters.ConditionalStepGradient(p[..4], p[4..], da, dz);
            return (f, [.. da, .. dz]);
        });

    [Fact]
    public void ConditionalStep_GivesTheKnownGradient()
    {
        // z = (1, −1, 2): k = 0, 1, 1; s = a0·1 + a1·1 + a1·4
        double[] da = new double[3], dz = new double[3];
        Assert.Equal(1 + 2 + 8.0, SteppingCounters.ConditionalStepGradient([1, 2, 3], [1, -1, 2], da, dz));
        Assert.Equal([1.0, 5.0, 0.0], da);
        Assert.Equal([2.0, -4.0, 8.0], dz);
    }

    [Fact]
    public void CounterAfterTheLoop_MatchesFiniteDifferences()
    {
        for (int n = 0; n <= 3; n++)
        {
            int size = 2 * n + 1;
            Sample(Points(size + n), p => SteppingCounters.CounterAfterTheLoop(p[..size], p[size..]), p =>
            {
                double[] da = new double[size], dz = new double[n];
                double f = SteppingCounters.CounterAfterTheLoopGradient(p[..size], p[size..], da, dz);
                return (f, [.. da, .. dz]);
            }, iterations: 30);
        }
    }
}
