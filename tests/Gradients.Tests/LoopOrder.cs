using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Loops whose reverse iterations run in forward order, or inside the forward loop (one pass), and loops
/// that look alike but must be reversed: their iterations read what other iterations' adjoints change.
/// </summary>
public static partial class LoopOrder
{
    // ---- iterations that commute: forward order, fused into the forward loop when the adjoints they read are known first ----

    /// <summary>Rosenbrock: every term adds into the sum; fused.</summary>
    [Differentiable]
    public static double Rosenbrock(double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length - 1; i++)
        {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
        }

        return s;
    }

    /// <summary>Adds into dx[i + 1] only: the carried adjoint goes to the element after the last index.</summary>
    [Differentiable]
    public static double NextOnly(double[] x)
    {
        double s = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            s += Math.Sin(x[i + 1]) * (i + 1);
        }

        return s;
    }

    /// <summary>The sum's adjoint is seed·w, known before the loop; w's own adjoint needs the sum, after it.</summary>
    [Differentiable]
    public static double ScaledSquares(double[] x, double w)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i];
        }

        return w * s;
    }

    /// <summary>Each term adds into a scalar parameter's adjoint (dmu) too.</summary>
    [Differentiable]
    public static double Variance(double[] x, double mu)
    {
        double s = 0;
        foreach (double v in x)
        {
            double d = v - mu;
            s += d * d;
        }

        return s / x.Length;
    }

    /// <summary>The sum's adjoint depends on both sums: the loops run forward, after the forward pass.</summary>
    [Differentiable]
    public static double CubesOverSquares(double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i];
        }

        double t = 0;
        for (int i = 0; i < x.Length; i++)
        {
            t += x[i] * x[i] * x[i];
        }

        return t / s;
    }

    /// <summary>x'Ax over a rectangular nest: both loops only add into s.</summary>
    [Differentiable]
    public static double Quadratic(double[] a, double[] x)
    {
        int n = x.Length;
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                s += a[i * n + j] * x[i] * x[j];
            }
        }

        return s;
    }

    /// <summary>A triangular nest: the inner trip count depends on i.</summary>
    [Differentiable]
    public static double Triangle(double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                s += Math.Sin(x[i] * x[j]);
            }
        }

        return s;
    }

    /// <summary>The loop adds into the adjoint of a local computed before it (dm), which is not the seed.</summary>
    [Differentiable]
    public static double SharedFactor(double[] x, double y)
    {
        double m = Math.Exp(y);
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += m * x[i] * x[i];
        }

        return s;
    }

    /// <summary>A call to a differentiable method in the body: its pullback adds into this iteration's adjoints.</summary>
    [Differentiable]
    public static double LogisticLoss(double[] w, [NoDiff] double[] features, [NoDiff] double[] labels)
    {
        int d = w.Length;
        double loss = 0;
        for (int k = 0; k < labels.Length; k++)
        {
            double z = 0;
            for (int j = 0; j < d; j++)
            {
                z += w[j] * features[k * d + j];
            }

            loss += Softplus(z) - labels[k] * z;
        }

        return loss / labels.Length;
    }

    [Differentiable]
    public static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));

    /// <summary>continue skips a term, not the rest of the loop: still only additions.</summary>
    [Differentiable]
    public static double PositiveCubes(double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] < 0)
            {
                continue;
            }

            s += x[i] * x[i] * x[i];
        }

        return s;
    }

    /// <summary>Two loops add into the same variable one after the other.</summary>
    [Differentiable]
    public static double TwoLoopsOneSum(double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Math.Sin(x[i]);
        }

        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i];
        }

        return s;
    }

    /// <summary>A counter that steps by two and a bound that is a parameter.</summary>
    [Differentiable]
    public static double EveryOther(double[] x, int n)
    {
        double s = 0;
        for (int i = 1; i < n; i += 2)
        {
            s += x[i] * x[i - 1];
        }

        return s;
    }

    // ---- iterations that depend on one another: must run in reverse ----

    /// <summary>A product: each iteration's adjoint of p depends on the later factors.</summary>
    [Differentiable]
    public static double Product(double[] x)
    {
        double p = 1;
        for (int i = 0; i < x.Length; i++)
        {
            p *= x[i];
        }

        return p;
    }

    /// <summary>The accumulator is read by its own term: s's adjoint changes from one iteration to the next.</summary>
    [Differentiable]
    public static double Compound(double[] x)
    {
        double s = 1;
        for (int i = 0; i < x.Length; i++)
        {
            s += s * x[i];
        }

        return s;
    }

    /// <summary>A decaying sum: s's adjoint is halved from one reverse iteration to the next (nothing on the tape).</summary>
    [Differentiable]
    public static double Decay(double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s = 0.5 * s + x[i] * x[i];
        }

        return s;
    }

    /// <summary>t adds up the running sums: every later iteration adds to s's adjoint (nothing on the tape).</summary>
    [Differentiable]
    public static double RunningTotal(double[] x)
    {
        double s = 0;
        double t = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i];
            t += s;
        }

        return t;
    }

    /// <summary>A break at a fixed index: the flag ends the loop (the only fast-path guard it meets).</summary>
    [Differentiable]
    public static double SumFirst(double[] x, int k)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (i >= k)
            {
                break;
            }

            s += x[i] * x[i];
        }

        return s;
    }

    /// <summary>A break: which iterations ran depends on the sum so far.</summary>
    [Differentiable]
    public static double SumUntil(double[] x, double limit)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (s > limit)
            {
                break;
            }

            s += x[i] * x[i];
        }

        return s;
    }

    /// <summary>Element writes read by the next iteration (a recurrence through an array).</summary>
    [Differentiable]
    public static double Recurrence(double[] x)
    {
        double[] c = new double[x.Length];
        c[0] = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            c[i] = 0.5 * c[i - 1] + x[i] * x[i];
        }

        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += c[i] * c[i];
        }

        return s;
    }

    /// <summary>The inner loops commute, the outer one does not (s is halved every outer iteration).</summary>
    [Differentiable]
    public static double HalvedRows(double[] x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s *= 0.5;
            for (int j = 0; j < x.Length; j++)
            {
                s += x[i] * x[j] * x[j];
            }
        }

        return s;
    }

    // ---- Diff.Stop ----

    /// <summary>Softmax cross-entropy with the max shift stopped: the same gradient, since the loss does not depend on the shift.</summary>
    [Differentiable]
    public static double SoftmaxCrossEntropy(double[] scores, int label)
    {
        double m = scores[0];
        for (int i = 1; i < scores.Length; i++)
        {
            m = Math.Max(m, scores[i]);
        }

        double shift = Diff.Stop(m);
        double sum = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            sum += Math.Exp(scores[i] - shift);
        }

        return Math.Log(sum) - (scores[label] - shift);
    }

    /// <summary>x · stop(x): the gradient is x, not 2x.</summary>
    [Differentiable]
    public static double TimesStopped(double x) => x * Diff.Stop(x);

    /// <summary>float, inside a loop.</summary>
    [Differentiable]
    public static float StoppedScale(float[] x)
    {
        float s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * Diff.Stop(x[i]);
        }

        return s;
    }
}

public class LoopOrderTests
{
    internal static (double, double[]) With(double[] x, Func<double[], double[], double> gradient)
    {
        double[] g = new double[x.Length];
        return (gradient(x, g), g);
    }

    /// <summary>n coordinates, each in [lo, hi].</summary>
    private static Gen<double[]> Points(int n, double lo = -2, double hi = 2) => Box(Enumerable.Repeat((lo, hi), n).ToArray());

    [Fact]
    public void Rosenbrock_MatchesFiniteDifferencesAndTheKnownGradient()
    {
        double[] dx = new double[3];
        // s = 100(x1 − x0²)² + (1 − x0)² + 100(x2 − x1²)² + (1 − x1)², at (1, 2, 3): 100 + 0 + 100 + 1
        Assert.Equal(201.0, LoopOrder.RosenbrockGradient([1, 2, 3], dx));
        // ∂/∂x0 = −400·x0·(x1 − x0²) − 2(1 − x0) = −400; ∂/∂x1 = 200(x1 − x0²) − 400·x1·(x2 − x1²) − 2(1 − x1) = 200 + 800 + 2
        // ∂/∂x2 = 200(x2 − x1²) = −200
        Assert.Equal([-400.0, 1002.0, -200.0], dx);
        Sample(Points(5), LoopOrder.Rosenbrock, x => With(x, (p, g) => LoopOrder.RosenbrockGradient(p, g)));
    }

    [Fact]
    public void Rosenbrock_OfOneOrNoCoordinate_IsZero()
    {
        double[] one = [double.NaN];
        Assert.Equal(0.0, LoopOrder.RosenbrockGradient([3], one));
        Assert.Equal([0.0], one);
        Assert.Equal(0.0, LoopOrder.RosenbrockGradient([], []));
    }

    [Fact]
    public void NextOnly_MatchesFiniteDifferences()
    {
        double[] dx = new double[3];
        LoopOrder.NextOnlyGradient([5, 0, 0], dx);
        Assert.Equal([0.0, 1.0, 2.0], dx);
        Sample(Points(4), LoopOrder.NextOnly, x => With(x, (p, g) => LoopOrder.NextOnlyGradient(p, g)));
        Assert.Equal(0.0, LoopOrder.NextOnlyGradient([1], new double[1]));
    }

    [Fact]
    public void ScaledSquares_MatchesFiniteDifferences() =>
        Sample(Points(5), p => LoopOrder.ScaledSquares(p[..4], p[4]), p =>
        {
            double[] g = new double[4];
            double f = LoopOrder.ScaledSquaresGradient(p[..4], p[4], g, out double dw);
            return (f, [.. g, dw]);
        });

    [Fact]
    public void Variance_MatchesFiniteDifferences() =>
        Sample(Points(5), p => LoopOrder.Variance(p[..4], p[4]), p =>
        {
            double[] g = new double[4];
            double f = LoopOrder.VarianceGradient(p[..4], p[4], g, out double dmu);
            return (f, [.. g, dmu]);
        });

    [Fact]
    public void CubesOverSquares_MatchesFiniteDifferences() =>
        Sample(Points(4, 0.5, 2), LoopOrder.CubesOverSquares, x => With(x, (p, g) => LoopOrder.CubesOverSquaresGradient(p, g)));

    /// <summary>
    /// Quadratic in each input, so central differences have no truncation error and a long step (1e-3) keeps
    /// their rounding small: where the terms cancel, |f| understates the rounding the noise bound allows for
    /// (seed dipZsU-XiRn5: ∂f/∂a₄ = x₁² = 9.3e-10, off by 8e-12 with h = 1e-5).
    /// </summary>
    [Fact]
    public void Quadratic_MatchesFiniteDifferences() =>
        Sample(Points(12), p => LoopOrder.Quadratic(p[..9], p[9..]), p =>
        {
            double[] da = new double[9];
            double[] dx = new double[3];
            double f = LoopOrder.QuadraticGradient(p[..9], p[9..], da, dx);
            return (f, [.. da, .. dx]);
        }, h: 1e-3);

    [Fact]
    public void Triangle_MatchesFiniteDifferences() =>
        Sample(Points(4), LoopOrder.Triangle, x => With(x, (p, g) => LoopOrder.TriangleGradient(p, g)));

    [Fact]
    public void SharedFactor_MatchesFiniteDifferences() =>
        Sample(Points(4), p => LoopOrder.SharedFactor(p[..3], p[3]), p =>
        {
            double[] g = new double[3];
            double f = LoopOrder.SharedFactorGradient(p[..3], p[3], g, out double dy);
            return (f, [.. g, dy]);
        });

    [Fact]
    public void LogisticLoss_MatchesFiniteDifferences()
    {
        double[] features = [0.5, -1, 2, 1.5, 0.25, -0.75, -2, 1, 0.1];
        double[] labels = [1, 0, 1];
        Sample(Points(3), w => LoopOrder.LogisticLoss(w, features, labels), w => With(w, (x, g) => LoopOrder.LogisticLossGradient(x, features, labels, g)));
    }

    [Fact]
    public void ContinueInsideASum_MatchesFiniteDifferences() =>
        Sample(Points(5).Where(p => Array.TrueForAll(p, v => Math.Abs(v) > 1e-3)), LoopOrder.PositiveCubes, x => With(x, (p, g) => LoopOrder.PositiveCubesGradient(p, g)));

    [Fact]
    public void TwoLoopsOneSum_MatchesFiniteDifferences() =>
        Sample(Points(4), LoopOrder.TwoLoopsOneSum, x => With(x, (p, g) => LoopOrder.TwoLoopsOneSumGradient(p, g)));

    [Fact]
    public void EveryOther_MatchesFiniteDifferences()
    {
        for (int n = 0; n <= 6; n++)
        {
            Sample(Points(6), x => LoopOrder.EveryOther(x, n), x => With(x, (p, g) => LoopOrder.EveryOtherGradient(p, n, g)), iterations: 30);
        }
    }

    [Fact]
    public void Product_MatchesFiniteDifferences()
    {
        double[] dx = new double[3];
        Assert.Equal(24.0, LoopOrder.ProductGradient([2, 3, 4], dx));
        Assert.Equal([12.0, 8.0, 6.0], dx);
        Sample(Points(4), LoopOrder.Product, x => With(x, (p, g) => LoopOrder.ProductGradient(p, g)));
    }

    [Fact]
    public void Compound_MatchesFiniteDifferences()
    {
        double[] dx = new double[2];
        // s = (1 + x0)(1 + x1)
        Assert.Equal(12.0, LoopOrder.CompoundGradient([2, 3], dx));
        Assert.Equal([4.0, 3.0], dx);
        Sample(Points(4), LoopOrder.Compound, x => With(x, (p, g) => LoopOrder.CompoundGradient(p, g)));
    }

    [Fact]
    public void Decay_MatchesFiniteDifferences()
    {
        double[] dx = new double[3];
        // s = 0.25·x0² + 0.5·x1² + x2²
        Assert.Equal(0.25 + 2 + 9, LoopOrder.DecayGradient([1, 2, 3], dx));
        Assert.Equal([0.5, 2.0, 6.0], dx);
        Sample(Points(4), LoopOrder.Decay, x => With(x, (p, g) => LoopOrder.DecayGradient(p, g)));
    }

    [Fact]
    public void RunningTotal_MatchesFiniteDifferences()
    {
        double[] dx = new double[3];
        // t = 3·x0² + 2·x1² + x2²
        Assert.Equal(3 + 8 + 9, LoopOrder.RunningTotalGradient([1, 2, 3], dx));
        Assert.Equal([6.0, 8.0, 6.0], dx);
        Sample(Points(4), LoopOrder.RunningTotal, x => With(x, (p, g) => LoopOrder.RunningTotalGradient(p, g)));
    }

    [Fact]
    public void SumFirst_MatchesTheKnownGradient()
    {
        for (int k = 0; k <= 4; k++)
        {
            double[] dx = new double[3];
            LoopOrder.SumFirstGradient([1, 2, 3], k, dx);
            Assert.Equal(new[] { 2.0, 4.0, 6.0 }.Select((v, i) => i < k ? v : 0), dx);
        }
    }

    [Fact]
    public void SumUntil_MatchesFiniteDifferences()
    {
        double[] dx = new double[4];
        // 1 + 4 = 5 > 4.5 stops before x2: only x0 and x1 count
        Assert.Equal(5.0, LoopOrder.SumUntilGradient([1, 2, 3, 4], 4.5, dx, out double dlimit));
        Assert.Equal([2.0, 4.0, 0.0, 0.0], dx);
        Assert.Equal(0.0, dlimit);
        Sample(
            Points(5, 0, 2).Where(p => Array.TrueForAll(PartialSums(p), s => Math.Abs(s - 1.5) > 1e-3)),
            x => LoopOrder.SumUntil(x, 1.5),
            x => With(x, (p, g) => LoopOrder.SumUntilGradient(p, 1.5, g, out _)));
    }

    private static double[] PartialSums(double[] x)
    {
        double[] sums = new double[x.Length];
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i];
            sums[i] = s;
        }

        return sums;
    }

    [Fact]
    public void Recurrence_MatchesFiniteDifferences() =>
        Sample(Points(4), LoopOrder.Recurrence, x => With(x, (p, g) => LoopOrder.RecurrenceGradient(p, g)));

    [Fact]
    public void HalvedRows_MatchesFiniteDifferences() =>
        Sample(Points(3), LoopOrder.HalvedRows, x => With(x, (p, g) => LoopOrder.HalvedRowsGradient(p, g)));

    [Fact]
    public void StoppedSoftmaxShift_GivesTheFullGradient()
    {
        Sample(Points(5, -3, 3), s => LoopOrder.SoftmaxCrossEntropy(s, 2), s => With(s, (p, g) => LoopOrder.SoftmaxCrossEntropyGradient(p, 2, g)));

        // softmax(s) − onehot(label), by hand
        double[] scores = [1, 3, -2, 0.5];
        double[] d = new double[4];
        LoopOrder.SoftmaxCrossEntropyGradient(scores, 1, d);
        double sum = 0;
        foreach (double v in scores)
        {
            sum += Math.Exp(v);
        }

        for (int i = 0; i < 4; i++)
        {
            Close(Math.Exp(scores[i]) / sum - (i == 1 ? 1 : 0), d[i]);
        }
    }

    [Fact]
    public void Stop_TakesItsArgumentAsAConstant()
    {
        Assert.Equal(9.0, LoopOrder.TimesStoppedGradient(3, out double dx));
        Assert.Equal(3.0, dx);

        float[] g = new float[2];
        Assert.Equal(13f, LoopOrder.StoppedScaleGradient([2f, 3f], g));
        Assert.Equal([2f, 3f], g);
    }
}
