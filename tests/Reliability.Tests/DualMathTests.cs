using System;
using SymbolicDiff.Reliability.Tests.Oracle;

namespace SymbolicDiff.Reliability.Tests;

/// <summary>The oracle is checked too: each DualMath tangent against central differences, each value against Math, and the tie conventions.</summary>
public class DualMathTests
{
    static Dual<double> Seeded(double x) => new(x, 1.0);

    public static TheoryData<string, double> Functions => new()
    {
        { "Exp", 0.7 }, { "Log", 1.3 }, { "LogBase", 1.3 }, { "Log10", 2.1 }, { "Log2", 0.6 }, { "Sqrt", 1.7 },
        { "Cbrt", -0.8 }, { "Pow", 1.4 }, { "PowExponent", 0.9 }, { "PowConstant", -1.2 }, { "Sin", 0.4 }, { "Cos", 0.4 },
        { "Tan", 0.5 }, { "Asin", 0.3 }, { "Acos", -0.6 }, { "Atan", 1.9 }, { "Atan2", 0.7 }, { "Sinh", 0.8 },
        { "Cosh", -0.8 }, { "Tanh", 0.2 }, { "Abs", -1.1 }, { "Max", 0.3 }, { "Min", 0.3 }, { "Clamp", 0.2 },
        { "Fma", 0.9 }, { "Quotient", 0.6 },
    };

    static (Func<double, double> F, Func<Dual<double>, Dual<double>> D) Pair(string name) => name switch
    {
        "Exp" => (Math.Exp, DualMath.Exp),
        "Log" => (Math.Log, DualMath.Log),
        "LogBase" => (x => Math.Log(3 * x, x + 1), x => DualMath.Log(3.0 * x, x + 1.0)),
        "Log10" => (Math.Log10, DualMath.Log10),
        "Log2" => (Math.Log2, DualMath.Log2),
        "Sqrt" => (Math.Sqrt, DualMath.Sqrt),
        "Cbrt" => (Math.Cbrt, DualMath.Cbrt),
        "Pow" => (x => Math.Pow(x, x * x), x => DualMath.Pow(x, x * x)),
        "PowExponent" => (x => Math.Pow(2.5, x), x => DualMath.Pow((Dual<double>)2.5, x)),
        "PowConstant" => (x => Math.Pow(x, 3.0), x => DualMath.Pow(x, 3.0)),
        "Sin" => (Math.Sin, DualMath.Sin),
        "Cos" => (Math.Cos, DualMath.Cos),
        "Tan" => (Math.Tan, DualMath.Tan),
        "Asin" => (Math.Asin, DualMath.Asin),
        "Acos" => (Math.Acos, DualMath.Acos),
        "Atan" => (Math.Atan, DualMath.Atan),
        "Atan2" => (x => Math.Atan2(x * x, 1 - x), x => DualMath.Atan2(x * x, 1.0 - x)),
        "Sinh" => (Math.Sinh, DualMath.Sinh),
        "Cosh" => (Math.Cosh, DualMath.Cosh),
        "Tanh" => (Math.Tanh, DualMath.Tanh),
        "Abs" => (Math.Abs, DualMath.Abs),
        "Max" => (x => Math.Max(x * x, 0.5 - x), x => DualMath.Max(x * x, 0.5 - x)),
        "Min" => (x => Math.Min(x * x, 0.5 - x), x => DualMath.Min(x * x, 0.5 - x)),
        "Clamp" => (x => Math.Clamp(3 * x, x - 1, x * x), x => DualMath.Clamp(3.0 * x, x - 1.0, x * x)),
        "Fma" => (x => Math.FusedMultiplyAdd(x, x * 2, Math.Sin(x)), x => DualMath.FusedMultiplyAdd(x, x * 2.0, DualMath.Sin(x))),
        _ => (x => x * x / (1 + x), x => x * x / (1.0 + x)),
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void TangentMatchesCentralDifferencesAndValueMatchesMath(string name, double x)
    {
        var (f, d) = Pair(name);
        var result = d(Seeded(x));
        const double h = 1e-6;
        var numeric = (f(x + h) - f(x - h)) / (2 * h);
        Assert.Equal(f(x), result.Value);
        Assert.True(Math.Abs(numeric - result.Tangent) <= 1e-7 * Math.Max(1, Math.Abs(numeric)), $"{name}: tangent {result.Tangent}, central difference {numeric}");
    }

    [Fact]
    public void TiesFollowTheReadmeConventions()
    {
        Dual<double> a = new(1.0, 2.0), b = new(1.0, 4.0);
        Assert.Equal(3.0, DualMath.Max(a, b).Tangent);
        Assert.Equal(3.0, DualMath.Min(a, b).Tangent);
        Assert.Equal(0.0, DualMath.Abs(new Dual<double>(0.0, 1.0)).Tangent);
        Assert.Equal(0.0, DualMath.Floor(Seeded(1.5)).Tangent);
        Assert.Equal(0.0, DualMath.Pow(new Dual<double>(0.0, 0.0), Seeded(2.0)).Tangent);
        // Clamp: v tied with lo gets ½, lo gets ½
        Assert.Equal(0.5 * 2.0 + 0.5 * 4.0, DualMath.Clamp(a, b, (Dual<double>)3.0).Tangent);
        // Math.Clamp keeps a −0 value; the oracle must too, or values would not match bitwise
        Assert.True(double.IsNegative(DualMath.Clamp((Dual<double>)(-0.0), (Dual<double>)0.0, (Dual<double>)1.0).Value));
    }
}
