using System.Collections.Immutable;
using System.Linq;
using CsCheck;

namespace SymbolicDiff.Reliability.Tests.Programs;

/// <summary>
/// Random scalar expressions and conditions over a <see cref="Scope"/>. Every Math function of the
/// README's table appears, each with an argument that keeps it in its domain: Log(1 + e·e),
/// Sqrt(|e| + ¼), Asin(⅞·Sin(e)), Tan(Sin(e)), a positive base for Pow with a variable exponent, a
/// denominator 1 + e·e or Cosh(e); with <see cref="Grammar.Overflow"/> off, Exp, Sinh, Cosh and
/// variable exponents get a bounded argument (Sin or Tanh of e) so nothing overflows.
/// </summary>
public static class ExpressionGen
{
    static readonly double[] Literals = [0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, -0.5, -1.0];

    /// <summary>A step function printed as <c>Math.Round(a, MidpointRounding.AwayFromZero)</c>: an enum constant among the arguments.</summary>
    public const string RoundAwayFromZero = "RoundAwayFromZero";

    static Expr Lit(double value) => new Num(value);

    static Expr Add(Expr a, Expr b) => new Binary("+", a, b);

    static Expr Mul(Expr a, Expr b) => new Binary("*", a, b);

    static Expr F(string function, params Expr[] args) => new MathCall(function, [.. args]);

    /// <summary>A read of a variable or an array element: never a constant.</summary>
    public static Gen<Expr> Ground(Scope s)
    {
        var options = new System.Collections.Generic.List<(int, IGen<Expr>)>();
        if (s.Scalars.Length > 0)
            options.Add((3, Gen.OneOfConst([.. s.Scalars]).Select(n => (Expr)new Var(n))));
        var readable = s.Arrays.Concat(s.LocalArrays).ToArray();
        if (readable.Length > 0)
            options.Add((2, Gen.Select(Gen.OneOfConst(readable), Gen.OneOfConst([.. s.Indices]), (a, i) => (Expr)new Element(a, i))));
        string[] arrays = [.. s.ArrayParameters, .. s.LocalArrayObjects];
        if (s.Grammar.Sums && arrays.Length > 0)
            options.Add((1, Gen.Select(Gen.OneOfConst(arrays), Gen.OneOfConst("Sum", "Average", "Max", "Min"), (a, function) => (Expr)new ArrayReduction(a, function))));
        return Gen.Frequency([.. options]);
    }

    static Gen<Expr> Literal => Gen.OneOfConst(Literals).Select(Lit);

    public static Gen<Expr> Leaf(Scope s) => s.Optionals.IsEmpty
        ? Gen.Frequency((5, Ground(s)), (1, Constant(s)))
        : Gen.Frequency((5, Ground(s)), (1, Constant(s)), (1, Gen.Select(Gen.OneOfConst([.. s.Optionals]), Gen.OneOfConst(NullForm.IsNull, NullForm.NotNull, NullForm.Coalesce, NullForm.Length),
            Gen.OneOfConst(Literals), (c, form, fallback) => (Expr)new NullChoice(c, form, fallback))));

    static Gen<Expr> Constant(Scope s)
    {
        var options = new System.Collections.Generic.List<(int, IGen<Expr>)> { (4, Literal) };
        if (s.Grammar.ExtensionMembers)
            options.Add((1, ExtensionConstant));
        string[] indices = [.. s.Indices.Where(i => i == "0" || (i.StartsWith('i') && !i.Contains(' ')))];
        if (s.Grammar.ListData && indices.Length > 0)
            options.Add((1, Gen.OneOfConst(indices).Select(i => (Expr)new ListRead(i))));
        return Gen.Frequency([.. options]);
    }

    static Gen<Expr> ExtensionConstant =>
        Gen.Select(Gen.OneOfConst(Literals), Gen.OneOfConst(ExtensionForm.Method, ExtensionForm.Property, ExtensionForm.Static), (v, form) => (Expr)new ExtensionRead(v, form));

    /// <summary>An expression that reads at least one variable (a declaration of a constant would warn CS0219 when unused).</summary>
    public static Gen<Expr> NonConstant(Scope s, int depth) =>
        Gen.Select(Expression(s, depth), Ground(s), (e, g) => IsConstant(e) ? Add(g, e) : NotACopy(s, e));

    /// <summary>
    /// <paramref name="e"/>, or <c>e + 0.5</c> if it is a bare variable and <see cref="Grammar.SelfComparisons"/>
    /// is off: the generator folds a copy into its source, so a later condition comparing the two compares a variable with itself.
    /// </summary>
    public static Expr NotACopy(Scope s, Expr e) => !s.Grammar.SelfComparisons && e is Var or Element ? Add(e, Lit(0.5)) : e;

    public static bool IsConstant(Expr e) => e switch
    {
        Num or ExtensionRead or NullChoice or ListRead => true,
        Negate n => IsConstant(n.Operand),
        Binary b => IsConstant(b.Left) && IsConstant(b.Right),
        MathCall m => m.Args.All(IsConstant),
        // Math.Sign is an int: in the oracle's print it is not a dual number either
        StepOf => true,
        SinCosPart p => IsConstant(p.Angle),
        Conditional c => IsConstant(c.WhenTrue) && IsConstant(c.WhenFalse),
        SwitchExpr w => w.Arms.All(a => IsConstant(a.Value)) && IsConstant(w.Default),
        OrThrow t => IsConstant(t.Value),
        _ => false,
    };

    /// <summary>Functions of <c>double</c>/<c>float</c> that <c>Math</c> lacks: printed <c>double.Hypot(…)</c>.</summary>
    public static readonly System.Collections.Generic.HashSet<string> NumberTypeFunctions =
        ["Hypot", "ExpM1", "Exp2", "Exp10", "Exp2M1", "Exp10M1", "LogP1", "Log2P1", "Log10P1", "Lerp", "DegreesToRadians", "RadiansToDegrees", "SinPi", "CosPi", "TanPi",
         "AsinPi", "AcosPi", "AtanPi", "Atan2Pi", "RootN", "MaxNumber", "MinNumber", "MaxMagnitudeNumber", "MinMagnitudeNumber", "Ieee754Remainder"];

    /// <summary>The functions whose second argument is an int (a <see cref="Num"/> of an integer, printed as an int literal).</summary>
    public static readonly System.Collections.Generic.HashSet<string> IntegerArgumentFunctions = ["ScaleB", "RootN"];

    public static Gen<Expr> Expression(Scope s, int depth)
    {
        if (depth <= 0)
            return Leaf(s);
        var sub = GenExtensions.Lazy(() => Expression(s, depth - 1));
        var options = new System.Collections.Generic.List<(int, IGen<Expr>)>
        {
            (3, Leaf(s)),
            (4, Gen.Select(Gen.OneOfConst("+", "-", "*"), sub, sub, (op, a, b) => (Expr)new Binary(op, a, b))),
            (1, Gen.Select(sub, Denominator(sub), (a, b) => (Expr)new Binary("/", a, b))),
            (s.Grammar.Remainders ? 1 : 0, Gen.Select(NonConstantOf(s, sub), Denominator(sub), (a, b) => (Expr)new Binary("%", a, b))),
            (1, sub.Select(a => (Expr)new Negate(a))),
            (5, Function(s, sub)),
            (1, Gen.Select(NonConstantOf(s, sub), sub, Gen.OneOfConst<StepFunction>(s.Grammar.FrameworkSteps ? [StepFunction.Sign, StepFunction.Search] : [StepFunction.Sign]),
                (a, b, step) => Mul(new StepOf(a, step), b))),
        };
        if (s.Grammar.Branches)
        {
            var arm = s.Grammar.ConstantAssignments ? sub : NonConstantOf(s, sub);
            options.Add((1, Gen.Select(Condition(s, depth - 1), arm, arm, (c, a, b) => (Expr)new Conditional(c, a, Other(s, a, b)))));
        }
        if (s.Grammar.Switches)
            options.Add((1, SwitchExpression(s, sub)));
        if (s.Grammar.Guards)
            // a guard's test is only run, never differentiated: an array passed on there is SDIFF0006
            options.Add((1, Gen.Select(NonConstant(OnlyRun(s), depth - 1), sub, (g, v) => (Expr)new OrThrow(new Compare("<=", F("Abs", g), Lit(double.MaxValue)), v))));
        var scalarCallees = s.Callees.Where(m => !m.IsVectorValued && CanCall(s, m)).ToArray();
        if (scalarCallees.Length > 0)
            options.Add((2, Gen.OneOfConst(scalarCallees).SelectMany(m => CallOf(s, m, sub))));
        return Gen.Frequency([.. options]);
    }

    /// <summary>
    /// A selector and patterns for a switch: on a value with relational patterns of one direction and
    /// strictly monotone constants (no pattern subsumes a later one), on a literal with such patterns (the user's
    /// code compiles silently, the generated test <c>1.0 is &gt;= -0.5</c> must not warn: F23), on Math.Sign of a
    /// value, or on a loop index with constant patterns. <paramref name="count"/> patterns.
    /// </summary>
    public static Gen<(Selector Selector, ImmutableArray<Pattern> Patterns)> SwitchHead(Scope s, Gen<Expr> sub, int count)
    {
        Gen<(Selector, ImmutableArray<Pattern>)> Relational(Gen<Expr> selectors) =>
            Gen.Select(selectors, Gen.OneOfConst("<", "<=", ">", ">="), Gen.OneOfConst(-1.0, -0.5, 0.0, 0.5), (v, op, start) =>
            {
                var step = op.StartsWith('<') ? 0.75 : -0.75;
                return (new Selector(v, null), ImmutableArray.CreateRange(Enumerable.Range(0, count).Select(k => new Pattern(op, start + k * step, []))));
            });
        var relational = Relational(NonConstantOf(s, sub));
        var literal = Relational(Gen.OneOfConst(-1.25, 0.25, 1.0).Select(c => Lit(c)));
        var sign = NonConstantOf(s, sub).Select(v => (new Selector(new StepOf(v, StepFunction.Sign), null),
            ImmutableArray.CreateRange(new[] { -1, 1, 0 }.Take(count).Select(k => new Pattern(null, 0, [k])))));
        var options = new System.Collections.Generic.List<(int, IGen<(Selector, ImmutableArray<Pattern>)>)> { (3, relational), (1, literal), (1, sign) };
        var loopIndices = s.Indices.Where(i => i.StartsWith('i') && !i.Contains(' ')).ToArray();
        if (loopIndices.Length > 0)
            options.Add((2, Gen.OneOfConst(loopIndices).Select(i => (new Selector(null, i),
                ImmutableArray.CreateRange(Enumerable.Range(0, count).Select(k => new Pattern(null, 0, k == 0 ? [0, 2] : [k == 1 ? 1 : 3])))))));
        if (s.Grammar.TupleSwitches)
        {
            // distinct pairs, at most three: the default is never subsumed
            (bool, bool)[] pairs = [(true, true), (true, false), (false, true), (false, false)];
            options.Add((1, Gen.Select(Condition(s, 0), Condition(s, 0), Gen.Int[0, 3], (a, b, first) => (new Selector(null, null, [a, b]),
                ImmutableArray.CreateRange(Enumerable.Range(0, count).Select(k => new Pattern(null, 0, [], pairs[(first + k) % 4])))))));
        }

        return Gen.Frequency([.. options]);
    }

    static Gen<Expr> SwitchExpression(Scope s, Gen<Expr> sub) =>
        Gen.Int[1, 3].SelectMany(count => SwitchHead(s, sub, count).SelectMany(head =>
            Gen.Select(GenExtensions.Sequence([.. Enumerable.Repeat(sub, count)]), sub, (arms, otherwise) =>
                (Expr)new SwitchExpr(head.Selector, [.. head.Patterns.Zip(arms, (p, a) => new SwitchArm(p, a))], otherwise))));

    // Math calls need a non-constant first argument: the oracle's DualMath has no overload for two constants.
    static Gen<Expr> NonConstantOf(Scope s, Gen<Expr> sub) => Gen.Select(sub, Ground(s), (e, g) => IsConstant(e) ? Add(g, e) : e);

    /// <summary>A value ≥ ½, so a division by it stays finite.</summary>
    static Gen<Expr> Denominator(Gen<Expr> sub) => Gen.Frequency(
        (2, sub.Select(e => Add(Lit(1.0), Mul(e, e)))),
        (1, sub.Select(e => F("Cosh", F("Tanh", e)))),
        (1, sub.Select(e => Add(F("Abs", e), Lit(0.5)))));

    /// <summary>A value ≥ ¼ (Log, Sqrt, a Pow base).</summary>
    static Gen<Expr> Positive(Gen<Expr> sub) => Gen.Frequency(
        (2, sub.Select(e => Add(Lit(1.0), Mul(e, e)))),
        (1, sub.Select(e => Add(F("Abs", e), Lit(0.25)))),
        (1, sub.Select(e => F("Exp", F("Sin", e)))));

    /// <summary>A value in [−1, 1]: the argument of the functions that grow fast.</summary>
    static Gen<Expr> Bounded(Gen<Expr> sub) => Gen.Select(Gen.OneOfConst("Sin", "Cos", "Tanh"), sub, (f, e) => F(f, e));

    static Gen<Expr> Growing(Scope s, Gen<Expr> sub) => s.Grammar.Overflow ? sub : Bounded(sub);

    static Gen<Expr> Function(Scope s, Gen<Expr> sub)
    {
        var arg = NonConstantOf(s, sub);
        Gen<Expr> Unary(string f, Gen<Expr> a) => a.Select(e => F(f, e));
        return Gen.Frequency(
            (2, Unary("Exp", Growing(s, arg))),
            (2, Unary("Log", Positive(arg))),
            (1, Gen.Select(Positive(arg), Positive(sub), (a, b) => F("Log", a, Add(Lit(1.0), b)))),
            (1, Unary("Log10", Positive(arg))),
            (1, Unary("Log2", Positive(arg))),
            (2, Unary("Sqrt", Positive(arg))),
            (1, Unary("Cbrt", s.Grammar.Overflow ? arg : Gen.Select(Positive(arg), Gen.Bool, (e, negative) => negative ? new Negate(e) : e))),
            (1, Gen.Select(Positive(arg), Growing(s, sub), (a, b) => F("Pow", a, b))),
            (1, Gen.Select(arg, Gen.OneOfConst(2.0, 3.0), (a, p) => F("Pow", a, Lit(p)))),
            (1, Gen.Select(Positive(arg), Gen.OneOfConst(0.5, 1.5), (a, p) => F("Pow", a, Lit(p)))),
            (2, Unary("Sin", arg)),
            (2, Unary("Cos", arg)),
            (1, Unary("Tan", Bounded(arg))),
            (1, Unary("Asin", Bounded(arg).Select(e => Mul(e, Lit(0.875))))),
            (1, Unary("Acos", Bounded(arg).Select(e => Mul(e, Lit(0.875))))),
            (1, Unary("Atan", arg)),
            (1, Gen.Select(arg, Denominator(sub), (y, x) => F("Atan2", y, x))),
            (1, Unary("Sinh", Growing(s, arg))),
            (1, Unary("Cosh", Growing(s, arg))),
            (2, Unary("Tanh", arg)),
            (2, Unary("Abs", arg)),
            (2, Gen.Select(arg, sub, (a, b) => F("Max", a, Other(s, a, b)))),
            (2, Gen.Select(arg, sub, (a, b) => F("Min", a, Other(s, a, b)))),
            (1, Gen.Select(arg, Gen.OneOfConst(-1.0, -0.5, 0.0), Gen.OneOfConst(0.5, 1.0, 2.0), (v, lo, hi) => F("Clamp", v, Lit(lo), Lit(hi)))),
            (1, Gen.Select(arg, sub, (v, b) => F("Clamp", v, new Binary("-", b, Lit(1.0)), Add(b, Lit(1.0))))),
            (1, Gen.Select(arg, sub, sub, (a, b, c) => F("FusedMultiplyAdd", a, b, c))),
            (1, Gen.Select(Gen.OneOfConst("Floor", "Ceiling", "Round", "Truncate", RoundAwayFromZero), arg, sub, (f, a, b) => Mul(F(f, a), b))),
            (s.Grammar.MoreFunctions ? 12 : 0, MoreFunctions(s, arg, sub)),
            (s.Grammar.Deconstructions ? 1 : 0, Gen.Select(arg, Gen.Bool, Gen.Bool, (a, cos, byName) => (Expr)new SinCosPart(a, cos, byName))));
    }

    /// <summary>
    /// The scope of code that is only run (a guard's test, a log line): no calls (an array passed on there is
    /// SDIFF0006 by design). Ref locals and ref foreach variables are read there like any variable.
    /// </summary>
    public static Scope OnlyRun(Scope s) => s with { Callees = [] };

    /// <summary>The functions added to the gate table after the first grammar, each in its domain.</summary>
    static Gen<Expr> MoreFunctions(Scope s, Gen<Expr> arg, Gen<Expr> sub)
    {
        Gen<Expr> Unary(string f, Gen<Expr> a) => a.Select(e => F(f, e));
        return Gen.Frequency(
            (2, Unary("Asinh", arg)),
            (1, Unary("Acosh", Positive(arg).Select(e => Add(Lit(1.0), e)))),
            (1, Unary("Atanh", Bounded(arg).Select(e => Mul(e, Lit(0.875))))),
            (2, Gen.Select(arg, sub, (a, b) => F("CopySign", a, b))),
            (2, Gen.Select(arg, sub, (a, b) => F("Hypot", a, b))),
            (1, Gen.Select(Gen.OneOfConst("ExpM1", "Exp2", "Exp10", "Exp2M1", "Exp10M1"), Growing(s, arg), (f, e) => F(f, e))),
            (1, Gen.Select(Gen.OneOfConst("LogP1", "Log2P1", "Log10P1"), Positive(arg), (f, e) => F(f, e))),
            (1, Gen.Select(arg, sub, sub, (a, b, t) => F("Lerp", a, b, t))),
            // TanPi's argument kept in (−½, ½), away from its poles
            (2, Gen.Select(Gen.OneOfConst("DegreesToRadians", "RadiansToDegrees", "SinPi", "CosPi", "TanPi"), arg,
                (f, e) => f == "TanPi" ? F(f, Mul(F("Sin", e), Lit(0.375))) : F(f, e))),
            (8, Ieee754Functions(s, arg, sub)));
    }

    /// <summary>
    /// The functions that joined the gate table with ScaleB, each in its domain and about equally often: AsinPi's and
    /// AcosPi's argument in [−⅞, ⅞] (as Asin's); RootN of a negative value by an odd n (3: Cbrt's form of the slope) and
    /// of a positive one by −2 (Pow's form); the estimates of positive values; a divisor and Atan2Pi's x at least 1.
    /// </summary>
    static Gen<Expr> Ieee754Functions(Scope s, Gen<Expr> arg, Gen<Expr> sub) => Gen.Frequency(
        (6, Gen.Select(Gen.OneOfConst("AsinPi", "AcosPi", "AtanPi", "BitIncrement", "BitDecrement", "ScaleB"), arg, (f, e) => f switch
        {
            "AsinPi" or "AcosPi" => F(f, Mul(F("Sin", e), Lit(0.875))),
            "ScaleB" => F(f, e, Lit(-3)),
            _ => F(f, e),
        })),
        (4, Gen.Select(Gen.OneOfConst("RootN3", "RootN-2", "ReciprocalEstimate", "ReciprocalSqrtEstimate"), Positive(arg), (f, e) => f switch
        {
            "RootN3" => F("RootN", new Negate(e), Lit(3)),
            "RootN-2" => F("RootN", e, Lit(-2)),
            _ => F(f, e),
        })),
        (9, Gen.Select(
            Gen.OneOfConst("MaxMagnitude", "MinMagnitude", "MaxNumber", "MinNumber", "MaxMagnitudeNumber", "MinMagnitudeNumber", "IEEERemainder", "Ieee754Remainder", "Atan2Pi"),
            arg,
            sub,
            (f, a, b) => f is "IEEERemainder" or "Ieee754Remainder" or "Atan2Pi" ? F(f, a, Add(Lit(1.0), Mul(b, b))) : F(f, a, Other(s, a, b)))));

    /// <summary>
    /// <paramref name="b"/>, unless it is the same variable as <paramref name="a"/> and
    /// <see cref="Grammar.SelfComparisons"/> is off: Max(x, x) and c ? x : x (folded to x, then compared) are a known bug (CS1718 in generated code).
    /// </summary>
    public static Expr Other(Scope s, Expr a, Expr b) => !s.Grammar.SelfComparisons && a is Var or Element && a == b ? Add(b, Lit(0.5)) : b;

    static Gen<Expr> CallOf(Scope s, Method callee, Gen<Expr> sub)
    {
        var args = callee.Parameters.Select(p => p.Kind switch
        {
            ParameterKind.Scalar => sub.Select(e => (Argument)new ScalarArgument(e)),
            ParameterKind.Optional => Gen.Bool.Select(isNull => (Argument)new OptionalArgument(isNull)),
            _ => ArrayArgumentFor(s, p.Kind),
        }).ToArray();
        return GenExtensions.Sequence(args).Select(a => (Expr)new Call(callee.Name, a));
    }

    /// <summary>Whether every array parameter of <paramref name="callee"/> has an argument in scope.</summary>
    public static bool CanCall(Scope s, Method callee) => callee.Parameters.All(p => p.Kind switch
    {
        ParameterKind.Array => s.LocalArrayObjects.Length > 0 || s.Arrays.Any(a => a.StartsWith('a')),
        ParameterKind.ReadOnlySpan => s.Arrays.Length + s.LocalArrays.Length > 0,
        _ => true,
    });

    /// <summary>An array for a callee's array parameter: a whole array or a slice from element 1 (never empty).</summary>
    public static Gen<Argument> ArrayArgumentFor(Scope s, ParameterKind kind)
    {
        if (kind == ParameterKind.Array)
        {
            // a T[] parameter takes an array object: an array parameter or a local T[]
            var objects = s.LocalArrayObjects.Concat(s.Arrays.Where(a => a.StartsWith('a'))).ToArray();
            return Gen.OneOfConst(objects).Select(a => (Argument)new ArrayArgument(a));
        }
        var all = s.Arrays.Concat(s.LocalArrays).ToArray();
        if (s.MinLength == 1)
            return Gen.OneOfConst(all).Select(a => (Argument)new ArrayArgument(a));
        if (s.Grammar.IndexFromEnd)
            return Gen.OneOfConst(all).SelectMany(a => Gen.OneOfConst(
                (Argument)new ArrayArgument(a), new ArrayArgument(a), new ArrayArgument(Slice(s, a, 1, s.MinLength - 1)),
                new ArrayArgument($"{a}[1..]"), new ArrayArgument($"{a}[..^1]")));
        return Gen.OneOfConst(all).SelectMany(a => Gen.OneOfConst(
            (Argument)new ArrayArgument(a), new ArrayArgument(a), new ArrayArgument(Slice(s, a, 1, s.MinLength - 1))));
    }

    /// <summary><c>a.AsSpan(start, length)</c> for an array object, <c>a.Slice(start, length)</c> for a span.</summary>
    public static string Slice(Scope s, string array, int start, int length) =>
        s.LocalArrayObjects.Contains(array) || array.StartsWith('a')
            ? $"{array}.AsSpan({start}, {length})"
            : $"{array}.Slice({start}, {length})";

    public static Gen<Cond> Condition(Scope s, int depth)
    {
        var compare = Gen.Select(Gen.OneOfConst("<", ">", "<=", ">="), NonConstant(s, depth), Expression(s, depth),
            (op, a, b) => a == b ? new Compare(op, a, Add(b, Lit(0.5))) : (Cond)new Compare(op, a, b));
        if (depth <= 0)
            return compare;
        var sub = GenExtensions.Lazy(() => Condition(s, depth - 1));
        return Gen.Frequency(
            (4, compare),
            (1, Gen.Select(Gen.OneOfConst("&&", "||"), sub, sub, (op, a, b) => (Cond)new Logical(op, a, b))),
            (1, sub.Select(c => (Cond)new Not(c))));
    }
}
