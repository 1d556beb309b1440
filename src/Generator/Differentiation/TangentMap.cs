using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// Which value carries the tangent (directional derivative) of which: every active value of the primal
/// gets one, and <see cref="Of(Expr)"/> differentiates any expression over them by the chain rule, with
/// the local gradients of <see cref="GateRules"/>. The tangent of an adjoint is the adjoint of the tangent
/// value (<c>AdjointExpr(tv)</c>, printed with its own name), so one map serves forward mode and the
/// forward-over-reverse pass of second order alike.
/// </summary>
internal sealed class TangentMap
{
    private readonly Dictionary<Value, Value> tangents = [];

    /// <summary>Primal and tangent, in the order the tangents were made (the order names are handed out in).</summary>
    public List<(Value Primal, Value Tangent)> Pairs { get; } = [];

    /// <summary>Zero tangents made for inactive values where a tangent value is needed (a merge side, a loop's initial value).</summary>
    public List<(Value Primal, Value Zero)> Zeros { get; } = [];

    /// <summary>Names the code refers to as text that have a tangent all the same (the pullback's seed).</summary>
    private readonly Dictionary<string, Expr> namedTangents = [];

    public bool Has(Value primal) => tangents.ContainsKey(primal);

    /// <summary>Gives the name <paramref name="text"/>, which the code uses as a <see cref="TextExpr"/>, the tangent <paramref name="tangent"/>.</summary>
    public void AddNamed(string text, Expr tangent) => namedTangents[text] = tangent;

    public Value this[Value primal] =>
        tangents.TryGetValue(primal, out Value? tangent) ? tangent : throw new System.InvalidOperationException("no tangent for " + primal.BaseName);

    /// <summary>A new tangent value for <paramref name="primal"/>: never active itself (the reverse sweep leaves it alone).</summary>
    public Value Add(Value primal, string? typeName = null)
    {
        var tangent = new Value(primal.BaseName, typeName ?? primal.TypeName, primal.Numeric, isActive: false, primal.Kind, primal.IsArray) { IsTangent = true };
        tangents[primal] = tangent;
        Pairs.Add((primal, tangent));
        return tangent;
    }

    /// <summary>
    /// The zero tangent of the inactive <paramref name="primal"/>: a tangent like the others (<c>ts</c> of <c>double s = 0</c>),
    /// so that a loop's tangent may start in the variable it is carried in.
    /// </summary>
    public Value NewZero(Value primal)
    {
        ValueKind kind = primal.Kind == ValueKind.Parameter ? ValueKind.Temporary : primal.Kind;
        var zero = new Value(primal.BaseName, primal.TypeName, primal.Numeric, isActive: false, kind) { IsTangent = true };
        Zeros.Add((primal, zero));
        return zero;
    }

    /// <summary>The tangent of a value as an expression: its tangent value, or null (zero) for a constant.</summary>
    public Expr? Of(Value value) => value.IsActive ? new UseExpr(this[value]) : null;

    /// <summary>
    /// The tangent of <paramref name="expr"/>, or null when it is identically zero. Comparisons and
    /// integer arithmetic only pick among values or index them, so they have none.
    /// </summary>
    public Expr? Of(Expr expr) => expr switch
    {
        UseExpr use => Of(use.Value),
        AdjointExpr adjoint => new AdjointExpr(this[adjoint.Value], adjoint.Index),
        UnaryExpr { Operator: "-" } negate => Of(negate.Operand) is { } t ? Build.Neg(t) : null,
        BinaryExpr binary => OfBinary(binary),
        ConditionalExpr conditional => OfConditional(conditional),
        CastExpr { TypeName: "double" or "float" } cast => Of(cast.Operand) is { } t ? new CastExpr(cast.TypeName, t) : null,
        ElementExpr { Array: UseExpr { Value: { IsActive: true } array } } element => new ElementExpr(new UseExpr(this[array]), element.Index, element.IsReadOnly),
        CallExpr call => OfCall(call),
        TextExpr text when namedTangents.TryGetValue(text.Text, out Expr? named) => named,
        _ => null, // literals, constants, fields, integer casts, copied user code
    };

    /// <summary>
    /// The tangent of a gate's output: Σ ∂output/∂input · t(input), with the local gradients of its rule; a
    /// float ↔ double conversion casts the sum to the output's type.
    /// </summary>
    public Expr? OfGate(GateRule rule, IReadOnlyList<Expr> operands, Expr output, Value target, Define? gate = null)
    {
        Expr?[] partials = rule.Partials(new MathContext(target.Numeric), operands, output);
        partials = gate is null ? partials : SinCosPairs.ReadPartner(gate, partials);
        Expr? sum = null;
        for (int k = 0; k < operands.Count; k++)
        {
            if (partials[k] is not { } partial || Of(operands[k]) is not { } tangent)
            {
                continue;
            }

            Expr term = ExprSimplifier.Simplify(Tested(tangent, partial, Routed(partial, tangent, Build.Mul), target.Numeric));
            if (operands[k] is UseExpr { Value.Numeric: var numeric } && numeric != target.Numeric)
            {
                term = new CastExpr(target.TypeName, term);
            }

            sum = sum is null ? term : Build.Add(sum, term);
        }

        return sum is null ? null : ExprSimplifier.Simplify(sum);
    }

    private Expr? OfBinary(BinaryExpr binary)
    {
        Expr? a = Of(binary.Left);
        Expr? b = Of(binary.Right);
        return binary.Operator switch
        {
            "+" => Sum(a, b),
            "-" => a is null ? (b is null ? null : Build.Neg(b)) : b is null ? a : Build.Sub(a, b),
            "*" => Sum(
                a is null ? null : ProductTerm(binary.Right, a, binary.Left, Build.Mul(a, binary.Right), LiteralType(binary)),
                b is null ? null : ProductTerm(binary.Left, b, binary.Right, Build.Mul(binary.Left, b), LiteralType(binary))),
            // (a/b)' = a'/b − (a/b)·b'/b, each term tested on its own tangent
            "/" => a is null && b is null ? null : OfQuotient(binary, a, b),
            _ => null,
        };
    }

    /// <summary>(a/b)′ = (a′ − (a/b)·b′) / b, or a′/b − (a/b)·b′/b when a term needs its own zero test.</summary>
    private Expr OfQuotient(BinaryExpr quotient, Expr? a, Expr? b)
    {
        NumericType type = LiteralType(quotient);
        Expr reciprocal = Build.Div(new LiteralExpr(1, type), quotient.Right);
        if ((a is null || !MayBeInfinite(reciprocal)) && (b is null || !MayBeInfinite(quotient)))
        {
            return Build.Div(b is null ? a! : Build.Sub(a ?? new LiteralExpr(0, type), Build.Mul(quotient, b)), quotient.Right);
        }

        Expr? numerator = a is null ? null : Tested(a, reciprocal, Build.Div(a, quotient.Right), type);
        Expr? denominator = b is null ? null : Tested(b, quotient, Build.Div(Build.Mul(quotient, b), quotient.Right), type);
        if (denominator is not null)
        {
            denominator = ZeroWithAdjoint(quotient.Left, denominator, type); // dt / D with dt = 0: skipped in the reverse pass, so in its twin
        }

        return numerator is null ? Build.Neg(denominator!) : denominator is null ? numerator : Build.Sub(numerator, denominator);
    }

    /// <summary>
    /// <paramref name="product"/> (<paramref name="tangent"/> times <paramref name="partial"/>), 0 where the tangent
    /// is exactly 0 and the local derivative may be infinite where the values it reads are finite (Cbrt′(0) = ∞:
    /// finding F18, <see cref="ZeroTest"/>).
    /// </summary>
    private static Expr Tested(Expr tangent, Expr partial, Expr product, NumericType type) =>
        MayBeInfinite(partial) ? ZeroTest.Guard(tangent, product, type) : product;

    /// <summary>
    /// One term of (X·Y)′: <paramref name="tangentOfOther"/> (the tangent of <paramref name="other"/>) times
    /// <paramref name="factor"/>, tested on that tangent as any product. Second order differentiates the reverse pass,
    /// whose amount <c>dt * Y</c> is tested on the adjoint dt where Y is not a constant or the caller's value
    /// (<see cref="ZeroTest.Needed"/>: Y may have overflowed, F7); its twin's two terms keep the test:
    /// <list type="bullet">
    /// <item>dt·Y′ on dt: where dt is 0 the reverse pass skipped the contribution, and Y′ may be infinite where Y is
    /// finite (∛ of a value that is exactly 0: finding F25);</item>
    /// <item>dt′·Y on dt′: the adjoint's tangent is 0 where nothing downstream moves it, and Y may be infinite (e^800,
    /// finding F31), where 0 · ∞ would put NaN into H·v.</item>
    /// </list>
    /// </summary>
    private Expr ProductTerm(Expr factor, Expr tangentOfOther, Expr other, Expr product, NumericType type)
    {
        product = Tested(tangentOfOther, factor, product, type);
        Expr simpleOther = ExprSimplifier.Simplify(other);
        if (ZeroTest.Needed(simpleOther))
        {
            product = ZeroWithAdjoint(factor, product, type);
        }

        return IsAdjoint(simpleOther) && ZeroTest.Needed(ExprSimplifier.Simplify(factor)) ? ZeroWithAdjoint(tangentOfOther, product, type) : product;
    }

    /// <summary>
    /// <paramref name="term"/>, or 0 where <paramref name="factor"/> is an adjoint or the seed (second order
    /// differentiates the reverse pass, whose amounts are made of them), or the tangent of one, that is exactly 0.
    /// </summary>
    private Expr ZeroWithAdjoint(Expr factor, Expr term, NumericType type) =>
        ExprSimplifier.Simplify(factor) is var simple && IsAdjoint(simple) ? ZeroTest.Guard(simple, term, type) : term;

    /// <summary>A simplified expression that is an adjoint or the pullback's seed (or the tangent of one): what the reverse pass's zero tests test.</summary>
    private bool IsAdjoint(Expr simple) => simple is AdjointExpr || simple is TextExpr text && namedTangents.ContainsKey(text.Text);

    /// <summary>
    /// Whether a local derivative may be infinite where the values it reads are finite: one with a division or a
    /// call (1/(3∛x²), Pow's), other than the bounded Sin and Cos. A product or sum of values is infinite only
    /// where a value overflowed, and testing every such product would put a branch on every multiplication
    /// of the tangent pass; constants and the caller's values need no test (<see cref="ZeroTest.Needed"/>).
    /// </summary>
    private static bool MayBeInfinite(Expr partial) =>
        ExprSimplifier.Simplify(partial) is var simple && ZeroTest.Needed(simple)
        && simple.Walk().Any(e => e is BinaryExpr { Operator: "/" } || e is CallExpr { Name: not ("Sin" or "Cos") });

    /// <summary>
    /// <paramref name="partial"/> times <paramref name="tangent"/>, taken into the branches of a partial that chooses
    /// (Max, Min, Clamp: <c>a &lt; b ? 1 : 0</c>; CopySign and Abs: <c>a &gt; 0 ? 1 : …</c>), so that a branch whose
    /// local derivative is 0 gives 0 (<c>a &lt; b ? ta : 0</c>) instead of multiplying by 0 a tangent that is
    /// infinite where its value overflowed or sits where its own derivative is infinite (Cbrt at 0).
    /// </summary>
    private static Expr Routed(Expr partial, Expr tangent, System.Func<Expr, Expr, Expr> multiply) =>
        partial is ConditionalExpr choice
            ? Build.If(choice.Condition, Routed(choice.WhenTrue, tangent, multiply), Routed(choice.WhenFalse, tangent, multiply))
            : multiply(partial, tangent);

    private static Expr? Sum(Expr? a, Expr? b) => a is null ? b : b is null ? a : Build.Add(a, b);

    private Expr? OfConditional(ConditionalExpr conditional)
    {
        Expr? whenTrue = Of(conditional.WhenTrue);
        Expr? whenFalse = Of(conditional.WhenFalse);
        if (whenTrue is null && whenFalse is null)
        {
            return null;
        }

        NumericType type = LiteralType(conditional);
        return new ConditionalExpr(conditional.Condition, whenTrue ?? new LiteralExpr(0, type), whenFalse ?? new LiteralExpr(0, type));
    }

    /// <summary>
    /// The floating-point type an expression computes in, for the zero that stands for a vanished term: its literals',
    /// else its values', else an adjoint's or a conversion's — <c>dx * (float)n</c> of an int n is a float (F46: it was
    /// taken for a double, and <c>hv += t == 0.0 ? 0.0 : t * (float)n</c> did not compile).
    /// </summary>
    private static NumericType LiteralType(Expr expr) =>
        expr.Walk().OfType<LiteralExpr>().Select(l => l.Type).FirstOrDefault(t => t != NumericType.None) is var t && t != NumericType.None ? t
        : expr.Uses().Select(v => v.Numeric).FirstOrDefault(n => n != NumericType.None) is var n && n != NumericType.None ? n
        : expr.Walk().Select(TypeOf).FirstOrDefault(n => n != NumericType.None) is var other && other != NumericType.None ? other
        : NumericType.Double;

    private static NumericType TypeOf(Expr expr) => expr switch
    {
        AdjointExpr adjoint => adjoint.Value.Numeric,
        TextExpr text => text.Type,
        CastExpr { TypeName: "float" } => NumericType.Float,
        CastExpr { TypeName: "double" } => NumericType.Double,
        _ => NumericType.None,
    };

    /// <summary>
    /// A Math function inside a derivative formula (the <c>Math.Cos(a)</c> of sin's local gradient): its own
    /// rule differentiates it again. A call the gate table does not know must not see a tangent.
    /// </summary>
    private Expr? OfCall(CallExpr call)
    {
        if (call.Arguments.All(a => Of(a) is null))
        {
            return null;
        }

        if (GateRules.ZeroGradientFunctions.Contains(call.Name))
        {
            return null;
        }

        if (call.Receiver is TextExpr { Text: "global::System.Math" or "global::System.MathF" or "double" or "float" } receiver
            && GateRules.MathFunctions.TryGetValue((call.Name, call.Arguments.Count), out GateRule? rule))
        {
            NumericType type = receiver.Text is "global::System.MathF" or "float" ? NumericType.Float : NumericType.Double;
            Expr?[] partials = rule.Partials(new MathContext(type), call.Arguments, call);
            Expr? sum = null;
            for (int k = 0; k < call.Arguments.Count; k++)
            {
                if (partials[k] is { } partial && Of(call.Arguments[k]) is { } tangent)
                {
                    sum = Sum(sum, Tested(tangent, partial, Routed(partial, tangent, (p, t) => Build.Mul(t, p)), type));
                }
            }

            return sum;
        }

        throw new System.InvalidOperationException($"no derivative for the call '{call.Name}' inside a derivative formula");
    }
}
