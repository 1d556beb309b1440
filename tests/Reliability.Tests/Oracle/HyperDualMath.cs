using System.Numerics;

namespace SymbolicDiff.Reliability.Tests.Oracle;

/// <summary>
/// Every Math function of the random programs on hyper-dual numbers: the value by the same function
/// of <typeparamref name="T"/> that <c>Math</c>/<c>MathF</c> call (so values match bitwise), the first
/// and second derivatives from the textbook. The non-smooth functions follow the conventions of
/// <see cref="DualMath"/> for the first derivative, and are linear on each side of a kink or tie (Abs,
/// Max, Min, Clamp, CopySign route their inputs' parts with weights), so their second derivative is 0;
/// the step functions (Floor, Ceiling, Round, Truncate, Sign) are constants.
/// </summary>
public static class HyperDualMath
{
    static T Const<T>(int value) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateChecked(value);

    public static HyperDual<T> Exp<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var e = T.Exp(x.Value);
        return HyperDual<T>.Chain(x, e, e, e);
    }

    public static HyperDual<T> Log<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var inverse = T.One / x.Value;
        return HyperDual<T>.ChainByRatio(x, T.Log(x.Value), inverse, -inverse);
    }

    /// <summary>log_b(x) = ln x / ln b.</summary>
    public static HyperDual<T> Log<T>(HyperDual<T> x, HyperDual<T> newBase) where T : unmanaged, IFloatingPointIeee754<T> =>
        HyperDual<T>.WithValue(T.Log(x.Value, newBase.Value), Log(x) / Log(newBase));

    public static HyperDual<T> Log10<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => LogBase(x, T.Log10(x.Value), Const<T>(10));

    public static HyperDual<T> Log2<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => LogBase(x, T.Log2(x.Value), Const<T>(2));

    /// <summary>log_b(x) for a constant base b: 1/(x ln b), −1/(x² ln b).</summary>
    static HyperDual<T> LogBase<T>(HyperDual<T> x, T value, T b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d1 = T.One / (x.Value * T.Log(b));
        return HyperDual<T>.ChainByRatio(x, value, d1, -T.One / x.Value);
    }

    public static HyperDual<T> Sqrt<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = T.Sqrt(x.Value);
        var d1 = T.One / (r + r);
        return HyperDual<T>.ChainByRatio(x, r, d1, -T.One / (x.Value + x.Value));
    }

    /// <summary>∛x: 1/(3 r²), −2/(9 r⁵).</summary>
    public static HyperDual<T> Cbrt<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = T.Cbrt(x.Value);
        var d1 = T.One / (Const<T>(3) * r * r);
        return HyperDual<T>.ChainByRatio(x, r, d1, -Const<T>(2) / (Const<T>(3) * x.Value));
    }

    /// <summary>
    /// a^b: ∂a = b a^(b−1), ∂b = ln a · a^b, ∂a² = b(b−1) a^(b−2), ∂a∂b = a^(b−1)(1 + b ln a), ∂b² = ln²a · a^b;
    /// at a = 0 the terms with ln a are 0 (as <see cref="DualMath.Pow{T}(Dual{T}, Dual{T})"/>), NaN for a &lt; 0.
    /// </summary>
    public static HyperDual<T> Pow<T>(HyperDual<T> a, HyperDual<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T x = a.Value, y = b.Value;
        var p = T.Pow(x, y);
        var ln = x > T.Zero ? T.Log(x) : x == T.Zero ? T.Zero : T.NaN;
        var below = T.Pow(x, y - T.One);
        return HyperDual<T>.Chain(a, b, p, y * below, ln * p, y * (y - T.One) * T.Pow(x, y - Const<T>(2)), below * (T.One + y * ln), ln * ln * p);
    }

    /// <summary>A constant exponent: b a^(b−1), b(b−1) a^(b−2) (0 when b is 0 or 1).</summary>
    public static HyperDual<T> Pow<T>(HyperDual<T> a, T b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var curvature = b * (b - T.One);
        return HyperDual<T>.Chain(a, T.Pow(a.Value, b), b * T.Pow(a.Value, b - T.One), curvature == T.Zero ? T.Zero : curvature * T.Pow(a.Value, b - Const<T>(2)));
    }

    public static HyperDual<T> Sin<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = T.Sin(x.Value);
        return HyperDual<T>.Chain(x, s, T.Cos(x.Value), -s);
    }

    public static HyperDual<T> Cos<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = T.Cos(x.Value);
        return HyperDual<T>.Chain(x, c, -T.Sin(x.Value), -c);
    }

    /// <summary>Math.SinCos's pair, named as Math names it.</summary>
    public static (HyperDual<T> Sin, HyperDual<T> Cos) SinCos<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => (Sin(x), Cos(x));

    /// <summary>tan: 1/cos², 2 tan/cos².</summary>
    public static HyperDual<T> Tan<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = T.Tan(x.Value);
        var c = T.Cos(x.Value);
        var d1 = T.One / (c * c);
        return HyperDual<T>.Chain(x, t, d1, (t + t) * d1);
    }

    /// <summary>asin: (1 − x²)^(−½), x (1 − x²)^(−3/2).</summary>
    public static HyperDual<T> Asin<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var q = T.One - x.Value * x.Value;
        var d1 = T.One / T.Sqrt(q);
        return HyperDual<T>.Chain(x, T.Asin(x.Value), d1, x.Value * d1 / q);
    }

    public static HyperDual<T> Acos<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var q = T.One - x.Value * x.Value;
        var d1 = T.One / T.Sqrt(q);
        return HyperDual<T>.Chain(x, T.Acos(x.Value), -d1, -x.Value * d1 / q);
    }

    /// <summary>atan: 1/(1 + x²), −2x/(1 + x²)².</summary>
    public static HyperDual<T> Atan<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d1 = T.One / (T.One + x.Value * x.Value);
        return HyperDual<T>.Chain(x, T.Atan(x.Value), d1, -(x.Value + x.Value) * d1 * d1);
    }

    /// <summary>atan2(y, x), r² = x² + y²: ∂y = x/r², ∂x = −y/r², ∂y² = −2xy/r⁴, ∂x² = 2xy/r⁴, ∂x∂y = (y² − x²)/r⁴.</summary>
    public static HyperDual<T> Atan2<T>(HyperDual<T> y, HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T a = y.Value, b = x.Value;
        var inverse = T.One / (a * a + b * b);
        var inverse2 = inverse * inverse;
        var xy2 = Const<T>(2) * a * b * inverse2;
        return HyperDual<T>.Chain(y, x, T.Atan2(a, b), b * inverse, -a * inverse, -xy2, (a * a - b * b) * inverse2, xy2);
    }

    public static HyperDual<T> Sinh<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = T.Sinh(x.Value);
        return HyperDual<T>.Chain(x, s, T.Cosh(x.Value), s);
    }

    public static HyperDual<T> Cosh<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = T.Cosh(x.Value);
        return HyperDual<T>.Chain(x, c, T.Sinh(x.Value), c);
    }

    /// <summary>tanh: 1 − t², −2t(1 − t²).</summary>
    public static HyperDual<T> Tanh<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = T.Tanh(x.Value);
        var d1 = T.One - t * t;
        return HyperDual<T>.Chain(x, t, d1, -(t + t) * d1);
    }

    /// <summary>asinh: (x² + 1)^(−½), −x (x² + 1)^(−3/2).</summary>
    public static HyperDual<T> Asinh<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var q = x.Value * x.Value + T.One;
        var d1 = T.One / T.Sqrt(q);
        return HyperDual<T>.Chain(x, T.Asinh(x.Value), d1, -x.Value * d1 / q);
    }

    /// <summary>acosh: (x² − 1)^(−½), −x (x² − 1)^(−3/2).</summary>
    public static HyperDual<T> Acosh<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var q = x.Value * x.Value - T.One;
        var d1 = T.One / T.Sqrt(q);
        return HyperDual<T>.Chain(x, T.Acosh(x.Value), d1, -x.Value * d1 / q);
    }

    /// <summary>atanh: 1/(1 − x²), 2x/(1 − x²)².</summary>
    public static HyperDual<T> Atanh<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d1 = T.One / (T.One - x.Value * x.Value);
        return HyperDual<T>.Chain(x, T.Atanh(x.Value), d1, (x.Value + x.Value) * d1 * d1);
    }

    public static HyperDual<T> Abs<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        HyperDual<T>.Scaled(T.Abs(x.Value), x, x.Value > T.Zero ? T.One : x.Value < T.Zero ? -T.One : T.Zero);

    public static HyperDual<T> Max<T>(HyperDual<T> a, HyperDual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Route(T.Max(a.Value, b.Value), a, b, a.Value > b.Value ? T.One : a.Value < b.Value ? T.Zero : Half<T>());

    public static HyperDual<T> Min<T>(HyperDual<T> a, HyperDual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Route(T.Min(a.Value, b.Value), a, b, a.Value < b.Value ? T.One : a.Value > b.Value ? T.Zero : Half<T>());

    /// <summary>The value given; the derivative parts wA·a + (1 − wA)·b (a tie splits them equally).</summary>
    static HyperDual<T> Route<T>(T value, HyperDual<T> a, HyperDual<T> b, T wA) where T : unmanaged, IFloatingPointIeee754<T> =>
        HyperDual<T>.WithValue(value, HyperDual<T>.Scaled(T.Zero, a, wA) + HyperDual<T>.Scaled(T.Zero, b, T.One - wA));

    public static HyperDual<T> Clamp<T>(HyperDual<T> v, HyperDual<T> lo, HyperDual<T> hi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T x = v.Value, l = lo.Value, h = hi.Value;
        // Math.Clamp's own comparisons, and DualMath.Clamp's weights
        var value = x < l ? l : x > h ? h : x;
        var dV = x > l && x < h ? T.One : x == l || x == h ? Half<T>() : T.Zero;
        var dLo = x < l ? T.One : x == l ? Half<T>() : T.Zero;
        var dHi = x > h ? T.One : x == h ? Half<T>() : T.Zero;
        return HyperDual<T>.WithValue(value, HyperDual<T>.Scaled(T.Zero, v, dV) + HyperDual<T>.Scaled(T.Zero, lo, dLo) + HyperDual<T>.Scaled(T.Zero, hi, dHi));
    }

    public static HyperDual<T> FusedMultiplyAdd<T>(HyperDual<T> a, HyperDual<T> b, HyperDual<T> c) where T : unmanaged, IFloatingPointIeee754<T> =>
        HyperDual<T>.WithValue(T.FusedMultiplyAdd(a.Value, b.Value, c.Value), a * b + c);

    /// <summary>|a| with b's sign bit: ±a on each side (slope sign(a)·sign(b), 0 at a = ±0), none in b.</summary>
    public static HyperDual<T> CopySign<T>(HyperDual<T> a, HyperDual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        HyperDual<T>.Scaled(T.CopySign(a.Value, b.Value), a, a.Value == T.Zero ? T.Zero : T.CopySign(T.One, a.Value) * T.CopySign(T.One, b.Value));

    /// <summary>√(a² + b²); all derivatives 0 at the origin (a cone, as Abs at 0).</summary>
    public static HyperDual<T> Hypot<T>(HyperDual<T> a, HyperDual<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = T.Hypot(a.Value, b.Value);
        return r == T.Zero ? r : HyperDual<T>.WithValue(r, Sqrt(a * a + b * b));
    }

    public static HyperDual<T> ExpM1<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var e = T.Exp(x.Value);
        return HyperDual<T>.Chain(x, T.ExpM1(x.Value), e, e);
    }

    public static HyperDual<T> Exp2<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => ExpBase(x, T.Exp2(x.Value), T.Exp2(x.Value), Const<T>(2));

    public static HyperDual<T> Exp10<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => ExpBase(x, T.Exp10(x.Value), T.Exp10(x.Value), Const<T>(10));

    public static HyperDual<T> Exp2M1<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => ExpBase(x, T.Exp2M1(x.Value), T.Exp2(x.Value), Const<T>(2));

    public static HyperDual<T> Exp10M1<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => ExpBase(x, T.Exp10M1(x.Value), T.Exp10(x.Value), Const<T>(10));

    /// <summary>b^x (minus 1): ln b · b^x, ln²b · b^x.</summary>
    static HyperDual<T> ExpBase<T>(HyperDual<T> x, T value, T power, T b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ln = T.Log(b);
        return HyperDual<T>.Chain(x, value, power * ln, power * ln * ln);
    }

    public static HyperDual<T> LogP1<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => LogP1Base(x, T.LogP1(x.Value), T.One);

    public static HyperDual<T> Log2P1<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => LogP1Base(x, T.Log2P1(x.Value), T.Log(Const<T>(2)));

    public static HyperDual<T> Log10P1<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => LogP1Base(x, T.Log10P1(x.Value), T.Log(Const<T>(10)));

    /// <summary>log_b(1 + x), with <paramref name="lnBase"/> = ln b: 1/((1 + x) ln b), −1/((1 + x)² ln b).</summary>
    static HyperDual<T> LogP1Base<T>(HyperDual<T> x, T value, T lnBase) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var onePlus = T.One + x.Value;
        var d1 = T.One / (onePlus * lnBase);
        return HyperDual<T>.Chain(x, value, d1, -d1 / onePlus);
    }

    /// <summary>a·(1 − t) + b·t, valued as double.Lerp computes it.</summary>
    public static HyperDual<T> Lerp<T>(HyperDual<T> a, HyperDual<T> b, HyperDual<T> t) where T : unmanaged, IFloatingPointIeee754<T> =>
        HyperDual<T>.WithValue(T.Lerp(a.Value, b.Value, t.Value), a * (T.One - t) + b * t);

    public static HyperDual<T> SinPi<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = T.SinPi(x.Value);
        return HyperDual<T>.Chain(x, s, T.Pi * T.CosPi(x.Value), -T.Pi * T.Pi * s);
    }

    public static HyperDual<T> CosPi<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = T.CosPi(x.Value);
        return HyperDual<T>.Chain(x, c, -T.Pi * T.SinPi(x.Value), -T.Pi * T.Pi * c);
    }

    /// <summary>f′ = π/cos²(πx), f″ = 2π²·sin(πx)/cos³(πx), from sine and cosine.</summary>
    public static HyperDual<T> TanPi<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = T.CosPi(x.Value);
        return HyperDual<T>.Chain(x, T.TanPi(x.Value), T.Pi / (c * c), Const<T>(2) * T.Pi * T.Pi * T.SinPi(x.Value) / (c * c * c));
    }

    public static HyperDual<T> DegreesToRadians<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        HyperDual<T>.Scaled(T.DegreesToRadians(x.Value), x, T.Pi / Const<T>(180));

    public static HyperDual<T> RadiansToDegrees<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        HyperDual<T>.Scaled(T.RadiansToDegrees(x.Value), x, Const<T>(180) / T.Pi);

    /// <summary>x·2ⁿ, n an int: every part scaled by 2ⁿ as the value is.</summary>
    public static HyperDual<T> ScaleB<T>(HyperDual<T> x, int n) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.ScaleB(x.Value, n), T.ScaleB(x.E1, n), T.ScaleB(x.E2, n), T.ScaleB(x.E12, n));

    /// <summary>x^(1/n): f′ = r/(n·x), f″ = f′·(1 − n)/(n·x) (the random programs keep x away from 0).</summary>
    public static HyperDual<T> RootN<T>(HyperDual<T> x, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = T.RootN(x.Value, n);
        var nx = T.CreateChecked(n) * x.Value;
        return HyperDual<T>.ChainByRatio(x, r, r / nx, T.CreateChecked(1 - n) / nx);
    }

    /// <summary>The estimate's value; 1/x's derivatives, −1/x² and 2/x³ (f″ = f′·(−2/x)).</summary>
    public static HyperDual<T> ReciprocalEstimate<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        HyperDual<T>.ChainByRatio(x, T.ReciprocalEstimate(x.Value), -T.One / (x.Value * x.Value), -Const<T>(2) / x.Value);

    /// <summary>The estimate's value; x^(−1/2)'s derivatives, −½·x^(−3/2) and ¾·x^(−5/2) (f″ = f′·(−3/(2x))).</summary>
    public static HyperDual<T> ReciprocalSqrtEstimate<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        HyperDual<T>.ChainByRatio(x, T.ReciprocalSqrtEstimate(x.Value), -T.One / (Const<T>(2) * x.Value * T.Sqrt(x.Value)), -Const<T>(3) / (Const<T>(2) * x.Value));

    public static HyperDual<T> AsinPi<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => HyperDual<T>.WithValue(T.AsinPi(x.Value), Asin(x) / T.Pi);

    public static HyperDual<T> AcosPi<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => HyperDual<T>.WithValue(T.AcosPi(x.Value), Acos(x) / T.Pi);

    public static HyperDual<T> AtanPi<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => HyperDual<T>.WithValue(T.AtanPi(x.Value), Atan(x) / T.Pi);

    public static HyperDual<T> Atan2Pi<T>(HyperDual<T> y, HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => HyperDual<T>.WithValue(T.Atan2Pi(y.Value, x.Value), Atan2(y, x) / T.Pi);

    public static HyperDual<T> MaxMagnitude<T>(HyperDual<T> a, HyperDual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Route(T.MaxMagnitude(a.Value, b.Value), a, b, DualMath.MaxMagnitudeWeight(a.Value, b.Value));

    public static HyperDual<T> MinMagnitude<T>(HyperDual<T> a, HyperDual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Route(T.MinMagnitude(a.Value, b.Value), a, b, DualMath.MinMagnitudeWeight(a.Value, b.Value));

    public static HyperDual<T> MaxNumber<T>(HyperDual<T> a, HyperDual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Route(T.MaxNumber(a.Value, b.Value), a, b, DualMath.MaxNumberWeight(a.Value, b.Value));

    public static HyperDual<T> MinNumber<T>(HyperDual<T> a, HyperDual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Route(T.MinNumber(a.Value, b.Value), a, b, DualMath.MinNumberWeight(a.Value, b.Value));

    public static HyperDual<T> MaxMagnitudeNumber<T>(HyperDual<T> a, HyperDual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Route(T.MaxMagnitudeNumber(a.Value, b.Value), a, b, DualMath.MaxMagnitudeNumberWeight(a.Value, b.Value));

    public static HyperDual<T> MinMagnitudeNumber<T>(HyperDual<T> a, HyperDual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Route(T.MinMagnitudeNumber(a.Value, b.Value), a, b, DualMath.MinMagnitudeNumberWeight(a.Value, b.Value));

    /// <summary>a − n·b with n the quotient rounded to nearest, ties to even.</summary>
    public static HyperDual<T> IEEERemainder<T>(HyperDual<T> a, HyperDual<T> b) where T : unmanaged, IFloatingPointIeee754<T> => HyperDual<T>.Remainder(a, b, T.Ieee754Remainder(a.Value, b.Value));

    public static HyperDual<T> Ieee754Remainder<T>(HyperDual<T> a, HyperDual<T> b) where T : unmanaged, IFloatingPointIeee754<T> => IEEERemainder(a, b);

    /// <summary>x ± one ulp: slope 1, no curvature.</summary>
    public static HyperDual<T> BitIncrement<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => HyperDual<T>.WithValue(T.BitIncrement(x.Value), x);

    public static HyperDual<T> BitDecrement<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => HyperDual<T>.WithValue(T.BitDecrement(x.Value), x);

    public static HyperDual<T> Floor<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Floor(x.Value);

    public static HyperDual<T> Ceiling<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Ceiling(x.Value);

    public static HyperDual<T> Round<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Round(x.Value);
    public static HyperDual<T> Round<T>(HyperDual<T> x, System.MidpointRounding mode) where T : unmanaged, IFloatingPointIeee754<T> => T.Round(x.Value, mode);

    public static HyperDual<T> Truncate<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Truncate(x.Value);

    public static int Sign<T>(HyperDual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Sign(x.Value);

    static T Half<T>() where T : unmanaged, IFloatingPointIeee754<T> => T.One / Const<T>(2);

    /// <summary>LINQ's <c>x.Sum()</c> of an array, added in order, the values in double as LINQ adds floats (a sum is linear: no curvature of its own).</summary>
    public static HyperDual<T> Sum<T>(HyperDual<T>[] x) where T : unmanaged, IFloatingPointIeee754<T> => Scaled(x, 1);

    /// <summary>LINQ's <c>x.Average()</c> of an array: the sum's value divided in double, as LINQ does for floats.</summary>
    public static HyperDual<T> Average<T>(HyperDual<T>[] x) where T : unmanaged, IFloatingPointIeee754<T> => Scaled(x, x.Length);

    /// <summary>LINQ's <c>x.Max()</c>: the first greatest element, past any leading NaN.</summary>
    public static HyperDual<T> Max<T>(HyperDual<T>[] x) where T : unmanaged, IFloatingPointIeee754<T> => x[DualMath.LinqExtremum(x.Length, i => x[i].Value, maximum: true)];

    /// <summary>LINQ's <c>x.Min()</c>: the first smallest element, or a NaN.</summary>
    public static HyperDual<T> Min<T>(HyperDual<T>[] x) where T : unmanaged, IFloatingPointIeee754<T> => x[DualMath.LinqExtremum(x.Length, i => x[i].Value, maximum: false)];

    static HyperDual<T> Scaled<T>(HyperDual<T>[] x, int divisor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double value = 0;
        T e1 = T.Zero, e2 = T.Zero, e12 = T.Zero;
        foreach (HyperDual<T> e in x)
        {
            value += double.CreateChecked(e.Value);
            e1 += e.E1;
            e2 += e.E2;
            e12 += e.E12;
        }

        T n = Const<T>(divisor);
        return new(T.CreateChecked(value / divisor), e1 / n, e2 / n, e12 / n);
    }
}
