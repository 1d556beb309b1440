using System;
using System.Linq;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// A value the result reads but does not depend on (the max subtracted before a softmax's exponentials) gets no
/// gradient: the generator proves the result is the same for every shift of it and reads it as <c>Diff.Stop</c>
/// (issue 9, softmax). The gradient is then the exact one (softmax − onehot, summing to 0), where the chain rule
/// through the max left a residual of about 1e-16 on the maximum's entry. Twins where a too-bold proof would be
/// wrong keep the gradient through the max: a shift that does not cancel, a constant added to each term, the shift
/// kept in an array or passed to a callee, guarded by a throw.
/// </summary>
public static partial class Shifts
{
    [Differentiable]
    public static double SoftmaxLoss(ReadOnlySpan<double> s, int label)
    {
        double m = s[0];
        for (int i = 1; i < s.Length; i++)
        {
            m = Math.Max(m, s[i]);
        }

        double sum = 0.0;
        for (int i = 0; i < s.Length; i++)
        {
            sum += Math.Exp(s[i] - m);
        }

        return Math.Log(sum) - (s[label] - m);
    }

    /// <summary>log Σ exp: the max added back at the end, the sum started before the max loop, a running min too.</summary>
    [Differentiable]
    public static double LogSumExp(ReadOnlySpan<double> x)
    {
        double sum = 0;
        double m = double.NegativeInfinity;
        double low = x[0];
        for (int i = 0; i < x.Length; i++)
        {
            m = Math.Max(m, x[i]);
            low = Math.Min(low, x[i]);
        }

        for (int i = 0; i < x.Length; i++)
        {
            sum += Math.Exp(x[i] - m);
        }

        return m + Math.Log(sum) + 0.25 * low;
    }

    /// <summary>A decaying sum: every term keeps the factor e^(−c), so the result is still invariant.</summary>
    [Differentiable]
    public static double Discounted(ReadOnlySpan<double> x)
    {
        double m = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            m = Math.Max(m, x[i]);
        }

        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sum = sum * 0.5 + Math.Exp(x[i] - m) * x[i];
        }

        return Math.Log(sum) + m;
    }

    /// <summary>Not invariant: the max is not added back.</summary>
    [Differentiable]
    public static double NotAddedBack(ReadOnlySpan<double> s, int label)
    {
        double m = s[0];
        for (int i = 1; i < s.Length; i++)
        {
            m = Math.Max(m, s[i]);
        }

        double sum = 0.0;
        for (int i = 0; i < s.Length; i++)
        {
            sum += Math.Exp(s[i] - m);
        }

        return Math.Log(sum) - s[label];
    }

    /// <summary>Not invariant: the exponentials shift by 2m, the rest by m.</summary>
    [Differentiable]
    public static double TwiceTheShift(ReadOnlySpan<double> s)
    {
        double m = s[0];
        for (int i = 1; i < s.Length; i++)
        {
            m = Math.Max(m, s[i]);
        }

        double sum = 0.0;
        for (int i = 0; i < s.Length; i++)
        {
            sum += Math.Exp(s[i] - 2 * m);
        }

        return Math.Log(sum) + m;
    }

    /// <summary>Not invariant: a constant added to each term does not scale with e^(−c).</summary>
    [Differentiable]
    public static double ConstantPerTerm(ReadOnlySpan<double> s)
    {
        double m = s[0];
        for (int i = 1; i < s.Length; i++)
        {
            m = Math.Max(m, s[i]);
        }

        double sum = 0.0;
        for (int i = 0; i < s.Length; i++)
        {
            sum += Math.Exp(s[i] - m) + 1;
        }

        return Math.Log(sum) + m;
    }

    /// <summary>Invariant, but through an array element the proof does not follow: the max keeps its gradient (a residual).</summary>
    [Differentiable]
    public static double ShiftInAnArray(ReadOnlySpan<double> s)
    {
        double m = s[0];
        for (int i = 1; i < s.Length; i++)
        {
            m = Math.Max(m, s[i]);
        }

        double[] kept = new double[1];
        kept[0] = m;
        double sum = 0.0;
        for (int i = 0; i < s.Length; i++)
        {
            sum += Math.Exp(s[i] - kept[0]);
        }

        return Math.Log(sum) + m;
    }

    [Differentiable]
    public static double Plus(double a, double b) => a + b * b;

    /// <summary>Not invariant, through a callee the proof does not look into.</summary>
    [Differentiable]
    public static double ShiftThroughACallee(ReadOnlySpan<double> s)
    {
        double m = s[0];
        for (int i = 1; i < s.Length; i++)
        {
            m = Math.Max(m, s[i]);
        }

        double sum = 0.0;
        for (int i = 0; i < s.Length; i++)
        {
            sum += Math.Exp(s[i] - m);
        }

        return Plus(Math.Log(sum), m);
    }

    /// <summary>Invariant where it returns, but a guard on the shift decides whether it throws: no proof.</summary>
    [Differentiable]
    public static double GuardedShift(ReadOnlySpan<double> s)
    {
        double m = s[0];
        for (int i = 1; i < s.Length; i++)
        {
            m = Math.Max(m, s[i]);
        }

        if (m > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(s), "scores too large");
        }

        double sum = 0.0;
        for (int i = 0; i < s.Length; i++)
        {
            sum += Math.Exp(s[i] - m);
        }

        return Math.Log(sum) + m;
    }
}

public class ShiftInvarianceTests
{
    private delegate double Loss(ReadOnlySpan<double> s);

    private delegate double LossGradient(ReadOnlySpan<double> s, Span<double> ds);

    private static double[] Scores(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.NextDouble() * 6 - 3).ToArray();
    }

    /// <summary>softmax(s) − onehot(label), computed directly (in the order a hand-written gradient computes it).</summary>
    private static double[] SoftmaxMinusOneHot(double[] s, int label)
    {
        double m = s.Max();
        double sum = 0;
        foreach (double v in s)
        {
            sum += Math.Exp(v - m);
        }

        double inverse = 1 / sum;
        double[] g = s.Select(v => Math.Exp(v - m) * inverse).ToArray();
        g[label] = -1 + g[label];
        return g;
    }

    private static void AgreesWithDifferences(Loss f, LossGradient gradient, double[] x)
    {
        double[] g = new double[x.Length];
        Close(f(x), gradient(x, g), 1e-13);
        Check(p => f(p), x, g);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(50, 17)]
    [InlineData(1000, 417)]
    public void SoftmaxLossIsSoftmaxMinusOneHot(int n, int label)
    {
        double[] s = Scores(n, n);
        double[] g = new double[n];
        Shifts.SoftmaxLossGradient(s, label, g);
        Agree(SoftmaxMinusOneHot(s, label), g, 1e-12, absolute: 1e-17);
        if (n <= 50)
        {
            AgreesWithDifferences(p => Shifts.SoftmaxLoss(p, label), (p, d) => Shifts.SoftmaxLossGradient(p, label, d), s);
        }
    }

    [Fact]
    public void TiesGetNoResidual()
    {
        // through the max, 1 − Σ softmax (not 0 in floating point) went to the maximum's entries, split ½ on a tie
        foreach (double[] s in new[] { [0.1, 0.1, 0.1, 0.1, 0.1], [2, 0.5, 2, -1, 0.7], Scores(7, 1).Select(v => Math.Round(v)).ToArray() })
        {
            double[] ds = new double[s.Length];
            Shifts.SoftmaxLossGradient(s, 1, ds);
            Assert.Equal(SoftmaxMinusOneHot(s, 1), ds);
        }
    }

    [Fact]
    public void InfinitiesAndNaN()
    {
        // exp(−∞) = 0: that score gets nothing but its one-hot part, the others the softmax of the rest
        double[] g = new double[3];
        double value = Shifts.SoftmaxLossGradient([double.NegativeInfinity, 1, 2], 1, g);
        Assert.Equal(Math.Log(Math.Exp(-1) + 1) + 1, value, 1e-15);
        Assert.Equal(SoftmaxMinusOneHot([double.NegativeInfinity, 1, 2], 1), g);

        // a NaN score makes the max, the loss and every entry NaN, as the function is
        Assert.True(double.IsNaN(Shifts.SoftmaxLossGradient([0.5, double.NaN, 1], 0, g)));
        Assert.All(g, v => Assert.True(double.IsNaN(v)));

        // +∞: ∞ − ∞ in the exponentials, NaN as the function is
        Assert.True(double.IsNaN(Shifts.SoftmaxLossGradient([0.5, double.PositiveInfinity, 1], 0, g)));
    }

    [Fact]
    public void LogSumExpIsSoftmax()
    {
        double[] x = Scores(20, 3);
        double[] g = new double[20];
        Shifts.LogSumExpGradient(x, g);
        double[] expected = SoftmaxMinusOneHot(x, 0);
        expected[0] += 1;
        int low = Array.IndexOf(x, x.Min());
        expected[low] += 0.25;
        Agree(expected, g, 1e-12, absolute: 1e-17);
        AgreesWithDifferences(Shifts.LogSumExp, Shifts.LogSumExpGradient, x);
    }

    [Fact]
    public void DiscountedSum() => AgreesWithDifferences(Shifts.Discounted, Shifts.DiscountedGradient, Scores(12, 4).Select(v => Math.Abs(v) + 0.1).ToArray());

    [Theory]
    [InlineData(2)]
    [InlineData(30)]
    public void NotInvariantKeepsTheGradientThroughTheMax(int n)
    {
        double[] s = Scores(n, n + 2);
        AgreesWithDifferences(p => Shifts.NotAddedBack(p, 0), (p, d) => Shifts.NotAddedBackGradient(p, 0, d), s);
        AgreesWithDifferences(Shifts.TwiceTheShift, Shifts.TwiceTheShiftGradient, s);
        AgreesWithDifferences(Shifts.ConstantPerTerm, Shifts.ConstantPerTermGradient, s);
        AgreesWithDifferences(Shifts.ShiftInAnArray, Shifts.ShiftInAnArrayGradient, s);
        AgreesWithDifferences(Shifts.ShiftThroughACallee, Shifts.ShiftThroughACalleeGradient, s);
        AgreesWithDifferences(Shifts.GuardedShift, Shifts.GuardedShiftGradient, s);

        // the max's own share: ∂/∂s[argmax] of −m is −1 on top of the softmax
        double[] g = new double[n];
        Shifts.NotAddedBackGradient(s, 0, g);
        double[] expected = SoftmaxMinusOneHot(s, 0);
        expected[Array.IndexOf(s, s.Max())] -= 1;
        Agree(expected, g, 1e-12, absolute: 1e-15);
    }

    [Fact]
    public void AGuardOnTheShiftStillThrows()
    {
        double[] g = new double[2];
        Assert.Throws<ArgumentOutOfRangeException>(() => Shifts.GuardedShiftGradient([1, 200], g));
    }
}
