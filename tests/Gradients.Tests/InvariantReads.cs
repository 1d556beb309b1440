using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;
using static Gradients.Tests.TapedReadTests;

namespace Gradients.Tests;

/// <summary>
/// An element read that is the same in every iteration of an inner loop is read once before it (issue 9,
/// GMM's <c>centered[i]</c> in the triangular product): GMM's shape, with inner loops that run no iteration,
/// and twins where the element changes inside the inner loop (a store, a ref local, a callee, an alias), so
/// reading it once would be wrong, and one whose index is out of range exactly when the inner loop does not run.
/// </summary>
public static partial class InvariantReads
{
    [Differentiable(Derivatives.Hessian)]
    public static double TriangularProduct(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        Span<double> z = stackalloc double[n];
        Span<double> m = stackalloc double[n];
        double s = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < n; i++)
            {
                z[i] = x[i] - 0.3 * r;
                m[i] = z[i] * (1 + r);
            }

            int k = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    m[j] += Math.Sin(x[j] + 0.1 * k) * z[i];
                    k++;
                }
            }

            for (int i = 0; i < n; i++)
            {
                s += m[i] * m[i];
            }
        }

        return s;
    }

    [Differentiable]
    public static double WrittenInTheInnerLoop(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        Span<double> z = stackalloc double[n];
        double s = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < n; i++)
            {
                z[i] = x[i] * (r + 1);
            }

            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    s += Math.Sin(x[j]) * z[i];
                    z[i] = z[i] * x[j] + 0.25;
                }
            }
        }

        return s;
    }

    [Differentiable]
    public static double WrittenThroughARefLocal(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        Span<double> z = stackalloc double[n];
        double s = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < n; i++)
            {
                z[i] = x[i] * (r + 1);
            }

            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    s += Math.Sin(x[j]) * z[i];
                    ref double e = ref z[i];
                    e = e * x[j] + 0.25;
                }
            }
        }

        return s;
    }

    [Differentiable]
    public static double WrittenByACallee(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double[] z = new double[n];
        double s = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < n; i++)
            {
                z[i] = x[i] * (r + 1);
            }

            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    s += Math.Sin(x[j]) * z[i];
                    TapedReads.Fill(x[j], z);
                }
            }
        }

        return s;
    }

    [Differentiable]
    public static double WrittenThroughAnAlias(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double[] z = new double[n];
        double[] w = z;
        double s = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < n; i++)
            {
                z[i] = x[i] * (r + 1);
            }

            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    s += Math.Sin(x[j]) * z[i];
                    foreach (ref double e in w.AsSpan())
                    {
                        e = e * x[j] + 0.25;
                    }
                }
            }
        }

        return s;
    }

    /// <summary>
    /// <c>m[j] = a + …</c> adds to the element read before, but a store to <c>m[k]</c> comes between, and k is j for
    /// some j: the backward pass's clear of <c>dm[j]</c> and its adding back cannot cancel (they do in GMM's <c>m[j] += …</c>).
    /// </summary>
    [Differentiable(Derivatives.Hessian)]
    public static double AddedToWithAStoreBetween(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        Span<double> m = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            m[i] = x[i];
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double a = m[j];
                int k = j * j % n;
                m[k] = m[k] * 0.5 + x[j];
                m[j] = a + x[j] * x[i];
            }
        }

        double s = 0;
        for (int i = 0; i < n; i++)
        {
            s += m[i] * m[i] * (i + 1);
        }

        return s;
    }

    [Differentiable]
    public static double OutOfRangeWhenSkipped(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        Span<double> z = stackalloc double[n];
        for (int i = 0; i < n; i++)
        {
            z[i] = x[i] * x[i];
        }

        double s = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < n; i++)
            {
                // i + 1 is out of range at i = n − 1, where the inner loop runs no iteration.
                for (int j = i + 1; j < n; j++)
                {
                    s += Math.Cos(x[j] * r) * z[i + 1];
                }

                z[i] = z[i] * 0.5 + x[i];
            }
        }

        return s;
    }
}

public class InvariantReadTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void TriangularProduct(int n) => Agrees(InvariantReads.TriangularProduct, InvariantReads.TriangularProductGradient, n);

    [Fact]
    public void TriangularProductKnownValue()
    {
        // n = 2, x = (1, 0): z = x − 0.3r, m₀ = z₀(1 + r), m₁ = z₁(1 + r) + sin(x₁) z₀ = 0 + 0 · z₀ in round 0,
        // round 1: z = (0.7, −0.3), m = (1.4, −0.6 + sin(0) · 0.7) = (1.4, −0.6); s = 1 + 0 + 1.96 + 0.36.
        double[] g = new double[2];
        Close(1 + 1.96 + 0.36, InvariantReads.TriangularProductGradient([1, 0], g));

        // ∂s/∂x₀ = 2·1·1 + 2·1.4·2 = 7.6; ∂s/∂x₁: round 0 m₁ = x₁ + sin(x₁)·1 → 2·0·2 = 0; round 1
        // m₁ = 2(x₁ − 0.3) + sin(x₁)·0.7 → 2·(−0.6)·(2 + 0.7) = −3.24.
        Agree([7.6, -3.24], g, 1e-14);
    }

    [Fact]
    public void SecondOrder() => HessianAgrees(InvariantReads.TriangularProductGradient, InvariantReads.TriangularProductHessian, [0.3, 1.1, 0.7, 0.45]);

    [Fact]
    public void WrittenInTheInnerLoop() => Agrees(InvariantReads.WrittenInTheInnerLoop, InvariantReads.WrittenInTheInnerLoopGradient, 4);

    [Fact]
    public void WrittenThroughARefLocal() => Agrees(InvariantReads.WrittenThroughARefLocal, InvariantReads.WrittenThroughARefLocalGradient, 4);

    [Fact]
    public void WrittenByACallee() => Agrees(InvariantReads.WrittenByACallee, InvariantReads.WrittenByACalleeGradient, 4);

    [Fact]
    public void WrittenThroughAnAlias() => Agrees(InvariantReads.WrittenThroughAnAlias, InvariantReads.WrittenThroughAnAliasGradient, 4);

    [Fact]
    public void OutOfRangeOnlyWhereTheInnerLoopDoesNotRun() => Agrees(InvariantReads.OutOfRangeWhenSkipped, InvariantReads.OutOfRangeWhenSkippedGradient, 4);

    [Fact]
    public void AddedToWithAStoreBetween()
    {
        Agrees(InvariantReads.AddedToWithAStoreBetween, InvariantReads.AddedToWithAStoreBetweenGradient, 4);
        HessianAgrees(InvariantReads.AddedToWithAStoreBetweenGradient, InvariantReads.AddedToWithAStoreBetweenHessian, [0.3, 1.1, 0.7, 0.45]);
    }
}
