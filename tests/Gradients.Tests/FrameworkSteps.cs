using System;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// F45: a static function of .NET given a differentiable number and giving an integer, a bool or text is a step of
/// it, as Floor is: <c>Array.BinarySearch(knots, t)</c> finds the interval a curve interpolates in (it was SDIFF0004).
/// </summary>
public static partial class FrameworkSteps
{
    /// <summary>A discount factor from a zero curve interpolated linearly between knots: a pricing library's first line.</summary>
    [Differentiable(Derivatives.Reverse | Derivatives.Forward | Derivatives.Hessian)]
    public static double Discount(double t, [NoDiff] double[] knots, double[] rates)
    {
        int i = Array.BinarySearch(knots, t);
        if (i < 0) i = ~i - 1;
        i = Math.Clamp(i, 0, knots.Length - 2);
        double w = (t - knots[i]) / (knots[i + 1] - knots[i]);
        double r = rates[i] * (1 - w) + rates[i + 1] * w;
        return Math.Exp(-r * t);
    }

    /// <summary>Steps of a differentiable value from Convert and BitConverter, and text, read as constants.</summary>
    [Differentiable]
    public static double Bucketed(double x, double y)
    {
        int bucket = Convert.ToInt32(x * 4); // rounds half to even: a step of x
        long bits = BitConverter.DoubleToInt64Bits(y);
        string label = Convert.ToString(x, System.Globalization.CultureInfo.InvariantCulture);
        return (bucket + 1) * x * y + (bits > 0 ? y * y : -y) + label.Length;
    }
}

public class FrameworkStepTests
{
    private static readonly double[] Knots = [0, 1, 2, 5, 10];
    private static readonly double[] Rates = [0.01, 0.02, 0.025, 0.03, 0.035];

    [Theory]
    [InlineData(0.3)]
    [InlineData(3.3)]
    [InlineData(7.9)]
    [InlineData(12.0)] // beyond the last knot: extrapolated from the last interval
    public void InterpolatedDiscount_MatchesFiniteDifferences(double t)
    {
        double[] rates = [.. Rates];
        var drates = new double[rates.Length];
        double value = FrameworkSteps.DiscountGradient(t, Knots, rates, out double dt, drates);
        Assert.Equal(FrameworkSteps.Discount(t, Knots, rates), value);
        Check(p => FrameworkSteps.Discount(p[0], Knots, p[1..]), [t, .. rates], [dt, .. drates]);
    }

    [Fact]
    public void InterpolatedDiscount_OnlyTheTwoRatesOfItsIntervalGetAGradient()
    {
        var drates = new double[Rates.Length];
        FrameworkSteps.DiscountGradient(3.3, Knots, Rates, out _, drates);
        Assert.Equal([0.0, 0.0], drates[..2]);
        Assert.NotEqual(0.0, drates[2]);
        Assert.NotEqual(0.0, drates[3]);
        Assert.Equal(0.0, drates[4]);
    }

    [Fact]
    public void InterpolatedDiscount_TangentAndHessianAgreeWithTheGradient()
    {
        const double t = 3.3;
        double[] direction = [0.5, 1, -2, 3, 0.25, -1];
        var drates = new double[Rates.Length];
        FrameworkSteps.DiscountGradient(t, Knots, Rates, out double dt, drates);
        FrameworkSteps.DiscountTangent(t, Knots, Rates, direction[0], direction[1..], out double tangent);
        double[] gradient = [dt, .. drates];
        double expected = 0;
        for (int k = 0; k < gradient.Length; k++) expected += gradient[k] * direction[k];
        Close(expected, tangent);

        // H·v by central differences of the (checked) gradient along v.
        var hv = new double[gradient.Length];
        FrameworkSteps.DiscountHessianVectorProduct(t, Knots, Rates, direction[0], direction[1..], out _, new double[Rates.Length], out double hvt, hv.AsSpan(1));
        hv[0] = hvt;
        double[] numeric = Gradient(p => GradientAlong(p, direction), [0.0]).Gradient;
        Agree([numeric[0]], [Dot(hv, direction)], 1e-6, "vᵀHv");

        static double GradientAlong(double[] s, double[] v)
        {
            double[] r = [.. Rates];
            for (int k = 0; k < r.Length; k++) r[k] += s[0] * v[k + 1];
            var g = new double[r.Length];
            FrameworkSteps.DiscountGradient(3.3 + s[0] * v[0], Knots, r, out double gt, g);
            return Dot([gt, .. g], v);
        }
    }

    [Theory]
    [InlineData(0.3, 1.7)]
    [InlineData(1.1, -0.4)]
    [InlineData(-2.6, 2.2)]
    public void StepsFromConvertAndBitConverter_MatchFiniteDifferences(double x, double y)
    {
        double value = FrameworkSteps.BucketedGradient(x, y, out double dx, out double dy);
        Assert.Equal(FrameworkSteps.Bucketed(x, y), value);
        Check(p => FrameworkSteps.Bucketed(p[0], p[1]), [x, y], [dx, dy]);
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++) s += a[k] * b[k];
        return s;
    }
}
