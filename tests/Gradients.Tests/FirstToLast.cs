using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Reverse iterations that run first to last although they read and clear element adjoints or read saved values
/// (issue 9, GMM's inner loops), and zero tests taken out of a loop; with the look-alikes each rule must decline.
/// <list type="bullet">
/// <item>An element adjoint touched only at the iteration's own counter (<c>dm[i]</c> read and cleared by iteration
/// <c>i</c>) ties no iteration to another. Declined: a neighbour's element (<c>m[i + 1]</c> from <c>m[i]</c>), an
/// element another iteration reaches through a nested loop (a prefix sum).</item>
/// <item>Saved values in a tape block read at the iteration's index. Declined: a trip count not known before the loop
/// (a break), a nested loop that saves values of its own.</item>
/// <item><c>if (ds != 0)</c> around a loop whose every contribution tests <c>ds</c>. Declined: contributions testing two
/// adjoints, a loop that pops its saved values.</item>
/// </list>
/// </summary>
public static partial class FirstToLast
{
    // ---- element adjoints at the iteration's own index ----

    /// <summary>Both scratch arrays are written at i and read at i: their adjoints are read and cleared at i only.</summary>
    [Differentiable]
    public static double OwnElements(ReadOnlySpan<double> x, ReadOnlySpan<double> w)
    {
        int n = x.Length;
        Span<double> c = stackalloc double[n];
        Span<double> m = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            c[i] = x[i] - w[i];
            m[i] = w[i] * c[i];
        }

        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += Math.Sin(m[i]) * c[i];
        }

        return s;
    }

    /// <summary>Each iteration reads its neighbour's element, written by the iteration before: the order matters.</summary>
    [Differentiable]
    public static double NeighbourElement(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        Span<double> m = stackalloc double[n + 1];
        m[0] = 1;
        for (int i = 0; i < n; i++)
        {
            m[i + 1] = m[i] * x[i] + x[i];
        }

        return m[n];
    }

    /// <summary>Iteration i writes m[i] at i and reads the elements before it in a nested loop: a prefix, not its own.</summary>
    [Differentiable]
    public static double PrefixElements(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        Span<double> m = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            m[i] = x[i];
            for (int j = 0; j < i; j++)
            {
                m[i] += m[j] * x[j] * 0.5;
            }
        }

        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += m[i] * m[i];
        }

        return s;
    }

    // ---- saved values read by iteration ----

    /// <summary>
    /// Exponentials saved in a block, read back first to last; the loop starts at 2, so the block is indexed from there
    /// (the square of the sum keeps the loop from being fused with its reverse).
    /// </summary>
    [Differentiable]
    public static double SavedFromTwo(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 2; i < x.Length; i++)
        {
            double e = Math.Exp(x[i] * 0.5);
            double t = Math.Tanh(x[i - 1]);
            s += e * y[i] + t * e;
        }

        return s * s;
    }

    /// <summary>Rows from the diagonal: each row's block starts at i + 1, a start the reverse takes from the row it runs in.</summary>
    [Differentiable]
    public static double RowsFromTheDiagonal(ReadOnlySpan<double> z)
    {
        int n = z.Length;
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double row = 0;
            for (int j = i + 1; j < n; j++)
            {
                double e = Math.Exp(z[j] * 0.5);
                row += e * z[i];
            }

            s += Math.Sin(row);
        }

        return s * s;
    }

    /// <summary>
    /// GMM's component loop: per row, scratch arrays written whole, a triangle and a squared norm whose saved values go
    /// to blocks, the rows' adjoints read back first to last while the components run last to first.
    /// </summary>
    [Differentiable]
    public static double Components(ReadOnlySpan<double> l, ReadOnlySpan<double> q, ReadOnlySpan<double> z, int k)
    {
        int d = z.Length;
        int size = d * (d - 1) / 2;
        Span<double> centered = stackalloc double[d];
        Span<double> m = stackalloc double[d];
        double total = 0;
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < d; i++)
            {
                centered[i] = z[i] - q[c * d + i];
                m[i] = Math.Exp(q[c * d + i] * 0.3) * centered[i];
            }

            int lower = c * size;
            for (int i = 0; i < d; i++)
            {
                for (int j = i + 1; j < d; j++)
                {
                    m[j] += l[lower] * centered[i];
                    lower++;
                }
            }

            double squared = 0;
            for (int i = 0; i < d; i++)
            {
                squared += m[i] * m[i];
            }

            total += Math.Exp(-0.5 * squared) * (c + 1);
        }

        return Math.Log(total);
    }

    /// <summary>The trip count is not known before the loop (it breaks): the values are popped, last to first.</summary>
    [Differentiable]
    public static double SavedWithABreak(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] > 1.5)
            {
                break;
            }

            double e = Math.Exp(x[i] * 0.5);
            s += e * x[i];
        }

        return s;
    }

    /// <summary>The nested loop saves values of its own while the outer iteration's block would be written: no block.</summary>
    [Differentiable]
    public static double NestedSaves(ReadOnlySpan<double> x, int rows)
    {
        double s = 0;
        for (int r = 0; r < rows; r++)
        {
            double e = Math.Exp(x[r % x.Length] * 0.5);
            double inner = 0;
            for (int j = 0; j < x.Length; j++)
            {
                if (x[j] > 1.9)
                {
                    break;
                }

                inner += Math.Sin(x[j] * (r + 1));
            }

            s += e * inner;
        }

        return s;
    }

    // ---- one zero test around a loop ----

    /// <summary>The squared norm's contributions all test its adjoint, which is 0 where w is (the log keeps the loop unfused).</summary>
    [Differentiable]
    public static double GuardedNorm(ReadOnlySpan<double> x, double w)
    {
        Span<double> m = stackalloc double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            m[i] = Math.Exp(x[i]);
        }

        double squared = 0;
        for (int i = 0; i < x.Length; i++)
        {
            squared += m[i] * m[i];
        }

        return Math.Log(1 + w * w * squared) + x[0];
    }

    /// <summary>Two sums in one loop: their contributions test two adjoints; one test would skip the other's.</summary>
    [Differentiable]
    public static double TwoAdjoints(ReadOnlySpan<double> x, double w, double v)
    {
        Span<double> a = stackalloc double[x.Length];
        Span<double> b = stackalloc double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            a[i] = Math.Exp(x[i]);
            b[i] = Math.Sin(x[i]);
        }

        double s = 0;
        double t = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += a[i] * a[i];
            t += b[i] * b[i];
        }

        return Math.Log(1 + w * w * s + v * v * t);
    }

    /// <summary>
    /// The squared norm over every other element pops its saved values (a step of 2: no block); skipping it would leave
    /// them on the tape, where the first loop's reverse takes its block from.
    /// </summary>
    [Differentiable]
    public static double GuardedPops(ReadOnlySpan<double> x, double w)
    {
        int n = x.Length;
        Span<double> m = stackalloc double[n];
        double before = 0;
        for (int i = 0; i < n; i++)
        {
            m[i] = Math.Exp(x[i] * 0.25);
            before += m[i] * x[i];
        }

        double squared = 0;
        for (int i = 0; i < n; i += 2)
        {
            squared += m[i] * m[i];
        }

        for (int i = 0; i < n; i++)
        {
            m[i] = 0;
        }

        return Math.Log(1 + w * w * squared) + before * before;
    }
}

public class FirstToLastTests
{
    // The finite differences keep the weights of log(1 + w²·s) away from 0, where the gradient is a tiny part of the
    // value and below what differences resolve; the known-gradient tests take w = 0 itself.
    private static Gen<double[]> Points(int n) => Box(Enumerable.Repeat((-1.5, 1.5), n).ToArray());

    [Fact]
    public void OwnElements_MatchesFiniteDifferences()
    {
        for (int n = 0; n <= 4; n++)
        {
            int size = n;
            Sample(Points(2 * n), p => FirstToLast.OwnElements(p[..size], p[size..]), p =>
            {
                double[] dx = new double[size], dw = new double[size];
                double f = FirstToLast.OwnElementsGradient(p[..size], p[size..], dx, dw);
                return (f, [.. dx, .. dw]);
            }, iterations: 30);
        }
    }

    [Fact]
    public void NeighbourElement_GivesTheKnownGradient()
    {
        // m = 1, 1·2 + 2 = 4, 4·3 + 3 = 15: ∂/∂x0 = (m0 + 1)·x1 = 6, ∂/∂x1 = m1 + 1 = 5
        double[] dx = new double[2];
        Assert.Equal(15.0, FirstToLast.NeighbourElementGradient([2, 3], dx));
        Assert.Equal([6.0, 5.0], dx);
    }

    [Fact]
    public void NeighbourElement_MatchesFiniteDifferences()
    {
        for (int n = 1; n <= 4; n++)
        {
            Sample(Points(n), p => FirstToLast.NeighbourElement(p), p =>
            {
                double[] dx = new double[p.Length];
                return (FirstToLast.NeighbourElementGradient(p, dx), dx);
            }, iterations: 30);
        }
    }

    [Fact]
    public void PrefixElements_MatchesFiniteDifferences()
    {
        for (int n = 1; n <= 4; n++)
        {
            Sample(Points(n), p => FirstToLast.PrefixElements(p), p =>
            {
                double[] dx = new double[p.Length];
                return (FirstToLast.PrefixElementsGradient(p, dx), dx);
            }, iterations: 30);
        }
    }

    [Fact]
    public void SavedFromTwo_MatchesFiniteDifferences()
    {
        for (int n = 0; n <= 5; n++)
        {
            int size = n;
            Sample(Points(2 * n), p => FirstToLast.SavedFromTwo(p[..size], p[size..]), p =>
            {
                double[] dx = new double[size], dy = new double[size];
                double f = FirstToLast.SavedFromTwoGradient(p[..size], p[size..], dx, dy);
                return (f, [.. dx, .. dy]);
            }, iterations: 30);
        }
    }

    [Fact]
    public void RowsFromTheDiagonal_MatchesFiniteDifferences()
    {
        for (int n = 0; n <= 5; n++)
        {
            Sample(Points(n), p => FirstToLast.RowsFromTheDiagonal(p), p =>
            {
                double[] dz = new double[p.Length];
                return (FirstToLast.RowsFromTheDiagonalGradient(p, dz), dz);
            }, iterations: 30);
        }
    }

    [Fact]
    public void Components_MatchesFiniteDifferences()
    {
        for (int d = 1; d <= 4; d++)
        {
            for (int k = 1; k <= 3; k++)
            {
                int size = d * (d - 1) / 2, lSize = Math.Max(size * k, 1), qSize = d * k, kk = k;
                // z and the means apart: where they meet, the gradient is 1e-8 of a value near 1, below what differences resolve.
                Sample(Points(lSize + qSize + d).Where(p => Enumerable.Range(0, qSize).All(j => Math.Abs(p[lSize + qSize + j % d] - p[lSize + j]) > 0.05)), p => FirstToLast.Components(p[..lSize], p[lSize..(lSize + qSize)], p[(lSize + qSize)..], kk), p =>
                {
                    double[] dl = new double[lSize], dq = new double[qSize], dz = new double[d];
                    double f = FirstToLast.ComponentsGradient(p[..lSize], p[lSize..(lSize + qSize)], p[(lSize + qSize)..], kk, dl, dq, dz);
                    return (f, [.. dl, .. dq, .. dz]);
                }, iterations: 15);
            }
        }
    }

    [Fact]
    public void SavedWithABreak_MatchesFiniteDifferences()
    {
        for (int n = 0; n <= 5; n++)
        {
            Sample(Box(Enumerable.Repeat((-2.0, 2.0), n).ToArray()).Where(p => p.All(v => Math.Abs(v - 1.5) > 1e-3)), p => FirstToLast.SavedWithABreak(p), p =>
            {
                double[] dx = new double[p.Length];
                return (FirstToLast.SavedWithABreakGradient(p, dx), dx);
            }, iterations: 30);
        }
    }

    [Fact]
    public void NestedSaves_MatchesFiniteDifferences()
    {
        for (int n = 1; n <= 4; n++)
        {
            for (int rows = 0; rows <= 3; rows++)
            {
                int r = rows;
                Sample(Box(Enumerable.Repeat((-2.0, 2.0), n).ToArray()).Where(p => p.All(v => Math.Abs(v - 1.9) > 1e-3)), p => FirstToLast.NestedSaves(p, r), p =>
                {
                    double[] dx = new double[p.Length];
                    return (FirstToLast.NestedSavesGradient(p, r, dx), dx);
                }, iterations: 20);
            }
        }
    }

    [Fact]
    public void GuardedNorm_MatchesFiniteDifferences()
    {
        for (int n = 1; n <= 4; n++)
        {
            int size = n;
            Sample(Points(n + 1).Where(p => Math.Abs(p[size]) > 0.1), p => FirstToLast.GuardedNorm(p[..size], p[size]), p =>
            {
                double[] dx = new double[size];
                double f = FirstToLast.GuardedNormGradient(p[..size], p[size], dx, out double dw);
                return (f, [.. dx, dw]);
            }, iterations: 30);
        }
    }

    [Fact]
    public void GuardedNorm_WithAZeroWeight_GivesTheKnownGradient()
    {
        // w = 0: only x[0] counts, and ∂/∂w = 2w·Σ e^(2x) / (1 + w²·Σ) = 0
        double[] dx = new double[2];
        Assert.Equal(0.0, FirstToLast.GuardedNormGradient([0, 1], 0, dx, out double dw));
        Assert.Equal([1.0, 0.0], dx);
        Assert.Equal(0.0, dw);
    }

    [Fact]
    public void TwoAdjoints_WithOneZeroWeight_GivesTheKnownGradient()
    {
        // w = 1, v = 0: f = log(1 + s), s = Σ e^(2x_i); ∂/∂x_i = 2e^(2x_i) / (1 + s), ∂/∂w = 2s / (1 + s), ∂/∂v = 0
        double s = Math.Exp(1) + Math.Exp(2);
        double[] dx = new double[2];
        double f = FirstToLast.TwoAdjointsGradient([0.5, 1], 1, 0, dx, out double dw, out double dv);
        Close(Math.Log(1 + s), f);
        Agree([2 * Math.Exp(1) / (1 + s), 2 * Math.Exp(2) / (1 + s)], dx, 1e-14);
        Close(2 * s / (1 + s), dw);
        Assert.Equal(0.0, dv);
    }

    [Fact]
    public void TwoAdjoints_MatchesFiniteDifferences() =>
        Sample(Points(5).Where(p => Math.Abs(p[3]) > 0.1 && Math.Abs(p[4]) > 0.1), p => FirstToLast.TwoAdjoints(p[..3], p[3], p[4]), p =>
        {
            double[] dx = new double[3];
            double f = FirstToLast.TwoAdjointsGradient(p[..3], p[3], p[4], dx, out double dw, out double dv);
            return (f, [.. dx, dw, dv]);
        });

    [Fact]
    public void GuardedPops_WithAZeroWeight_GivesTheKnownGradient()
    {
        // w = 0: only before² counts, ∂/∂x_i = 2·before·e^(x/4)·(1 + x/4)
        double[] x = [0.5, -1, 1];
        double before = x.Sum(v => Math.Exp(v * 0.25) * v);
        double[] dx = new double[3];
        FirstToLast.GuardedPopsGradient(x, 0, dx, out double dw);
        Agree(x.Select(v => 2 * before * Math.Exp(v * 0.25) * (1 + v * 0.25)).ToArray(), dx, 1e-14);
        Assert.Equal(0.0, dw);
    }

    [Fact]
    public void GuardedPops_MatchesFiniteDifferences() =>
        Sample(Box(Enumerable.Repeat((-2.0, 2.0), 4).ToArray()).Where(p => Math.Abs(p[3]) > 0.1), p => FirstToLast.GuardedPops(p[..3], p[3]), p =>
        {
            double[] dx = new double[3];
            double f = FirstToLast.GuardedPopsGradient(p[..3], p[3], dx, out double dw);
            return (f, [.. dx, dw]);
        });
}
