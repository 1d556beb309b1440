using System.Numerics;

namespace SymbolicDiff.Reliability.Tests.Oracle;

/// <summary>
/// Every Math function the random programs use, on dual numbers: the value by the same function of
/// <typeparamref name="T"/> that <c>Math</c>/<c>MathF</c> call (so values match bitwise), the tangent
/// by the textbook derivative. Non-smooth points follow the README's "Decisions": Max/Min split the
/// gradient equally on a tie, Clamp routes it to the input returned and gives ½ to each tied input,
/// Abs'(0) = 0, the step functions have gradient 0, ∂Pow(a, b)/∂b is 0 at a = 0 and NaN for a &lt; 0.
/// </summary>
public static class DualMath
{
    public static Dual<T> Exp<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var e = T.Exp(x.Value);
        return new(e, x.Tangent * e);
    }

    public static Dual<T> Log<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Log(x.Value), x.Tangent / x.Value);

    public static Dual<T> Log<T>(Dual<T> x, Dual<T> newBase) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lnBase = T.Log(newBase.Value);
        var lnX = T.Log(x.Value);
        return new(T.Log(x.Value, newBase.Value), x.Tangent / (x.Value * lnBase) - newBase.Tangent * lnX / (newBase.Value * lnBase * lnBase));
    }

    public static Dual<T> Log10<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Log10(x.Value), x.Tangent / (x.Value * T.Log(T.CreateChecked(10))));

    public static Dual<T> Log2<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Log2(x.Value), x.Tangent / (x.Value * T.Log(T.CreateChecked(2))));

    public static Dual<T> Sqrt<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = T.Sqrt(x.Value);
        return new(r, x.Tangent / (r + r));
    }

    public static Dual<T> Cbrt<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = T.Cbrt(x.Value);
        return new(r, x.Tangent / (T.CreateChecked(3) * r * r));
    }

    public static Dual<T> Pow<T>(Dual<T> a, Dual<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = T.Pow(a.Value, b.Value);
        var dA = b.Value * T.Pow(a.Value, b.Value - T.One);
        var dB = a.Value > T.Zero ? T.Log(a.Value) * p : a.Value == T.Zero ? T.Zero : T.NaN;
        return new(p, a.Tangent * dA + b.Tangent * dB);
    }

    /// <summary>A constant exponent has no tangent, so the NaN of ∂/∂b for a negative base never enters.</summary>
    public static Dual<T> Pow<T>(Dual<T> a, T b) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Pow(a.Value, b), a.Tangent * b * T.Pow(a.Value, b - T.One));

    public static Dual<T> Sin<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.Sin(x.Value), x.Tangent * T.Cos(x.Value));

    public static Dual<T> Cos<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.Cos(x.Value), -x.Tangent * T.Sin(x.Value));

    /// <summary>Math.SinCos's pair, named as Math names it.</summary>
    public static (Dual<T> Sin, Dual<T> Cos) SinCos<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => (Sin(x), Cos(x));

    public static Dual<T> Tan<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = T.Cos(x.Value);
        return new(T.Tan(x.Value), x.Tangent / (c * c));
    }

    public static Dual<T> Asin<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Asin(x.Value), x.Tangent / T.Sqrt(T.One - x.Value * x.Value));

    public static Dual<T> Acos<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Acos(x.Value), -x.Tangent / T.Sqrt(T.One - x.Value * x.Value));

    public static Dual<T> Atan<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Atan(x.Value), x.Tangent / (T.One + x.Value * x.Value));

    public static Dual<T> Atan2<T>(Dual<T> y, Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Atan2(y.Value, x.Value), (x.Value * y.Tangent - y.Value * x.Tangent) / (x.Value * x.Value + y.Value * y.Value));

    public static Dual<T> Sinh<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.Sinh(x.Value), x.Tangent * T.Cosh(x.Value));

    public static Dual<T> Cosh<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.Cosh(x.Value), x.Tangent * T.Sinh(x.Value));

    public static Dual<T> Tanh<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = T.Tanh(x.Value);
        return new(t, x.Tangent * (T.One - t * t));
    }

    public static Dual<T> Abs<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Abs(x.Value), x.Value > T.Zero ? x.Tangent : x.Value < T.Zero ? -x.Tangent : T.Zero);

    public static Dual<T> Max<T>(Dual<T> a, Dual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Max(a.Value, b.Value), a.Value > b.Value ? a.Tangent : a.Value < b.Value ? b.Tangent : Half(a.Tangent + b.Tangent));

    public static Dual<T> Min<T>(Dual<T> a, Dual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Min(a.Value, b.Value), a.Value < b.Value ? a.Tangent : a.Value > b.Value ? b.Tangent : Half(a.Tangent + b.Tangent));

    public static Dual<T> Clamp<T>(Dual<T> v, Dual<T> lo, Dual<T> hi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T x = v.Value, l = lo.Value, h = hi.Value;
        // Math.Clamp's own comparisons: T.Clamp (Min of Max) turns a −0 value into +0
        var value = x < l ? l : x > h ? h : x;
        var dV = x > l && x < h ? T.One : x == l || x == h ? Half(T.One) : T.Zero;
        var dLo = x < l ? T.One : x == l ? Half(T.One) : T.Zero;
        var dHi = x > h ? T.One : x == h ? Half(T.One) : T.Zero;
        return new(value, v.Tangent * dV + lo.Tangent * dLo + hi.Tangent * dHi);
    }

    public static Dual<T> FusedMultiplyAdd<T>(Dual<T> a, Dual<T> b, Dual<T> c) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.FusedMultiplyAdd(a.Value, b.Value, c.Value), a.Tangent * b.Value + a.Value * b.Tangent + c.Tangent);

    public static Dual<T> Asinh<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Asinh(x.Value), x.Tangent / T.Sqrt(x.Value * x.Value + T.One));

    public static Dual<T> Acosh<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Acosh(x.Value), x.Tangent / T.Sqrt(x.Value * x.Value - T.One));

    public static Dual<T> Atanh<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Atanh(x.Value), x.Tangent / (T.One - x.Value * x.Value));

    /// <summary>|a| with b's sign bit: slope sign(a)·sign(b) in a, 0 at a = ±0 (as Abs), none in b.</summary>
    public static Dual<T> CopySign<T>(Dual<T> a, Dual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.CopySign(a.Value, b.Value), a.Value == T.Zero ? T.Zero : a.Tangent * T.CopySign(T.One, a.Value) * T.CopySign(T.One, b.Value));

    /// <summary>√(a² + b²); gradient 0 at the origin (a cone, as Abs at 0).</summary>
    public static Dual<T> Hypot<T>(Dual<T> a, Dual<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = T.Hypot(a.Value, b.Value);
        return new(r, r == T.Zero ? T.Zero : (a.Tangent * a.Value + b.Tangent * b.Value) / r);
    }

    public static Dual<T> ExpM1<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.ExpM1(x.Value), x.Tangent * T.Exp(x.Value));

    public static Dual<T> Exp2<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.Exp2(x.Value), x.Tangent * T.Exp2(x.Value) * T.Log(T.CreateChecked(2)));

    public static Dual<T> Exp10<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.Exp10(x.Value), x.Tangent * T.Exp10(x.Value) * T.Log(T.CreateChecked(10)));

    public static Dual<T> Exp2M1<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.Exp2M1(x.Value), x.Tangent * T.Exp2(x.Value) * T.Log(T.CreateChecked(2)));

    public static Dual<T> Exp10M1<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.Exp10M1(x.Value), x.Tangent * T.Exp10(x.Value) * T.Log(T.CreateChecked(10)));

    public static Dual<T> LogP1<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.LogP1(x.Value), x.Tangent / (T.One + x.Value));

    public static Dual<T> Log2P1<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Log2P1(x.Value), x.Tangent / ((T.One + x.Value) * T.Log(T.CreateChecked(2))));

    public static Dual<T> Log10P1<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Log10P1(x.Value), x.Tangent / ((T.One + x.Value) * T.Log(T.CreateChecked(10))));

    /// <summary>a·(1 − t) + b·t, as double.Lerp computes it.</summary>
    public static Dual<T> Lerp<T>(Dual<T> a, Dual<T> b, Dual<T> t) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.Lerp(a.Value, b.Value, t.Value), a.Tangent * (T.One - t.Value) + b.Tangent * t.Value + t.Tangent * (b.Value - a.Value));

    public static Dual<T> SinPi<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.SinPi(x.Value), x.Tangent * T.Pi * T.CosPi(x.Value));

    public static Dual<T> CosPi<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.CosPi(x.Value), -x.Tangent * T.Pi * T.SinPi(x.Value));

    /// <summary>π / cos²(πx), from the cosine (not from the tangent, as the generator's rule is).</summary>
    public static Dual<T> TanPi<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.TanPi(x.Value), x.Tangent * T.Pi / (T.CosPi(x.Value) * T.CosPi(x.Value)));

    public static Dual<T> DegreesToRadians<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.DegreesToRadians(x.Value), x.Tangent * T.Pi / T.CreateChecked(180));

    public static Dual<T> RadiansToDegrees<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.RadiansToDegrees(x.Value), x.Tangent * T.CreateChecked(180) / T.Pi);

    public static Dual<T> Floor<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Floor(x.Value);

    public static Dual<T> Ceiling<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Ceiling(x.Value);

    public static Dual<T> Round<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Round(x.Value);
    public static Dual<T> Round<T>(Dual<T> x, System.MidpointRounding mode) where T : unmanaged, IFloatingPointIeee754<T> => T.Round(x.Value, mode);

    public static Dual<T> Truncate<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Truncate(x.Value);

    public static int Sign<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Sign(x.Value);

    static T Half<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => x / T.CreateChecked(2);
}
