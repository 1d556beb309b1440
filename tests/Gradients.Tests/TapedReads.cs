using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Reads the backward pass takes again instead of from the tape (issue 9, GMM): elements of a table filled
/// before the loop, an element read twice or read back after a store, and the trip counts of nested loops
/// computed instead of saved. Each has twins where the shortcut would be wrong: the table is written later
/// (in the same loop, after the loop, through a ref local, by a callee, through a slice), an element is
/// written between two reads, the inner loop's bound moves.
/// </summary>
public static partial class TapedReads
{
    [Differentiable(Derivatives.Hessian)]
    public static double TableFilledBefore(ReadOnlySpan<double> x)
    {
        Span<double> q = stackalloc double[3];
        for (int i = 0; i < 3; i++)
        {
            q[i] = Math.Exp(x[i]);
        }

        double s = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < 3; i++)
            {
                s += q[i] * Math.Sin(x[i] * (r + 1));
            }
        }

        return s;
    }

    [Differentiable(Derivatives.Hessian)]
    public static double TableWrittenLaterInTheLoop(ReadOnlySpan<double> x)
    {
        double[] q = new double[3];
        for (int i = 0; i < 3; i++)
        {
            q[i] = x[i] * x[i];
        }

        double s = 0;
        for (int r = 0; r < 3; r++)
        {
            for (int i = 0; i < 3; i++)
            {
                s += q[i] * x[(i + r) % 3];
                q[i] = q[i] * x[(i + 1) % 3] + 0.5;
            }
        }

        return s;
    }

    [Differentiable]
    public static double TableWrittenAfterTheLoop(ReadOnlySpan<double> x)
    {
        double[] q = new double[3];
        for (int i = 0; i < 3; i++)
        {
            q[i] = x[i] * x[i];
        }

        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            s += q[i] * Math.Sin(x[i]);
        }

        q[1] = 5 * x[0];
        for (int i = 0; i < 3; i++)
        {
            s += q[i] * x[i];
        }

        return s;
    }

    [Differentiable]
    public static double TableWrittenThroughRefLocal(ReadOnlySpan<double> x)
    {
        double[] q = new double[3];
        for (int i = 0; i < 3; i++)
        {
            q[i] = x[i] * x[i];
        }

        double s = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < 3; i++)
            {
                s += q[i] * Math.Cos(x[i]);
                ref double e = ref q[i];
                e = e * x[2] - 1;
            }
        }

        return s;
    }

    [Differentiable]
    public static void Fill(double v, Span<double> o)
    {
        for (int i = 0; i < o.Length; i++)
        {
            o[i] = v * (i + 1);
        }
    }

    [Differentiable]
    public static double TableWrittenByCallee(ReadOnlySpan<double> x)
    {
        double[] q = new double[3];
        for (int i = 0; i < 3; i++)
        {
            q[i] = x[i] * x[i];
        }

        double s = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < 3; i++)
            {
                s += q[i] * Math.Sin(x[i]);
            }

            Fill(x[r], q);
        }

        return s;
    }

    [Differentiable]
    public static double TableWrittenThroughSlice(ReadOnlySpan<double> x)
    {
        Span<double> q = stackalloc double[3];
        for (int i = 0; i < 3; i++)
        {
            q[i] = x[i] * x[i];
        }

        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            s += q[i] * Math.Sin(x[i]);
        }

        Fill(x[0], q.Slice(1, 2));
        for (int i = 0; i < 3; i++)
        {
            s += q[i] * x[i];
        }

        return s;
    }

    [Differentiable(Derivatives.Hessian)]
    public static double SameElementTwice(ReadOnlySpan<double> x)
    {
        Span<double> m = stackalloc double[3];
        double s = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < 3; i++)
            {
                m[i] = x[i] * x[(i + r) % 3] - 0.3;
                double c = m[i] * m[i];
                s += c * m[i];
            }
        }

        return s;
    }

    [Differentiable]
    public static double ElementWrittenBetweenReads(ReadOnlySpan<double> x)
    {
        Span<double> m = stackalloc double[3];
        for (int i = 0; i < 3; i++)
        {
            m[i] = x[i];
        }

        double s = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < 3; i++)
            {
                double a = m[i];
                m[i] = m[i] * x[(i + 1) % 3];
                s += a * m[i];
                int j = (i + r) % 3;
                m[j] = m[j] + x[2];
                s += m[i] * m[i];
            }
        }

        return s;
    }

    [Differentiable(Derivatives.Hessian)]
    public static double Triangular(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double s = 0;
        for (int r = 0; r < 2; r++)
        {
            for (int i = 0; i < n; i++)
            {
                double t = x[i];
                for (int j = i + 1; j < n; j++)
                {
                    t *= Math.Sin(x[j] + r);
                }

                for (int j = 0; j <= i; j++)
                {
                    t *= x[j];
                }

                s += t;
            }
        }

        return s;
    }

    [Differentiable]
    public static double MovingBound(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            double t = x[i];
            int bound = 3;
            for (int j = 0; j < bound; j++)
            {
                t *= x[j];
                if (j == i)
                {
                    bound = j; // i + 1 iterations, and the bound ends at i
                }
            }

            for (int j = i; j < 3; j++)
            {
                if (j == 2 && i == 0)
                {
                    break;
                }

                t *= x[j] + 1;
            }

            s += t;
        }

        return s;
    }
}

public class TapedReadTests
{
    internal delegate double Function(ReadOnlySpan<double> x);

    internal delegate double GradientFunction(ReadOnlySpan<double> x, Span<double> dx);

    internal static void Agrees(Function f, GradientFunction gradient, int length)
    {
        var box = new (double, double)[length];
        Array.Fill(box, (0.2, 1.4));
        Sample(Box(box), p => f(p), p =>
        {
            double[] g = new double[length];
            double v = gradient(p, g);
            return (v, g);
        }, iterations: 40);
    }

    [Fact]
    public void TableFilledBeforeTheLoop() => Agrees(TapedReads.TableFilledBefore, TapedReads.TableFilledBeforeGradient, 3);

    [Fact]
    public void TableWrittenLaterInTheLoop() => Agrees(TapedReads.TableWrittenLaterInTheLoop, TapedReads.TableWrittenLaterInTheLoopGradient, 3);

    [Fact]
    public void TableWrittenAfterTheLoop() => Agrees(TapedReads.TableWrittenAfterTheLoop, TapedReads.TableWrittenAfterTheLoopGradient, 3);

    [Fact]
    public void TableWrittenThroughARefLocal() => Agrees(TapedReads.TableWrittenThroughRefLocal, TapedReads.TableWrittenThroughRefLocalGradient, 3);

    [Fact]
    public void TableWrittenByACallee() => Agrees(TapedReads.TableWrittenByCallee, TapedReads.TableWrittenByCalleeGradient, 3);

    [Fact]
    public void TableWrittenThroughASlice() => Agrees(TapedReads.TableWrittenThroughSlice, TapedReads.TableWrittenThroughSliceGradient, 3);

    [Fact]
    public void SameElementReadTwice() => Agrees(TapedReads.SameElementTwice, TapedReads.SameElementTwiceGradient, 3);

    [Fact]
    public void ElementWrittenBetweenTwoReads() => Agrees(TapedReads.ElementWrittenBetweenReads, TapedReads.ElementWrittenBetweenReadsGradient, 3);

    [Fact]
    public void TriangularNestCountsComputed()
    {
        Agrees(TapedReads.Triangular, TapedReads.TriangularGradient, 4);
        Agrees(TapedReads.Triangular, TapedReads.TriangularGradient, 1);
    }

    [Fact]
    public void MovingBoundAndBreakKeepTheirCounts() => Agrees(TapedReads.MovingBound, TapedReads.MovingBoundGradient, 3);

    internal delegate double HessianFunction(ReadOnlySpan<double> x, Span<double> gradient, Span<double> hessian);

    /// <summary>The second-order pass reads the same elements again: its Hessian is the central difference of the gradient.</summary>
    internal static void HessianAgrees(GradientFunction gradient, HessianFunction hessian, double[] x)
    {
        int n = x.Length;
        double[] g = new double[n], h = new double[n * n];
        hessian(x, g, h);
        for (int j = 0; j < n; j++)
        {
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[j] += 1e-5;
            minus[j] -= 1e-5;
            double[] gp = new double[n], gm = new double[n];
            gradient(plus, gp);
            gradient(minus, gm);
            for (int i = 0; i < n; i++)
            {
                Assert.True(RelativeError(h[i * n + j], (gp[i] - gm[i]) / 2e-5) < 1e-6 || Math.Abs(h[i * n + j] - (gp[i] - gm[i]) / 2e-5) < 1e-8, $"H[{i},{j}] = {h[i * n + j]}, difference {(gp[i] - gm[i]) / 2e-5}");
            }
        }
    }

    [Fact]
    public void SecondOrderReadsTheSameElements()
    {
        double[] x = [0.3, 1.1, 0.7, 0.45];
        HessianAgrees(TapedReads.TableFilledBeforeGradient, TapedReads.TableFilledBeforeHessian, x[..3]);
        HessianAgrees(TapedReads.TableWrittenLaterInTheLoopGradient, TapedReads.TableWrittenLaterInTheLoopHessian, x[..3]);
        HessianAgrees(TapedReads.SameElementTwiceGradient, TapedReads.SameElementTwiceHessian, x[..3]);
        HessianAgrees(TapedReads.TriangularGradient, TapedReads.TriangularHessian, x);
    }

    [Fact]
    public void KnownValues()
    {
        // s = Σ_r Σ_i e^{x_i} sin((r + 1) x_i): at x = 0 the value is 0 and ∂/∂x_i = 1 + 2.
        double[] g = new double[3];
        Assert.Equal(0.0, TapedReads.TableFilledBeforeGradient([0, 0, 0], g));
        Agree([3, 3, 3], g, 1e-15);

        // x = (1, 1, 1): m = 0.7 each time, s = 2·3·0.7³; ∂s/∂x_i = 2 · 3 m² · (∂m_i/∂x_i over both rounds).
        double[] h = new double[3];
        Close(6 * 0.343, TapedReads.SameElementTwiceGradient([1, 1, 1], h));
        Agree([3 * 0.49 * 4, 3 * 0.49 * 4, 3 * 0.49 * 4], h, 1e-14);
    }
}
