using System;
using System.Collections.Generic;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// Bounds of the forward values, where the caller's values are finite: the zero test <c>d == 0 ? 0 : d * partial</c>
/// (<see cref="ZeroTest"/>) guards against 0 times an infinite or NaN local gradient, and a local gradient that is
/// finite whenever the caller's values are needs none (only the caller could make it otherwise, the rule ZeroTest
/// already applies to the caller's own values). <c>Math.Cos(x)</c> of a parameter, <c>1 - f * f</c> of
/// <c>f = Math.Tanh(…)</c>, <c>2.0 * b</c> of a Gaussian <c>b = Math.Exp(-a * a / 2)</c>, the <c>1 / t</c> of
/// <c>t = 1 + b * b</c>: the backward pass multiplies by them without a branch.
/// <para>
/// Interval arithmetic with IEEE 754's own rounding: every operation is monotone in each operand (where the signs
/// are fixed), so the operation applied to the bounds bounds the operation applied to any values between them, and
/// an overflow shows as an infinite bound. A bound records whether the value may be NaN (0 × ∞, ∞ − ∞, 0/0, the
/// logarithm or square root of a negative, Sin of ∞, anything from a call the table does not know); a value that
/// may be NaN has no bounds. Values carried around a loop start from their initial value and are widened to an
/// infinite bound on the side that grows. Branch conditions are not used to narrow anything. Single-precision values
/// are not bounded (a float overflows at other bounds, and its arithmetic rounds otherwise): their tests stay.
/// </para>
/// </summary>
internal sealed class FiniteValues
{
    /// <summary>A double the caller passed in, or an element of the caller's array.</summary>
    private static readonly Bounds CallersValue = new(-double.MaxValue, double.MaxValue);

    /// <summary>Any integer type's values, as doubles.</summary>
    private static readonly Bounds IntegerValue = new(-1.9e19, 1.9e19);

    private static readonly HashSet<string> IntegerTypes = ["int", "long", "short", "byte", "sbyte", "ushort", "uint", "ulong", "char", "nint", "nuint"];

    private readonly Dictionary<Value, Bounds> bounds = new(64); // a method of 20 statements defines about 40 values

    /// <summary>Values defined as the negation of another (<c>t1 = -a</c>), so that <c>t1 * a</c> is known to be ≤ 0.</summary>
    private readonly Dictionary<Value, Value> negations = [];

    private FiniteValues()
    {
    }

    /// <summary>The bounds of <paramref name="graph"/>'s values.</summary>
    public static FiniteValues Of(MethodGraph graph)
    {
        var values = new FiniteValues();
        foreach (Value parameter in graph.Parameters)
        {
            if (parameter.Numeric == NumericType.Double && ZeroTest.IsCallersValue(new UseExpr(parameter)))
            {
                values.bounds[parameter] = CallersValue;
            }
        }

        values.Walk(graph.Body);
        return values;
    }

    /// <summary>Bounds a value defined after the walk (the partner of a Sin or Cos, <see cref="SinCosPairs"/>).</summary>
    public void Add(Define define) => bounds[define.Target] = Of(define.Expression);

    /// <summary>Whether <paramref name="expr"/> is finite (and not NaN) whenever the caller's values are finite.</summary>
    public bool IsFinite(Expr expr) => Of(expr).IsFinite;

    /// <summary>Bounds every value the statements define, in order.</summary>
    private void Walk(Block block)
    {
        foreach (Statement statement in block.Statements)
        {
            switch (statement)
            {
                case Define define:
                    bounds[define.Target] = Of(define.Expression);
                    if (define.Expression is UnaryExpr { Operator: "-", Operand: UseExpr { Value: var negated } })
                    {
                        negations[define.Target] = negated;
                    }

                    break;
                case CallDefine { Target: { } target }:
                    bounds[target] = Bounds.Unknown;
                    break;
                case Branch branch:
                    Walk(branch.Then);
                    Walk(branch.Else);
                    foreach (Merge merge in branch.Merges)
                    {
                        bounds[merge.Target] = Bounds.Union(Of(merge.FromThen), Of(merge.FromElse));
                    }

                    break;
                case Loop loop:
                    WalkLoop(loop);
                    break;
            }
        }
    }

    /// <summary>
    /// The loop's body with each carried value at the union of its initial value and its value after an iteration:
    /// a bound that grows is widened to infinity at once, so a few passes reach the fixed point.
    /// </summary>
    private void WalkLoop(Loop loop)
    {
        foreach (Carried carried in loop.Carried)
        {
            bounds[carried.Header] = Of(carried.Init);
        }

        for (int pass = 0; ; pass++)
        {
            Walk(loop.Body);
            if (loop.Step is { } step)
            {
                bounds[step.Target] = Of(step.Expression);
            }

            bool changed = false;
            foreach (Carried carried in loop.Carried)
            {
                Bounds before = bounds[carried.Header];
                Bounds after = Bounds.Widen(before, Of(carried.Final));
                if (!after.Equals(before))
                {
                    bounds[carried.Header] = pass < 3 ? after : Bounds.Unknown;
                    changed = true;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        foreach (Carried carried in loop.Carried)
        {
            bounds[carried.Storage] = bounds[carried.Header];
        }
    }

    private Bounds Of(Value value)
    {
        if (value.Numeric == NumericType.Float)
        {
            return Bounds.Unknown;
        }

        if (value.Numeric == NumericType.None && IntegerTypes.Contains(value.TypeName))
        {
            return IntegerValue;
        }

        return bounds.TryGetValue(value, out Bounds known) ? known
            : value.Inlined is { } inlined ? Of(inlined)
            : value.Recompute is { } recompute ? Of(recompute)
            : Bounds.Unknown;
    }

    private Bounds Of(Expr expr) => expr switch
    {
        LiteralExpr literal => new Bounds(literal.Value, literal.Value),
        ElementExpr { Array: UseExpr { Value.Numeric: NumericType.Double } } when ZeroTest.IsCallersValue(expr) => CallersValue,
        UseExpr use => Of(use.Value),
        UnaryExpr { Operator: "-" } negation => Bounds.Negate(Of(negation.Operand)),
        CastExpr { TypeName: "double" } cast => Of(cast.Operand),
        CastExpr cast when IntegerTypes.Contains(cast.TypeName) => IntegerValue,
        BinaryExpr binary => OfBinary(binary),
        ConditionalExpr choice => Bounds.Union(Of(choice.WhenTrue), Of(choice.WhenFalse)),
        CallExpr { Receiver: TextExpr { Text: "global::System.Math" or "double" } } call => OfCall(call.Name, call.Arguments),
        _ => Bounds.Unknown,
    };

    private Bounds OfBinary(BinaryExpr binary)
    {
        if (binary.Operator == "*" && Square(binary.Left, binary.Right) is { } square)
        {
            return square;
        }

        Bounds left = Of(binary.Left), right = Of(binary.Right);
        return binary.Operator switch
        {
            "+" => Bounds.Add(left, right),
            "-" => Bounds.Add(left, Bounds.Negate(right)),
            "*" => Bounds.Multiply(left, right),
            "/" => Bounds.Divide(left, right),
            _ => Bounds.Unknown,
        };
    }

    /// <summary><c>a * a</c> is never negative and <c>-a * a</c> never positive, which the product of two intervals does not know.</summary>
    private Bounds? Square(Expr left, Expr right)
    {
        bool negated = false;
        Value? a = Operand(left, ref negated), b = Operand(right, ref negated);
        if (a is null || a != b)
        {
            return null;
        }

        Bounds square = Bounds.Square(Of(a));
        return negated ? Bounds.Negate(square) : square;
    }

    /// <summary>The value an operand reads, seen through one negation (<c>-a</c>, or a value defined as it).</summary>
    private Value? Operand(Expr operand, ref bool negated)
    {
        switch (operand)
        {
            case UnaryExpr { Operator: "-", Operand: UseExpr use }:
                negated = !negated;
                return use.Value;
            case UseExpr use when negations.TryGetValue(use.Value, out Value? of):
                negated = !negated;
                return of;
            case UseExpr use:
                return use.Value;
            default:
                return null;
        }
    }

    private Bounds OfCall(string name, IReadOnlyList<Expr> arguments)
    {
        if (arguments.Count == 2)
        {
            Bounds first = Of(arguments[0]), second = Of(arguments[1]);
            return name switch
            {
                "Max" => Bounds.Max(first, second),
                "Min" => Bounds.Negate(Bounds.Max(Bounds.Negate(first), Bounds.Negate(second))),
                "Atan2" when !first.MayBeNaN && !second.MayBeNaN => new Bounds(-4, 4),
                "Pow" when arguments[1] is LiteralExpr { Value: var exponent } => Bounds.Power(first, exponent),
                _ => Bounds.Unknown,
            };
        }

        if (arguments.Count != 1)
        {
            return Bounds.Unknown;
        }

        Bounds x = Of(arguments[0]);
        if (x.MayBeNaN)
        {
            return Bounds.Unknown;
        }

        return name switch
        {
            "Sin" or "Cos" when x.IsFinite => new Bounds(-1, 1),
            "Tanh" or "Sign" => new Bounds(-1, 1),
            "Atan" => new Bounds(-2, 2),
            "Exp" => new Bounds(0, x.Hi > 700 ? double.PositiveInfinity : Math.Exp(x.Hi) * 1.001),
            "Sqrt" when x.Lo >= 0 => new Bounds(0, Math.Sqrt(x.Hi) + 1),
            "Log" when x.Lo >= 0 => new Bounds(x.Lo == 0 ? double.NegativeInfinity : Math.Log(x.Lo) - 1, Math.Log(x.Hi) + 1),
            "Abs" => new Bounds(0, Math.Max(Math.Abs(x.Lo), Math.Abs(x.Hi))),
            "Floor" or "Ceiling" or "Round" or "Truncate" => new Bounds(x.Lo - 1, x.Hi + 1),
            "Cbrt" => new Bounds(Math.Min(x.Lo, -1), Math.Max(x.Hi, 1)), // |∛x| ≤ max(|x|, 1), with x's sign
            _ => Bounds.Unknown,
        };
    }

    /// <summary>An interval that holds a value, or <see cref="Unknown"/> when it may be NaN.</summary>
    private readonly struct Bounds(double lo, double hi, bool mayBeNaN = false) : IEquatable<Bounds>
    {
        public static readonly Bounds Unknown = new(double.NegativeInfinity, double.PositiveInfinity, mayBeNaN: true);

        public double Lo { get; } = mayBeNaN ? double.NegativeInfinity : lo;

        public double Hi { get; } = mayBeNaN ? double.PositiveInfinity : hi;

        public bool MayBeNaN { get; } = mayBeNaN || double.IsNaN(lo) || double.IsNaN(hi);

        public bool IsFinite => !MayBeNaN && !double.IsInfinity(Lo) && !double.IsInfinity(Hi);

        private bool Contains(double x) => Lo <= x && x <= Hi;

        private bool MayBeInfinite => double.IsInfinity(Lo) || double.IsInfinity(Hi);

        public static Bounds Union(Bounds a, Bounds b) => new(Math.Min(a.Lo, b.Lo), Math.Max(a.Hi, b.Hi), a.MayBeNaN || b.MayBeNaN);

        /// <summary><paramref name="before"/> joined with <paramref name="next"/>, a bound that moved going straight to infinity.</summary>
        public static Bounds Widen(Bounds before, Bounds next) => new(
            next.Lo < before.Lo ? double.NegativeInfinity : before.Lo,
            next.Hi > before.Hi ? double.PositiveInfinity : before.Hi,
            before.MayBeNaN || next.MayBeNaN);

        public static Bounds Negate(Bounds a) => new(-a.Hi, -a.Lo, a.MayBeNaN);

        /// <summary>NaN where one operand may be +∞ and the other −∞.</summary>
        public static Bounds Add(Bounds a, Bounds b) =>
            a.MayBeNaN || b.MayBeNaN || (a.Hi == double.PositiveInfinity && b.Lo == double.NegativeInfinity) || (a.Lo == double.NegativeInfinity && b.Hi == double.PositiveInfinity)
                ? Unknown
                : new Bounds(a.Lo + b.Lo, a.Hi + b.Hi);

        /// <summary>NaN where one operand may be 0 and the other infinite; otherwise the corners' products bound it.</summary>
        public static Bounds Multiply(Bounds a, Bounds b)
        {
            if (a.MayBeNaN || b.MayBeNaN || (a.Contains(0) && b.MayBeInfinite) || (b.Contains(0) && a.MayBeInfinite))
            {
                return Unknown;
            }

            double p1 = a.Lo * b.Lo, p2 = a.Lo * b.Hi, p3 = a.Hi * b.Lo, p4 = a.Hi * b.Hi;
            return new Bounds(Math.Min(Math.Min(p1, p2), Math.Min(p3, p4)), Math.Max(Math.Max(p1, p2), Math.Max(p3, p4)));
        }

        public static Bounds Square(Bounds a)
        {
            if (a.MayBeNaN)
            {
                return Unknown;
            }

            double low = a.Lo * a.Lo, high = a.Hi * a.Hi;
            return a.Contains(0) ? new Bounds(0, Math.Max(low, high)) : new Bounds(Math.Min(low, high), Math.Max(low, high));
        }

        /// <summary>Infinite where the divisor may be 0, NaN for 0/0 and ∞/∞; otherwise the corners' quotients bound it.</summary>
        public static Bounds Divide(Bounds a, Bounds b)
        {
            if (a.MayBeNaN || b.MayBeNaN || (a.MayBeInfinite && b.MayBeInfinite))
            {
                return Unknown;
            }

            if (b.Contains(0))
            {
                return a.Contains(0) ? Unknown : new Bounds(double.NegativeInfinity, double.PositiveInfinity);
            }

            double q1 = a.Lo / b.Lo, q2 = a.Lo / b.Hi, q3 = a.Hi / b.Lo, q4 = a.Hi / b.Hi;
            return new Bounds(Math.Min(Math.Min(q1, q2), Math.Min(q3, q4)), Math.Max(Math.Max(q1, q2), Math.Max(q3, q4)));
        }

        /// <summary>Math.Max and Math.Min return NaN when either operand is NaN.</summary>
        public static Bounds Max(Bounds a, Bounds b) =>
            a.MayBeNaN || b.MayBeNaN ? Unknown : new Bounds(Math.Max(a.Lo, b.Lo), Math.Max(a.Hi, b.Hi));

        /// <summary>
        /// A power of a base that is never negative, monotone in the base: the bounds' powers, widened by a millionth
        /// (Math.Pow is not correctly rounded). Anything else is not bounded here.
        /// </summary>
        public static Bounds Power(Bounds a, double exponent)
        {
            if (a.MayBeNaN || a.Lo < 0 || double.IsNaN(exponent) || double.IsInfinity(exponent))
            {
                return Unknown;
            }

            double p1 = Math.Pow(a.Lo, exponent), p2 = Math.Pow(a.Hi, exponent);
            return new Bounds(Math.Min(p1, p2) * (1 - 1e-6), Math.Max(p1, p2) * (1 + 1e-6));
        }

        public bool Equals(Bounds other) => Lo.Equals(other.Lo) && Hi.Equals(other.Hi) && MayBeNaN == other.MayBeNaN;

        public override bool Equals(object? obj) => obj is Bounds other && Equals(other);

        public override int GetHashCode() => Lo.GetHashCode() ^ Hi.GetHashCode();
    }
}
