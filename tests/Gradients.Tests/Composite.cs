using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

public static partial class Comp
{
    private static readonly double Field = 1.5;
    private const double K = 3;

    private static double Prop => 0.25;

    [Differentiable] public static double Square(double x) => x * x;

    [Differentiable] public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    // same type, another partial type, nested calls
    [Differentiable] public static double Chain(double x, double y) => Sigmoid(Square(x) + y) * Other.Scale(x, y);

    // a constant argument for a differentiable parameter; a call whose arguments are all constants
    [Differentiable] public static double ConstantArguments(double x) => Other.Scale(x, 3.0) + Other.Scale(K, x) + Square(K) * x;

    [Differentiable] public static double PowRec(double x, int n) => n == 0 ? 1 : x * PowRec(x, n - 1);

    [Differentiable] public static double FieldPropertyConst(double x) => Field * x + Prop * x * x + K;

    [Differentiable] public static double WithNoDiff(double x, [NoDiff] double c) => c * Math.Sin(x * c);

    [Differentiable] public static double CallsNoDiff(double x, double y) => WithNoDiff(x * y, 2.0) + y;

    [Differentiable]
    public static double IntParameter(double x, int n)
    {
        double s = (double)n * x;
        if (n > 2)
        {
            return s * x;
        }
        return s + (double)(n * n) / x;
    }
}

public static partial class Other
{
    [Differentiable] public static double Scale(double x, double k) => k * Math.Sin(x) + x;
}

public partial class Poly
{
    private readonly double a;
    private readonly double b;

    public Poly(double a, double b)
    {
        this.a = a;
        this.b = b;
    }

    public double C { get; init; }

    [Differentiable] public double Eval(double x) => a * x * x + b * x + C;

    [Differentiable] public double Product(double x) => Eval(x) * Eval(2 * x) + Comp.Square(x);
}

public static partial class Outer
{
    public static partial class Inner
    {
        [Differentiable] public static double F(double x, double y) => x * Math.Exp(y);
    }

    [Differentiable] public static double G(double x) => Inner.F(x, x * x);
}

public partial class Box<T>
{
    public double Weight { get; set; } = 2;

    [Differentiable] public static double F(double x) => Math.Sin(x) * x;

    [Differentiable] public double G(double x, double y) => F(x) + Weight * y * y;
}

public static partial class Conversions
{
    [Differentiable]
    public static double Narrowed(double x)
    {
        float f = (float)x;
        return f * x;
    }

    [Differentiable] public static float ThroughDouble(float a) => (float)Math.Sin((double)a) * a;

    [Differentiable] public static double IntCast(double x, int n) => x * (double)n + (double)n;
}

/// <summary>Programs made of calls, recursion, constants and [NoDiff] parameters: the composition is the chain rule.</summary>
public class CompositeTests
{
    private static (double, double[]) G1(double v, double d) => (v, [d]);

    private static (double, double[]) G2(double v, double d0, double d1) => (v, [d0, d1]);

    [Fact] public void Chain_OfCallsToOtherTypes() => Sample(Numeric.Box((-2, 2), (-2, 2)), p => Comp.Chain(p[0], p[1]), p => G2(Comp.ChainGradient(p[0], p[1], out var a, out var b), a, b));

    [Fact]
    public void Chain_IsTheChainRule()
    {
        double x = 0.7, y = -0.4;
        double s = Comp.Sigmoid(x * x + y), g = Other.Scale(x, y);
        Comp.ChainGradient(x, y, out double dx, out double dy);
        Assert.Equal(s * (1 - s) * 2 * x * g + s * (y * Math.Cos(x) + 1), dx, 1e-14);
        Assert.Equal(s * (1 - s) * g + s * Math.Sin(x), dy, 1e-14);
    }

    [Fact] public void ConstantArguments() => Sample(Numeric.Box((-3, 3)), p => Comp.ConstantArguments(p[0]), p => G1(Comp.ConstantArgumentsGradient(p[0], out var a), a));

    [Fact]
    public void ConstantArguments_ClosedForm()
    {
        Comp.ConstantArgumentsGradient(0.5, out double d);
        Assert.Equal(3 * Math.Cos(0.5) + 1 + Math.Sin(3) + 9, d, 1e-14);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void RecursivePower(int n)
    {
        Sample(Numeric.Box((-2, 2)), p => Comp.PowRec(p[0], n), p => G1(Comp.PowRecGradient(p[0], n, out var a), a));
        Assert.Equal(Math.Pow(1.5, n), Comp.PowRecGradient(1.5, n, out double d), 1e-14);
        Assert.Equal(n * Math.Pow(1.5, n - 1), d, 1e-13);
    }

    [Fact]
    public void FieldPropertyConst()
    {
        Sample(Numeric.Box((-3, 3)), p => Comp.FieldPropertyConst(p[0]), p => G1(Comp.FieldPropertyConstGradient(p[0], out var a), a));
        Comp.FieldPropertyConstGradient(2, out double d);
        Assert.Equal(1.5 + 0.25 * 2 * 2, d);
    }

    [Fact]
    public void NoDiffParameter_HasNoAdjoint_AndIsAConstant()
    {
        // the signatures are the test: WithNoDiffGradient(x, c, out dx) — one adjoint, not two
        Sample(Numeric.Box((-3, 3), (-2, 2)), p => Comp.WithNoDiff(p[0], p[1]), p => (Comp.WithNoDiffGradient(p[0], p[1], out var a), [a, Numeric.Gradient(q => Comp.WithNoDiff(q[0], q[1]), p).Gradient[1]]));
        Comp.WithNoDiffGradient(0.5, 2, out double dx);
        Assert.Equal(4 * Math.Cos(1.0), dx, 1e-15);
        double seeded = 1;
        Comp.WithNoDiffBackward(0.5, 2, 3, ref seeded);
        Assert.Equal(1 + 12 * Math.Cos(1.0), seeded, 1e-14);
    }

    [Fact] public void CallToNoDiffMethod() => Sample(Numeric.Box((-2, 2), (-2, 2)), p => Comp.CallsNoDiff(p[0], p[1]), p => G2(Comp.CallsNoDiffGradient(p[0], p[1], out var a, out var b), a, b));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(-4)]
    public void IntParameter_InCastAndCondition(int n)
    {
        Sample(Numeric.Box((0.5, 3)), p => Comp.IntParameter(p[0], n), p => G1(Comp.IntParameterGradient(p[0], n, out var a), a));
        Comp.IntParameterGradient(2, n, out double d);
        Assert.Equal(n > 2 ? 2 * n * 2 : n - (double)(n * n) / 4, d, 1e-15);
    }

    [Fact]
    public void InstanceMethods_UseFieldsAndProperty_AndCallEachOther()
    {
        var poly = new Poly(0.5, -1.5) { C = 2 };
        Sample(Numeric.Box((-2, 2)), p => poly.Eval(p[0]), p => G1(poly.EvalGradient(p[0], out var a), a));
        Sample(Numeric.Box((-2, 2)), p => poly.Product(p[0]), p => G1(poly.ProductGradient(p[0], out var a), a));
        poly.EvalGradient(3, out double d);
        Assert.Equal(2 * 0.5 * 3 - 1.5, d);
    }

    [Fact]
    public void NestedPartialTypes()
    {
        Sample(Numeric.Box((-2, 2), (-2, 2)), p => Outer.Inner.F(p[0], p[1]), p => G2(Outer.Inner.FGradient(p[0], p[1], out var a, out var b), a, b));
        Sample(Numeric.Box((-1.5, 1.5)), p => Outer.G(p[0]), p => G1(Outer.GGradient(p[0], out var a), a));
    }

    [Fact]
    public void GenericContainingType()
    {
        Sample(Numeric.Box((-3, 3)), p => Box<int>.F(p[0]), p => G1(Box<int>.FGradient(p[0], out var a), a));
        var box = new Box<string> { Weight = -0.75 };
        Sample(Numeric.Box((-3, 3), (-3, 3)), p => box.G(p[0], p[1]), p => G2(box.GGradient(p[0], p[1], out var a, out var b), a, b));
    }

    [Fact]
    public void FloatDoubleConversions_PassTheGradientThrough()
    {
        // (float)x rounds, but its derivative is taken as 1: d/dx ((float)x · x) = (float)x + x. The adjoint of the
        // float local f is itself a float, so the path through f contributes (float)x, not x: float precision (~6e-8).
        double x = 0.1;
        Assert.Equal((double)(float)x * x, Conversions.NarrowedGradient(x, out double dx));
        Close((double)(float)x + x, dx, 1e-7);

        float a = 0.75f;
        Conversions.ThroughDoubleGradient(a, out float da);
        Assert.Equal(Math.Cos(a) * a + Math.Sin(a), da, 1e-6);
    }

    [Fact]
    public void IntCast() => Sample(Numeric.Box((-3, 3)), p => Conversions.IntCast(p[0], 7), p => G1(Conversions.IntCastGradient(p[0], 7, out var a), a));
}
