using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// Finds the values a method's result does not depend on at all although it reads them: the max subtracted before a
/// softmax's exponentials. <c>log Σ exp(s[i] − m) − (s[label] − m)</c> is the same for every <c>m</c>, so its
/// derivative along <c>m</c> is exactly 0, yet the chain rule computes it as <c>1 − Σ softmax</c> (about 1e-16, not
/// 0) through a reverse pass of the max loop. Such a value is then read as if the user had written
/// <c>Diff.Stop(m)</c> after the loop that computes it (the parser lowers it that way, <c>MethodParser</c>): the
/// gradient is the exact one, and the max loop gets no backward pass.
/// <para>
/// The proof follows how each value changes when <c>m</c> becomes <c>m + c</c>, for every real <c>c</c>: not at all
/// (independent of <c>m</c>, or invariant), by <c>k·c</c> (additive, integer <c>k</c>), or by the factor
/// <c>e^(k·c)</c> (multiplicative). Subtraction cancels shifts, <c>exp</c> turns a shift into a factor, a sum of
/// values with the same factor keeps it (a zero start has every factor), <c>log</c> turns a factor back into a shift,
/// Max and Min keep a common shift, and anything of invariant values is invariant. Everything else is unknown, and a
/// branch, loop condition, index, guard or store that reads a value that is not invariant ends the proof: the
/// analysis claims nothing it cannot show for every <c>c</c>.
/// </para>
/// </summary>
internal static class ShiftInvariance
{
    /// <summary>
    /// The variables to stop: each a (loop's source position, variable name) whose value after that top-level loop
    /// the result reads but does not depend on. Only scalar results are considered.
    /// </summary>
    public static List<(int Loop, string Variable)> Find(MethodGraph graph)
    {
        List<(int, string)> stops = [];
        if (graph.Result is not { IsActive: true } result)
        {
            return stops;
        }

        List<Statement> top = graph.Body.Statements;
        for (int i = 0; i < top.Count; i++)
        {
            if (top[i] is not Loop loop)
            {
                continue;
            }

            foreach (Carried carried in loop.Carried.Where(c => c.Storage is { IsActive: true, IsArray: false, Kind: ValueKind.Local, Numeric: not NumericType.None }))
            {
                if (Invariant(top, i, carried.Storage, result))
                {
                    stops.Add((loop.Position, carried.Storage.BaseName));
                }
            }
        }

        return stops;
    }

    /// <summary>Whether the result is the same for every shift of <paramref name="shifted"/>, the value the top-level statement <paramref name="loop"/> leaves.</summary>
    private static bool Invariant(List<Statement> top, int loop, Value shifted, Value result)
    {
        var walk = new Walk();
        try
        {
            return walk.Statements(top.Take(loop)) && walk.Shifted(shifted) && walk.Statements(top.Skip(loop + 1)) && walk.Of(result).Kind == Kind.Invariant;
        }
        catch (System.OverflowException)
        {
            return false; // multiples too large to count: no proof
        }
    }

    private enum Kind
    {
        /// <summary>Does not read the shifted value.</summary>
        Independent,

        /// <summary>The literal 0: independent, and in every multiplicative class (0·e^(k·c) = 0).</summary>
        Zero,

        /// <summary>Reads the shifted value, and does not change with it.</summary>
        Invariant,

        /// <summary>Changes by K·c.</summary>
        Additive,

        /// <summary>Changes by the factor e^(K·c).</summary>
        Multiplicative,

        Unknown,
    }

    private readonly record struct Shift(Kind Kind, long K)
    {
        public static readonly Shift Independent = new(Kind.Independent, 0);
        public static readonly Shift Zero = new(Kind.Zero, 0);
        public static readonly Shift Invariant = new(Kind.Invariant, 0);
        public static readonly Shift Unknown = new(Kind.Unknown, 0);

        public bool IsInvariant => Kind is Kind.Independent or Kind.Zero or Kind.Invariant;

        /// <summary>As an additive class (an invariant value shifts by 0), or null.</summary>
        public long? Added => IsInvariant ? 0 : Kind == Kind.Additive ? K : null;

        /// <summary>As a multiplicative class (an invariant value has the factor 1), or null.</summary>
        public long? Factor => IsInvariant ? 0 : Kind == Kind.Multiplicative ? K : null;

        public static Shift Add(long k) => k == 0 ? Invariant : new(Kind.Additive, k);

        public static Shift Mul(long k) => k == 0 ? Invariant : new(Kind.Multiplicative, k);

        /// <summary>The class of a value that is one of the two (a merge, a loop's carried value).</summary>
        public static Shift Join(Shift a, Shift b) =>
            a == b ? a
            : a.IsInvariant && b.IsInvariant ? (a.Kind == Kind.Invariant || b.Kind == Kind.Invariant ? Invariant : Independent)
            : a.Kind == Kind.Zero && b.Kind == Kind.Multiplicative ? b
            : b.Kind == Kind.Zero && a.Kind == Kind.Multiplicative ? a
            : Unknown;
    }

    /// <summary>The classes of the method's values, in program order; the loop that computes the shifted value is left out.</summary>
    private sealed class Walk
    {
        private const int MaxLoopPasses = 8;

        private readonly Dictionary<Value, Shift> classes = [];

        /// <summary>From here on, <paramref name="value"/> is the one that shifts.</summary>
        public bool Shifted(Value value) => Set(value, Shift.Add(1));

        /// <summary>A value made before the walk starts (a parameter, a value before the loop) does not read the shifted one.</summary>
        public Shift Of(Value value) => classes.TryGetValue(value, out Shift shift) ? shift : Shift.Independent;

        /// <summary>False when a statement reads a value that is not invariant where that could change what runs.</summary>
        public bool Statements(IEnumerable<Statement> statements)
        {
            foreach (Statement statement in statements)
            {
                bool known = statement switch
                {
                    Define { Rule: { } rule } define => Set(define.Target, Gate(rule, define.Operands)),
                    Define define => Set(define.Target, Of(define.Expression)),
                    CallDefine call => Call(call),
                    Allocate allocate => Of(allocate.Length).IsInvariant,
                    Store store => Of(store.Index).IsInvariant && Of(store.Value).IsInvariant && Set(store.Array, Shift.Join(Of(store.Array), Of(store.Value))),
                    Branch branch => Of(branch.Condition).IsInvariant && Statements(branch.Then.Statements) && Statements(branch.Else.Statements)
                        && branch.Merges.All(m => Set(m.Target, Shift.Join(Of(m.FromThen), Of(m.FromElse)))),
                    Loop loop => Repeat(loop),
                    SideEffect effect => Of(effect.Statement).IsInvariant,
                    _ => false,
                };
                if (!known)
                {
                    return false;
                }
            }

            return true;
        }

        private bool Set(Value value, Shift shift)
        {
            classes[value] = shift;
            return true;
        }

        /// <summary>The body again until the carried values' classes settle; the condition and break flag must not change with the shift.</summary>
        private bool Repeat(Loop loop)
        {
            foreach (Carried carried in loop.Carried)
            {
                classes[carried.Header] = classes[carried.Storage] = Of(carried.Init);
            }

            for (int pass = 0; pass < MaxLoopPasses; pass++)
            {
                if (!Statements(loop.Body.Statements))
                {
                    return false;
                }

                bool settled = true;
                foreach (Carried carried in loop.Carried)
                {
                    Shift joined = Shift.Join(Of(carried.Init), Of(carried.Final));
                    if (joined != Of(carried.Header))
                    {
                        classes[carried.Header] = classes[carried.Storage] = joined;
                        settled = false;
                    }
                }

                if (settled)
                {
                    return Of(loop.Condition).IsInvariant && (loop.BreakFlag is null || Of(loop.BreakFlag.Storage).IsInvariant);
                }
            }

            return false;
        }

        /// <summary>A call is a function of its arguments: invariant if they are. Arrays it writes must not change with the shift.</summary>
        private bool Call(CallDefine call)
        {
            Shift arguments = Reading(call.Arguments.Select(Of).ToList());
            if (call.Target is { } target)
            {
                classes[target] = arguments;
            }

            return arguments.IsInvariant || !call.Callee.Parameters.Any(p => p.Role == ParameterRole.ArrayOutput);
        }

        /// <summary>A copy or operand keeps its value's class, the literal 0 is <see cref="Kind.Zero"/>; anything else is as invariant as what it reads.</summary>
        private Shift Of(Expr expression)
        {
            if (expression is UseExpr use)
            {
                return Of(use.Value);
            }

            if (IsZero(expression))
            {
                return Shift.Zero;
            }

            return Reading(expression.Uses().Select(Of).ToList());
        }

        /// <summary>The class of a function of values of these classes, knowing nothing more about it.</summary>
        private static Shift Reading(List<Shift> read) =>
            read.All(s => s.Kind is Kind.Independent or Kind.Zero) ? Shift.Independent
            : read.All(s => s.IsInvariant) ? Shift.Invariant
            : Shift.Unknown;

        private Shift Gate(GateRule rule, IReadOnlyList<Expr> operands)
        {
            List<Shift> inputs = operands.Select(Of).ToList();
            if ((rule == GateRules.Multiply && inputs.Any(s => s.Kind == Kind.Zero)) || ((rule == GateRules.Divide || rule == GateRules.Negate) && inputs[0].Kind == Kind.Zero))
            {
                return Shift.Zero; // 0·v: a sum's start scaled (s = s * 0.5 + …) is still in every multiplicative class
            }

            if (inputs.All(s => s.IsInvariant))
            {
                return Reading(inputs);
            }

            Shift a = inputs[0];
            Shift b = inputs.Count > 1 ? inputs[1] : Shift.Unknown;
            if (rule == GateRules.Add || rule == GateRules.Subtract)
            {
                int sign = rule == GateRules.Add ? 1 : -1;
                return a.Added is { } x && b.Added is { } y ? Shift.Add(checked(x + (sign * y)))
                    : SameFactor(a, b) is { } k ? Shift.Mul(k)
                    : Shift.Unknown;
            }

            if (rule == GateRules.Negate)
            {
                return a.Added is { } x ? Shift.Add(checked(-x)) : a;
            }

            if (rule == GateRules.Multiply)
            {
                return a.Factor is { } x && b.Factor is { } y ? Shift.Mul(checked(x + y))
                    : a.Kind == Kind.Additive && Integer(operands[1]) is { } n ? Shift.Add(checked(a.K * n))
                    : b.Kind == Kind.Additive && Integer(operands[0]) is { } m ? Shift.Add(checked(b.K * m))
                    : Shift.Unknown;
            }

            if (rule == GateRules.Divide)
            {
                return a.Factor is { } x && b.Factor is { } y ? Shift.Mul(checked(x - y)) : Shift.Unknown;
            }

            if (rule == GateRules.Exp)
            {
                return a.Added is { } x ? Shift.Mul(x) : Shift.Unknown;
            }

            if (rule == GateRules.Log)
            {
                return a.Factor is { } x ? Shift.Add(x) : Shift.Unknown;
            }

            if (rule == GateRules.Max || rule == GateRules.Min)
            {
                return a == b && a.Kind is Kind.Additive or Kind.Multiplicative ? a : Shift.Unknown;
            }

            return rule == GateRules.Abs && a.Kind == Kind.Multiplicative ? a : Shift.Unknown;
        }

        /// <summary>The factor two addends share: the same, or one is 0.</summary>
        private static long? SameFactor(Shift a, Shift b) =>
            a.Kind == Kind.Multiplicative && (b == a || b.Kind == Kind.Zero) ? a.K
            : b.Kind == Kind.Multiplicative && a.Kind == Kind.Zero ? b.K
            : null;

        private static bool IsZero(Expr expression) =>
            expression is LiteralExpr { Value: 0 }
            || (expression is TextExpr text && double.TryParse(text.Text.TrimEnd('f', 'F', 'd', 'D'), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value == 0);

        /// <summary>A small integer constant (a multiple of a shift stays a shift).</summary>
        private static long? Integer(Expr expression)
        {
            double? value = expression switch
            {
                LiteralExpr literal => literal.Value,
                TextExpr text when double.TryParse(text.Text.TrimEnd('f', 'F', 'd', 'D'), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
                _ => null,
            };
            return value is { } v && v == System.Math.Floor(v) && System.Math.Abs(v) <= 1 << 20 ? (long)v : null;
        }
    }
}
