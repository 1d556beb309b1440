using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// foreach over a slice of a differentiable array (F52): each element is the array's element at the slice's start
/// plus the index, so its gradient reaches the array's adjoint. Before, the element was read as the slice's, a
/// constant to the generator, and every one of these gradients lost the slice's part, silently.
/// </summary>
public static partial class SliceLoops
{
    /// <summary>The finding: an exponential moving average's squared one-step errors, looping over prices[1..].</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double EmaLoss(ReadOnlySpan<double> prices, double alpha)
    {
        double ema = prices[0], loss = 0;
        foreach (double p in prices[1..])
        {
            loss += (p - ema) * (p - ema);
            ema = alpha * p + (1 - alpha) * ema;
        }

        return loss / (prices.Length - 1);
    }

    /// <summary>The slice's start read once (k++ in it), a slice of an array object, by value and by ref readonly.</summary>
    [Differentiable]
    public static double Windows(double[] x, int k)
    {
        double s = 0;
        foreach (double v in x.AsSpan(k, 2))
        {
            s += v * v;
        }

        foreach (ref readonly double v in x.AsSpan(k++))
        {
            s += Math.Sin(v) * k;
        }

        return s;
    }

    /// <summary>A sliding window's maximum, a slice per outer iteration.</summary>
    [Differentiable]
    public static double SlidingMax(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i + 2 <= x.Length; i++)
        {
            double m = double.NegativeInfinity;
            foreach (double v in x.Slice(i, 2))
            {
                m = Math.Max(m, v);
            }

            s += m * x[i];
        }

        return s;
    }

    [Differentiable]
    public static float TailF(ReadOnlySpan<float> x)
    {
        float s = 0;
        foreach (float v in x[1..])
        {
            s += v * v * x[0];
        }

        return s;
    }
}

public class SliceLoopTests
{
    /// <summary>prices (1, 2, 4), α = ½: errors 1 and 2.5 (ema 1, then 1.5); the gradient by hand.</summary>
    [Fact]
    public void EmaLoss_KnownValues()
    {
        double[] prices = [1, 2, 4], dp = new double[3];
        double value = SliceLoops.EmaLossGradient(prices, 0.5, dp, out double dalpha);
        Assert.Equal((1 + 6.25) / 2, value);
        // L = ((p1 − p0)² + (p2 − α·p1 − (1 − α)·p0)²) / 2, e1 = 1, e2 = 2.5
        Assert.Equal([(-2 * 1 + 2 * 2.5 * -0.5) / 2, (2 * 1 + 2 * 2.5 * -0.5) / 2, 2 * 2.5 / 2], dp);
        Assert.Equal(2 * 2.5 * -(2 - 1) / 2, dalpha);
    }

    [Fact]
    public void EmaLoss_MatchesDifferences() => Sample(
        Uniform(3, 9, -2, 2),
        p => SliceLoops.EmaLoss(p[1..], p[0]),
        p => { double[] dp = new double[p.Length - 1]; double v = SliceLoops.EmaLossGradient(p[1..], p[0], dp, out double da); return (v, [da, .. dp]); });

    [Fact]
    public void EmaLoss_TangentAndHessianVector()
    {
        ForwardChecks.Sample(
            Uniform(3, 8, -2, 2),
            p => SliceLoops.EmaLoss(p[1..], p[0]),
            (p, v) => (SliceLoops.EmaLossTangent(p[1..], p[0], v[1..], v[0], out double t), t),
            p => { double[] dp = new double[p.Length - 1]; SliceLoops.EmaLossGradient(p[1..], p[0], dp, out double da); return [da, .. dp]; });
        Uniform(3, 8, -2, 2).Sample(p =>
        {
            int n = p.Length - 1;
            double[] v = p.Select((_, i) => Math.Cos(i + 0.5)).ToArray(), dp = new double[n], hv = new double[n];
            SliceLoops.EmaLossHessianVectorProduct(p[1..], p[0], v[1..], v[0], dp, out _, hv, out double hva);
            for (int i = 0; i <= n; i++)
            {
                // row i of H·v is the derivative of the gradient's entry i along v
                int row = i;
                Check(t =>
                {
                    double[] q = Along(p, v, t[0]), g = new double[n];
                    SliceLoops.EmaLossGradient(q[1..], q[0], g, out double ga);
                    return row == 0 ? ga : g[row - 1];
                }, [0.0], [row == 0 ? hva : hv[row - 1]]);
            }
        });
    }

    /// <summary>x = (0.5, −1.2, 2, 0.7), k = 1: Σ over x[1..3) of v², then Σ over x[1..] of 2·sin v (k is 2 after k++).</summary>
    [Fact]
    public void Windows_KnownValuesAndDifferences()
    {
        double[] x = [0.5, -1.2, 2, 0.7], dx = new double[4];
        double value = SliceLoops.WindowsGradient(x, 1, dx);
        Assert.Equal(SliceLoops.Windows(x, 1), value);
        Close(1.44 + 4 + 2 * (Math.Sin(-1.2) + Math.Sin(2) + Math.Sin(0.7)), value, 1e-14);
        Agree([0, 2 * -1.2 + 2 * Math.Cos(-1.2), 2 * 2 + 2 * Math.Cos(2), 2 * Math.Cos(0.7)], dx, 1e-14, absolute: 1e-15);
        Sample(Uniform(4, 7, -2, 2), p => SliceLoops.Windows(p, 2), p => { double[] d = new double[p.Length]; return (SliceLoops.WindowsGradient(p, 2, d), d); });
    }

    [Fact]
    public void SlidingMax_MatchesDifferences() => Sample(
        Uniform(2, 8, -2, 2),
        p => SliceLoops.SlidingMax(p),
        p => { double[] d = new double[p.Length]; return (SliceLoops.SlidingMaxGradient(p, d), d); });

    /// <summary>Σ_{i ≥ 1} x_i²·x_0: ∂/∂x_0 = Σ x_i², ∂/∂x_i = 2·x_i·x_0.</summary>
    [Fact]
    public void Float_KnownGradient()
    {
        float[] x = [0.5f, -1.5f, 2f, 0.25f], dx = new float[4];
        float value = SliceLoops.TailFGradient(x, dx);
        Assert.Equal(SliceLoops.TailF(x), value);
        Assert.Equal([2.25f + 4f + 0.0625f, 2 * -1.5f * 0.5f, 2 * 2f * 0.5f, 2 * 0.25f * 0.5f], dx);
    }
}
