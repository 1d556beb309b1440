using System;
using CsCheck;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// The functions of IEEE 754's tables that .NET names ScaleB, RootN, AsinPi, AcosPi, AtanPi, Atan2Pi, MaxMagnitude,
/// MinMagnitude, MaxNumber, MinNumber (and the …MagnitudeNumber pair), IEEERemainder (double.Ieee754Remainder),
/// BitIncrement, BitDecrement, and the estimates of 1/x and 1/√x: each as written on Math, MathF, double. or float.
/// </summary>
public static partial class Ieee
{
    private const Derivatives All = Derivatives.Forward | Derivatives.Hessian;

    /// <summary>ScaleB of a product by a variable power, and by a constant one through Math and MathF.</summary>
    [Differentiable(All)] public static double Scaled(double x, double y, int n) => double.ScaleB(x * y, n) + Math.ScaleB(Math.Sin(x), 3);

    /// <summary>The power is computed by a call (Math.Abs of an int): it must stay an int.</summary>
    [Differentiable] public static double ScaledByCall(double x, int n) => Math.ScaleB(x, Math.Abs(n - 5));

    [Differentiable(All)] public static double Root(double x, int n) => double.RootN(x, n);

    /// <summary>The int changes from one iteration to the next: the backward pass must see each iteration's.</summary>
    [Differentiable(All)]
    public static double Looped(double x, int k)
    {
        double s = x;
        for (int i = 0; i < k; i++)
        {
            s = Math.ScaleB(s, i - 1) + double.RootN(s * s + 1, i + 2);
        }

        return s;
    }

    /// <summary>A constant n: the slope is written as Cbrt's, 1/(3·r·r).</summary>
    [Differentiable(All)] public static double Cube(double x, double y) => double.RootN(x * y, 3) + double.RootN(y, -2);

    [Differentiable(All)] public static double Estimates(double x) => double.ReciprocalEstimate(x) + Math.ReciprocalSqrtEstimate(x);

    [Differentiable(All)] public static double HalfTurns(double a, double b) => double.AsinPi(a * 0.5) * double.AcosPi(a * 0.25) + double.AtanPi(b) + double.Atan2Pi(a, b);

    [Differentiable(All)] public static double Magnitudes(double a, double b) => Math.MaxMagnitude(a, b) * 2 + Math.MinMagnitude(a, b) * 3;

    [Differentiable(All)] public static double Numbers(double a, double b) => double.MaxNumber(a, b) * 2 + double.MinNumber(a, b) * 3;

    [Differentiable(All)] public static double MagnitudeNumbers(double a, double b) => double.MaxMagnitudeNumber(a, b) * 2 + double.MinMagnitudeNumber(a, b) * 3;

    /// <summary>Both spellings: Math.IEEERemainder and double.Ieee754Remainder.</summary>
    [Differentiable(All)] public static double Remainder(double a, double b) => Math.IEEERemainder(a, b) * b + double.Ieee754Remainder(a, 2.5);

    [Differentiable(All)] public static double Steps(double x) => Math.BitIncrement(x) * double.BitDecrement(x * x);
}

public static partial class IeeeF
{
    [Differentiable] public static float Scaled(float x, float y, int n) => float.ScaleB(x * y, n) + MathF.ScaleB(MathF.Sin(x), 3);
    [Differentiable] public static float Root(float x, int n) => float.RootN(x, n);
    [Differentiable] public static float Estimates(float x) => float.ReciprocalEstimate(x) + MathF.ReciprocalSqrtEstimate(x);
    [Differentiable] public static float HalfTurns(float a, float b) => float.AsinPi(a * 0.5f) * float.AcosPi(a * 0.25f) + float.AtanPi(b) + float.Atan2Pi(a, b);
    [Differentiable] public static float Magnitudes(float a, float b) => MathF.MaxMagnitude(a, b) * 2 + MathF.MinMagnitude(a, b) * 3;
    [Differentiable] public static float Numbers(float a, float b) => float.MaxNumber(a, b) * 2 + float.MinNumber(a, b) * 3;
    [Differentiable] public static float Remainder(float a, float b) => MathF.IEEERemainder(a, b) * b + float.Ieee754Remainder(a, 2.5f);
    [Differentiable] public static float Steps(float x) => MathF.BitIncrement(x) * float.BitDecrement(x * x);
}

public class Ieee754FunctionTests
{
    private static (double, double[]) G1(double v, double d) => (v, [d]);

    private static (double, double[]) G2(double v, double d0, double d1) => (v, [d0, d1]);

    private static (float, float[]) F1(float v, float d) => (v, [d]);

    private static (float, float[]) F2(float v, float d0, float d1) => (v, [d0, d1]);

    /// <summary>The value and gradient against the function and its central differences, then <see cref="SecondOrder"/>.</summary>
    private static void FirstAndSecondOrder(
        Gen<double[]> points,
        Func<double[], double> f,
        Func<double[], (double Value, double[] Gradient)> generated,
        Action<double[], double[], double[]> hessian,
        Func<double[], double[], double> tangent,
        double h = Step)
    {
        Sample(points, f, generated, h: h);
        SecondOrder(points, generated, hessian, tangent);
    }

    /// <summary>
    /// The Hessian's rows against central differences of the gradient, and the tangent in a random direction
    /// against the gradient's dot product with it.
    /// </summary>
    private static void SecondOrder(
        Gen<double[]> points,
        Func<double[], (double Value, double[] Gradient)> generated,
        Action<double[], double[], double[]> hessian,
        Func<double[], double[], double> tangent) =>
        points.Select(Box((-1, 1), (-1, 1)), (p, d) => (p, d)).Sample(t =>
        {
            var (p, direction) = t;
            int n = p.Length;
            double[] g = new double[n], h = new double[n * n];
            hessian(p, g, h);
            Func<double[], double[]> gradient = q => generated(q).Gradient;
            Agree(gradient(p), g, 1e-13, "Hessian's gradient");
            for (int row = 0; row < n; row++)
            {
                int r = row;
                Check(q => gradient(q)[r], p, h[(n * r)..(n * r + n)]);
            }

            double expected = 0, terms = 0;
            for (int i = 0; i < n; i++)
            {
                expected += g[i] * direction[i];
                terms += Math.Abs(g[i] * direction[i]);
            }

            // the floor: a sum that cancels to about 1e-9 (HalfTurns) differs in the last bits of its order-1 terms,
            // which forward and reverse mode round in different orders (seen once, 4e-18 apart after the merge)
            Agree([expected], [tangent(p, direction[..n])], 1e-12, "tangent", absolute: Math.Max(1e-13 * terms, 1e-15));
        }, iter: 100, print: t => Format(t.Item1));

    // ---- ScaleB ----

    [Theory]
    [InlineData(3.0, 0.5, -2)]
    [InlineData(-1.25, 7.0, 10)]
    [InlineData(1e-300, 2.0, 1000)]
    public void ScaleB_IsAPowerOfTwo_Exactly(double x, double y, int n)
    {
        double f = Ieee.ScaledGradient(x, y, n, out double dx, out double dy);
        Assert.Equal(Ieee.Scaled(x, y, n), f);
        Assert.Equal(Math.Pow(2, n) * y + 8 * Math.Cos(x), dx);
        Assert.Equal(Math.Pow(2, n) * x, dy);
    }

    [Fact]
    public void ScaleB_ByAComputedPower_KeepsItAnInt()
    {
        Assert.Equal(8.0 * 1.5, Ieee.ScaledByCallGradient(1.5, 2, out double dx));
        Assert.Equal(8.0, dx);
    }

    [Theory]
    [InlineData(-3)]
    [InlineData(0)]
    [InlineData(4)]
    public void ScaleB_DifferencesAndSecondOrder(int n)
    {
        FirstAndSecondOrder(
            Box((-3, 3), (-3, 3)),
            p => Ieee.Scaled(p[0], p[1], n),
            p => G2(Ieee.ScaledGradient(p[0], p[1], n, out var a, out var b), a, b),
            (p, g, h) => Ieee.ScaledHessian(p[0], p[1], n, g, h),
            (p, t) => { Ieee.ScaledTangent(p[0], p[1], n, t[0], t[1], out double tangent); return tangent; });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ScaleB_AndRootN_InALoop_ByTheIterationsInt(int k) =>
        FirstAndSecondOrder(
            Box((-2, 2)),
            p => Ieee.Looped(p[0], k),
            p => G1(Ieee.LoopedGradient(p[0], k, out var a), a),
            (p, g, h) => Ieee.LoopedHessian(p[0], k, g, h),
            (p, t) => { Ieee.LoopedTangent(p[0], k, t[0], out double tangent); return tangent; });

    // The value 32xy + 8·sin x and ∂/∂x = 32y + 8·cos x cancel to near zero from terms up to 288, each rounded to ~288·6e-8 in float, hence the absolute 5e-5
    [Fact]
    public void ScaleB_FloatAgreesWithDouble() =>
        SampleFloat(Box((-3, 3), (-3, 3)), p => F2(IeeeF.ScaledGradient(p[0], p[1], 5, out var a, out var b), a, b), p => G2(Ieee.ScaledGradient(p[0], p[1], 5, out var a, out var b), a, b), absolute: 5e-5);

    // ---- RootN ----

    /// <summary>∂ RootN(x, n) = 1/(n·r^(n−1)): exact at the cube of an integer, also a negative one, and +∞ at 0 (as Cbrt's).</summary>
    [Theory]
    [InlineData(8.0, 3, 2.0, 1.0 / 12)]
    [InlineData(-8.0, 3, -2.0, 1.0 / 12)]
    [InlineData(-32.0, 5, -2.0, 1.0 / 80)]
    [InlineData(16.0, 4, 2.0, 1.0 / 32)]
    [InlineData(4.0, -2, 0.5, -1.0 / 16)]
    [InlineData(5.0, 1, 5.0, 1.0)]
    [InlineData(0.0, 3, 0.0, double.PositiveInfinity)]
    [InlineData(0.0, 2, 0.0, double.PositiveInfinity)]
    public void RootN_KnownValues(double x, int n, double root, double slope)
    {
        Assert.Equal(root, Ieee.RootGradient(x, n, out double dx));
        Assert.Equal(slope, dx);
    }

    [Fact]
    public void RootN_NaNWhereItIs_AndAConstantN()
    {
        Assert.True(double.IsNaN(Ieee.RootGradient(-4, 2, out double even)) && double.IsNaN(even));   // no real root
        Assert.True(double.IsNaN(Ieee.RootGradient(3, 0, out double zeroth)) && double.IsNaN(zeroth));
        Assert.True(double.IsNegative(Ieee.RootGradient(-0.0, 3, out double atNegativeZero)));
        Assert.Equal(double.PositiveInfinity, atNegativeZero);   // (−0)² = +0, as Cbrt's 1/(3·r·r)
        Assert.Equal(-4, Ieee.CubeGradient(-2, 32, out double dx, out double dy) - Math.Pow(32, -0.5), 15);
        Assert.Equal(32 / (3 * 16.0), dx, 15);   // r = ∛−64 = −4
        Assert.Equal(-2 / (3 * 16.0) - 0.5 * Math.Pow(32, -1.5), dy, 15);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(-3)]
    public void RootN_DifferencesAndSecondOrder(int n)
    {
        // odd n: negative x too, kept away from 0, where the slope is infinite
        var points = n % 2 == 0 ? Box((0.1, 9)) : Box((-9, 9)).Where(p => Math.Abs(p[0]) > 0.1);
        FirstAndSecondOrder(
            points,
            p => Ieee.Root(p[0], n),
            p => G1(Ieee.RootGradient(p[0], n, out var a), a),
            (p, g, h) => Ieee.RootHessian(p[0], n, g, h),
            (p, t) => { Ieee.RootTangent(p[0], n, t[0], out double tangent); return tangent; },
            h: 1e-6);
    }

    [Fact]
    public void RootN_Constant_DifferencesAndSecondOrder()
    {
        var points = Box((-3, 3), (0.2, 5)).Where(p => Math.Abs(p[0]) > 0.1);
        FirstAndSecondOrder(
            points,
            p => Ieee.Cube(p[0], p[1]),
            p => G2(Ieee.CubeGradient(p[0], p[1], out var a, out var b), a, b),
            (p, g, h) => Ieee.CubeHessian(p[0], p[1], g, h),
            (p, t) => { Ieee.CubeTangent(p[0], p[1], t[0], t[1], out double tangent); return tangent; },
            h: 1e-6);
    }

    [Fact]
    public void RootN_FloatAgreesWithDouble() =>
        SampleFloat(Box((-9, 9)).Where(p => Math.Abs(p[0]) > 0.1), p => F1(IeeeF.RootGradient(p[0], 5, out var a), a), p => G1(Ieee.RootGradient(p[0], 5, out var a), a));

    // ---- the estimates ----

    /// <summary>The slopes of 1/x and 1/√x, from x, whatever the estimate's bits.</summary>
    [Theory]
    [InlineData(4.0, -1.0 / 16 - 1.0 / 16)]
    [InlineData(0.25, -16.0 - 4.0)]
    public void Estimates_HaveTheExactFunctionsSlopes(double x, double slope)
    {
        Ieee.EstimatesGradient(x, out double dx);
        Assert.Equal(slope, dx);
        IeeeF.EstimatesGradient((float)x, out float dxf);
        Assert.Equal((float)slope, dxf);
    }

    [Fact]
    public void Estimates_DifferencesAndSecondOrder()
    {
        // the differences of the functions estimated: the estimate's own bits may differ by processor
        Box((0.1, 9)).Sample(p =>
        {
            Ieee.EstimatesGradient(p[0], out double dx);
            Check(q => 1 / q[0] + 1 / Math.Sqrt(q[0]), p, [dx], h: 1e-6);
        }, iter: 200, print: Format);
        SecondOrder(
            Box((0.1, 9)),
            p => G1(Ieee.EstimatesGradient(p[0], out var a), a),
            (p, g, h) => Ieee.EstimatesHessian(p[0], g, h),
            (p, t) => { Ieee.EstimatesTangent(p[0], t[0], out double tangent); return tangent; });
    }

    /// <summary>float's estimates may be a processor's 12-bit ones: the value is close, the gradient is the exact function's.</summary>
    [Fact]
    public void Estimates_FloatAgreesWithDouble() =>
        SampleFloat(Box((0.1, 9)), p => F1(IeeeF.EstimatesGradient(p[0], out var a), a), p => G1(Ieee.EstimatesGradient(p[0], out var a), a), tolerance: 1e-3);

    // ---- AsinPi, AcosPi, AtanPi, Atan2Pi ----

    [Fact]
    public void HalfTurns_KnownValues()
    {
        // a = 1, b = 1: AsinPi(½) = ⅙, AcosPi(¼), AtanPi(1) = ¼, Atan2Pi(1, 1) = ¼
        double f = Ieee.HalfTurnsGradient(1, 1, out double da, out double db);
        double acos = Math.Acos(0.25) / Math.PI;
        Close(acos / 6 + 0.5, f, 1e-15);
        Close(0.5 / (Math.PI * Math.Sqrt(0.75)) * acos - 1.0 / 6 * 0.25 / (Math.PI * Math.Sqrt(1 - 0.0625)) + 0.5 / Math.PI, da, 1e-15);
        Close(0.0, db);   // AtanPi's 1/(2π) against Atan2Pi's −1/(2π)
    }

    [Fact]
    public void HalfTurns_DifferencesAndSecondOrder()
    {
        var points = Box((-1.9, 1.9), (-3, 3)).Where(p => Math.Abs(p[0]) + Math.Abs(p[1]) > 0.1);
        FirstAndSecondOrder(
            points,
            p => Ieee.HalfTurns(p[0], p[1]),
            p => G2(Ieee.HalfTurnsGradient(p[0], p[1], out var a, out var b), a, b),
            (p, g, h) => Ieee.HalfTurnsHessian(p[0], p[1], g, h),
            (p, t) => { Ieee.HalfTurnsTangent(p[0], p[1], t[0], t[1], out double tangent); return tangent; },
            h: 1e-6);
    }

    [Fact]
    public void HalfTurns_FloatAgreesWithDouble() =>
        SampleFloat(Box((-1.9, 1.9), (0.2, 3)), p => F2(IeeeF.HalfTurnsGradient(p[0], p[1], out var a, out var b), a, b), p => G2(Ieee.HalfTurnsGradient(p[0], p[1], out var a, out var b), a, b), absolute: 1e-5);

    // ---- MaxMagnitude, MinMagnitude, MaxNumber, MinNumber ----

    /// <summary>
    /// f = 2·MaxMagnitude(a, b) + 3·MinMagnitude(a, b): the gradient goes to the argument returned; where the magnitudes tie
    /// and the values differ (a = −b), .NET returns the positive one as the larger magnitude and the negative one as the
    /// smaller, and the gradient follows; where the values tie each gets half.
    /// </summary>
    [Theory]
    [InlineData(3.0, -5.0, 3.0, 2.0)]
    [InlineData(-5.0, 3.0, 2.0, 3.0)]
    [InlineData(-2.0, 2.0, 3.0, 2.0)]
    [InlineData(2.0, -2.0, 2.0, 3.0)]
    [InlineData(2.0, 2.0, 2.5, 2.5)]
    [InlineData(0.0, -0.0, 2.5, 2.5)]
    public void Magnitudes_RouteToTheArgumentReturned(double a, double b, double da, double db)
    {
        Assert.Equal(Ieee.Magnitudes(a, b), Ieee.MagnitudesGradient(a, b, out double ga, out double gb));
        Assert.Equal((da, db), (ga, gb));
        IeeeF.MagnitudesGradient((float)a, (float)b, out float fa, out float fb);
        Assert.Equal(((float)da, (float)db), (fa, fb));
        Ieee.MagnitudesTangent(a, b, 1, 10, out double tangent);
        Assert.Equal(da + 10 * db, tangent);
        double[] gradient = new double[2], hessian = new double[4];
        Ieee.MagnitudesHessian(a, b, gradient, hessian);
        Assert.Equal([da, db], gradient);
        Assert.Equal(new double[4], hessian);
    }

    /// <summary>MaxNumber and MinNumber leave a NaN aside: all of the gradient goes to the number. Elsewhere they are Max and Min.</summary>
    [Theory]
    [InlineData(double.NaN, 1.0, 0.0, 5.0)]
    [InlineData(1.0, double.NaN, 5.0, 0.0)]
    [InlineData(1.0, 4.0, 3.0, 2.0)]
    [InlineData(4.0, 1.0, 2.0, 3.0)]
    [InlineData(1.5, 1.5, 2.5, 2.5)]
    public void Numbers_RouteToTheNumber(double a, double b, double da, double db)
    {
        Assert.Equal(Ieee.Numbers(a, b), Ieee.NumbersGradient(a, b, out double ga, out double gb));
        Assert.Equal((da, db), (ga, gb));
        IeeeF.NumbersGradient((float)a, (float)b, out float fa, out float fb);
        Assert.Equal(((float)da, (float)db), (fa, fb));
        Ieee.NumbersTangent(a, b, 1, 10, out double tangent);
        Assert.Equal(da + 10 * db, tangent);
        Assert.Equal(Ieee.MagnitudeNumbers(a, b), Ieee.MagnitudeNumbersGradient(a, b, out ga, out gb));
        Assert.Equal((da, db), (ga, gb));   // positive values: the larger magnitude is the larger value
    }

    [Fact]
    public void Selections_Differences() =>
        Box((-5, 5), (-5, 5)).Where(p => Math.Abs(Math.Abs(p[0]) - Math.Abs(p[1])) > 1e-3 && Math.Abs(p[0] - p[1]) > 1e-3).Sample(p =>
        {
            Check(q => Ieee.Magnitudes(q[0], q[1]), p, G2(Ieee.MagnitudesGradient(p[0], p[1], out var a, out var b), a, b).Item2);
            Check(q => Ieee.Numbers(q[0], q[1]), p, G2(Ieee.NumbersGradient(p[0], p[1], out var c, out var d), c, d).Item2);
            Check(q => Ieee.MagnitudeNumbers(q[0], q[1]), p, G2(Ieee.MagnitudeNumbersGradient(p[0], p[1], out var e, out var f), e, f).Item2);
        }, iter: 200, print: Format);

    // ---- IEEERemainder ----

    /// <summary>
    /// r = a − n·b with n the quotient rounded to nearest, ties to even: 5/2 = 2.5 gives n = 2 and 7/2 = 3.5 gives n = 4.
    /// f = r(a, b)·b + r(a, 2.5): ∂a = b + 1, ∂b = r − n·b.
    /// </summary>
    [Theory]
    [InlineData(5.0, 2.0, 2.0)]
    [InlineData(7.0, 2.0, 4.0)]
    [InlineData(-7.0, 2.0, -4.0)]
    [InlineData(7.5, -2.0, -4.0)]
    [InlineData(0.3, 0.1, 3.0)]
    [InlineData(1.0, 3.0, 0.0)]
    public void Remainder_KnownValues(double a, double b, double n)
    {
        double r = Math.IEEERemainder(a, b);
        Assert.Equal(a - n * b, r, 15);
        double f = Ieee.RemainderGradient(a, b, out double da, out double db);
        Assert.Equal(Ieee.Remainder(a, b), f);
        Assert.Equal(b + 1, da);
        Close(r - n * b, db, 1e-15);
    }

    [Fact]
    public void Remainder_DifferencesAndSecondOrder()
    {
        // away from the jumps, where a/b or a/2.5 is half an odd integer
        static bool Smooth(double[] p) => Math.Abs(Math.Abs(p[0] / p[1] % 1) - 0.5) > 1e-3 && Math.Abs(Math.Abs(p[0] / 2.5 % 1) - 0.5) > 1e-3;
        var points = Box((-9, 9), (0.4, 3)).Where(Smooth);
        FirstAndSecondOrder(
            points,
            p => Ieee.Remainder(p[0], p[1]),
            p => G2(Ieee.RemainderGradient(p[0], p[1], out var a, out var b), a, b),
            (p, g, h) => Ieee.RemainderHessian(p[0], p[1], g, h),
            (p, t) => { Ieee.RemainderTangent(p[0], p[1], t[0], t[1], out double tangent); return tangent; });
    }

    [Fact]
    public void Remainder_FloatAgreesWithDouble() =>
        SampleFloat(
            Box((-9, 9), (0.4, 3)).Where(p => Math.Abs(Math.Abs(p[0] / p[1] % 1) - 0.5) > 1e-2 && Math.Abs(Math.Abs(p[0] / 2.5 % 1) - 0.5) > 1e-2),
            p => F2(IeeeF.RemainderGradient(p[0], p[1], out var a, out var b), a, b),
            p => G2(Ieee.RemainderGradient(p[0], p[1], out var a, out var b), a, b),
            absolute: 1e-4);

    // ---- BitIncrement, BitDecrement ----

    /// <summary>x ± one ulp has slope 1: f = BitIncrement(x)·BitDecrement(x²) has ∂x = BitDecrement(x²) + BitIncrement(x)·2x, bit for bit.</summary>
    [Theory]
    [InlineData(1.5)]
    [InlineData(-3.0)]
    [InlineData(0.0)]
    public void Steps_HaveSlopeOne(double x)
    {
        Assert.Equal(Ieee.Steps(x), Ieee.StepsGradient(x, out double dx));
        Close(Math.BitDecrement(x * x) + Math.BitIncrement(x) * (2 * x), dx, 1e-15);
        IeeeF.StepsGradient((float)x, out float dxf);
        Close(MathF.BitDecrement((float)x * (float)x) + MathF.BitIncrement((float)x) * (2 * (float)x), dxf, 1e-7);
    }

    [Fact]
    public void Steps_DifferencesAndSecondOrder()
    {
        FirstAndSecondOrder(
            Box((-3, 3)),
            p => Ieee.Steps(p[0]),
            p => G1(Ieee.StepsGradient(p[0], out var a), a),
            (p, g, h) => Ieee.StepsHessian(p[0], g, h),
            (p, t) => { Ieee.StepsTangent(p[0], t[0], out double tangent); return tangent; });
    }
}
