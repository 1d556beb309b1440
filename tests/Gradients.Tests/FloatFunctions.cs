using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>The float twins of <see cref="Fn"/>: MathF (and Math's float overloads where MathF has none).</summary>
public static partial class FnF
{
    private const float K = 2.5f;

    [Differentiable] public static float Add(float a, float b) => a + b;
    [Differentiable] public static float Sub(float a, float b) => a - b;
    [Differentiable] public static float Mul(float a, float b) => a * b;
    [Differentiable] public static float Div(float a, float b) => a / b;
    [Differentiable] public static float Neg(float a, float b) => -(a * b) + -a;

    [Differentiable] public static float Exp(float a) => MathF.Exp(a);
    [Differentiable] public static float Log(float a) => MathF.Log(a);
    [Differentiable] public static float LogBase(float a, float b) => MathF.Log(a, b);
    [Differentiable] public static float Log10(float a) => MathF.Log10(a);
    [Differentiable] public static float Log2(float a) => MathF.Log2(a);
    [Differentiable] public static float Sqrt(float a) => MathF.Sqrt(a);
    [Differentiable] public static float Cbrt(float a) => MathF.Cbrt(a);
    [Differentiable] public static float Pow(float a, float b) => MathF.Pow(a, b);
    [Differentiable] public static float PowSquare(float a) => MathF.Pow(a, 2);
    [Differentiable] public static float PowHalf(float a) => MathF.Pow(a, 0.5f);

    [Differentiable] public static float Sin(float a) => MathF.Sin(a);
    [Differentiable] public static float Cos(float a) => MathF.Cos(a);
    [Differentiable] public static float Tan(float a) => MathF.Tan(a);
    [Differentiable] public static float Asin(float a) => MathF.Asin(a);
    [Differentiable] public static float Acos(float a) => MathF.Acos(a);
    [Differentiable] public static float Atan(float a) => MathF.Atan(a);
    [Differentiable] public static float Atan2(float y, float x) => MathF.Atan2(y, x);
    [Differentiable] public static float Sinh(float a) => MathF.Sinh(a);
    [Differentiable] public static float Cosh(float a) => MathF.Cosh(a);
    [Differentiable] public static float Tanh(float a) => MathF.Tanh(a);

    [Differentiable] public static float Abs(float a) => MathF.Abs(a);
    [Differentiable] public static float Max(float a, float b) => MathF.Max(a, b);
    [Differentiable] public static float Min(float a, float b) => Math.Min(a, b);
    [Differentiable] public static float Clamp(float v, float lo, float hi) => Math.Clamp(v, lo, hi);
    [Differentiable] public static float Fma(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);

    [Differentiable] public static float Floor(float a) => a * MathF.Floor(a);
    [Differentiable] public static float Ceiling(float a) => a * MathF.Ceiling(a);
    [Differentiable] public static float Round(float a) => a * MathF.Round(a);
    [Differentiable] public static float Truncate(float a) => a * MathF.Truncate(a);
    [Differentiable] public static float Sign(float a) => a * MathF.Sign(a);

    [Differentiable] public static float Constants(float x) => K * x + MathF.PI * x * x - 3 + 1e-3f / x;

    [Differentiable]
    public static float Compound(float x, float y)
    {
        float r = x;
        r += y * y;
        r *= x;
        r -= y / 2;
        r /= y;
        r += 1;
        return r;
    }

    [Differentiable]
    public static float IncrementDecrement(float x)
    {
        float t = x * x;
        t++;
        float u = t * x;
        u--;
        ++t;
        --u;
        return t * u;
    }

    [Differentiable]
    public static float Neuron(float w0, float w1, float w2, float x0, float x1) =>
        1 / (1 + MathF.Exp(-(w0 * x0 + w1 * x1 + w2)));
}

/// <summary>
/// Float companions against the double companions (themselves checked by finite differences) at the same
/// point, to <see cref="Numeric.FloatTolerance"/> — see there why not float finite differences.
/// </summary>
public class FloatFunctionTests
{
    private static readonly (double, double) Wide = (-5, 5);
    private static readonly (double, double) Positive = (0.1, 5);

    private static (float, float[]) F1(float v, float d) => (v, [d]);

    private static (float, float[]) F2(float v, float d0, float d1) => (v, [d0, d1]);

    private static (float, float[]) F3(float v, float d0, float d1, float d2) => (v, [d0, d1, d2]);

    private static (double, double[]) D1(double v, double d) => (v, [d]);

    private static (double, double[]) D2(double v, double d0, double d1) => (v, [d0, d1]);

    private static (double, double[]) D3(double v, double d0, double d1, double d2) => (v, [d0, d1, d2]);

    [Fact] public void Add() => SampleFloat(Box(Wide, Wide), p => F2(FnF.AddGradient(p[0], p[1], out var a, out var b), a, b), p => D2(Fn.AddGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Sub() => SampleFloat(Box(Wide, Wide), p => F2(FnF.SubGradient(p[0], p[1], out var a, out var b), a, b), p => D2(Fn.SubGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Mul() => SampleFloat(Box(Wide, Wide), p => F2(FnF.MulGradient(p[0], p[1], out var a, out var b), a, b), p => D2(Fn.MulGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Div() => SampleFloat(Box(Wide, Positive), p => F2(FnF.DivGradient(p[0], p[1], out var a, out var b), a, b), p => D2(Fn.DivGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Negate() => SampleFloat(Box(Wide, Wide), p => F2(FnF.NegGradient(p[0], p[1], out var a, out var b), a, b), p => D2(Fn.NegGradient(p[0], p[1], out var a, out var b), a, b));

    [Fact] public void Exp() => SampleFloat(Box(Wide), p => F1(FnF.ExpGradient(p[0], out var a), a), p => D1(Fn.ExpGradient(p[0], out var a), a));
    [Fact] public void Log() => SampleFloat(Box(Positive), p => F1(FnF.LogGradient(p[0], out var a), a), p => D1(Fn.LogGradient(p[0], out var a), a));
    [Fact] public void LogBase() => SampleFloat(Box(Positive, (1.5, 5)), p => F2(FnF.LogBaseGradient(p[0], p[1], out var a, out var b), a, b), p => D2(Fn.LogBaseGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Log10() => SampleFloat(Box(Positive), p => F1(FnF.Log10Gradient(p[0], out var a), a), p => D1(Fn.Log10Gradient(p[0], out var a), a));
    [Fact] public void Log2() => SampleFloat(Box(Positive), p => F1(FnF.Log2Gradient(p[0], out var a), a), p => D1(Fn.Log2Gradient(p[0], out var a), a));
    [Fact] public void Sqrt() => SampleFloat(Box(Positive), p => F1(FnF.SqrtGradient(p[0], out var a), a), p => D1(Fn.SqrtGradient(p[0], out var a), a));
    [Fact] public void Cbrt() => SampleFloat(Box(Positive), p => F1(FnF.CbrtGradient(p[0], out var a), a), p => D1(Fn.CbrtGradient(p[0], out var a), a));
    [Fact] public void Pow() => SampleFloat(Box((0.2, 3), (-3, 3)), p => F2(FnF.PowGradient(p[0], p[1], out var a, out var b), a, b), p => D2(Fn.PowGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void PowSquare() => SampleFloat(Box(Wide), p => F1(FnF.PowSquareGradient(p[0], out var a), a), p => D1(Fn.PowSquareGradient(p[0], out var a), a));
    [Fact] public void PowHalf() => SampleFloat(Box(Positive), p => F1(FnF.PowHalfGradient(p[0], out var a), a), p => D1(Fn.PowHalfGradient(p[0], out var a), a));

    [Fact] public void Sin() => SampleFloat(Box(Wide), p => F1(FnF.SinGradient(p[0], out var a), a), p => D1(Fn.SinGradient(p[0], out var a), a));
    [Fact] public void Cos() => SampleFloat(Box(Wide), p => F1(FnF.CosGradient(p[0], out var a), a), p => D1(Fn.CosGradient(p[0], out var a), a));
    [Fact] public void Tan() => SampleFloat(Box((-1.4, 1.4)), p => F1(FnF.TanGradient(p[0], out var a), a), p => D1(Fn.TanGradient(p[0], out var a), a));
    [Fact] public void Asin() => SampleFloat(Box((-0.95, 0.95)), p => F1(FnF.AsinGradient(p[0], out var a), a), p => D1(Fn.AsinGradient(p[0], out var a), a));
    [Fact] public void Acos() => SampleFloat(Box((-0.95, 0.95)), p => F1(FnF.AcosGradient(p[0], out var a), a), p => D1(Fn.AcosGradient(p[0], out var a), a));
    [Fact] public void Atan() => SampleFloat(Box(Wide), p => F1(FnF.AtanGradient(p[0], out var a), a), p => D1(Fn.AtanGradient(p[0], out var a), a));
    [Fact] public void Atan2() => SampleFloat(Box((0.2, 3), (-3, 3)), p => F2(FnF.Atan2Gradient(p[0], p[1], out var a, out var b), a, b), p => D2(Fn.Atan2Gradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Sinh() => SampleFloat(Box(Wide), p => F1(FnF.SinhGradient(p[0], out var a), a), p => D1(Fn.SinhGradient(p[0], out var a), a));
    [Fact] public void Cosh() => SampleFloat(Box(Wide), p => F1(FnF.CoshGradient(p[0], out var a), a), p => D1(Fn.CoshGradient(p[0], out var a), a));
    [Fact] public void Tanh() => SampleFloat(Box((-3, 3)), p => F1(FnF.TanhGradient(p[0], out var a), a), p => D1(Fn.TanhGradient(p[0], out var a), a));

    [Fact] public void Abs() => SampleFloat(Box(Wide), p => F1(FnF.AbsGradient(p[0], out var a), a), p => D1(Fn.AbsGradient(p[0], out var a), a));
    [Fact] public void Max() => SampleFloat(Box(Wide, Wide), p => F2(FnF.MaxGradient(p[0], p[1], out var a, out var b), a, b), p => D2(Fn.MaxGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Min() => SampleFloat(Box(Wide, Wide), p => F2(FnF.MinGradient(p[0], p[1], out var a, out var b), a, b), p => D2(Fn.MinGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void Clamp() => SampleFloat(Box(Wide, (-3, -1), (1, 3)), p => F3(FnF.ClampGradient(p[0], p[1], p[2], out var a, out var b, out var c), a, b, c), p => D3(Fn.ClampGradient(p[0], p[1], p[2], out var a, out var b, out var c), a, b, c));
    [Fact] public void FusedMultiplyAdd() => SampleFloat(Box(Wide, Wide, Wide), p => F3(FnF.FmaGradient(p[0], p[1], p[2], out var a, out var b, out var c), a, b, c), p => D3(Fn.FmaGradient(p[0], p[1], p[2], out var a, out var b, out var c), a, b, c));

    [Fact] public void Floor() => SampleFloat(Box(Wide), p => F1(FnF.FloorGradient(p[0], out var a), a), p => D1(Fn.FloorGradient(p[0], out var a), a));
    [Fact] public void Ceiling() => SampleFloat(Box(Wide), p => F1(FnF.CeilingGradient(p[0], out var a), a), p => D1(Fn.CeilingGradient(p[0], out var a), a));
    [Fact] public void Round() => SampleFloat(Box(Wide), p => F1(FnF.RoundGradient(p[0], out var a), a), p => D1(Fn.RoundGradient(p[0], out var a), a));
    [Fact] public void Truncate() => SampleFloat(Box(Wide), p => F1(FnF.TruncateGradient(p[0], out var a), a), p => D1(Fn.TruncateGradient(p[0], out var a), a));
    [Fact] public void Sign() => SampleFloat(Box(Wide), p => F1(FnF.SignGradient(p[0], out var a), a), p => D1(Fn.SignGradient(p[0], out var a), a));

    // K·x + π·x² − 3 + 1e-3/x has a root near x = 0.657, where float terms of about 3 cancel (each ~3·6e-8), hence the absolute 1e-5
    [Fact] public void Constants() => SampleFloat(Box(Positive), p => F1(FnF.ConstantsGradient(p[0], out var a), a), p => D1(Fn.ConstantsGradient(p[0], out var a), a), absolute: 1e-5);
    // ∂r/∂y = x − x²/y² cancels where y² ≈ x: float terms up to 25 carry ~25·6e-8 each, hence the absolute 2e-5
    [Fact] public void CompoundAssignments() => SampleFloat(Box(Wide, (0.5, 5)), p => F2(FnF.CompoundGradient(p[0], p[1], out var a, out var b), a, b), p => D2(Fn.CompoundGradient(p[0], p[1], out var a, out var b), a, b), absolute: 2e-5);
    [Fact] public void IncrementDecrement() => SampleFloat(Box(Wide), p => F1(FnF.IncrementDecrementGradient(p[0], out var a), a), p => D1(Fn.IncrementDecrementGradient(p[0], out var a), a));

    [Fact]
    public void Neuron() => SampleFloat(
        Box((-3, 3), (-3, 3), (-3, 3), (-3, 3), (-3, 3)),
        p =>
        {
            float v = FnF.NeuronGradient(p[0], p[1], p[2], p[3], p[4], out var a, out var b, out var c, out var d, out var e);
            return (v, [a, b, c, d, e]);
        },
        p =>
        {
            double v = Cs231n.NeuronGradient(p[0], p[1], p[2], p[3], p[4], out var a, out var b, out var c, out var d, out var e);
            return (v, [a, b, c, d, e]);
        });
}
