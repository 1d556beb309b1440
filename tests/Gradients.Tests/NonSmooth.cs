using System;
using SymbolicDiff;

namespace Gradients.Tests;

public static partial class Steps
{
    // d/dx = 1 everywhere, also on the jumps: the step functions contribute nothing
    [Differentiable]
    public static double AllSteps(double x) => x + Math.Floor(x) + Math.Ceiling(x) + Math.Round(x) + Math.Truncate(x) + Math.Sign(x);
}

/// <summary>The documented gradients at non-smooth points (SPEC: Max/Min split ties, Abs'(0) = 0).</summary>
public class NonSmoothTests
{
    [Theory]
    [InlineData(3, 1, 1, 0)]
    [InlineData(1, 3, 0, 1)]
    [InlineData(2, 2, 0.5, 0.5)]
    [InlineData(0, 0, 0.5, 0.5)]
    public void Max_RoutesToTheWinner_AndSplitsATie(double a, double b, double da, double db)
    {
        Assert.Equal(Math.Max(a, b), Fn.MaxGradient(a, b, out double ga, out double gb));
        Assert.Equal((da, db), (ga, gb));
        Assert.Equal((float)Math.Max(a, b), FnF.MaxGradient((float)a, (float)b, out float fa, out float fb));
        Assert.Equal(((float)da, (float)db), (fa, fb));
    }

    [Theory]
    [InlineData(3, 1, 0, 1)]
    [InlineData(1, 3, 1, 0)]
    [InlineData(-2, -2, 0.5, 0.5)]
    public void Min_RoutesToTheWinner_AndSplitsATie(double a, double b, double da, double db)
    {
        Assert.Equal(Math.Min(a, b), Fn.MinGradient(a, b, out double ga, out double gb));
        Assert.Equal((da, db), (ga, gb));
        Assert.Equal((float)Math.Min(a, b), FnF.MinGradient((float)a, (float)b, out float fa, out float fb));
        Assert.Equal(((float)da, (float)db), (fa, fb));
    }

    [Fact]
    public void MaxCircuit_WithTiedMax_SplitsTheTwo()
    {
        Cs231n.MaxCircuitGradient(3, -4, 2, 2, out double dx, out double dy, out double dz, out double dw);
        Assert.Equal((-8.0, 6.0, 1.0, 1.0), (dx, dy, dz, dw));
    }

    [Fact]
    public void Abs_HasSlopeZeroAtNegativeZero() => Abs_HasSlopeZeroAtZero(-0.0, 0.0);

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(2.0, 1.0)]
    [InlineData(-2.0, -1.0)]
    public void Abs_HasSlopeZeroAtZero(double x, double expected)
    {
        Assert.Equal(Math.Abs(x), Fn.AbsGradient(x, out double d));
        Assert.Equal(expected, d);
        FnF.AbsGradient((float)x, out float f);
        Assert.Equal((float)expected, f);
    }

    [Theory]
    [InlineData(0.5, 0.5, 1, 0, 0)]      // interior: v passes
    [InlineData(-2, -1, 0, 1, 0)]        // below: lo passes
    [InlineData(2, 1, 0, 0, 1)]          // above: hi passes
    [InlineData(-1, -1, 0.5, 0.5, 0)]    // tie at lo: split
    [InlineData(1, 1, 0.5, 0, 0.5)]      // tie at hi: split
    public void Clamp_RoutesToTheReturnedInput_AndSplitsTiesAtTheBounds(double v, double value, double dv, double dlo, double dhi)
    {
        Assert.Equal(value, Fn.ClampGradient(v, -1, 1, out double gv, out double glo, out double ghi));
        Assert.Equal((dv, dlo, dhi), (gv, glo, ghi));
        Assert.Equal((float)value, FnF.ClampGradient((float)v, -1, 1, out float fv, out float flo, out float fhi));
        Assert.Equal(((float)dv, (float)dlo, (float)dhi), (fv, flo, fhi));
    }

    [Theory]
    [InlineData(-2.5)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(0.5)]
    [InlineData(1.5)]
    [InlineData(2)]
    [InlineData(3.7)]
    public void StepFunctions_HaveZeroGradient_AlsoOnTheirJumps(double x)
    {
        Assert.Equal(Steps.AllSteps(x), Steps.AllStepsGradient(x, out double d));
        Assert.Equal(1.0, d);
        Fn.FloorGradient(x, out double floor);
        Fn.RoundGradient(x, out double round);
        Fn.SignGradient(x, out double sign);
        Fn.CeilingGradient(x, out double ceiling);
        Fn.TruncateGradient(x, out double truncate);
        // d/dx (x·step(x)) = step(x) + x·0
        Assert.Equal((Math.Floor(x), Math.Round(x), (double)Math.Sign(x), Math.Ceiling(x), Math.Truncate(x)), (floor, round, sign, ceiling, truncate));
    }

    [Theory]
    [InlineData(2.0, 0.0)]
    [InlineData(3.0, 0.0)]
    [InlineData(0.5, double.PositiveInfinity)]
    public void Pow_AtZeroBase_HasZeroExponentGradient(double b, double da)
    {
        Assert.Equal(0.0, Fn.PowGradient(0, b, out double ga, out double gb));
        Assert.Equal(0.0, gb);
        Assert.Equal(da, ga);
    }

    [Fact]
    public void Pow_AtNegativeBase_HasNaNExponentGradient_AsDocumented()
    {
        Assert.Equal(4.0, Fn.PowGradient(-2, 2, out double da, out double db));
        Assert.Equal(-4.0, da);
        Assert.True(double.IsNaN(db));
    }
}
