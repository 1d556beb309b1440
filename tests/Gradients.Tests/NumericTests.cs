using System;
using Xunit.Sdk;

namespace Gradients.Tests;

/// <summary>The checker itself: it must pass right gradients and fail slightly wrong ones.</summary>
public class NumericTests
{
    [Theory]
    [InlineData(-2.0)]
    [InlineData(0.3)]
    [InlineData(1.5)]
    public void Check_AcceptsTheRightGradient_AndRejectsOneOffBy1e5(double x)
    {
        Func<double[], double> f = p => Math.Sin(p[0]) * Math.Exp(p[0]);
        double right = (Math.Cos(x) + Math.Sin(x)) * Math.Exp(x);

        Numeric.Check(f, [x], [right]);
        Assert.Throws<XunitException>(() => Numeric.Check(f, [x], [right * (1 + 1e-5)]));
    }

    [Fact]
    public void Check_RejectsAZeroGradientWhereTheTrueOneIsSmall() =>
        Assert.Throws<XunitException>(() => Numeric.Check(p => 1e-6 * p[0], [1.0], [0.0]));

    [Fact]
    public void RelativeError_IsThatOfTheNotes()
    {
        Assert.Equal(0.5, Numeric.RelativeError(1, 2));
        Assert.Equal(0.0, Numeric.RelativeError(1e-12, -1e-12));
        Assert.True(double.IsNaN(Numeric.RelativeError(double.NaN, 1)));
    }
}
