using System;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>One [Differentiable] method per operator and Math function (double).</summary>
public static partial class Fn
{
    private const double K = 2.5;

    [Differentiable] public static double Add(double a, double b) => a + b;
    [Differentiable] public static double Sub(double a, double b) => a - b;
    [Differentiable] public static double Mul(double a, double b) => a * b;
    [Differentiable] public static double Div(double a, double b) => a / b;
    [Differentiable] public static double Neg(double a, double b) => -(a * b) + -a;

    [Differentiable] public static double Exp(double a) => Math.Exp(a);
    [Differentiable] public static double Log(double a) => Math.Log(a);
    [Differentiable] public static double LogBase(double a, double b) => Math.Log(a, b);
    [Differentiable] public static double Log10(double a) => Math.Log10(a);
    [Differentiable] public static double Log2(double a) => Math.Log2(a);
    [Differentiable] public static double Sqrt(double a) => Math.Sqrt(a);
    [Differentiable] public static double Cbrt(double a) => Math.Cbrt(a);
    [Differentiable] public static double Pow(double a, double b) => Math.Pow(a, b);
    [Differentiable] public static double PowOne(double a) => Math.Pow(a, 1) * Math.Sin(a);
    [Differentiable] public static double PowSquare(double a) => Math.Pow(a, 2);
    [Differentiable] public static double PowCube(double a) => Math.Pow(a, 3);
    [Differentiable] public static double PowHalf(double a) => Math.Pow(a, 0.5);
    [Differentiable] public static double PowNegative(double a) => Math.Pow(a, -1.5);
    [Differentiable] public static double PowConstantBase(double b) => Math.Pow(K, b);

    [Differentiable] public static double Sin(double a) => Math.Sin(a);
    [Differentiable] public static double Cos(double a) => Math.Cos(a);
    [Differentiable] public static double Tan(double a) => Math.Tan(a);
    [Differentiable] public static double Asin(double a) => Math.Asin(a);
    [Differentiable] public static double Acos(double a) => Math.Acos(a);
    [Differentiable] public static double Atan(double a) => Math.Atan(a);
    [Differentiable] public static double Atan2(double y, double x) => Math.Atan2(y, x);
    [Differentiable] public static double Sinh(double a) => Math.Sinh(a);
    [Differentiable] public static double Cosh(double a) => Math.Cosh(a);
    [Differentiable] public static double Tanh(double a) => Math.Tanh(a);

    [Differentiable] public static double Abs(double a) => Math.Abs(a);
    [Differentiable] public static double Max(double a, double b) => Math.Max(a, b);
    [Differentiable] public static double Min(double a, double b) => Math.Min(a, b);
    [Differentiable] public static double Clamp(double v, double lo, double hi) => Math.Clamp(v, lo, hi);
    [Differentiable] public static double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    // step functions: multiplied by a so the result still depends on a (d/da = step(a) + a·0)
    [Differentiable] public static double Floor(double a) => a * Math.Floor(a);
    [Differentiable] public static double Ceiling(double a) => a * Math.Ceiling(a);
    [Differentiable] public static double Round(double a) => a * Math.Round(a);
    [Differentiable] public static double Truncate(double a) => a * Math.Truncate(a);
    [Differentiable] public static double Sign(double a) => a * Math.Sign(a);

    // literals and constants: a const field, Math.PI, integer and exponent literals
    [Differentiable] public static double Constants(double x) => K * x + Math.PI * x * x - 3 + 1e-3 / x;

    [Differentiable]
    public static double Locals(double x, double y)
    {
        double t = x * y;
        double u = t + x;
        t = Math.Sin(u) * t;
        u = u * u;
        return t - u;
    }

    [Differentiable]
    public static double Compound(double x, double y)
    {
        double r = x;
        r += y * y;
        r *= x;
        r -= y / 2;
        r /= y;
        r += 1;
        return r;
    }

    [Differentiable]
    public static double IncrementDecrement(double x)
    {
        double t = x * x;
        t++;
        double u = t * x;
        u--;
        ++t;
        --u;
        return t * u;
    }

    [Differentiable]
    public static double BlockBody(double a, double b)
    {
        return Math.Exp(a) * Math.Cos(b) + Math.Tanh(a * b);
    }
}

/// <summary>Every supported operator and function against central finite differences at random points.</summary>
public class FunctionTests
{
    private static readonly (double, double) Wide = (-5, 5);
    private static readonly (double, double) Positive = (0.1, 5);

    private static (double, double[]) G1(double v, double d) => (v, [d]);

    private static (double, double[]) G2(double v, double d0, double d1) => (v, [d0, d1]);

    private static (double, double[]) G3(double v, double d0, double d1, double d2) => (v, [d0, d1, d2]);

    [Fact] public void Add() => Sample(Box(Wide, Wide), p => Fn.Add(p[0], p[1]), p => G2(Fn.AddGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Sub() => Sample(Box(Wide, Wide), p => Fn.Sub(p[0], p[1]), p => G2(Fn.SubGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Mul() => Sample(Box(Wide, Wide), p => Fn.Mul(p[0], p[1]), p => G2(Fn.MulGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Div() => Sample(Box(Wide, Positive), p => Fn.Div(p[0], p[1]), p => G2(Fn.DivGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void DivByNegative() => Sample(Box(Wide, (-5, -0.1)), p => Fn.Div(p[0], p[1]), p => G2(Fn.DivGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Negate() => Sample(Box(Wide, Wide), p => Fn.Neg(p[0], p[1]), p => G2(Fn.NegGradient(p[0], p[1], out var a, out var b), a, b));

    [Fact] public void Exp() => Sample(Box(Wide), p => Fn.Exp(p[0]), p => G1(Fn.ExpGradient(p[0], out var a), a));
    [Fact] public void Log() => Sample(Box(Positive), p => Fn.Log(p[0]), p => G1(Fn.LogGradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void LogBase() => Sample(Box(Positive, (1.5, 5)), p => Fn.LogBase(p[0], p[1]), p => G2(Fn.LogBaseGradient(p[0], p[1], out var a, out var b), a, b), h: 1e-6);
    [Fact] public void LogBaseBelowOne() => Sample(Box(Positive, (0.1, 0.7)), p => Fn.LogBase(p[0], p[1]), p => G2(Fn.LogBaseGradient(p[0], p[1], out var a, out var b), a, b), h: 1e-6);
    [Fact] public void Log10() => Sample(Box(Positive), p => Fn.Log10(p[0]), p => G1(Fn.Log10Gradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void Log2() => Sample(Box(Positive), p => Fn.Log2(p[0]), p => G1(Fn.Log2Gradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void Sqrt() => Sample(Box(Positive), p => Fn.Sqrt(p[0]), p => G1(Fn.SqrtGradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void Cbrt() => Sample(Box(Positive), p => Fn.Cbrt(p[0]), p => G1(Fn.CbrtGradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void CbrtOfNegative() => Sample(Box((-5, -0.1)), p => Fn.Cbrt(p[0]), p => G1(Fn.CbrtGradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void Pow() => Sample(Box((0.2, 3), (-3, 3)), p => Fn.Pow(p[0], p[1]), p => G2(Fn.PowGradient(p[0], p[1], out var a, out var b), a, b), h: 1e-6);
    [Fact] public void PowOne() => Sample(Box(Wide), p => Fn.PowOne(p[0]), p => G1(Fn.PowOneGradient(p[0], out var a), a));
    [Fact] public void PowSquare() => Sample(Box(Wide), p => Fn.PowSquare(p[0]), p => G1(Fn.PowSquareGradient(p[0], out var a), a));
    [Fact] public void PowCube() => Sample(Box(Wide), p => Fn.PowCube(p[0]), p => G1(Fn.PowCubeGradient(p[0], out var a), a));
    [Fact] public void PowHalf() => Sample(Box(Positive), p => Fn.PowHalf(p[0]), p => G1(Fn.PowHalfGradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void PowNegative() => Sample(Box((0.2, 5)), p => Fn.PowNegative(p[0]), p => G1(Fn.PowNegativeGradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void PowConstantBase() => Sample(Box(Wide), p => Fn.PowConstantBase(p[0]), p => G1(Fn.PowConstantBaseGradient(p[0], out var a), a));

    [Fact] public void Sin() => Sample(Box(Wide), p => Fn.Sin(p[0]), p => G1(Fn.SinGradient(p[0], out var a), a));
    [Fact] public void Cos() => Sample(Box(Wide), p => Fn.Cos(p[0]), p => G1(Fn.CosGradient(p[0], out var a), a));
    [Fact] public void Tan() => Sample(Box((-1.4, 1.4)), p => Fn.Tan(p[0]), p => G1(Fn.TanGradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void Asin() => Sample(Box((-0.95, 0.95)), p => Fn.Asin(p[0]), p => G1(Fn.AsinGradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void Acos() => Sample(Box((-0.95, 0.95)), p => Fn.Acos(p[0]), p => G1(Fn.AcosGradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void Atan() => Sample(Box(Wide), p => Fn.Atan(p[0]), p => G1(Fn.AtanGradient(p[0], out var a), a));
    [Fact] public void Atan2() => Sample(Box((0.2, 3), (-3, 3)), p => Fn.Atan2(p[0], p[1]), p => G2(Fn.Atan2Gradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Atan2LowerHalfPlane() => Sample(Box((-3, -0.2), (-3, 3)), p => Fn.Atan2(p[0], p[1]), p => G2(Fn.Atan2Gradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Sinh() => Sample(Box(Wide), p => Fn.Sinh(p[0]), p => G1(Fn.SinhGradient(p[0], out var a), a));
    [Fact] public void Cosh() => Sample(Box(Wide), p => Fn.Cosh(p[0]), p => G1(Fn.CoshGradient(p[0], out var a), a));
    [Fact] public void Tanh() => Sample(Box((-3, 3)), p => Fn.Tanh(p[0]), p => G1(Fn.TanhGradient(p[0], out var a), a));

    [Fact] public void Abs() => Sample(Box(Wide).Where(p => Math.Abs(p[0]) > 1e-3), p => Fn.Abs(p[0]), p => G1(Fn.AbsGradient(p[0], out var a), a));

    [Fact]
    public void Max() => Sample(
        Box(Wide, Wide).Where(p => Math.Abs(p[0] - p[1]) > 1e-3),
        p => Fn.Max(p[0], p[1]),
        p => G2(Fn.MaxGradient(p[0], p[1], out var a, out var b), a, b));

    [Fact]
    public void Min() => Sample(
        Box(Wide, Wide).Where(p => Math.Abs(p[0] - p[1]) > 1e-3),
        p => Fn.Min(p[0], p[1]),
        p => G2(Fn.MinGradient(p[0], p[1], out var a, out var b), a, b));

    [Fact]
    public void Clamp() => Sample(
        Box(Wide, (-3, -1), (1, 3)).Where(p => Math.Abs(p[0] - p[1]) > 1e-3 && Math.Abs(p[0] - p[2]) > 1e-3),
        p => Fn.Clamp(p[0], p[1], p[2]),
        p => G3(Fn.ClampGradient(p[0], p[1], p[2], out var a, out var b, out var c), a, b, c));

    [Fact] public void FusedMultiplyAdd() => Sample(Box(Wide, Wide, Wide), p => Fn.Fma(p[0], p[1], p[2]), p => G3(Fn.FmaGradient(p[0], p[1], p[2], out var a, out var b, out var c), a, b, c));

    // away from the jumps (integers; half-integers for Round; 0 for Sign)
    private static Gen<double[]> AwayFromJumps => Box(Wide).Where(p => Math.Abs(p[0] * 2 - Math.Round(p[0] * 2)) > 1e-3);

    [Fact] public void Floor() => Sample(AwayFromJumps, p => Fn.Floor(p[0]), p => G1(Fn.FloorGradient(p[0], out var a), a));
    [Fact] public void Ceiling() => Sample(AwayFromJumps, p => Fn.Ceiling(p[0]), p => G1(Fn.CeilingGradient(p[0], out var a), a));
    [Fact] public void Round() => Sample(AwayFromJumps, p => Fn.Round(p[0]), p => G1(Fn.RoundGradient(p[0], out var a), a));
    [Fact] public void Truncate() => Sample(AwayFromJumps, p => Fn.Truncate(p[0]), p => G1(Fn.TruncateGradient(p[0], out var a), a));
    [Fact] public void Sign() => Sample(AwayFromJumps, p => Fn.Sign(p[0]), p => G1(Fn.SignGradient(p[0], out var a), a));

    [Fact] public void Constants() => Sample(Box(Positive), p => Fn.Constants(p[0]), p => G1(Fn.ConstantsGradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void Locals() => Sample(Box((-2, 2), (-2, 2)), p => Fn.Locals(p[0], p[1]), p => G2(Fn.LocalsGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void CompoundAssignments() => Sample(Box(Wide, Positive), p => Fn.Compound(p[0], p[1]), p => G2(Fn.CompoundGradient(p[0], p[1], out var a, out var b), a, b), h: 1e-6);
    [Fact] public void IncrementDecrement() => Sample(Box(Wide), p => Fn.IncrementDecrement(p[0]), p => G1(Fn.IncrementDecrementGradient(p[0], out var a), a));
    [Fact] public void BlockBody() => Sample(Box((-2, 2), (-2, 2)), p => Fn.BlockBody(p[0], p[1]), p => G2(Fn.BlockBodyGradient(p[0], p[1], out var a, out var b), a, b));

    [Fact]
    public void CompoundAssignments_ClosedForm()
    {
        // r = ((x + y²)·x − y/2)/y + 1 = N/y + 1: ∂r/∂x = (2x + y²)/y, ∂r/∂y = ((2xy − ½)·y − N)/y²
        double x = 2, y = 4;
        double v = Fn.CompoundGradient(x, y, out double dx, out double dy);
        Assert.Equal(((2 + 16) * 2 - 2) / 4.0 + 1, v, 1e-14);
        Assert.Equal((2 * x + y * y) / y, dx, 1e-14);
        double n = (x + y * y) * x - y / 2;
        Assert.Equal(((2 * x * y - 0.5) * y - n) / (y * y), dy, 1e-14);
    }
}
