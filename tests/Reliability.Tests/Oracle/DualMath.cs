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

    /// <summary>x·2ⁿ, n an int: the tangent scaled by 2ⁿ as the value is.</summary>
    public static Dual<T> ScaleB<T>(Dual<T> x, int n) where T : unmanaged, IFloatingPointIeee754<T> => new(T.ScaleB(x.Value, n), T.ScaleB(x.Tangent, n));

    /// <summary>x^(1/n): r/(n·x) (the random programs keep x away from 0).</summary>
    public static Dual<T> RootN<T>(Dual<T> x, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = T.RootN(x.Value, n);
        return new(r, x.Tangent * r / (T.CreateChecked(n) * x.Value));
    }

    /// <summary>The estimate's value; the slope of 1/x.</summary>
    public static Dual<T> ReciprocalEstimate<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.ReciprocalEstimate(x.Value), -x.Tangent / (x.Value * x.Value));

    /// <summary>The estimate's value; the slope of x^(−1/2), −½·x^(−3/2).</summary>
    public static Dual<T> ReciprocalSqrtEstimate<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.ReciprocalSqrtEstimate(x.Value), -x.Tangent / (T.CreateChecked(2) * x.Value * T.Sqrt(x.Value)));

    public static Dual<T> AsinPi<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.AsinPi(x.Value), Asin(x).Tangent / T.Pi);

    public static Dual<T> AcosPi<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.AcosPi(x.Value), Acos(x).Tangent / T.Pi);

    public static Dual<T> AtanPi<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.AtanPi(x.Value), Atan(x).Tangent / T.Pi);

    public static Dual<T> Atan2Pi<T>(Dual<T> y, Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.Atan2Pi(y.Value, x.Value), Atan2(y, x).Tangent / T.Pi);

    public static Dual<T> MaxMagnitude<T>(Dual<T> a, Dual<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Route(T.MaxMagnitude(a.Value, b.Value), a, b, MaxMagnitudeWeight(a.Value, b.Value));

    public static Dual<T> MinMagnitude<T>(Dual<T> a, Dual<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Route(T.MinMagnitude(a.Value, b.Value), a, b, MinMagnitudeWeight(a.Value, b.Value));

    public static Dual<T> MaxNumber<T>(Dual<T> a, Dual<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Route(T.MaxNumber(a.Value, b.Value), a, b, MaxNumberWeight(a.Value, b.Value));

    public static Dual<T> MinNumber<T>(Dual<T> a, Dual<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Route(T.MinNumber(a.Value, b.Value), a, b, MinNumberWeight(a.Value, b.Value));

    public static Dual<T> MaxMagnitudeNumber<T>(Dual<T> a, Dual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Route(T.MaxMagnitudeNumber(a.Value, b.Value), a, b, MaxMagnitudeNumberWeight(a.Value, b.Value));

    public static Dual<T> MinMagnitudeNumber<T>(Dual<T> a, Dual<T> b) where T : unmanaged, IFloatingPointIeee754<T> =>
        Route(T.MinMagnitudeNumber(a.Value, b.Value), a, b, MinMagnitudeNumberWeight(a.Value, b.Value));

    /// <summary>The value given, with the tangent of the first argument (weight 1), of the second (0), or half of each (½).</summary>
    static Dual<T> Route<T>(T value, Dual<T> a, Dual<T> b, T wA) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(value, wA == T.One ? a.Tangent : wA == T.Zero ? b.Tangent : Half(a.Tangent + b.Tangent));

    // The weight of the first argument of the functions that return one of theirs, by each function's own order
    // (HyperDualMath routes with them too): 1 where it is returned, 0 where the other is, ½ on a tie of equal values.
    // Equal magnitudes of different values (y and −y): the positive one is the larger magnitude, the negative the smaller.
    internal static T MaxMagnitudeWeight<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Abs(a) > T.Abs(b) ? T.One : T.Abs(a) < T.Abs(b) ? T.Zero : a == b ? Half(T.One) : a > b ? T.One : T.Zero;

    internal static T MinMagnitudeWeight<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.Abs(a) < T.Abs(b) ? T.One : T.Abs(a) > T.Abs(b) ? T.Zero : a == b ? Half(T.One) : a < b ? T.One : T.Zero;

    /// <summary>Max's weight, with a NaN left aside: the number gets everything.</summary>
    internal static T MaxNumberWeight<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.IsNaN(b) ? T.One : T.IsNaN(a) ? T.Zero : a > b ? T.One : a < b ? T.Zero : Half(T.One);

    internal static T MinNumberWeight<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> =>
        T.IsNaN(b) ? T.One : T.IsNaN(a) ? T.Zero : a < b ? T.One : a > b ? T.Zero : Half(T.One);

    internal static T MaxMagnitudeNumberWeight<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => T.IsNaN(b) ? T.One : T.IsNaN(a) ? T.Zero : MaxMagnitudeWeight(a, b);

    internal static T MinMagnitudeNumberWeight<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => T.IsNaN(b) ? T.One : T.IsNaN(a) ? T.Zero : MinMagnitudeWeight(a, b);

    /// <summary>a − n·b with n the quotient rounded to nearest, ties to even.</summary>
    public static Dual<T> IEEERemainder<T>(Dual<T> a, Dual<T> b) where T : unmanaged, IFloatingPointIeee754<T> => Dual<T>.Remainder(a, b, T.Ieee754Remainder(a.Value, b.Value));

    /// <summary>double.Ieee754Remainder: Math.IEEERemainder by its IEEE name.</summary>
    public static Dual<T> Ieee754Remainder<T>(Dual<T> a, Dual<T> b) where T : unmanaged, IFloatingPointIeee754<T> => IEEERemainder(a, b);

    /// <summary>x plus one ulp: x plus a piecewise constant, slope 1.</summary>
    public static Dual<T> BitIncrement<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.BitIncrement(x.Value), x.Tangent);

    public static Dual<T> BitDecrement<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.BitDecrement(x.Value), x.Tangent);

    public static Dual<T> Floor<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Floor(x.Value);

    public static Dual<T> Ceiling<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Ceiling(x.Value);

    public static Dual<T> Round<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Round(x.Value);
    public static Dual<T> Round<T>(Dual<T> x, System.MidpointRounding mode) where T : unmanaged, IFloatingPointIeee754<T> => T.Round(x.Value, mode);

    public static Dual<T> Truncate<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Truncate(x.Value);

    public static int Sign<T>(Dual<T> x) where T : unmanaged, IFloatingPointIeee754<T> => T.Sign(x.Value);

    static T Half<T>(T x) where T : unmanaged, IFloatingPointIeee754<T> => x / T.CreateChecked(2);

    /// <summary>LINQ's <c>x.Sum()</c> of an array, added in order, the values in double as LINQ adds floats.</summary>
    public static Dual<T> Sum<T>(Dual<T>[] x) where T : unmanaged, IFloatingPointIeee754<T> => new(T.CreateChecked(ValueSum(x)), TangentSum(x));

    /// <summary>LINQ's <c>x.Average()</c> of an array: the sum's value divided in double, as LINQ does for floats.</summary>
    public static Dual<T> Average<T>(Dual<T>[] x) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.CreateChecked(ValueSum(x) / x.Length), TangentSum(x) / T.CreateChecked(x.Length));

    /// <summary>LINQ's <c>x.Max()</c>: the first greatest element, past any leading NaN.</summary>
    public static Dual<T> Max<T>(Dual<T>[] x) where T : unmanaged, IFloatingPointIeee754<T> => x[LinqExtremum(x.Length, i => x[i].Value, maximum: true)];

    /// <summary>LINQ's <c>x.Min()</c>: the first smallest element, or a NaN.</summary>
    public static Dual<T> Min<T>(Dual<T>[] x) where T : unmanaged, IFloatingPointIeee754<T> => x[LinqExtremum(x.Length, i => x[i].Value, maximum: false)];

    /// <summary>
    /// The index of the element LINQ's Max (Min) of <paramref name="count"/> values gives: the first greater (smaller) than
    /// every one before it, where a maximum skips a leading NaN and a minimum takes a NaN. The hyper-dual oracle's too.
    /// </summary>
    internal static int LinqExtremum<T>(int count, System.Func<int, T> value, bool maximum) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int at = 0;
        for (int i = 1; i < count; i++)
        {
            if (maximum ? value(i) > value(at) || T.IsNaN(value(at)) : value(i) < value(at) || T.IsNaN(value(i)))
                at = i;
        }

        return at;
    }

    static double ValueSum<T>(Dual<T>[] x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (Dual<T> e in x)
            sum += double.CreateChecked(e.Value);
        return sum;
    }

    static T TangentSum<T>(Dual<T>[] x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (Dual<T> e in x)
            sum += e.Tangent;
        return sum;
    }
}
