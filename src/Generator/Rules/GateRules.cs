using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using static SymbolicDiff.Generator.Graph.Build;

namespace SymbolicDiff.Generator.Rules;

/// <summary>
/// The table of gates and their local gradients — the one place where derivatives are written down.
/// In the formulas, <c>a</c>, <c>b</c>, <c>c</c> are the inputs and <c>r</c> is the gate's output.
/// The backward pass multiplies each local gradient by the output's adjoint (chain rule).
/// </summary>
internal static class GateRules
{
    // ---- operators: "add distributes, multiply swaps" ----
    public static readonly GateRule Add = Binary("Add", (m, a, b) => Build.Add(a, b), (m, a, b, r) => [m.Lit(1), m.Lit(1)]);
    public static readonly GateRule Subtract = Binary("Subtract", (m, a, b) => Sub(a, b), (m, a, b, r) => [m.Lit(1), m.Lit(-1)]);
    public static readonly GateRule Multiply = Binary("Multiply", (m, a, b) => Mul(a, b), (m, a, b, r) => [b, a]);
    /// <summary>(a/b)′ = 1/b and −r/b; for a reciprocal (a = 1) −r/b is −r·r, a multiplication instead of a division.</summary>
    public static readonly GateRule Divide = Binary(
        "Divide",
        (m, a, b) => Div(a, b),
        (m, a, b, r) => [Div(m.Lit(1), b), Neg(a is LiteralExpr { Value: 1 } ? Mul(r, r) : Div(r, b))]);
    public static readonly GateRule Negate = Unary("Negate", (m, a) => Neg(a), (m, a, r) => m.Lit(-1));

    /// <summary>C#'s <c>a % b</c> (fmod): r = a − n·b with n the quotient truncated (<see cref="RemainderSlopes"/>).</summary>
    public static readonly GateRule Remainder = Binary("Remainder", (m, a, b) => new BinaryExpr("%", a, b), RemainderSlopes);

    /// <summary>
    /// IEEE 754's remainder (Math.IEEERemainder, double.Ieee754Remainder): r = a − n·b with the quotient rounded to
    /// nearest, ties to even, instead of truncated; the slopes are %'s.
    /// </summary>
    public static readonly GateRule IeeeRemainder = Binary("IEEERemainder", (m, a, b) => m.Call("IEEERemainder", a, b), RemainderSlopes);

    /// <summary>float ↔ double conversion of a differentiable value: the gradient passes through unchanged.</summary>
    public static GateRule Convert(string typeName) => Unary("Convert", (m, a) => new CastExpr(typeName, a), (m, a, r) => m.Lit(1));

    /// <summary>
    /// <c>a[i]</c> of a differentiable array: the gradient goes to that one element (the backward pass
    /// writes <c>da[i] += g</c>; the index has no gradient).
    /// </summary>
    public static readonly GateRule ElementRead = Binary(
        "ElementRead",
        (m, a, i) => new ElementExpr(a, i, isReadOnly: a is UseExpr { Value.Kind: ValueKind.Parameter }),
        (m, a, i, r) => [m.Lit(1), null]);

    // ---- "max routes": the gradient goes to the winner; a tie splits it equally (as torch.maximum does) ----
    public static readonly GateRule Max = Binary(
        "Max",
        (m, a, b) => m.Call("Max", a, b),
        (m, a, b, r) => [Route(m, Greater(a, b), Less(a, b)), Route(m, Less(a, b), Greater(a, b))]);

    public static readonly GateRule Min = Binary(
        "Min",
        (m, a, b) => m.Call("Min", a, b),
        (m, a, b, r) => [Route(m, Less(a, b), Greater(a, b)), Route(m, Greater(a, b), Less(a, b))]);

    /// <summary>Clamp(v, lo, hi) = Min(Max(v, lo), hi): the gradient goes to whichever input is returned, split on a tie.</summary>
    public static readonly GateRule Clamp = new(
        "Clamp",
        3,
        (m, x) => m.Call("Clamp", x[0], x[1], x[2]),
        (m, x, r) =>
        [
            If(And(Greater(x[0], x[1]), Less(x[0], x[2])), m.Lit(1), If(Or(Equal(x[0], x[1]), Equal(x[0], x[2])), m.Lit(0.5), m.Lit(0))),
            Route(m, Less(x[0], x[1]), Greater(x[0], x[1])),
            Route(m, Greater(x[0], x[2]), Less(x[0], x[2])),
        ]);

    // ---- functions that return one of their arguments: the gradient goes to the one returned ----
    public static readonly GateRule MaxMagnitude = Selection("MaxMagnitude", numberTypeOnly: false);
    public static readonly GateRule MinMagnitude = Selection("MinMagnitude", numberTypeOnly: false);
    public static readonly GateRule MaxNumber = Selection("MaxNumber", numberTypeOnly: true);
    public static readonly GateRule MinNumber = Selection("MinNumber", numberTypeOnly: true);
    public static readonly GateRule MaxMagnitudeNumber = Selection("MaxMagnitudeNumber", numberTypeOnly: true);
    public static readonly GateRule MinMagnitudeNumber = Selection("MinMagnitudeNumber", numberTypeOnly: true);

    /// <summary>Abs'(0) = 0, the subgradient every framework picks.</summary>
    public static readonly GateRule Abs = Unary(
        "Abs",
        (m, a) => m.Call("Abs", a),
        (m, a, r) => If(Greater(a, m.Lit(0)), m.Lit(1), If(Less(a, m.Lit(0)), m.Lit(-1), m.Lit(0))));

    /// <summary>double.Lerp(a, b, t) = a·(1 − t) + b·t.</summary>
    public static readonly GateRule Lerp = new(
        "Lerp",
        3,
        (m, x) => m.CallOnType("Lerp", x[0], x[1], x[2]),
        (m, x, r) => [Sub(m.Lit(1), x[2]), x[2], Sub(x[1], x[0])]);

    public static readonly GateRule DegreesToRadians = Unary("DegreesToRadians", (m, a) => m.CallOnType("DegreesToRadians", a), (m, a, r) => m.Lit(System.Math.PI / 180));
    public static readonly GateRule RadiansToDegrees = Unary("RadiansToDegrees", (m, a) => m.CallOnType("RadiansToDegrees", a), (m, a, r) => m.Lit(180 / System.Math.PI));

    // ---- sine, cosine and tangent of π·x (exact at integers and halves; double./float. only) ----
    public static readonly GateRule SinPi = Unary("SinPi", (m, a) => m.CallOnType("SinPi", a), (m, a, r) => Mul(m.Lit(System.Math.PI), m.CallOnType("CosPi", a)));
    public static readonly GateRule CosPi = Unary("CosPi", (m, a) => m.CallOnType("CosPi", a), (m, a, r) => Neg(Mul(m.Lit(System.Math.PI), m.CallOnType("SinPi", a))));

    /// <summary>(tan πx)′ = π·(1 + tan² πx), from the output as Tan's is.</summary>
    public static readonly GateRule TanPi = Unary("TanPi", (m, a) => m.CallOnType("TanPi", a), (m, a, r) => Mul(m.Lit(System.Math.PI), Add(m.Lit(1), Mul(r, r))));

    /// <summary>
    /// BitIncrement(x) = x + ulp(x) and BitDecrement(x) = x − ulp(x): the step to the next double is constant within a
    /// binade, so these are x plus a piecewise constant, with slope 1 between the jumps (as % has ∂/∂a = 1 between its).
    /// </summary>
    public static readonly GateRule BitIncrement = Unary("BitIncrement", (m, a) => m.Call("BitIncrement", a), (m, a, r) => m.Lit(1));
    public static readonly GateRule BitDecrement = Unary("BitDecrement", (m, a) => m.Call("BitDecrement", a), (m, a, r) => m.Lit(1));

    public static readonly GateRule FusedMultiplyAdd = new(
        "FusedMultiplyAdd",
        3,
        (m, x) => m.Call("FusedMultiplyAdd", x[0], x[1], x[2]),
        (m, x, r) => [x[1], x[0], m.Lit(1)]);

    // ---- exponentials and powers (ExpM1, Exp2, LogP1, … exist only as double./float. methods) ----
    private const double Ln2 = 0.6931471805599453;
    private const double Ln10 = 2.302585092994046;

    public static readonly GateRule Exp = Unary("Exp", (m, a) => m.Call("Exp", a), (m, a, r) => r);
    public static readonly GateRule Log = Unary("Log", (m, a) => m.Call("Log", a), (m, a, r) => Div(m.Lit(1), a));

    /// <summary>Log(a, b) = ln a / ln b.</summary>
    public static readonly GateRule LogBase = Binary(
        "LogBase",
        (m, a, b) => m.Call("Log", a, b),
        (m, a, b, r) => [Div(m.Lit(1), Mul(a, m.Call("Log", b))), Neg(Div(r, Mul(b, m.Call("Log", b))))]);

    public static readonly GateRule Log10 = Unary("Log10", (m, a) => m.Call("Log10", a), (m, a, r) => Div(m.Lit(1), Mul(a, m.Lit(Ln10))));
    public static readonly GateRule Log2 = Unary("Log2", (m, a) => m.Call("Log2", a), (m, a, r) => Div(m.Lit(1), Mul(a, m.Lit(Ln2))));
    public static readonly GateRule Sqrt = Unary("Sqrt", (m, a) => m.Call("Sqrt", a), (m, a, r) => Div(m.Lit(0.5), r));
    public static readonly GateRule ExpM1 = Unary("ExpM1", (m, a) => m.CallOnType("ExpM1", a), (m, a, r) => Add(r, m.Lit(1)));
    public static readonly GateRule Exp2 = Unary("Exp2", (m, a) => m.CallOnType("Exp2", a), (m, a, r) => Mul(r, m.Lit(Ln2)));
    public static readonly GateRule Exp10 = Unary("Exp10", (m, a) => m.CallOnType("Exp10", a), (m, a, r) => Mul(r, m.Lit(Ln10)));
    public static readonly GateRule Exp2M1 = Unary("Exp2M1", (m, a) => m.CallOnType("Exp2M1", a), (m, a, r) => Mul(Add(r, m.Lit(1)), m.Lit(Ln2)));
    public static readonly GateRule Exp10M1 = Unary("Exp10M1", (m, a) => m.CallOnType("Exp10M1", a), (m, a, r) => Mul(Add(r, m.Lit(1)), m.Lit(Ln10)));
    public static readonly GateRule LogP1 = Unary("LogP1", (m, a) => m.CallOnType("LogP1", a), (m, a, r) => Div(m.Lit(1), Add(a, m.Lit(1))));
    public static readonly GateRule Log2P1 = Unary("Log2P1", (m, a) => m.CallOnType("Log2P1", a), (m, a, r) => Div(m.Lit(1), Mul(Add(a, m.Lit(1)), m.Lit(Ln2))));
    public static readonly GateRule Log10P1 = Unary("Log10P1", (m, a) => m.CallOnType("Log10P1", a), (m, a, r) => Div(m.Lit(1), Mul(Add(a, m.Lit(1)), m.Lit(Ln10))));
    public static readonly GateRule Cbrt = Unary("Cbrt", (m, a) => m.Call("Cbrt", a), (m, a, r) => Div(m.Lit(1), Mul(m.Lit(3), Mul(r, r))));

    /// <summary>
    /// RootN(x, n) = x^(1/n), n an int (a constant): ∂x = 1/(n·r^(n−1)), the reciprocal of the power's slope at r (x = rⁿ),
    /// which is Cbrt's 1/(3r²) for n = 3 and keeps what makes that one right: +∞ at x = 0 for n &gt; 1 (the vertical tangent;
    /// r/(n·x) would be 0/0) and the right sign for negative x with odd n (r^(n−1) is a power of a negative base by an
    /// integer; x^(1/n − 1) would be NaN). RootN(x, 0) is NaN, and so is its slope.
    /// </summary>
    public static readonly GateRule RootN = Binary(
        "RootN",
        (m, a, n) => m.CallOnType("RootN", a, n),
        (m, a, n, r) => [IntegerLiteral(m, n) is LiteralExpr { Value: 0 } ? m.Lit(double.NaN) : Div(m.Lit(1), PowerRule(m, r, IntegerLiteral(m, n))), null]);

    /// <summary>ScaleB(x, n) = x·2ⁿ, n an int (a constant): ∂x = 2ⁿ, written ScaleB(1, n), a power of two as exact as the result.</summary>
    public static readonly GateRule ScaleB = Binary("ScaleB", (m, a, n) => m.Call("ScaleB", a, n), (m, a, n, r) => [m.Call("ScaleB", m.Lit(1), n), null]);

    /// <summary>
    /// The estimates of 1/x and 1/√x (a few bits on some processors, exact on others): differentiated as the functions they
    /// estimate, −1/x² and −½·x^(−3/2), from x and not from the estimate, so the gradient is the same on every processor.
    /// </summary>
    public static readonly GateRule ReciprocalEstimate = Unary("ReciprocalEstimate", (m, a) => m.Call("ReciprocalEstimate", a), (m, a, r) => Neg(Div(m.Lit(1), Mul(a, a))));
    public static readonly GateRule ReciprocalSqrtEstimate = Unary(
        "ReciprocalSqrtEstimate",
        (m, a) => m.Call("ReciprocalSqrtEstimate", a),
        (m, a, r) => Neg(Div(m.Lit(0.5), Mul(a, m.Call("Sqrt", a)))));

    /// <summary>
    /// Pow(a, b): ∂/∂a = b·a^(b−1); ∂/∂b = r·ln a, taken as 0 at a = 0 (its limit for b &gt; 0) and NaN
    /// for a &lt; 0, where the power is not differentiable in b.
    /// </summary>
    public static readonly GateRule Pow = Binary(
        "Pow",
        (m, a, b) => m.Call("Pow", a, b),
        (m, a, b, r) => [PowerRule(m, a, b), If(Equal(a, m.Lit(0)), m.Lit(0), Mul(r, m.Call("Log", a)))]);

    // ---- trigonometric and hyperbolic ----
    public static readonly GateRule Sin = Unary("Sin", (m, a) => m.Call("Sin", a), (m, a, r) => m.Call("Cos", a));
    public static readonly GateRule Cos = Unary("Cos", (m, a) => m.Call("Cos", a), (m, a, r) => Neg(m.Call("Sin", a)));
    public static readonly GateRule Tan = Unary("Tan", (m, a) => m.Call("Tan", a), (m, a, r) => Add(m.Lit(1), Mul(r, r)));
    public static readonly GateRule Asin = Unary("Asin", (m, a) => m.Call("Asin", a), AsinSlope);
    public static readonly GateRule Acos = Unary("Acos", (m, a) => m.Call("Acos", a), (m, a, r) => Neg(AsinSlope(m, a, r)));
    public static readonly GateRule Atan = Unary("Atan", (m, a) => m.Call("Atan", a), AtanSlope);

    /// <summary>Atan2(y, x): ∂/∂y = x/(x²+y²), ∂/∂x = −y/(x²+y²).</summary>
    public static readonly GateRule Atan2 = Binary("Atan2", (m, y, x) => m.Call("Atan2", y, x), Atan2Slopes);

    // ---- the inverse functions in half-turns (AsinPi = Asin/π, …; double./float. only): the slopes above, divided by π ----
    public static readonly GateRule AsinPi = Unary("AsinPi", (m, a) => m.CallOnType("AsinPi", a), (m, a, r) => OverPi(m, AsinSlope(m, a, r)));
    public static readonly GateRule AcosPi = Unary("AcosPi", (m, a) => m.CallOnType("AcosPi", a), (m, a, r) => Neg(OverPi(m, AsinSlope(m, a, r))));
    public static readonly GateRule AtanPi = Unary("AtanPi", (m, a) => m.CallOnType("AtanPi", a), (m, a, r) => OverPi(m, AtanSlope(m, a, r)));
    public static readonly GateRule Atan2Pi = Binary(
        "Atan2Pi",
        (m, y, x) => m.CallOnType("Atan2Pi", y, x),
        (m, y, x, r) => [.. Atan2Slopes(m, y, x, r).Select(slope => OverPi(m, slope!))]);

    public static readonly GateRule Sinh = Unary("Sinh", (m, a) => m.Call("Sinh", a), (m, a, r) => m.Call("Cosh", a));
    public static readonly GateRule Cosh = Unary("Cosh", (m, a) => m.Call("Cosh", a), (m, a, r) => m.Call("Sinh", a));
    public static readonly GateRule Tanh = Unary("Tanh", (m, a) => m.Call("Tanh", a), (m, a, r) => Sub(m.Lit(1), Mul(r, r)));

    public static readonly GateRule Asinh = Unary("Asinh", (m, a) => m.Call("Asinh", a), (m, a, r) => Div(m.Lit(1), m.Call("Sqrt", Add(Mul(a, a), m.Lit(1)))));
    public static readonly GateRule Acosh = Unary("Acosh", (m, a) => m.Call("Acosh", a), (m, a, r) => Div(m.Lit(1), m.Call("Sqrt", Sub(Mul(a, a), m.Lit(1)))));
    public static readonly GateRule Atanh = Unary("Atanh", (m, a) => m.Call("Atanh", a), (m, a, r) => Div(m.Lit(1), Sub(m.Lit(1), Mul(a, a))));

    /// <summary>
    /// Hypot(a, b) = √(a² + b²) (double.Hypot / float.Hypot; Math has none): ∂/∂a = a/r, ∂/∂b = b/r, and
    /// 0 at the origin, where it is a cone (as Abs'(0) = 0; Hypot(a, 0) = |a|).
    /// </summary>
    public static readonly GateRule Hypot = Binary(
        "Hypot",
        (m, a, b) => m.CallOnType("Hypot", a, b),
        (m, a, b, r) => [If(Equal(r, m.Lit(0)), m.Lit(0), Div(a, r)), If(Equal(r, m.Lit(0)), m.Lit(0), Div(b, r))]);

    /// <summary>
    /// CopySign(a, b) = |a| with b's sign: ∂/∂a = sign(a)·sign(b), 0 at a = ±0 (as Abs'(0) = 0); ∂/∂b = 0
    /// (only b's sign is used: piecewise constant in b). b's sign is read from r, which has it. Written as a
    /// choice between constants, not as r/a: its own derivative is then 0, where r/a's is r′/a − r/a², two
    /// terms that cancel only in exact arithmetic and overflow to ∞ − ∞ at a subnormal a (second order).
    /// </summary>
    public static readonly GateRule CopySign = Binary(
        "CopySign",
        (m, a, b) => m.Call("CopySign", a, b),
        (m, a, b, r) =>
        [
            If(Greater(a, m.Lit(0)), If(Greater(r, m.Lit(0)), m.Lit(1), m.Lit(-1)),
                If(Less(a, m.Lit(0)), If(Less(r, m.Lit(0)), m.Lit(1), m.Lit(-1)), m.Lit(0))),
            null,
        ]);

    /// <summary>The Math/MathF functions that are gates, by name and argument count.</summary>
    public static readonly IReadOnlyDictionary<(string Name, int Arity), GateRule> MathFunctions = new Dictionary<(string, int), GateRule>
    {
        [("Exp", 1)] = Exp,
        [("Log", 1)] = Log,
        [("Log", 2)] = LogBase,
        [("Log10", 1)] = Log10,
        [("Log2", 1)] = Log2,
        [("Sqrt", 1)] = Sqrt,
        [("Cbrt", 1)] = Cbrt,
        [("Pow", 2)] = Pow,
        [("Sin", 1)] = Sin,
        [("Cos", 1)] = Cos,
        [("Tan", 1)] = Tan,
        [("Asin", 1)] = Asin,
        [("Acos", 1)] = Acos,
        [("Atan", 1)] = Atan,
        [("Atan2", 2)] = Atan2,
        [("Sinh", 1)] = Sinh,
        [("Cosh", 1)] = Cosh,
        [("Tanh", 1)] = Tanh,
        [("Asinh", 1)] = Asinh,
        [("Acosh", 1)] = Acosh,
        [("Atanh", 1)] = Atanh,
        [("Hypot", 2)] = Hypot,
        [("CopySign", 2)] = CopySign,
        [("ExpM1", 1)] = ExpM1,
        [("Exp2", 1)] = Exp2,
        [("Exp10", 1)] = Exp10,
        [("Exp2M1", 1)] = Exp2M1,
        [("Exp10M1", 1)] = Exp10M1,
        [("LogP1", 1)] = LogP1,
        [("Log2P1", 1)] = Log2P1,
        [("Log10P1", 1)] = Log10P1,
        [("Abs", 1)] = Abs,
        [("Max", 2)] = Max,
        [("Min", 2)] = Min,
        [("Clamp", 3)] = Clamp,
        [("FusedMultiplyAdd", 3)] = FusedMultiplyAdd,
        [("Lerp", 3)] = Lerp,
        [("DegreesToRadians", 1)] = DegreesToRadians,
        [("RadiansToDegrees", 1)] = RadiansToDegrees,
        [("SinPi", 1)] = SinPi,
        [("CosPi", 1)] = CosPi,
        [("TanPi", 1)] = TanPi,
        [("AsinPi", 1)] = AsinPi,
        [("AcosPi", 1)] = AcosPi,
        [("AtanPi", 1)] = AtanPi,
        [("Atan2Pi", 2)] = Atan2Pi,
        [("ScaleB", 2)] = ScaleB,
        [("RootN", 2)] = RootN,
        [("ReciprocalEstimate", 1)] = ReciprocalEstimate,
        [("ReciprocalSqrtEstimate", 1)] = ReciprocalSqrtEstimate,
        [("MaxMagnitude", 2)] = MaxMagnitude,
        [("MinMagnitude", 2)] = MinMagnitude,
        [("MaxNumber", 2)] = MaxNumber,
        [("MinNumber", 2)] = MinNumber,
        [("MaxMagnitudeNumber", 2)] = MaxMagnitudeNumber,
        [("MinMagnitudeNumber", 2)] = MinMagnitudeNumber,
        [("IEEERemainder", 2)] = IeeeRemainder,
        [("Ieee754Remainder", 2)] = IeeeRemainder,
        [("BitIncrement", 1)] = BitIncrement,
        [("BitDecrement", 1)] = BitDecrement,
    };

    /// <summary>Step functions: piecewise constant, so their gradient is zero wherever it exists; their result is a constant.</summary>
    public static readonly IReadOnlyCollection<string> ZeroGradientFunctions = new HashSet<string>
    {
        "Floor", "Ceiling", "Round", "Truncate", "Sign",
    };

    private static GateRule Unary(string name, System.Func<MathContext, Expr, Expr> forward, System.Func<MathContext, Expr, Expr, Expr> partial) =>
        new(name, 1, (m, x) => forward(m, x[0]), (m, x, r) => [partial(m, x[0], r)]);

    private static GateRule Binary(string name, System.Func<MathContext, Expr, Expr, Expr> forward, System.Func<MathContext, Expr, Expr, Expr, Expr?[]> partials) =>
        new(name, 2, (m, x) => forward(m, x[0], x[1]), (m, x, r) => partials(m, x[0], x[1], r));

    /// <summary>
    /// a % b and IEEERemainder(a, b) are a − n·b with n an integer (the quotient truncated or rounded to even): ∂/∂a = 1 and
    /// ∂/∂b = −n between the jumps. n is read back from the exact remainder, Round((a − r)/b), not computed from a/b, whose
    /// rounded quotient can reach the next integer (0.3 / 0.1 = 2.9999999999999996 rounds to 3) or cross a half.
    /// </summary>
    private static Expr?[] RemainderSlopes(MathContext m, Expr a, Expr b, Expr r) => [m.Lit(1), Neg(m.Call("Round", Div(Sub(a, r), b)))];

    private static Expr AsinSlope(MathContext m, Expr a, Expr r) => Div(m.Lit(1), m.Call("Sqrt", Sub(m.Lit(1), Mul(a, a))));

    private static Expr AtanSlope(MathContext m, Expr a, Expr r) => Div(m.Lit(1), Add(m.Lit(1), Mul(a, a)));

    private static Expr?[] Atan2Slopes(MathContext m, Expr y, Expr x, Expr r) => [Div(x, Add(Mul(x, x), Mul(y, y))), Neg(Div(y, Add(Mul(x, x), Mul(y, y))))];

    private static Expr OverPi(MathContext m, Expr slope) => Div(slope, m.Lit(System.Math.PI));

    /// <summary>
    /// A function that returns one of its arguments (by magnitude, or leaving a NaN aside): the gradient goes to the argument
    /// that equals the result, so the function's own choice decides, whatever its order; where both equal it (a tie of equal
    /// values, +0 and −0 too) each gets ½, as Max splits a tie. Where the magnitudes tie but the values differ (x = −y) only
    /// the one returned equals the result.
    /// </summary>
    private static GateRule Selection(string name, bool numberTypeOnly) => Binary(
        name,
        (m, a, b) => numberTypeOnly ? m.CallOnType(name, a, b) : m.Call(name, a, b),
        (m, a, b, r) => [Returned(m, a, b, r), Returned(m, b, a, r)]);

    private static Expr Returned(MathContext m, Expr mine, Expr other, Expr r) => If(Equal(mine, r), If(Equal(other, r), m.Lit(0.5), m.Lit(1)), m.Lit(0));

    /// <summary>An int constant reaches a gate as its C# text (<c>3</c>): as a literal, a formula can fold it (RootN's n·r^(n−1)).</summary>
    private static Expr IntegerLiteral(MathContext m, Expr n) =>
        n is TextExpr { Text: var text } && int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int k) ? m.Lit(k) : n;

    /// <summary>1 where this input wins, 0 where it loses, ½ on a tie.</summary>
    private static Expr Route(MathContext m, Expr wins, Expr loses) => If(wins, m.Lit(1), If(loses, m.Lit(0), m.Lit(0.5)));

    /// <summary>b·a^(b−1), written as a person would for the common constant exponents.</summary>
    private static Expr PowerRule(MathContext m, Expr a, Expr b) => b switch
    {
        LiteralExpr { Value: 1 } => m.Lit(1),
        LiteralExpr { Value: 2 } => Mul(m.Lit(2), a),
        LiteralExpr { Value: 3 } => Mul(m.Lit(3), Mul(a, a)),
        LiteralExpr literal => Mul(b, m.Call("Pow", a, m.Lit(literal.Value - 1))),
        _ => Mul(b, m.Call("Pow", a, Sub(b, m.Lit(1)))),
    };
}
