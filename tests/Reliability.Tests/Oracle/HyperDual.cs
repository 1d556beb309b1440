using System.Numerics;

namespace SymbolicDiff.Reliability.Tests.Oracle;

/// <summary>
/// A hyper-dual number a + b·ε1 + c·ε2 + d·ε1ε2 with ε1² = ε2² = 0: the second-order oracle. Seeding
/// ε1 with a direction v and ε2 with the unit vector e_j, a program printed with
/// <c>HyperDual&lt;double&gt;</c> in place of double returns its value, the directional derivative
/// ∇f·v (<see cref="E1"/>), ∂f/∂x_j (<see cref="E2"/>) and (H·v)_j (<see cref="E12"/>), exactly (no
/// step size). Like <see cref="Dual{T}"/>, it shares no code with the generator, and its value is
/// computed by the primal's own operations, so it equals the primal bitwise.
/// </summary>
public readonly struct HyperDual<T>(T value, T e1, T e2, T e12) where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Value { get; } = NonFiniteWatch.Watch(value);

    public T E1 { get; } = e1;

    public T E2 { get; } = e2;

    public T E12 { get; } = e12;

    /// <summary>A constant: literals and anything that depends on no input.</summary>
    public static implicit operator HyperDual<T>(T constant) => new(constant, T.Zero, T.Zero, T.Zero);

    /// <summary>
    /// f(x) for f with value <paramref name="f"/>, first derivative <paramref name="d1"/> and second
    /// <paramref name="d2"/> at x: the ε1ε2 part is f′·x12 + f″·x1·x2.
    /// </summary>
    public static HyperDual<T> Chain(HyperDual<T> x, T f, T d1, T d2) =>
        new(f, d1 * x.E1, d1 * x.E2, d1 * x.E12 + d2 * x.E1 * x.E2);

    /// <summary>
    /// As <see cref="Chain(HyperDual{T}, T, T, T)"/> where f″ = f′·<paramref name="ratio"/> (ln, √, ∛: f″ is f′ over a
    /// multiple of x): the ε1ε2 part is f′·x12 + (f′·x1)·(ratio·x2). f″ is never formed alone, because it underflows
    /// where f′ is tiny: ln at 4e186 has f″ = −1/x² = −6e-374, which is 0, and lost the −(x1/x)(x2/x) term (soak seed
    /// 20261504, #202: H·v 96 × too large).
    /// </summary>
    public static HyperDual<T> ChainByRatio(HyperDual<T> x, T f, T d1, T ratio) =>
        new(f, d1 * x.E1, d1 * x.E2, d1 * x.E12 + d1 * x.E1 * (ratio * x.E2));

    /// <summary>
    /// f(x, y) from its value, gradient (fx, fy) and Hessian (fxx, fxy, fyy) at (x, y): the ε1ε2 part
    /// is ∇f·(x12, y12) + (x1, y1)ᵀ·H·(x2, y2).
    /// </summary>
    public static HyperDual<T> Chain(HyperDual<T> x, HyperDual<T> y, T f, T fx, T fy, T fxx, T fxy, T fyy) =>
        new(f,
            fx * x.E1 + fy * y.E1,
            fx * x.E2 + fy * y.E2,
            fx * x.E12 + fy * y.E12 + fxx * x.E1 * x.E2 + fxy * (x.E1 * y.E2 + x.E2 * y.E1) + fyy * y.E1 * y.E2);

    /// <summary>The derivative parts of <paramref name="derivatives"/> with the value <paramref name="value"/>: for functions whose derivatives are a composition of simpler ones (Lerp, FusedMultiplyAdd).</summary>
    public static HyperDual<T> WithValue(T value, HyperDual<T> derivatives) => new(value, derivatives.E1, derivatives.E2, derivatives.E12);

    /// <summary>A linear combination of the inputs' derivative parts (a piecewise-linear function's branch), with the value given.</summary>
    public static HyperDual<T> Scaled(T value, HyperDual<T> x, T weight) => new(value, weight * x.E1, weight * x.E2, weight * x.E12);

    public static HyperDual<T> operator +(HyperDual<T> a, HyperDual<T> b) =>
        new(a.Value + b.Value, a.E1 + b.E1, a.E2 + b.E2, a.E12 + b.E12);

    public static HyperDual<T> operator -(HyperDual<T> a, HyperDual<T> b) =>
        new(a.Value - b.Value, a.E1 - b.E1, a.E2 - b.E2, a.E12 - b.E12);

    public static HyperDual<T> operator -(HyperDual<T> a) => new(-a.Value, -a.E1, -a.E2, -a.E12);

    public static HyperDual<T> operator *(HyperDual<T> a, HyperDual<T> b) =>
        new(a.Value * b.Value,
            a.E1 * b.Value + a.Value * b.E1,
            a.E2 * b.Value + a.Value * b.E2,
            a.E12 * b.Value + a.E1 * b.E2 + a.E2 * b.E1 + a.Value * b.E12);

    /// <summary>a/b: ∂/∂a = 1/b, ∂/∂b = −a/b², ∂²/∂a² = 0, ∂²/∂a∂b = −1/b², ∂²/∂b² = 2a/b³.</summary>
    public static HyperDual<T> operator /(HyperDual<T> a, HyperDual<T> b)
    {
        var inverse = T.One / b.Value;
        var inverse2 = inverse * inverse;
        return Chain(a, b, a.Value / b.Value, inverse, -a.Value * inverse2, T.Zero, -inverse2, (a.Value + a.Value) * inverse2 * inverse);
    }

    /// <summary>a % b = a − n·b with n the truncated quotient.</summary>
    public static HyperDual<T> operator %(HyperDual<T> a, HyperDual<T> b) => Remainder(a, b, a.Value % b.Value);

    /// <summary>
    /// A remainder r = a − n·b for an integer n (% truncates the quotient, IEEERemainder rounds it to even), n read back
    /// from the exact remainder: ∂/∂a = 1, ∂/∂b = −n, no second derivatives.
    /// </summary>
    public static HyperDual<T> Remainder(HyperDual<T> a, HyperDual<T> b, T r) => Chain(a, b, r, T.One, -T.Round((a.Value - r) / b.Value), T.Zero, T.Zero, T.Zero);

    public static HyperDual<T> operator ++(HyperDual<T> a) => new(a.Value + T.One, a.E1, a.E2, a.E12);

    public static HyperDual<T> operator --(HyperDual<T> a) => new(a.Value - T.One, a.E1, a.E2, a.E12);

    // comparisons read the primal only, as in the generated code
    public static bool operator <(HyperDual<T> a, HyperDual<T> b) => a.Value < b.Value;

    public static bool operator >(HyperDual<T> a, HyperDual<T> b) => a.Value > b.Value;

    public static bool operator <=(HyperDual<T> a, HyperDual<T> b) => a.Value <= b.Value;

    public static bool operator >=(HyperDual<T> a, HyperDual<T> b) => a.Value >= b.Value;

    public override string ToString() => $"{Value} + {E1}ε1 + {E2}ε2 + {E12}ε1ε2";
}
