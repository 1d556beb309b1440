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

    // ---- an int advanced only by a nested loop's counter: taken back by the trip count, not saved ----

    /// <summary>A sine per row keeps the rows reversed (on the tape); k steps by two and the inner loop runs to <c>&lt;=</c>, empty on the last rows.</summary>
    [Differentiable]
    public static double EvenTriangle(double[] l, double[] z)
    {
        int n = z.Length;
        int last = n - 1;
        double s = 0;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            double w = Math.Sin(z[i]);
            for (int j = i + 2; j <= last; j++)
            {
                s += l[k] * w * z[j];
                k += 2;
            }
        }

        return s;
    }

    /// <summary>k is read before the nested loop too (by a value the backward pass computes again): it must be known before the count is.</summary>
    [Differentiable]
    public static double RowHeads(double[] l, double[] z)
    {
        int n = z.Length;
        double s = 0;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            int head = k / 2;
            double w = Math.Sin(z[i]) * l[head] + l[head] * l[head];
            for (int j = i; j < n; j++)
            {
                s += l[k] * w * z[j];
                k++;
            }
        }

        return s;
    }

    /// <summary>k also moves after the nested loop: more than the nested loop's steps.</summary>
    [Differentiable]
    public static double SkipAfterRow(double[] l, double[] z)
    {
        int n = z.Length;
        double s = 0;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            double w = Math.Sin(z[i]);
            for (int j = i + 1; j < n; j++)
            {
                s += l[k] * w * z[j];
                k++;
            }

            k++;
        }

        return s;
    }

    /// <summary>The nested loop breaks: its trip count is not known before it runs.</summary>
    [Differentiable]
    public static double BreakingRow(double[] l, double[] z)
    {
        int n = z.Length;
        double s = 0;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            double w = Math.Sin(z[i]);
            for (int j = i + 1; j < n; j++)
            {
                if (z[j] > 1)
                {
                    break;
                }

                s += l[k] * w * z[j];
                k++;
            }
        }

        return s;
    }

    /// <summary>The nested loop runs only on some rows (under a branch).</summary>
    [Differentiable]
    public static double BranchedRow(double[] l, double[] z)
    {
        int n = z.Length;
        double s = 0;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            double w = Math.Sin(z[i]);
            if (w > 0)
            {
                for (int j = i + 1; j < n; j++)
                {
                    s += l[k] * w * z[j];
                    k++;
                }
            }
        }

        return s;
    }

    /// <summary>Blocks of a packed triangle inside an outer loop (GMM's components), and k read by the result after the loops.</summary>
    [Differentiable]
    public static double Blocks(double[] l, double[] z, int blocks)
    {
        int n = z.Length;
        int size = n * (n - 1) / 2;
        double s = 0;
        int k = 0;
        for (int b = 0; b < blocks; b++)
        {
            k = b * size;
            for (int i = 0; i < n; i++)
            {
                double w = Math.Sin(z[i] * (b + 1));
                for (int j = i + 1; j < n; j++)
                {
                    s += l[k] * w * z[j];
                    k++;
                }
            }
        }

        return s * (k + 1);
    }

    /// <summary>Row sums added up, in blocks: the rows' reverse iterations only add, so they run first to last and k steps forward.</summary>
    [Differentiable]
    public static double RowSums(double[] l, double[] z, int blocks)
    {
        int n = z.Length;
        double s = 0;
        int k = 0;
        for (int b = 0; b < blocks; b++)
        {
            for (int i = 0; i < n; i++)
            {
                double r = 0;
                for (int j = i + 1; j < n; j++)
                {
                    r += l[k] * z[i] * z[j];
                    k++;
                }

                s += r;
            }
        }

        return s;
    }

    /// <summary>Row sums at the top level: the rows' reverse runs inside the forward loop (fused), reading k as the forward pass has it.</summary>
    [Differentiable]
    public static double FusedRows(double[] l, double[] z)
    {
        int n = z.Length;
        double s = 0;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            double r = 0;
            for (int j = i + 1; j < n; j++)
            {
                r += l[k] * z[i] * z[j];
                k++;
            }

            s += r;
        }

        return s;
    }

    /// <summary>k is set again after the rows and walks l a second time: the backward pass still takes back the first walk's end.</summary>
    [Differentiable]
    public static double WalkedTwice(double[] l, double[] z)
    {
        int n = z.Length;
        double s = 0;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            double w = Math.Sin(z[i]);
            for (int j = i + 1; j < n; j++)
            {
                s += l[k] * w * z[j];
                k++;
            }
        }

        k = 0;
        for (int i = 0; i < n; i++)
        {
            s += l[k] * z[i] * z[i];
            k++;
        }

        return s;
    }

    /// <summary>Second order through a packed triangle: the Hessian's twin of the reverse pass takes k back too.</summary>
    [Differentiable(Derivatives.Reverse | Derivatives.Forward | Derivatives.Hessian)]
    public static double TriangleForm([NoDiff] double[] l, double[] z)
    {
        int n = z.Length;
        double s = 0;
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            double w = Math.Sin(z[i]);
            for (int j = i + 1; j < n; j++)
            {
                s += l[k] * w * z[j];
                k++;
            }
        }

        return s;
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

    /// <summary>Finite differences of <c>f(l, z)</c> for n = 0 … 4, l as long as <paramref name="size"/> says.</summary>
    /// <param name="smooth">Keeps points away from where the function jumps (a break or branch taken on z's values).</param>
    private static void PerSize(Func<int, int> size, Func<double[], double[], double> f, Func<double[], double[], double[], double[], double> gradient, Func<double, bool>? smooth = null)
    {
        for (int n = 0; n <= 4; n++)
        {
            int m = Math.Max(size(n), 1), count = n;
            Sample(Points(m + count).Where(p => smooth is null || p[m..].All(smooth)), p => f(p[..m], p[m..]), p =>
            {
                double[] dl = new double[m], dz = new double[count];
                double value = gradient(p[..m], p[m..], dl, dz);
                return (value, [.. dl, .. dz]);
            }, iterations: 25);
        }
    }

    [Fact]
    public void EvenTriangle_MatchesFiniteDifferences() =>
        PerSize(n => 2 * Math.Max(0, (n - 1) * (n - 2) / 2), SteppingCounters.EvenTriangle, (l, z, dl, dz) => SteppingCounters.EvenTriangleGradient(l, z, dl, dz));

    [Fact]
    public void EvenTriangle_GivesTheKnownGradient()
    {
        // n = 4: rows 0 and 1 have terms (j = 2, 3 and j = 3): k = 0, 2, 4
        double[] l = [1, 0, 2, 0, 3, 0], z = [0.5, 1, 2, 3];
        double[] dl = new double[6], dz = new double[4];
        double s0 = Math.Sin(0.5), s1 = Math.Sin(1);
        Close(1 * s0 * 2 + 2 * s0 * 3 + 3 * s1 * 3, SteppingCounters.EvenTriangleGradient(l, z, dl, dz));
        Agree([s0 * 2, 0, s0 * 3, 0, s1 * 3, 0], dl, 1e-15, "dl");
        Agree([Math.Cos(0.5) * (1 * 2 + 2 * 3), Math.Cos(1) * 3 * 3, 1 * s0, 2 * s0 + 3 * s1], dz, 1e-15, "dz");
    }

    [Fact]
    public void RowHeads_MatchesFiniteDifferences() =>
        PerSize(n => n * (n + 1) / 2, SteppingCounters.RowHeads, (l, z, dl, dz) => SteppingCounters.RowHeadsGradient(l, z, dl, dz));

    [Fact]
    public void SkipAfterRow_MatchesFiniteDifferences() =>
        PerSize(n => n * (n - 1) / 2 + n, SteppingCounters.SkipAfterRow, (l, z, dl, dz) => SteppingCounters.SkipAfterRowGradient(l, z, dl, dz));

    [Fact]
    public void BreakingRow_MatchesFiniteDifferences() =>
        PerSize(n => n * (n - 1) / 2, (l, z) => SteppingCounters.BreakingRow(l, z), (l, z, dl, dz) => SteppingCounters.BreakingRowGradient(l, z, dl, dz), v => Math.Abs(v - 1) > 1e-3);

    [Fact]
    public void BranchedRow_MatchesFiniteDifferences() =>
        PerSize(n => n * (n - 1) / 2, SteppingCounters.BranchedRow, (l, z, dl, dz) => SteppingCounters.BranchedRowGradient(l, z, dl, dz), v => Math.Abs(Math.Sin(v)) > 1e-3);

    [Fact]
    public void Blocks_MatchesFiniteDifferences()
    {
        for (int blocks = 0; blocks <= 3; blocks++)
        {
            int b = blocks;
            PerSize(n => b * n * (n - 1) / 2, (l, z) => SteppingCounters.Blocks(l, z, b), (l, z, dl, dz) => SteppingCounters.BlocksGradient(l, z, b, dl, dz));
        }
    }

    [Fact]
    public void RowSums_MatchesFiniteDifferences()
    {
        for (int blocks = 0; blocks <= 2; blocks++)
        {
            int b = blocks;
            PerSize(n => b * n * (n - 1) / 2, (l, z) => SteppingCounters.RowSums(l, z, b), (l, z, dl, dz) => SteppingCounters.RowSumsGradient(l, z, b, dl, dz));
        }
    }

    [Fact]
    public void RowSums_GivesTheKnownGradient()
    {
        // two blocks of n = 3: s = l0·z0·z1 + l1·z0·z2 + l2·z1·z2 + l3·z0·z1 + l4·z0·z2 + l5·z1·z2
        double[] l = [1, 2, 3, 4, 5, 6], z = [1, 2, 3];
        double[] dl = new double[6], dz = new double[3];
        Assert.Equal(2 + 6 + 18 + 8 + 15 + 36.0, SteppingCounters.RowSumsGradient(l, z, 2, dl, dz));
        Assert.Equal([2.0, 3.0, 6.0, 2.0, 3.0, 6.0], dl);
        Assert.Equal([(1 + 4) * 2 + (2 + 5) * 3.0, (1 + 4) * 1 + (3 + 6) * 3.0, (2 + 5) * 1 + (3 + 6) * 2.0], dz);
    }

    [Fact]
    public void FusedRows_MatchesFiniteDifferences() =>
        PerSize(n => n * (n - 1) / 2, SteppingCounters.FusedRows, (l, z, dl, dz) => SteppingCounters.FusedRowsGradient(l, z, dl, dz));

    [Fact]
    public void WalkedTwice_MatchesFiniteDifferences() =>
        PerSize(n => Math.Max(n * (n - 1) / 2, n), SteppingCounters.WalkedTwice, (l, z, dl, dz) => SteppingCounters.WalkedTwiceGradient(l, z, dl, dz));

    [Fact]
    public void TriangleForm_HessianIsKnown()
    {
        // f = Σ_{i<j} l_k·sin(z_i)·z_j: H_aa = −sin(z_a)·Σ_{j>a} l_k·z_j, H_ab = l_k·cos(z_a) for a < b.
        double[] l = [0.5, -1, 2, 1.5, 0.25, -0.75], z = [0.3, -1.2, 0.8, 2];
        int n = z.Length;
        double[] expected = new double[n * n];
        int k = 0;
        for (int a = 0; a < n; a++)
        {
            for (int b = a + 1; b < n; b++)
            {
                expected[a * n + a] -= Math.Sin(z[a]) * l[k] * z[b];
                expected[a * n + b] = expected[b * n + a] = l[k] * Math.Cos(z[a]);
                k++;
            }
        }

        double[] gradient = new double[n], hessian = new double[n * n];
        SteppingCounters.TriangleFormHessian(l, z, gradient, hessian);
        Agree(expected, hessian, 1e-13, "H");
        double[] reverse = new double[n];
        SteppingCounters.TriangleFormGradient(l, z, reverse);
        Agree(reverse, gradient, 1e-13, "gradient");
    }
}
