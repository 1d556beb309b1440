using System;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>Methods whose generated code once did not compile (issue 7, section 2), checked on numbers now that it does.</summary>
public static partial class BuildRegress
{
    // Every name a keyword written with @: parameters, locals, arrays, loop variables, a callee and its parameter.
    [Differentiable]
    public static double @return(double @double, double @in, double[] @params)
    {
        double @int = @double * @in;
        double[] @new = { @int, @in };
        for (int @for = 0; @for < @params.Length; @for++)
        {
            @int += @params[@for] * @new[0];
            @new[1] = @int * @double;
        }

        double @var = @new[1] + @this(@int);
        return @var * @int;
    }

    [Differentiable]
    public static double @this(double @base) => @base * @base;

    // Local arrays passed to callees that take double[] (the replay copy must be an array too).
    [Differentiable]
    public static double SumSquares(double[] v)
    {
        double s = 0;
        for (int i = 0; i < v.Length; i++)
        {
            s += v[i] * v[i];
        }

        return s;
    }

    [Differentiable]
    public static double LogSumExp(double[] v)
    {
        double s = 0;
        foreach (double e in v)
        {
            s += Math.Exp(e);
        }

        return Math.Log(s);
    }

    [Differentiable]
    public static void Square(double[] x, double[] y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] * x[i];
        }
    }

    [Differentiable]
    public static double ThroughArrayHelpers(double x, double y)
    {
        double[] v = { x, x * y, y };
        double a = SumSquares(v);
        v[1] = a * x;
        double[] w = new double[3];
        Square(v, w);
        return a + LogSumExp(v) + LogSumExp(w) / 10;
    }

    // A slice of a local array through a span view of it (the array has no Slice).
    [Differentiable]
    public static double SumOfSlice(ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int i = 0; i < v.Length; i++)
        {
            s += v[i];
        }

        return s;
    }

    [Differentiable]
    public static double SliceOfALocalArray(double x, double y)
    {
        double[] v = { x, x * y, y * y };
        double a = SumOfSlice(v.AsSpan().Slice(1)) * SumOfSlice(((ReadOnlySpan<double>)v).Slice(0, 2));
        v[0] = 3 * a;
        return a + SumOfSlice(v.AsSpan().Slice(0, 1));
    }

    [Differentiable]
    public static double SumSquaresLongIndex(double[] x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (long i = 0; i < (long)x.Length; i++)
        {
            s += x[i] * x[i] * y[x.Length - 1 - (int)i];
        }

        long k = 1;
        while (k < 3)
        {
            s += y[(int)k] * x[k];
            k += 1;
        }

        return s;
    }

    [Differentiable]
    public static double SumSquaresUIntIndex(double[] x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (uint i = 0; i < (uint)x.Length; i++)
        {
            s += x[i] * x[i] * y[x.Length - 1 - (int)i];
        }

        uint k = 1;
        while (k < 3)
        {
            s += y[(int)k] * x[k];
            k += 1;
        }

        return s;
    }

    [Differentiable]
    public static double SumSquaresULongIndex(double[] x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (ulong i = 0; i < (ulong)x.Length; i++)
        {
            s += x[i] * x[i] * y[x.Length - 1 - (int)i];
        }

        ulong k = 1;
        while (k < 3)
        {
            s += y[(int)k] * x[k];
            k += 1;
        }

        return s;
    }

    [Differentiable]
    public static double SumSquaresShortIndex(double[] x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (short i = 0; i < (short)x.Length; i++)
        {
            s += x[i] * x[i] * y[x.Length - 1 - (int)i];
        }

        short k = 1;
        while (k < 3)
        {
            s += y[(int)k] * x[k];
            k += 1;
        }

        return s;
    }

    [Differentiable]
    public static double SumSquaresUShortIndex(double[] x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (ushort i = 0; i < (ushort)x.Length; i++)
        {
            s += x[i] * x[i] * y[x.Length - 1 - (int)i];
        }

        ushort k = 1;
        while (k < 3)
        {
            s += y[(int)k] * x[k];
            k += 1;
        }

        return s;
    }

    [Differentiable]
    public static double SumSquaresByteIndex(double[] x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (byte i = 0; i < (byte)x.Length; i++)
        {
            s += x[i] * x[i] * y[x.Length - 1 - (int)i];
        }

        byte k = 1;
        while (k < 3)
        {
            s += y[(int)k] * x[k];
            k += 1;
        }

        return s;
    }

    [Differentiable]
    public static double SumSquaresSByteIndex(double[] x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (sbyte i = 0; i < (sbyte)x.Length; i++)
        {
            s += x[i] * x[i] * y[x.Length - 1 - (int)i];
        }

        sbyte k = 1;
        while (k < 3)
        {
            s += y[(int)k] * x[k];
            k += 1;
        }

        return s;
    }

    [Differentiable]
    public static double SumSquaresNIntIndex(double[] x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (nint i = 0; i < (nint)x.Length; i++)
        {
            s += x[i] * x[i] * y[x.Length - 1 - (int)i];
        }

        nint k = 1;
        while (k < 3)
        {
            s += y[(int)k] * x[k];
            k += 1;
        }

        return s;
    }

    [Differentiable]
    public static double SumSquaresNUIntIndex(double[] x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (nuint i = 0; i < (nuint)x.Length; i++)
        {
            s += x[i] * x[i] * y[x.Length - 1 - (int)i];
        }

        nuint k = 1;
        while (k < 3)
        {
            s += y[(int)k] * x[k];
            k += 1;
        }

        return s;
    }
}

/// <summary>A switch on a constant (a const local: the user's compiler does not warn on a switch of a constant): no CS8519/CS8793 in generated code.</summary>
public static partial class BuildRegress
{
    [Differentiable]
    public static double SwitchOnAConstantLocal(double x)
    {
        const double t = 1.0;
        double k = t switch { <= 0.75 => x, >= 1.5 => 2 * x, _ => x * x };
        return k * x;
    }

    /// <summary>
    /// A literal selector with one pattern (the lead's repro of a tester finding, `1f is >= -0.5f`): the selector's
    /// local had one reader, so it was inlined into the copied test, CS8793 in generated code.
    /// </summary>
    [Differentiable(Derivatives.Forward | Derivatives.Reverse | Derivatives.Hessian)]
    public static float SwitchExpressionOnALiteral(float x) => 1f switch { >= -0.5f => x * x, _ => -x };

    [Differentiable(Derivatives.Forward | Derivatives.Reverse | Derivatives.Hessian)]
    public static float SwitchStatementOnALiteral(float x)
    {
        switch (1f)
        {
            case >= -0.5f:
                x = x * x;
                break;
        }

        return x;
    }

    /// <summary>The literal reaches the selector through an inlined callee's parameter.</summary>
    [Differentiable]
    public static double Step(double s, double x) => s switch { < 0.25 => x, _ => 3 * x };

    [Differentiable]
    public static double StepOfALiteral(double x) => Step(1.0, x) * x;
}

/// <summary>
/// F46: float second order with an int factor (a parameter, a step local): the zero of a vanished term was a double
/// (<c>hv += t == 0.0 ? 0.0 : t * (float)n</c>, CS0266 in generated code).
/// </summary>
public static partial class BuildRegress
{
    [Differentiable(Derivatives.Forward | Derivatives.Reverse | Derivatives.Hessian)]
    public static float ScaledByACount(float x, float y, int n)
    {
        x = n * y;
        return x * x;
    }

    [Differentiable(Derivatives.Forward | Derivatives.Reverse | Derivatives.Hessian)]
    public static float ScaledByAStep(float x, float y)
    {
        int k = (int)MathF.Floor(x);
        return k * y * (k * y) + x * y;
    }
}

public class BuildRegressionTests
{
    [Fact]
    public void FloatSecondOrderWithAnIntFactor()
    {
        // x is overwritten: f = n²y², ∇ = (0, 2n²y), H = [[0, 0], [0, 2n²]]
        Assert.Equal(36f, BuildRegress.ScaledByACountHessianVectorProduct(5f, 2f, 3, 1f, 1f, out float dx, out float dy, out float hvx, out float hvy));
        Assert.Equal((0f, 36f, 0f, 18f), (dx, dy, hvx, hvy));

        // k = 2 at x = 2.5: f = 4y² + xy, ∇ = (y, 8y + x), H = [[0, 1], [1, 8]]
        Assert.Equal(4f * 1.5f * 1.5f + 2.5f * 1.5f, BuildRegress.ScaledByAStepHessianVectorProduct(2.5f, 1.5f, 1f, -1f, out dx, out dy, out hvx, out hvy));
        Assert.Equal((1.5f, 14.5f, -1f, -7f), (dx, dy, hvx, hvy));
    }

    [Fact]
    public void SwitchOnAConstantLocal()
    {
        double v = BuildRegress.SwitchOnAConstantLocalGradient(1.5, out double dx);
        Close(1.5 * 1.5 * 1.5, v);
        Close(3 * 1.5 * 1.5, dx);
    }

    [Fact]
    public void SwitchOnALiteralSelector()
    {
        Assert.Equal(9f, BuildRegress.SwitchExpressionOnALiteralGradient(3f, out float dx));
        Assert.Equal(6f, dx);
        Assert.Equal(9f, BuildRegress.SwitchStatementOnALiteralHessianVectorProduct(3f, 1f, out float gradient, out float hv));
        Assert.Equal(6f, gradient);
        Assert.Equal(2f, hv);
        Assert.Equal(12.0, BuildRegress.StepOfALiteralGradient(2.0, out double dStep));
        Assert.Equal(12.0, dStep);
    }

    // Local arrays passed to double[] parameters; slices of a span view of a local array.
    [Theory]
    [InlineData(true, 0.7, -0.4)]
    [InlineData(true, -1.3, 2.1)]
    [InlineData(false, 0.7, -0.4)]
    [InlineData(false, -1.3, 2.1)]
    public void LocalArraysPassedToCallees(bool arrayParameters, double x, double y)
    {
        Func<double[], double> f = arrayParameters
            ? v => BuildRegress.ThroughArrayHelpers(v[0], v[1])
            : v => BuildRegress.SliceOfALocalArray(v[0], v[1]);
        double dx, dy;
        double value = arrayParameters
            ? BuildRegress.ThroughArrayHelpersGradient(x, y, out dx, out dy)
            : BuildRegress.SliceOfALocalArrayGradient(x, y, out dx, out dy);

        Close(f([x, y]), value);
        Check(f, [x, y], [dx, dy]);
    }

    public static TheoryData<string> IndexTypes => new() { "Long", "UInt", "ULong", "Short", "UShort", "Byte", "SByte", "NInt", "NUInt" };

    [Theory]
    [MemberData(nameof(IndexTypes))]
    public void IntegerTypesAsLoopCountersAndIndices(string type)
    {
        double[] x = [0.3, -1.2, 2.5, 0.7], y = [1.5, -0.5, 0.25, 2.0];
        Func<double[], double[], double> f = type switch
        {
            "Long" => (a, b) => BuildRegress.SumSquaresLongIndex(a, b),
            "UInt" => (a, b) => BuildRegress.SumSquaresUIntIndex(a, b),
            "ULong" => (a, b) => BuildRegress.SumSquaresULongIndex(a, b),
            "Short" => (a, b) => BuildRegress.SumSquaresShortIndex(a, b),
            "UShort" => (a, b) => BuildRegress.SumSquaresUShortIndex(a, b),
            "Byte" => (a, b) => BuildRegress.SumSquaresByteIndex(a, b),
            "SByte" => (a, b) => BuildRegress.SumSquaresSByteIndex(a, b),
            "NInt" => (a, b) => BuildRegress.SumSquaresNIntIndex(a, b),
            _ => (a, b) => BuildRegress.SumSquaresNUIntIndex(a, b),
        };
        double[] dx = new double[4], dy = new double[4];
        double value = type switch
        {
            "Long" => BuildRegress.SumSquaresLongIndexGradient(x, y, dx, dy),
            "UInt" => BuildRegress.SumSquaresUIntIndexGradient(x, y, dx, dy),
            "ULong" => BuildRegress.SumSquaresULongIndexGradient(x, y, dx, dy),
            "Short" => BuildRegress.SumSquaresShortIndexGradient(x, y, dx, dy),
            "UShort" => BuildRegress.SumSquaresUShortIndexGradient(x, y, dx, dy),
            "Byte" => BuildRegress.SumSquaresByteIndexGradient(x, y, dx, dy),
            "SByte" => BuildRegress.SumSquaresSByteIndexGradient(x, y, dx, dy),
            "NInt" => BuildRegress.SumSquaresNIntIndexGradient(x, y, dx, dy),
            _ => BuildRegress.SumSquaresNUIntIndexGradient(x, y, dx, dy),
        };

        Close(f(x, y), value);
        Check(v => f(v[..4], v[4..]), [.. x, .. y], [.. dx, .. dy]);
    }

    [Fact]
    public void KeywordNames()
    {
        double[] x = [0.7, -0.4, 0.5, -1.5, 2.0];
        static double F(double[] v) => BuildRegress.@return(v[0], v[1], v[2..]);
        double[] dp = new double[3];
        double value = BuildRegress.returnGradient(x[0], x[1], x[2..], out double da, out double db, dp);

        Close(F(x), value);
        Check(F, x, [da, db, .. dp]);
    }
}

// A virtual [Differentiable] method: its companions are virtual too, so a call through the base type
// differentiates the override that runs.
public partial class Shape
{
    [Differentiable] public virtual double Area(double r) => r * r;
}

public partial class Disc : Shape
{
    [Differentiable] public override double Area(double r) => Math.PI * r * r;
}

public sealed partial class HalfDisc : Disc
{
    [Differentiable] public sealed override double Area(double r) => 0.5 * Math.PI * r * r;
}

public partial class Square : Shape
{
    [Differentiable] public new double Area(double r) => 4 * r * r;
}

public class InheritanceTests
{
    [Theory]
    [InlineData(0, 2 * 1.5)]
    [InlineData(1, 2 * Math.PI * 1.5)]
    [InlineData(2, Math.PI * 1.5)]
    public void GradientThroughTheBaseTypeIsTheOverridesGradient(int kind, double expected)
    {
        Shape shape = kind switch { 0 => new Shape(), 1 => new Disc(), _ => new HalfDisc() };

        double value = shape.AreaGradient(1.5, out double dr);

        Close(shape.Area(1.5), value);
        Close(expected, dr);
        Check(v => shape.Area(v[0]), [1.5], [dr]);
    }

    [Fact]
    public void HidingMethodGetsItsOwnGradient()
    {
        var square = new Square();
        Shape asShape = square;

        Close(4 * 1.5 * 1.5, square.AreaGradient(1.5, out double dr));
        Close(8 * 1.5, dr);
        asShape.AreaGradient(1.5, out dr);
        Close(2 * 1.5, dr);
    }
}

// An override calling the base's method (base.Cost(x)): the generated code calls base.CostBackward, base.CostTangent,
// … (F42: it called this.CostBackward, the override's own, and recursed until the stack overflowed).
public partial class Tariff
{
    [Differentiable(Derivatives.Reverse | Derivatives.Forward | Derivatives.Hessian)]
    public virtual double Cost(double x) => x * x + Math.Sin(x);
}

public partial class PeakTariff : Tariff
{
    [Differentiable(Derivatives.Reverse | Derivatives.Forward | Derivatives.Hessian)]
    public override double Cost(double x) => 3 * base.Cost(x) + x;

    /// <summary>The base's and the override's, side by side: 2·(x² + sin x) − x.</summary>
    [Differentiable(Derivatives.Reverse | Derivatives.Forward | Derivatives.Hessian)]
    public double Surcharge(double x) => this.Cost(x) - base.Cost(x) - 2 * x;
}

public class BaseCallTests
{
    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void AnOverrideCallingTheBase(double x)
    {
        var tariff = new PeakTariff();
        Close(3 * (x * x + Math.Sin(x)) + x, tariff.CostGradient(x, out double dx));
        Close(3 * (2 * x + Math.Cos(x)) + 1, dx);
        Check(v => tariff.Cost(v[0]), [x], [dx]);
        Close(tariff.Cost(x), tariff.CostTangent(x, 1.0, out double tangent));
        Close(3 * (2 * x + Math.Cos(x)) + 1, tangent);
        Assert.Equal(3 * (2 - Math.Sin(x)), Hessian(tariff.CostHessian, x), 12);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void TheBaseAndTheOverrideSideBySide(double x)
    {
        var tariff = new PeakTariff();
        Close(2 * (x * x + Math.Sin(x)) - x, tariff.SurchargeGradient(x, out double dx));
        Close(2 * (2 * x + Math.Cos(x)) - 1, dx);
        Check(v => tariff.Surcharge(v[0]), [x], [dx]);
        Assert.Equal(2 * (2 - Math.Sin(x)), Hessian(tariff.SurchargeHessian, x), 12);
    }

    delegate double HessianOf(double x, Span<double> gradient, Span<double> hessian);

    static double Hessian(HessianOf companion, double x)
    {
        double[] hessian = new double[1];
        companion(x, new double[1], hessian);
        return hessian[0];
    }
}

// A [Differentiable] instance method called on an object the caller makes or reads: the forward pass calls F on it,
// the backward pass FBackward, so both must reach one object (F43: Next().F(x) called Next() twice, and the
// gradient was the next object's).
public partial class Rate(double k)
{
    [Differentiable(Derivatives.Reverse | Derivatives.Forward | Derivatives.Hessian)]
    public double Apply(double x) => k * x * x;
}

public partial class RateSource
{
    int made;

    /// <summary>A new rate on every call, 1, 2, 3, …: calling it twice shows.</summary>
    public Rate Next() => new(++made);

    [Differentiable(Derivatives.Reverse | Derivatives.Forward | Derivatives.Hessian)]
    public double Charge(double x) => Next().Apply(x);

    /// <summary>One object read in every iteration: value 82 and derivative 448 at x = ½, k = 2.</summary>
    [Differentiable]
    public static double Compounded(double x, [NoDiff] double k)
    {
        double s = 0;
        var rate = new Rate(k);
        for (int i = 0; i < 3; i++)
            s += rate.Apply(x * s + 1);
        return s;
    }

    /// <summary>
    /// A receiver from a constant array, by index and by foreach: computed again in the backward pass from the
    /// loop's counter (the foreach's hidden index is stepped back only for that), not saved.
    /// </summary>
    [Differentiable]
    public static double Chained(double x, [NoDiff] Rate[] rates)
    {
        double s = 0;
        foreach (var rate in rates)
            s += rate.Apply(x + s);
        for (int i = 0; i < rates.Length; i++)
            s += rates[i].Apply(x - s);
        return s;
    }
}

public class ReceiverTests
{
    [Fact]
    public void ReceiversFromAConstantArray() => Uniform(1, -0.3, 0.3).Sample(p =>
    {
        Rate[] rates = [new(1), new(0.5), new(-0.25)];
        double value = RateSource.ChainedGradient(p[0], rates, out double dx);
        Close(RateSource.Chained(p[0], rates), value);
        Check(v => RateSource.Chained(v[0], rates), p, [dx]);
    });

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void AReceiverThatComputesIsMadeOnce(double x)
    {
        var source = new RateSource();
        double value = source.ChargeGradient(x, out double dx); // k = 1
        Close(x * x, value);
        Close(2 * x, dx);
        value = source.ChargeTangent(x, 1.0, out double tangent); // k = 2
        Close(2 * x * x, value);
        Close(4 * x, tangent);
        double[] hessian = new double[1];
        Close(3 * x * x, source.ChargeHessian(x, new double[1], hessian)); // k = 3
        Close(6, hessian[0]);
    }

    [Fact]
    public void AnObjectReadInALoop()
    {
        Close(82, RateSource.CompoundedGradient(0.5, 2, out double dx));
        Close(448, dx);
        Uniform(1, -0.5, 0.5).Sample(p =>
        {
            RateSource.CompoundedGradient(p[0], 1.5, out double d);
            Check(v => RateSource.Compounded(v[0], 1.5), p, [d]);
        });
    }
}
