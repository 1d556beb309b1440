using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Values computed again in the reverse pass instead of saved (<c>Differentiation/Rematerialization.cs</c>): an element
/// of a scratch array that a later iteration overwrites, read back as the expression its loop stored; and the
/// look-alikes the rule must decline: a store to the array between that loop and the read, a method whose output
/// span may overlap the input the expression reads, an expression with a call or too many operations. GMM's own shape,
/// the triangle's invariant element <c>centered[i]</c> computed again from <c>x</c> and the means, is
/// <see cref="FirstToLast.Components"/>.
/// </summary>
public static partial class Rematerialized
{
    /// <summary>An element read in a later loop of the same iteration: <c>a[i]</c> is <c>x[i] · w[c·n + i]</c> again.</summary>
    [Differentiable]
    public static double LaterLoop(ReadOnlySpan<double> x, ReadOnlySpan<double> w, int k)
    {
        int n = x.Length;
        Span<double> a = stackalloc double[n];
        double s = 0;
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n; i++)
            {
                a[i] = x[i] * w[c * n + i];
            }

            for (int i = 0; i < n; i++)
            {
                s += a[i] * a[i] * x[i];
            }
        }

        return s * s;
    }

    /// <summary>
    /// The stored expression reads <c>v</c>, which changes after the store loop: the expression computed again reads the
    /// version the store read (the component loop saves it), not the later one.
    /// </summary>
    [Differentiable]
    public static double OperandChangedAfter(ReadOnlySpan<double> x, ReadOnlySpan<double> w, int k)
    {
        int n = x.Length;
        Span<double> a = stackalloc double[n];
        double s = 0;
        double v = 0.5;
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n; i++)
            {
                a[i] = x[i] * v;
            }

            v = v * w[c] + 0.25;
            for (int i = 0; i < n; i++)
            {
                s += a[i] * a[i] * w[c];
            }
        }

        return s * s;
    }

    /// <summary>Declined: a store to the array between its loop and the read (<c>a[n − 1]</c> no longer holds the loop's value).</summary>
    [Differentiable]
    public static double StoreBetween(ReadOnlySpan<double> x, ReadOnlySpan<double> w, int k)
    {
        int n = x.Length;
        Span<double> a = stackalloc double[n];
        double s = 0;
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n; i++)
            {
                a[i] = x[i] * w[c * n + i];
            }

            a[n - 1] = w[c * n] * 3;
            for (int i = 0; i < n; i++)
            {
                s += a[i] * a[i] * x[i];
            }
        }

        return s * s;
    }

    /// <summary>Declined: the reading loop itself writes the array, so <c>a[i]</c> holds what the iteration before stored.</summary>
    [Differentiable]
    public static double WrittenByTheReadingLoop(ReadOnlySpan<double> x, ReadOnlySpan<double> w, int k)
    {
        int n = x.Length;
        Span<double> a = stackalloc double[n + 1];
        double s = 0;
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = w[c * (n + 1) + i] * 0.5;
            }

            for (int i = 0; i < n; i++)
            {
                s += a[i] * a[i] * x[i];
                a[i + 1] = x[i] * 0.25;
            }
        }

        return s * s;
    }

    /// <summary>Declined: the method writes <c>y</c>, which the caller may pass overlapping <c>x</c>, so <c>x</c> is not read again.</summary>
    [Differentiable]
    public static void MayOverlap(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> y)
    {
        int n = x.Length;
        Span<double> a = stackalloc double[n];
        for (int c = 0; c < y.Length; c++)
        {
            for (int i = 0; i < n; i++)
            {
                a[i] = x[i] * w[c * n + i];
            }

            double s = 0;
            for (int i = 0; i < n; i++)
            {
                s += a[i] * a[i] * w[i];
            }

            y[c] = s * s;
        }
    }

    /// <summary>Declined: the stored expression calls <c>Exp</c>, which may cost more than the tape.</summary>
    [Differentiable]
    public static double WithACall(ReadOnlySpan<double> x, ReadOnlySpan<double> w, int k)
    {
        int n = x.Length;
        Span<double> a = stackalloc double[n];
        double s = 0;
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n; i++)
            {
                a[i] = Math.Exp(x[i] * w[c * n + i]);
            }

            for (int i = 0; i < n; i++)
            {
                s += a[i] * a[i] * x[i];
            }
        }

        return s * s;
    }

    /// <summary>Declined: three operations stored (<c>x·w + x·0.5</c>), over the budget of two.</summary>
    [Differentiable]
    public static double ThreeOperations(ReadOnlySpan<double> x, ReadOnlySpan<double> w, int k)
    {
        int n = x.Length;
        Span<double> a = stackalloc double[n];
        double s = 0;
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n; i++)
            {
                a[i] = x[i] * w[c * n + i] + x[i] * 0.5;
            }

            for (int i = 0; i < n; i++)
            {
                s += a[i] * a[i] * x[i];
            }
        }

        return s * s;
    }
}

public class RematerializedTests
{
    private static Gen<double[]> Points(int n) => Box(Enumerable.Repeat((-1.2, 1.2), n).ToArray());

    [Fact]
    public void LaterLoop_MatchesFiniteDifferences() => CheckLoop(Rematerialized.LaterLoop, Rematerialized.LaterLoopGradient, minimum: 0);

    [Fact]
    public void OperandChangedAfter_MatchesFiniteDifferences() => CheckLoop(Rematerialized.OperandChangedAfter, Rematerialized.OperandChangedAfterGradient, minimum: 0);

    [Fact]
    public void StoreBetween_MatchesFiniteDifferences() => CheckLoop(Rematerialized.StoreBetween, Rematerialized.StoreBetweenGradient, minimum: 1);

    [Fact]
    public void WrittenByTheReadingLoop_MatchesFiniteDifferences()
    {
        for (int n = 0; n <= 3; n++)
        {
            for (int k = 0; k <= 3; k++)
            {
                int size = n, kk = k, wSize = Math.Max((n + 1) * k, 1);
                Sample(Points(size + wSize), p => Rematerialized.WrittenByTheReadingLoop(p[..size], p[size..], kk), p =>
                {
                    double[] dx = new double[size], dw = new double[wSize];
                    double value = Rematerialized.WrittenByTheReadingLoopGradient(p[..size], p[size..], kk, dx, dw);
                    return (value, [.. dx, .. dw]);
                }, iterations: 12);
            }
        }
    }

    [Fact]
    public void WithACall_MatchesFiniteDifferences() => CheckLoop(Rematerialized.WithACall, Rematerialized.WithACallGradient, minimum: 0);

    [Fact]
    public void ThreeOperations_MatchesFiniteDifferences() => CheckLoop(Rematerialized.ThreeOperations, Rematerialized.ThreeOperationsGradient, minimum: 0);

    [Fact]
    public void MayOverlap_RowsMatchFiniteDifferences()
    {
        for (int n = 1; n <= 3; n++)
        {
            for (int rows = 1; rows <= 3; rows++)
            {
                int size = n, r = rows;
                for (int row = 0; row < r; row++)
                {
                    int at = row;
                    // Row `at` of the Jacobian: the pullback of a unit upstream gradient on y[at].
                    Sample(Points(size + Math.Max(n * r, n)), p =>
                    {
                        double[] y = new double[r];
                        Rematerialized.MayOverlap(p[..size], p[size..], y);
                        return y[at];
                    }, p =>
                    {
                        double[] y = new double[r], dy = new double[r], dx = new double[size], dw = new double[p.Length - size];
                        dy[at] = 1;
                        Rematerialized.MayOverlapBackward(p[..size], p[size..], y, dx, dw, dy);
                        return (y[at], [.. dx, .. dw]);
                    }, iterations: 10);
                }
            }
        }
    }

    private delegate double Loss(ReadOnlySpan<double> x, ReadOnlySpan<double> w, int k);

    private delegate double LossGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> w, int k, Span<double> dx, Span<double> dw);

    private static void CheckLoop(Loss f, LossGradient gradient, int minimum)
    {
        for (int n = minimum; n <= 4; n++)
        {
            for (int k = 0; k <= 3; k++)
            {
                int size = n, kk = k, wSize = Math.Max(n * k, k);
                Sample(Points(size + wSize), p => f(p[..size], p[size..], kk), p =>
                {
                    double[] dx = new double[size], dw = new double[wSize];
                    double value = gradient(p[..size], p[size..], kk, dx, dw);
                    return (value, [.. dx, .. dw]);
                }, iterations: 12);
            }
        }
    }
}
