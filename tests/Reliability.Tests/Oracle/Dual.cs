using System.Numerics;

namespace SymbolicDiff.Reliability.Tests.Oracle;

/// <summary>
/// A forward-mode dual number: a value and one tangent (the derivative along the seeded input).
/// The oracle prints a random program a second time with <c>Dual&lt;double&gt;</c> (or
/// <c>Dual&lt;float&gt;</c>) in place of the scalar type, so its derivatives come from a code path
/// that shares nothing with the generator: the chain rule applied forward, operation by operation.
/// Values are computed with exactly the operations of the primal program, so they match it bitwise.
/// </summary>
public readonly struct Dual<T>(T value, T tangent) where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Value { get; } = NonFiniteWatch.Watch(value);

    public T Tangent { get; } = TangentWatch.Watch(tangent);

    /// <summary>A constant: literals and anything that does not depend on the seeded input.</summary>
    public static implicit operator Dual<T>(T constant) => new(constant, T.Zero);

    public static Dual<T> operator +(Dual<T> a, Dual<T> b) => new(a.Value + b.Value, a.Tangent + b.Tangent);

    public static Dual<T> operator -(Dual<T> a, Dual<T> b) => new(a.Value - b.Value, a.Tangent - b.Tangent);

    public static Dual<T> operator -(Dual<T> a) => new(-a.Value, -a.Tangent);

    public static Dual<T> operator *(Dual<T> a, Dual<T> b) => new(a.Value * b.Value, a.Tangent * b.Value + a.Value * b.Tangent);

    public static Dual<T> operator /(Dual<T> a, Dual<T> b) =>
        new(a.Value / b.Value, (a.Tangent * b.Value - a.Value * b.Tangent) / (b.Value * b.Value));

    /// <summary>a % b = a − n·b, n the truncated quotient.</summary>
    public static Dual<T> operator %(Dual<T> a, Dual<T> b) => Remainder(a, b, a.Value % b.Value);

    /// <summary>A remainder r = a − n·b for an integer n (% truncates the quotient, IEEERemainder rounds it to even), n read back from the exact remainder.</summary>
    public static Dual<T> Remainder(Dual<T> a, Dual<T> b, T r) => new(r, a.Tangent - T.Round((a.Value - r) / b.Value) * b.Tangent);

    public static Dual<T> operator ++(Dual<T> a) => new(a.Value + T.One, a.Tangent);

    public static Dual<T> operator --(Dual<T> a) => new(a.Value - T.One, a.Tangent);

    // comparisons read the primal only, as in the generated code
    public static bool operator <(Dual<T> a, Dual<T> b) => a.Value < b.Value;

    public static bool operator >(Dual<T> a, Dual<T> b) => a.Value > b.Value;

    public static bool operator <=(Dual<T> a, Dual<T> b) => a.Value <= b.Value;

    public static bool operator >=(Dual<T> a, Dual<T> b) => a.Value >= b.Value;

    public override string ToString() => $"{Value} + {Tangent}ε";
}
