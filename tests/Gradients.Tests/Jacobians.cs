using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>Vector-valued methods with a Jacobian: built from forward columns, reverse rows, or whichever is fewer.</summary>
public static partial class Jc
{
    /// <summary>A sum of two decaying exponentials at the times t: y[i] = p0·exp(−p1·t[i]) + p2·exp(−p3·t[i]).</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
    public static void TwoExponentials(ReadOnlySpan<double> p, [NoDiff] ReadOnlySpan<double> t, Span<double> y)
    {
        for (int i = 0; i < t.Length; i++)
            y[i] = p[0] * Math.Exp(-p[1] * t[i]) + p[2] * Math.Exp(-p[3] * t[i]);
    }

    /// <summary>Two outputs, an array and a scalar input, a branch; forward columns only.</summary>
    [Differentiable(Derivatives.Forward)]
    public static void Split(ReadOnlySpan<double> x, double a, Span<double> sums, Span<double> products)
    {
        double s = 0;
        double p = 1;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] > 0 ? x[i] * a : Math.Sin(x[i]);
            p *= 1 + x[i] * x[i] * a;
            sums[i] = s;
        }
        products[0] = p;
        products[1] = Math.Log(p) * a;
    }

    /// <summary>Reverse rows only; the same function as <see cref="Split"/>.</summary>
    [Differentiable(Derivatives.Reverse)]
    public static void SplitByRows(ReadOnlySpan<double> x, double a, Span<double> sums, Span<double> products)
    {
        double s = 0;
        double p = 1;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] > 0 ? x[i] * a : Math.Sin(x[i]);
            p *= 1 + x[i] * x[i] * a;
            sums[i] = s;
        }
        products[0] = p;
        products[1] = Math.Log(p) * a;
    }
}

public class JacobianTests
{
    static double[] Exponentials(double[] p, double[] t)
    {
        var y = new double[t.Length];
        Jc.TwoExponentials(p, t, y);
        return y;
    }

    /// <summary>
    /// Against central differences and against the rows of stacked Backward calls, with more outputs than
    /// inputs (columns are fewer) and fewer (rows are fewer): the same matrix either way.
    /// </summary>
    [Theory]
    [InlineData(2)]  // 2 outputs, 4 inputs: reverse rows
    [InlineData(4)]  // equal: forward columns
    [InlineData(30)] // forward columns
    public void TwoExponentials_MatchesDifferencesAndBackwardRows(int outputs)
    {
        Gen.Select(Uniform(4, 0.2, 2), Uniform(outputs, 0, 3)).Sample((p, t) =>
        {
            double[] y = new double[outputs], jacobian = Enumerable.Repeat(double.NaN, outputs * 4).ToArray();
            Jc.TwoExponentialsJacobian(p, t, y, jacobian);
            Assert.Equal(Exponentials(p, t), y);

            double[] numeric = FiniteDifferenceJacobian(q => Exponentials(q, t), p, outputs);
            Agree(numeric, jacobian, 1e-7, "Jacobian against central differences", absolute: 1e-9);

            for (int r = 0; r < outputs; r++)
            {
                double[] dp = new double[4], dy = new double[outputs];
                dy[r] = 1;
                Jc.TwoExponentialsBackward(p, t, new double[outputs], dp, dy);
                Agree(dp, jacobian[(r * 4)..((r + 1) * 4)], 1e-13, $"row {r} against Backward", absolute: 1e-15);
            }
        });
    }

    /// <summary>Forward columns only and reverse rows only give the same Jacobian of the same function.</summary>
    [Fact]
    public void ColumnsOnlyAndRowsOnlyAgree()
    {
        Uniform(1, 8, -1.5, 1.5).Sample(drawn =>
        {
            // Split branches at x[i] = 0 (slopes a and 1): a central difference straddling it (|x[i]| < h) measures neither.
            double[] x = [.. drawn.Select(v => Math.Abs(v) < 1e-3 ? v + Math.CopySign(1e-3, v) : v)];
            int n = x.Length;
            double a = 0.7;
            int rows = n + 2, columns = n + 1;
            double[] byColumns = new double[rows * columns], byRows = new double[rows * columns];
            double[] sums = new double[n], products = new double[2], sums2 = new double[n], products2 = new double[2];
            Jc.SplitJacobian(x, a, sums, products, byColumns);
            Jc.SplitByRowsJacobian(x, a, sums2, products2, byRows);
            Assert.Equal(sums, sums2);
            Assert.Equal(products, products2);
            Agree(byRows, byColumns, 1e-12, "columns against rows", absolute: 1e-14);

            double[] Flat(double[] q)
            {
                double[] s = new double[n], p = new double[2];
                Jc.Split(q[..n], q[n], s, p);
                return [.. s, .. p];
            }

            Agree(FiniteDifferenceJacobian(Flat, [.. x, a], rows), byColumns, 1e-6, "Jacobian against central differences", absolute: 1e-8);
        });
    }

    [Fact]
    public void ShortJacobianThrowsNamingItAndBothLengths()
    {
        var error = Assert.Throws<ArgumentException>(() => Jc.TwoExponentialsJacobian(new double[4], new double[3], new double[3], new double[11]));
        Assert.Equal("jacobian", error.ParamName);
        Assert.Contains("has length 11 but outputs × inputs is 12", error.Message);
    }

    [Fact]
    public void Jacobian_AllocatesNothing()
    {
        double[] p = [1, 0.5, 2, 0.1], t = Enumerable.Range(0, 50).Select(i => i * 0.1).ToArray(), y = new double[50], jacobian = new double[200];
        Assert.Equal(0, AllocationTests.AllocatedBy(() => Jc.TwoExponentialsJacobian(p, t, y, jacobian), 200));
    }
}
