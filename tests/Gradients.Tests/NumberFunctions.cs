using System;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>The inverse hyperbolic functions, Hypot, CopySign, Lerp, the double./float. exponentials and logarithms, and SinPi, CosPi, TanPi.</summary>
public static partial class Fn
{
    [Differentiable] public static double Asinh(double a) => Math.Asinh(a);
    [Differentiable] public static double Acosh(double a) => Math.Acosh(a);
    [Differentiable] public static double Atanh(double a) => Math.Atanh(a);
    [Differentiable] public static double Hypot(double a, double b) => double.Hypot(a, b);
    [Differentiable] public static double CopySign(double a, double b) => Math.CopySign(a, b) * b;
    [Differentiable] public static double ExpM1(double a) => double.ExpM1(a);
    [Differentiable] public static double Exp2(double a) => double.Exp2(a);
    [Differentiable] public static double Exp10(double a) => double.Exp10(a);
    [Differentiable] public static double Exp2M1(double a) => double.Exp2M1(a);
    [Differentiable] public static double Exp10M1(double a) => double.Exp10M1(a);
    [Differentiable] public static double LogP1(double a) => double.LogP1(a);
    [Differentiable] public static double Log2P1(double a) => double.Log2P1(a);
    [Differentiable] public static double Log10P1(double a) => double.Log10P1(a);
    [Differentiable] public static double Lerp(double a, double b, double t) => double.Lerp(a, b, t);
    [Differentiable] public static double Degrees(double a) => double.Sin(double.DegreesToRadians(a)) + double.RadiansToDegrees(a);
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)] public static double SinCosPi(double a, double b) => double.SinPi(a) * double.CosPi(b) + double.TanPi(a * 0.4);
}

public static partial class FnF
{
    [Differentiable] public static float Asinh(float a) => MathF.Asinh(a);
    [Differentiable] public static float Acosh(float a) => MathF.Acosh(a);
    [Differentiable] public static float Atanh(float a) => MathF.Atanh(a);
    [Differentiable] public static float Hypot(float a, float b) => float.Hypot(a, b);
    [Differentiable] public static float CopySign(float a, float b) => MathF.CopySign(a, b) * b;
    [Differentiable] public static float ExpM1(float a) => float.ExpM1(a);
    [Differentiable] public static float Exp2(float a) => float.Exp2(a);
    [Differentiable] public static float Exp10(float a) => float.Exp10(a);
    [Differentiable] public static float LogP1(float a) => float.LogP1(a);
    [Differentiable] public static float Log10P1(float a) => float.Log10P1(a);
    [Differentiable] public static float Lerp(float a, float b, float t) => float.Lerp(a, b, t);
    [Differentiable] public static float SinCosPi(float a, float b) => float.SinPi(a) * float.CosPi(b) + float.TanPi(a * 0.4f);
}

public class NumberFunctionTests
{
    private static readonly (double, double) Wide = (-5, 5);

    /// <summary>.NET's float ExpM1, LogP1, Log10P1 are exp(x) − 1 and log(1 + x) in float: near 0 their values are off by a float ulp of 1.</summary>
    private const double FloatNearZero = 1e-6;

    private static (double, double[]) G1(double v, double d) => (v, [d]);

    private static (double, double[]) G2(double v, double d0, double d1) => (v, [d0, d1]);

    private static (float, float[]) F1(float v, float d) => (v, [d]);

    private static (float, float[]) F2(float v, float d0, float d1) => (v, [d0, d1]);

    [Fact] public void Asinh() => Sample(Box(Wide), p => Fn.Asinh(p[0]), p => G1(Fn.AsinhGradient(p[0], out var a), a));
    [Fact] public void Acosh() => Sample(Box((1.1, 5)), p => Fn.Acosh(p[0]), p => G1(Fn.AcoshGradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void Atanh() => Sample(Box((-0.9, 0.9)), p => Fn.Atanh(p[0]), p => G1(Fn.AtanhGradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void Hypot() => Sample(Box(Wide, Wide).Where(p => Math.Abs(p[0]) + Math.Abs(p[1]) > 0.1), p => Fn.Hypot(p[0], p[1]), p => G2(Fn.HypotGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void CopySign() => Sample(Box(Wide, Wide).Where(p => Math.Abs(p[0]) > 1e-3 && Math.Abs(p[1]) > 1e-3), p => Fn.CopySign(p[0], p[1]), p => G2(Fn.CopySignGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void ExpM1() => Sample(Box(Wide), p => Fn.ExpM1(p[0]), p => G1(Fn.ExpM1Gradient(p[0], out var a), a));
    [Fact] public void Exp2() => Sample(Box(Wide), p => Fn.Exp2(p[0]), p => G1(Fn.Exp2Gradient(p[0], out var a), a));
    [Fact] public void Exp10() => Sample(Box((-3, 3)), p => Fn.Exp10(p[0]), p => G1(Fn.Exp10Gradient(p[0], out var a), a));
    [Fact] public void Exp2M1() => Sample(Box(Wide), p => Fn.Exp2M1(p[0]), p => G1(Fn.Exp2M1Gradient(p[0], out var a), a));
    [Fact] public void Exp10M1() => Sample(Box((-3, 3)), p => Fn.Exp10M1(p[0]), p => G1(Fn.Exp10M1Gradient(p[0], out var a), a));
    [Fact] public void LogP1() => Sample(Box((-0.9, 5)), p => Fn.LogP1(p[0]), p => G1(Fn.LogP1Gradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void Log2P1() => Sample(Box((-0.9, 5)), p => Fn.Log2P1(p[0]), p => G1(Fn.Log2P1Gradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void Log10P1() => Sample(Box((-0.9, 5)), p => Fn.Log10P1(p[0]), p => G1(Fn.Log10P1Gradient(p[0], out var a), a), h: 1e-6);
    [Fact] public void Lerp() => Sample(Box(Wide, Wide, (-1, 2)), p => Fn.Lerp(p[0], p[1], p[2]), p => (Fn.LerpGradient(p[0], p[1], p[2], out var a, out var b, out var t), new[] { a, b, t }));
    [Fact] public void SinCosAndTanPi() => Sample(Box((-1, 1), Wide), p => Fn.SinCosPi(p[0], p[1]), p => G2(Fn.SinCosPiGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void DegreesAndRadians() => Sample(Box((-400, 400)), p => Fn.Degrees(p[0]), p => G1(Fn.DegreesGradient(p[0], out var a), a));

    [Fact] public void AsinhFloat() => SampleFloat(Box(Wide), p => F1(FnF.AsinhGradient(p[0], out var a), a), p => G1(Fn.AsinhGradient(p[0], out var a), a));
    [Fact] public void AcoshFloat() => SampleFloat(Box((1.1, 5)), p => F1(FnF.AcoshGradient(p[0], out var a), a), p => G1(Fn.AcoshGradient(p[0], out var a), a));
    [Fact] public void AtanhFloat() => SampleFloat(Box((-0.9, 0.9)), p => F1(FnF.AtanhGradient(p[0], out var a), a), p => G1(Fn.AtanhGradient(p[0], out var a), a));
    [Fact] public void HypotFloat() => SampleFloat(Box((0.1, 5), Wide), p => F2(FnF.HypotGradient(p[0], p[1], out var a, out var b), a, b), p => G2(Fn.HypotGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void CopySignFloat() => SampleFloat(Box((0.1, 5), (-5, -0.1)), p => F2(FnF.CopySignGradient(p[0], p[1], out var a, out var b), a, b), p => G2(Fn.CopySignGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void ExpM1Float() => SampleFloat(Box(Wide), p => F1(FnF.ExpM1Gradient(p[0], out var a), a), p => G1(Fn.ExpM1Gradient(p[0], out var a), a), absolute: FloatNearZero);
    [Fact] public void Exp2Float() => SampleFloat(Box(Wide), p => F1(FnF.Exp2Gradient(p[0], out var a), a), p => G1(Fn.Exp2Gradient(p[0], out var a), a));
    [Fact] public void Exp10Float() => SampleFloat(Box((-3, 3)), p => F1(FnF.Exp10Gradient(p[0], out var a), a), p => G1(Fn.Exp10Gradient(p[0], out var a), a));
    [Fact] public void LogP1Float() => SampleFloat(Box((-0.9, 5)), p => F1(FnF.LogP1Gradient(p[0], out var a), a), p => G1(Fn.LogP1Gradient(p[0], out var a), a), absolute: FloatNearZero);
    [Fact] public void Log10P1Float() => SampleFloat(Box((-0.9, 5)), p => F1(FnF.Log10P1Gradient(p[0], out var a), a), p => G1(Fn.Log10P1Gradient(p[0], out var a), a), absolute: FloatNearZero);
    [Fact] public void SinCosAndTanPiFloat() => SampleFloat(Box((-1, 1), Wide), p => F2(FnF.SinCosPiGradient(p[0], p[1], out var a, out var b), a, b), p => G2(Fn.SinCosPiGradient(p[0], p[1], out var a, out var b), a, b), absolute: 1e-5);
    // a·(1 − t) + b·t cancels to near zero from terms up to 10, each rounded to ~10·6e-8 in float, hence the absolute 1e-5
    [Fact] public void LerpFloat() => SampleFloat(Box(Wide, Wide, (-1, 2)), p => (FnF.LerpGradient(p[0], p[1], p[2], out var a, out var b, out var t), new[] { a, b, t }), p => (Fn.LerpGradient(p[0], p[1], p[2], out var a, out var b, out var t), new[] { a, b, t }), absolute: 1e-5);

    /// <summary>At integers and halves the π-functions are exact, so are their derivatives: ∂/∂a = π·cos(πa)·cos(πb) + 0.4π·(1 + tan²(0.4πa)). The samples keep 0.4a inside (−½, ½), away from the tangent's poles.</summary>
    [Fact]
    public void SinCosPi_KnownValuesAndSecondOrder()
    {
        double f = Fn.SinCosPiGradient(0.5, 1.0, out double da, out double db);
        Assert.Equal(-1.0 + Math.Tan(0.2 * Math.PI), f, 15);
        Assert.Equal(0.4 * Math.PI * (1 + Math.Tan(0.2 * Math.PI) * Math.Tan(0.2 * Math.PI)), da, 14);   // cos(π/2) = 0 exactly
        Assert.Equal(0.0, db);                                                                               // sin(π) = 0 exactly
        Box((-1, 1), Wide).Sample(p =>
        {
            double[] gradient = new double[2], hessian = new double[4];
            Fn.SinCosPiHessian(p[0], p[1], gradient, hessian);
            for (int row = 0; row < 2; row++)
            {
                int r = row;
                Check(q => { Fn.SinCosPiGradient(q[0], q[1], out double a, out double b); return r == 0 ? a : b; }, p, hessian[(2 * r)..(2 * r + 2)]);
            }
        }, iter: 100, print: Format);
    }

    [Fact]
    public void Hypot_AtTheOrigin_HasSlopeZero()
    {
        Assert.Equal(0, Fn.HypotGradient(0, 0, out double da, out double db));
        Assert.Equal((0.0, 0.0), (da, db));
        Assert.Equal(5, Fn.HypotGradient(3, -4, out da, out db));
        Assert.Equal((0.6, -0.8), (da, db));
    }

    [Theory]
    [InlineData(2.0, 3.0, 1.0)]
    [InlineData(-2.0, 3.0, -1.0)]
    [InlineData(2.0, -3.0, -1.0)]
    [InlineData(-2.0, -3.0, 1.0)]
    [InlineData(0.0, 3.0, 0.0)]
    [InlineData(-0.0, -3.0, 0.0)]
    public void CopySign_TransfersTheSign_AndIsFlatInTheSignSource(double a, double b, double expected)
    {
        // CopySign(a, b)·b: ∂/∂a = sign(a)·sign(b)·b; ∂/∂b = CopySign(a, b) (the CopySign itself contributes 0)
        Assert.Equal(Math.CopySign(a, b) * b, Fn.CopySignGradient(a, b, out double da, out double db));
        Assert.Equal(expected * b, da);
        Assert.Equal(Math.CopySign(a, b), db);
    }
}
