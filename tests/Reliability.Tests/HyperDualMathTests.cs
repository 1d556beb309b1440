using System;
using SymbolicDiff.Reliability.Tests.Oracle;

namespace SymbolicDiff.Reliability.Tests;

/// <summary>
/// The second-order oracle is checked too: along a line x(s), each hyper-dual function's value equals
/// Math's bitwise, its ε1 and ε2 parts the first derivative, and its ε1ε2 part the central difference
/// of the (separately tested) dual-number first derivative; mixed partials of the two-argument
/// functions likewise; and the conventions at kinks and ties.
/// </summary>
public class HyperDualMathTests
{
    // each case: f along a line through the function's arguments, once in double (the value), once
    // on dual numbers (the first derivative), once on hyper-dual numbers (what is tested)
    static (Func<double, double> F, Func<Dual<double>, Dual<double>> D, Func<HyperDual<double>, HyperDual<double>> H) Case(string name) => name switch
    {
        "Exp" => (Math.Exp, DualMath.Exp, HyperDualMath.Exp),
        "Log" => (Math.Log, DualMath.Log, HyperDualMath.Log),
        "LogBase" => (x => Math.Log(3 * x, x + 1), x => DualMath.Log(3.0 * x, x + 1.0), x => HyperDualMath.Log(3.0 * x, x + 1.0)),
        "Log10" => (Math.Log10, DualMath.Log10, HyperDualMath.Log10),
        "Log2" => (Math.Log2, DualMath.Log2, HyperDualMath.Log2),
        "Sqrt" => (Math.Sqrt, DualMath.Sqrt, HyperDualMath.Sqrt),
        "Cbrt" => (Math.Cbrt, DualMath.Cbrt, HyperDualMath.Cbrt),
        "Pow" => (x => Math.Pow(x, x * x), x => DualMath.Pow(x, x * x), x => HyperDualMath.Pow(x, x * x)),
        "PowExponent" => (x => Math.Pow(2.5, x), x => DualMath.Pow((Dual<double>)2.5, x), x => HyperDualMath.Pow((HyperDual<double>)2.5, x)),
        "PowConstant" => (x => Math.Pow(x, 3.0), x => DualMath.Pow(x, 3.0), x => HyperDualMath.Pow(x, 3.0)),
        "PowHalf" => (x => Math.Pow(x, 1.5), x => DualMath.Pow(x, 1.5), x => HyperDualMath.Pow(x, 1.5)),
        "Sin" => (Math.Sin, DualMath.Sin, HyperDualMath.Sin),
        "Cos" => (Math.Cos, DualMath.Cos, HyperDualMath.Cos),
        "Tan" => (Math.Tan, DualMath.Tan, HyperDualMath.Tan),
        "Asin" => (Math.Asin, DualMath.Asin, HyperDualMath.Asin),
        "Acos" => (Math.Acos, DualMath.Acos, HyperDualMath.Acos),
        "Atan" => (Math.Atan, DualMath.Atan, HyperDualMath.Atan),
        "Atan2" => (x => Math.Atan2(x * x, 1 - x), x => DualMath.Atan2(x * x, 1.0 - x), x => HyperDualMath.Atan2(x * x, 1.0 - x)),
        "Sinh" => (Math.Sinh, DualMath.Sinh, HyperDualMath.Sinh),
        "Cosh" => (Math.Cosh, DualMath.Cosh, HyperDualMath.Cosh),
        "Tanh" => (Math.Tanh, DualMath.Tanh, HyperDualMath.Tanh),
        "Asinh" => (Math.Asinh, DualMath.Asinh, HyperDualMath.Asinh),
        "Acosh" => (Math.Acosh, DualMath.Acosh, HyperDualMath.Acosh),
        "Atanh" => (Math.Atanh, DualMath.Atanh, HyperDualMath.Atanh),
        "Abs" => (x => Math.Abs(x * x - 2), x => DualMath.Abs(x * x - 2.0), x => HyperDualMath.Abs(x * x - 2.0)),
        "Max" => (x => Math.Max(x * x, 0.5 - x), x => DualMath.Max(x * x, 0.5 - x), x => HyperDualMath.Max(x * x, 0.5 - x)),
        "Min" => (x => Math.Min(x * x, 0.5 - x), x => DualMath.Min(x * x, 0.5 - x), x => HyperDualMath.Min(x * x, 0.5 - x)),
        "Clamp" => (x => Math.Clamp(3 * x, x - 1, x * x), x => DualMath.Clamp(3.0 * x, x - 1.0, x * x), x => HyperDualMath.Clamp(3.0 * x, x - 1.0, x * x)),
        "Fma" => (x => Math.FusedMultiplyAdd(x, x * 2, Math.Sin(x)), x => DualMath.FusedMultiplyAdd(x, x * 2.0, DualMath.Sin(x)), x => HyperDualMath.FusedMultiplyAdd(x, x * 2.0, HyperDualMath.Sin(x))),
        "CopySign" => (x => Math.CopySign(x * x, x - 2), x => DualMath.CopySign(x * x, x - 2.0), x => HyperDualMath.CopySign(x * x, x - 2.0)),
        "Hypot" => (x => double.Hypot(x * x, 1 - x), x => DualMath.Hypot(x * x, 1.0 - x), x => HyperDualMath.Hypot(x * x, 1.0 - x)),
        "ExpM1" => (double.ExpM1, DualMath.ExpM1, HyperDualMath.ExpM1),
        "Exp2" => (double.Exp2, DualMath.Exp2, HyperDualMath.Exp2),
        "Exp10" => (double.Exp10, DualMath.Exp10, HyperDualMath.Exp10),
        "Exp2M1" => (double.Exp2M1, DualMath.Exp2M1, HyperDualMath.Exp2M1),
        "Exp10M1" => (double.Exp10M1, DualMath.Exp10M1, HyperDualMath.Exp10M1),
        "LogP1" => (double.LogP1, DualMath.LogP1, HyperDualMath.LogP1),
        "Log2P1" => (double.Log2P1, DualMath.Log2P1, HyperDualMath.Log2P1),
        "Log10P1" => (double.Log10P1, DualMath.Log10P1, HyperDualMath.Log10P1),
        "Lerp" => (x => double.Lerp(x * x, Math.Sin(x), x), x => DualMath.Lerp(x * x, DualMath.Sin(x), x), x => HyperDualMath.Lerp(x * x, HyperDualMath.Sin(x), x)),
        "DegreesToRadians" => (x => double.DegreesToRadians(x * x), x => DualMath.DegreesToRadians(x * x), x => HyperDualMath.DegreesToRadians(x * x)),
        "RadiansToDegrees" => (x => double.RadiansToDegrees(x * x), x => DualMath.RadiansToDegrees(x * x), x => HyperDualMath.RadiansToDegrees(x * x)),
        _ => (x => x * x / (1 + x * x * x), x => x * x / (1.0 + x * x * x), x => x * x / (1.0 + x * x * x)),
    };

    public static TheoryData<string, double> Functions => new()
    {
        { "Exp", 0.7 }, { "Log", 1.3 }, { "LogBase", 1.3 }, { "Log10", 2.1 }, { "Log2", 0.6 }, { "Sqrt", 1.7 }, { "Cbrt", -0.8 },
        { "Pow", 1.4 }, { "PowExponent", 0.9 }, { "PowConstant", -1.2 }, { "PowHalf", 0.7 }, { "Sin", 0.4 }, { "Cos", 0.4 },
        { "Tan", 0.5 }, { "Asin", 0.3 }, { "Acos", -0.6 }, { "Atan", 1.9 }, { "Atan2", 0.7 }, { "Sinh", 0.8 }, { "Cosh", -0.8 },
        { "Tanh", 0.2 }, { "Asinh", -1.3 }, { "Acosh", 1.6 }, { "Atanh", -0.4 }, { "Abs", 0.9 }, { "Abs", 1.7 }, { "Max", 0.3 },
        { "Max", -1.2 }, { "Min", 0.3 }, { "Min", -1.2 }, { "Clamp", 0.2 }, { "Clamp", 1.8 }, { "Clamp", -0.8 }, { "Fma", 0.9 },
        { "CopySign", 1.1 }, { "CopySign", 2.5 }, { "Hypot", 0.6 }, { "ExpM1", -0.3 }, { "Exp2", 0.6 }, { "Exp10", 0.4 },
        { "Exp2M1", 0.6 }, { "Exp10M1", -0.4 }, { "LogP1", 0.8 }, { "Log2P1", 0.8 }, { "Log10P1", 1.5 }, { "Lerp", 0.7 },
        { "DegreesToRadians", 1.2 }, { "RadiansToDegrees", 1.2 }, { "Quotient", 0.6 },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void SecondDerivativeMatchesCentralDifferencesOfTheFirst(string name, double x)
    {
        var (f, d, h) = Case(name);
        var result = h(new HyperDual<double>(x, 1.0, 1.0, 0.0));
        const double step = 1e-6;
        var firstDerivative = d(new Dual<double>(x, 1.0)).Tangent;
        var numeric = (d(new Dual<double>(x + step, 1.0)).Tangent - d(new Dual<double>(x - step, 1.0)).Tangent) / (2 * step);
        Assert.Equal(f(x), result.Value);
        Assert.True(Math.Abs(result.E1 - firstDerivative) <= 1e-12 * Math.Max(1, Math.Abs(firstDerivative)), $"{name}: ε1 part {result.E1}, dual tangent {firstDerivative}");
        Assert.Equal(result.E1, result.E2);
        Assert.True(Math.Abs(numeric - result.E12) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"{name}: ε1ε2 part {result.E12}, central difference of the first derivative {numeric}");
    }

    public static TheoryData<string> TwoArgumentFunctions => new() { "Pow", "Atan2", "LogBase", "Hypot", "Fma", "Lerp", "Quotient", "Product" };

    static (Func<Dual<double>, Dual<double>, Dual<double>> D, Func<HyperDual<double>, HyperDual<double>, HyperDual<double>> H) Mixed(string name) => name switch
    {
        "Pow" => (DualMath.Pow, HyperDualMath.Pow),
        "Atan2" => (DualMath.Atan2, HyperDualMath.Atan2),
        "LogBase" => (DualMath.Log, HyperDualMath.Log),
        "Hypot" => (DualMath.Hypot, HyperDualMath.Hypot),
        "Fma" => ((a, b) => DualMath.FusedMultiplyAdd(a, b, a), (a, b) => HyperDualMath.FusedMultiplyAdd(a, b, a)),
        "Lerp" => ((a, b) => DualMath.Lerp(a, 1.0 - a, b), (a, b) => HyperDualMath.Lerp(a, 1.0 - a, b)),
        "Quotient" => ((a, b) => a / b, (a, b) => a / b),
        _ => ((a, b) => a * b * b, (a, b) => a * b * b),
    };

    /// <summary>∂²f/∂a∂b at (1.3, 0.7), seeding ε1 on a and ε2 on b, against the central difference in b of the dual ∂f/∂a.</summary>
    [Theory]
    [MemberData(nameof(TwoArgumentFunctions))]
    public void MixedPartialMatchesCentralDifferences(string name)
    {
        var (d, h) = Mixed(name);
        const double a = 1.3, b = 0.7, step = 1e-6;
        var mixed = h(new HyperDual<double>(a, 1.0, 0.0, 0.0), new HyperDual<double>(b, 0.0, 1.0, 0.0)).E12;
        double DfDa(double bAt) => d(new Dual<double>(a, 1.0), new Dual<double>(bAt, 0.0)).Tangent;
        var numeric = (DfDa(b + step) - DfDa(b - step)) / (2 * step);
        Assert.True(Math.Abs(numeric - mixed) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"{name}: ε1ε2 part {mixed}, central difference {numeric}");
    }

    /// <summary>
    /// ln, log₁₀, √ and ∛ of a value near 4e186 whose tangents are 575 times it (soak seed 20261504, #202): f″ alone
    /// underflows there (ln: −1/x² = −6e-374), but its term f″·x1·x2 does not. The ε1ε2 part is the same function of
    /// u = x1/x as at x = 1 with tangents u, scaled as f is: ln and log₁₀ −u² (and −u²/ln 10), √ −u²·√x/4, ∛ −2u²·∛x/9.
    /// </summary>
    [Fact]
    public void SecondDerivativeTermSurvivesWhereTheSecondDerivativeUnderflows()
    {
        const double x = 4e186, u = 575.0;
        var big = new HyperDual<double>(x, u * x, u * x, 0.0);
        Assert.Equal(-u * u, HyperDualMath.Log(big).E12, 1e-9 * u * u);
        Assert.Equal(-u * u / Math.Log(10), HyperDualMath.Log10(big).E12, 1e-9 * u * u);
        Assert.Equal(-u * u * Math.Sqrt(x) / 4, HyperDualMath.Sqrt(big).E12, 1e-9 * u * u * Math.Sqrt(x));
        Assert.Equal(-2 * u * u * Math.Cbrt(x) / 9, HyperDualMath.Cbrt(big).E12, 1e-9 * u * u * Math.Cbrt(x));
    }

    [Fact]
    public void KinksAndTiesHaveTheFirstOrderConventionsAndNoCurvature()
    {
        HyperDual<double> a = new(1.0, 2.0, 3.0, 5.0), b = new(1.0, 4.0, 1.0, 7.0);
        var max = HyperDualMath.Max(a, b);
        Assert.Equal((3.0, 2.0, 6.0), (max.E1, max.E2, max.E12));
        var abs = HyperDualMath.Abs(new HyperDual<double>(0.0, 1.0, 1.0, 1.0));
        Assert.Equal((0.0, 0.0, 0.0), (abs.E1, abs.E2, abs.E12));
        var floor = HyperDualMath.Floor(new HyperDual<double>(1.5, 1.0, 1.0, 1.0));
        Assert.Equal((1.0, 0.0, 0.0, 0.0), (floor.Value, floor.E1, floor.E2, floor.E12));
        // Abs away from 0 is ±x: its ε1ε2 part is ±x's, with no curvature of its own
        var square = new HyperDual<double>(-1.5, 1.0, 1.0, 0.0) * new HyperDual<double>(-1.5, 1.0, 1.0, 0.0);
        Assert.Equal(2.0, HyperDualMath.Abs(-square).E12);
        Assert.True(double.IsNegative(HyperDualMath.Clamp((HyperDual<double>)(-0.0), (HyperDual<double>)0.0, (HyperDual<double>)1.0).Value));
    }
}
