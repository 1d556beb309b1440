using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>Functions with second-order companions (Rosenbrock is <see cref="Lp.Rosenbrock"/>): the classic test problems, and constructs that need the tape.</summary>
public static partial class So
{
    [Differentiable(Derivatives.Hessian)]
    public static double Beale(double x, double y)
    {
        double a = 1.5 - x + x * y;
        double b = 2.25 - x + x * y * y;
        double c = 2.625 - x + x * y * y * y;
        return a * a + b * b + c * c;
    }

    /// <summary>cos(x·y): at x = 0 the adjoint of x·y is exactly 0 (−sin 0), while its tangent is not.</summary>
    [Differentiable(Derivatives.Hessian)]
    public static double CosOfProduct(double x, double y) => Math.Cos(x * y);

    /// <summary>½·xᵀAx + bᵀx, A n×n row-major: its Hessian is (A + Aᵀ)/2.</summary>
    [Differentiable(Derivatives.Hessian)]
    public static double Quadratic(double[] x, [NoDiff] double[] A, [NoDiff] double[] b)
    {
        int n = x.Length;
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            double row = 0;
            for (int j = 0; j < n; j++)
                row += A[i * n + j] * x[j];
            s += 0.5 * x[i] * row + b[i] * x[i];
        }
        return s;
    }

    /// <summary>
    /// A scalar and an array; a product the next iteration overwrites (on the tape, with its tangent), a
    /// branch, a local array written and read back, a ref local, a loop that breaks, Math functions.
    /// </summary>
    [Differentiable(Derivatives.Hessian | Derivatives.Forward)]
    public static double Mixed(double a, double[] w)
    {
        int n = w.Length;
        Span<double> h = stackalloc double[n];
        double p = 1;
        for (int i = 0; i < n; i++)
        {
            p *= Math.Tanh(w[i] * a) + 1.5;
            h[i] = w[i] > 0 ? p * w[i] : Math.Exp(w[i]) / (1 + a * a);
        }
        ref double last = ref h[n - 1];
        last = last * last;
        double s = 0;
        int k = 0;
        while (k < n)
        {
            s += Math.Sin(h[k]) * Math.Sqrt(1 + h[k] * h[k]);
            if (s > 50)
                break;
            k++;
        }
        return s * a + Math.Log(1 + p);
    }
}

public class SecondOrderTests
{
    /// <summary>A Hessian computed from products of the exact derivative code: entries to rounding, relative to the row's scale.</summary>
    const double HessianTolerance = 1e-12;

    static void AssertSymmetric(double[] hessian, int n)
    {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                Assert.True(Math.Abs(hessian[i * n + j] - hessian[j * n + i]) <= 1e-12 * Math.Max(1, Math.Abs(hessian[i * n + j])), $"H[{i},{j}] = {hessian[i * n + j]} but H[{j},{i}] = {hessian[j * n + i]}");
    }

    static void AssertHessian(double[] expected, double[] actual, int n)
    {
        double scale = expected.Max(Math.Abs);
        Agree(expected, actual, HessianTolerance, "Hessian", absolute: HessianTolerance * scale);
        AssertSymmetric(actual, n);
    }

    [Fact]
    public void Rosenbrock_AnalyticHessian()
    {
        Uniform(2, 12, -2, 2).Sample(x =>
        {
            int n = x.Length;
            var expected = new double[n * n];
            for (int i = 0; i < n - 1; i++)
            {
                expected[i * n + i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
                expected[(i + 1) * n + i + 1] += 200;
                expected[i * n + i + 1] = expected[(i + 1) * n + i] = -400 * x[i];
            }

            double[] gradient = new double[n], hessian = new double[n * n];
            double value = Lp.RosenbrockHessian(x, gradient, hessian);
            double[] reverse = new double[n];
            Assert.Equal(Lp.RosenbrockGradient(x, reverse), value);
            Assert.Equal(reverse, gradient);
            AssertHessian(expected, hessian, n);
        });
    }

    /// <summary>The zero-adjoint test of the reverse pass (F7) must not cut the tangent of a zero adjoint.</summary>
    [Fact]
    public void CosOfProduct_HessianWhereAnAdjointIsZero()
    {
        foreach (double x in new[] { 0.0, 0.7 })
        {
            const double y = 1.5;
            double t = x * y;
            double[] expected = [-Math.Cos(t) * y * y, -Math.Sin(t) - t * Math.Cos(t), -Math.Sin(t) - t * Math.Cos(t), -Math.Cos(t) * x * x];
            double[] gradient = new double[2], hessian = new double[4];
            So.CosOfProductHessian(x, y, gradient, hessian);
            AssertHessian(expected, hessian, 2);
        }
    }

    [Fact]
    public void Beale_AnalyticHessian()
    {
        Uniform(2, -4.5, 4.5).Sample(p =>
        {
            double x = p[0], y = p[1];
            double[] r = [1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y];
            double[][] grad = [[y - 1, x], [y * y - 1, 2 * x * y], [y * y * y - 1, 3 * x * y * y]];
            double[][] second = [[0, 1, 1, 0], [0, 2 * y, 2 * y, 2 * x], [0, 3 * y * y, 3 * y * y, 6 * x * y]];
            var expected = new double[4];
            for (int k = 0; k < 3; k++)
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 2; j++)
                        expected[i * 2 + j] += 2 * (grad[k][i] * grad[k][j] + r[k] * second[k][i * 2 + j]);

            double[] gradient = new double[2], hessian = new double[4];
            So.BealeHessian(x, y, gradient, hessian);
            AssertHessian(expected, hessian, 2);
        });
    }

    [Fact]
    public void QuadraticForm_HessianIsTheSymmetricPartOfA()
    {
        Gen.Int[1, 8].SelectMany(n => Gen.Select(Uniform(n, -2, 2), Uniform(n * n, -3, 3), Uniform(n, -1, 1))).Sample((x, A, b) =>
        {
            int n = x.Length;
            var expected = new double[n * n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    expected[i * n + j] = (A[i * n + j] + A[j * n + i]) / 2;
            double[] gradient = new double[n], hessian = new double[n * n];
            So.QuadraticHessian(x, A, b, gradient, hessian);
            AssertHessian(expected, hessian, n);
        });
    }

    /// <summary>H·v against central differences of the reverse-mode gradient along v, and against the dense Hessian times v.</summary>
    [Fact]
    public void Mixed_HessianVectorProductMatchesDifferencesOfTheGradient()
    {
        Gen.Int[1, 8].SelectMany(n => Gen.Select(Uniform(n + 1, -1.5, 1.5), Uniform(n + 1, -1, 1))).Sample((p, v) =>
        {
            int n = p.Length - 1;
            double a = p[0];
            double[] w = p[1..];
            double[] dw = new double[n], hvw = new double[n];
            double value = So.MixedHessianVectorProduct(a, w, v[0], v[1..], out double da, dw, out double hva, hvw);
            double[] hv = [hva, .. hvw];

            double[] reverse = new double[n];
            Assert.Equal(So.MixedGradient(a, w, out double ra, reverse), value);
            Assert.Equal([ra, .. reverse], [da, .. dw]);

            // each entry of H·v is the directional derivative of one gradient entry along v. Where it is above 1e8 the last
            // product, squared, is in the millions and Sin of it turns by about a hundred radians over one step of 1e-5:
            // differences there measure nothing (analytic −4.5e17 against "numeric" 3.9e16), and the dense Hessian below
            // is what checks those entries.
            Func<double[], double[]> gradient = q => { var g = new double[n]; So.MixedGradient(q[0], q[1..], out double g0, g); return [g0, .. g]; };
            for (int i = 0; i <= n; i++)
            {
                int entry = i;
                if (Math.Abs(hv[i]) <= 1e8)
                {
                    Check(s => gradient(Along(p, v, s[0]))[entry], [0.0], [hv[i]]);
                }
            }

            double[] g2 = new double[n + 1], hessian = new double[(n + 1) * (n + 1)];
            So.MixedHessian(a, w, g2, hessian);
            AssertSymmetric(hessian, n + 1);
            double[] product = Enumerable.Range(0, n + 1).Select(i => Enumerable.Range(0, n + 1).Sum(j => hessian[i * (n + 1) + j] * v[j])).ToArray();
            Agree(product, hv, 1e-10, "H·v", absolute: 1e-12 * hv.Max(Math.Abs));
        });
    }

    /// <summary>The Hessian against central differences of the gradient, column by column.</summary>
    [Fact]
    public void Mixed_HessianMatchesDifferencesOfTheGradient()
    {
        Uniform(2, 7, -1.5, 1.5).Sample(p =>
        {
            int n = p.Length;
            double[] gradient = new double[n], hessian = new double[n * n];
            So.MixedHessian(p[0], p[1..], gradient, hessian);
            for (int i = 0; i < n; i++)
            {
                int row = i;
                Check(q => { var g = new double[n - 1]; So.MixedGradient(q[0], q[1..], out double g0, g); return row == 0 ? g0 : g[row - 1]; }, p, hessian[(i * n)..((i + 1) * n)]);
            }
        });
    }

    [Fact]
    public void ShortSpansThrowNamingThemAndBothLengths()
    {
        double[] x = [1, 2, 3];
        var error = Assert.Throws<ArgumentException>(() => Lp.RosenbrockHessian(x, new double[3], new double[8]));
        Assert.Equal("hessian", error.ParamName);
        Assert.Contains("has length 8 but size × size is 9", error.Message);
        error = Assert.Throws<ArgumentException>(() => Lp.RosenbrockHessian(x, new double[2], new double[9]));
        Assert.Equal("gradient", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => Lp.RosenbrockHessianVectorProduct(x, new double[2], new double[3], new double[3]));
        Assert.Equal("vx", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => Lp.RosenbrockHessianVectorProduct(x, new double[3], new double[3], new double[2]));
        Assert.Equal("hvx", error.ParamName);
        Assert.Contains("has length 2 but x has length 3", error.Message);
    }

    [Fact]
    public void HessianVectorProductAndTangent_AllocateNothing()
    {
        var random = new Random(5);
        double[] w = Enumerable.Range(0, 200).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] v = Enumerable.Range(0, 200).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] dw = new double[200], hvw = new double[200];
        double sink = 0;
        Assert.Equal(0, AllocationTests.AllocatedBy(() => sink += So.MixedHessianVectorProduct(0.3, w, 1, v, out _, dw, out _, hvw), 200));
        Assert.Equal(0, AllocationTests.AllocatedBy(() => sink += So.MixedTangent(0.3, w, 1, v, out double t) + t, 200));
        Assert.Equal(0, AllocationTests.AllocatedBy(() => sink += Lp.RosenbrockHessianVectorProduct(w, v, dw, hvw), 200));
        Assert.True(double.IsFinite(sink));
    }
}
