using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// What a loop needs to run several iterations at once in <c>Vector256</c> lanes (<see cref="Vectorization"/>), before
/// its scalar loop runs the rest: the counter, the element type, how far the lanes may go, and the sums whose terms the
/// lanes compute.
/// </summary>
internal sealed class VectorLoop(Carried counter, NumericType element, Expr limit, int margin)
{
    public Carried Counter { get; } = counter;

    /// <summary>double (4 lanes) or float (8 lanes): every value the lanes compute has this type.</summary>
    public NumericType Element { get; } = element;

    /// <summary>Lanes in a <c>Vector256</c> of <see cref="Element"/>.</summary>
    public int Width => Element == NumericType.Float ? 8 : 4;

    /// <summary>The loop runs while <c>counter &lt; Limit - Margin</c>; <see cref="Limit"/> is a length (or a value defined as one).</summary>
    public Expr Limit { get; } = limit;

    public int Margin { get; } = margin;

    /// <summary>The values the body defines: the lanes hold one per iteration.</summary>
    public HashSet<Value> Local { get; } = [];

    /// <summary>
    /// Each sum <c>s += term</c> of the body, the variable that holds the lanes' terms, and the sum's storage, the variable
    /// the terms are added into lane by lane: the one the scalar loop carries the sum in between iterations (in a loop
    /// nested in another, not the sum's own name: the scalar loop copies it in and out, F53).
    /// </summary>
    public Dictionary<Define, (Value Terms, Value Storage)> Sums { get; } = [];

    /// <summary>The adjoints the fused body declares: the lanes hold one per iteration.</summary>
    public HashSet<Value> LocalAdjoints { get; } = [];

    /// <summary>
    /// An element's adjoint carried to the next iteration (<see cref="ElementCarry"/>): the lanes read the previous lane's
    /// value, and lane 0 the carry of the iteration before the vector.
    /// </summary>
    public Value? Carry { get; set; }

    /// <summary>Values the lanes have no per-iteration copy of (the counter, the sums): an expression may not read them.</summary>
    public HashSet<Value> Unavailable { get; } = [];

    /// <summary>Reads nothing that changes from one iteration to the next: computed once per vector iteration and broadcast to the lanes.</summary>
    public bool IsInvariant(Expr expr) => expr.Walk().All(node => node switch
    {
        UseExpr { Value.Inlined: { } inlined } => IsInvariant(inlined),
        UseExpr use => !Local.Contains(use.Value) && !Unavailable.Contains(use.Value),
        AdjointExpr adjoint => adjoint.Index is null && adjoint.Value != Carry && !LocalAdjoints.Contains(adjoint.Value),
        _ => true,
    });
}

/// <summary>
/// Decides which loops also get a <c>Vector256</c> body (issue 9, item 4), and proves each safe; any loop it cannot
/// prove keeps only its scalar loop, never a guess. A loop qualifies when:
/// <list type="bullet">
/// <item>it counts <c>for (i = c; i &lt; a.Length - k; i++)</c> with a constant start c ≥ 0, or its limit is a value
/// defined as such a length: the trip count is known when the loop starts, and the lanes i … i + W − 1 of one vector
/// iteration are all iterations of the scalar loop when <c>i &lt; a.Length - k - (W - 1)</c>;</item>
/// <item>its body is a list of definitions of doubles (or of floats) by + − × ÷, negation, Sqrt and Abs — the
/// operations IEEE 754 rounds exactly, lane by lane as one at a time (no Exp or Log: a vector approximation would give
/// other bits; and no FMA, which the scalar code does not use either) — of its own values, values from before the loop,
/// and elements <c>b[i + c]</c> of arrays the method never writes, where every such element of every lane is in range:
/// <c>b</c> is <c>a</c>, c ≤ k and the start plus c ≥ 0;</item>
/// <item>what passes from one iteration to the next is only the counter and sums <c>s += term</c> read nowhere else in the
/// loop: the lanes compute the terms and the sum adds them in iteration order, so the sum is the scalar loop's, bit for bit;</item>
/// <item>a fused reverse body (<see cref="ReverseLoop.Fused"/>) declares its adjoints, adds only to them and to the adjoint
/// element at the loop's own index (of <c>a</c>, whose adjoint is at least as long), tests only values from before the
/// loop, and carries an element's adjoint only as <see cref="ElementCarry"/> writes it (read by the statement just before
/// the one that sets it).</item>
/// </list>
/// Nothing else: no calls but Sqrt and Abs, no branches in the forward body, no stores, no tape, no counted loop.
/// </summary>
internal static class Vectorization
{
    public static void Plan(MethodGraph graph, List<ReverseStatement> reverse, BackwardNames names)
    {
        Dictionary<Loop, ReverseLoop> fused = reverse.OfType<ReverseLoop>().Where(r => r.Fused).ToDictionary(r => r.Loop);
        Dictionary<Value, Define> definitions = Nesting.Definitions(graph.Body);
        foreach (Loop loop in Nesting.Loops(graph.Body))
        {
            fused.TryGetValue(loop, out ReverseLoop? adjoint);
            if (Analyze(loop, adjoint, definitions) is { } plan)
            {
                loop.Vector = plan;
                names.VectorTerms.AddRange(plan.Sums.Values.Select(s => s.Terms));
            }
        }
    }

    private static VectorLoop? Analyze(Loop loop, ReverseLoop? fused, Dictionary<Value, Define> definitions)
    {
        if (!loop.TestFirst || !loop.WrittenAsFor || loop.BreakFlag is not null || loop.IsCounted || loop.Saved.Count > 0 || loop.Segment is not null
            || loop.StepCarried is not { } counter || loop.Step is null || loop.StepSize != 1 || loop.Counters.Count > 1
            || fused is { Traced.Count: > 0 } || fused?.SteppedBack.Count > 0
            || Constant(new UseExpr(counter.Init), definitions) is not { } start || start < 0
            || Limit(loop.Condition, counter, definitions) is not { } limit)
        {
            return null;
        }

        List<Define> body = [];
        foreach (Statement statement in loop.Body.Statements)
        {
            if (statement is not Define { ComputedWith: null } define || define.Target.TypeName != "double" && define.Target.TypeName != "float")
            {
                return null;
            }

            body.Add(define);
        }

        NumericType element = body.Count == 0 ? NumericType.None : body[0].Target.Numeric;
        if (element is not (NumericType.Double or NumericType.Float) || body.Any(d => d.Target.Numeric != element))
        {
            return null;
        }

        var plan = new VectorLoop(counter, element, limit.Length, limit.Margin);
        plan.Local.UnionWith(body.Select(d => d.Target));
        var proof = new Proof(plan, counter, limit.Array, start);

        // What passes between iterations: the counter, and sums read nowhere else.
        HashSet<Value> sums = [];
        foreach (Carried carried in loop.Carried.Where(c => c != counter))
        {
            Define? update = body.FirstOrDefault(d => d.Target == carried.Final);
            if (update is not { Expression: BinaryExpr { Operator: "+" or "-", Left: UseExpr { Value: var old } } } || old != carried.Header
                || carried.Storage.Numeric != element || carried.Storage.TypeName != carried.Final.TypeName)
            {
                return null;
            }

            var terms = new Value(carried.Storage.BaseName + "Terms", carried.Storage.TypeName, element, isActive: false, ValueKind.Temporary);
            plan.Sums[update] = (terms, carried.Storage);
            plan.Local.Remove(carried.Final);
            sums.UnionWith([carried.Header, carried.Final, carried.Storage]);
        }

        plan.Unavailable.UnionWith(sums);
        plan.Unavailable.Add(counter.Header);
        plan.Unavailable.Add(counter.Storage);
        foreach (Define define in body)
        {
            Expr computed = plan.Sums.ContainsKey(define) ? ((BinaryExpr)define.Expression).Right : define.Expression;
            if (!proof.Lanes(computed) || define.Target.SharesNameWith is { } shared && !plan.Local.Contains(shared) && !plan.Sums.ContainsKey(define))
            {
                return null;
            }
        }

        return fused is null || proof.Reverse(fused.Body, fused.Body) ? plan : null;
    }

    /// <summary>A non-negative int constant: a literal, or a value defined as one.</summary>
    private static int? Constant(Expr expr, Dictionary<Value, Define>? definitions = null) => expr switch
    {
        UseExpr { Value.Inlined: { } inlined } => Constant(inlined, definitions),
        UseExpr use when definitions is not null && definitions.TryGetValue(use.Value, out Define? defined) => Constant(defined.Expression, definitions),
        TextExpr text when int.TryParse(text.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) => value,
        _ => null,
    };

    /// <summary><c>counter &lt; a.Length - k</c> (or <c>&lt; n - k</c> for <c>n = a.Length</c>): the array whose length bounds the lanes, and k.</summary>
    private static (Value Array, Expr Length, int Margin)? Limit(Expr condition, Carried counter, Dictionary<Value, Define> definitions)
    {
        if (condition is not BinaryExpr { Operator: "<", Left: UseExpr { Value: var index }, Right: var bound } || index != counter.Storage && index != counter.Header)
        {
            return null;
        }

        int margin = 0;
        if (bound is BinaryExpr { Operator: "-", Left: var length, Right: var subtracted } && Constant(subtracted) is { } k && k < 1 << 20)
        {
            margin = k;
            bound = length;
        }

        return LengthOf(bound, definitions) is { } array ? (array, bound, margin) : null;
    }

    /// <summary>The array whose <c>Length</c> this is (read directly, or through values defined as it).</summary>
    private static Value? LengthOf(Expr expr, Dictionary<Value, Define> definitions)
    {
        while (expr is UseExpr use && (use.Value.Inlined ?? (definitions.TryGetValue(use.Value, out Define? defined) ? defined.Expression : null)) is { } next)
        {
            expr = next;
        }

        return expr is MemberExpr { Name: "Length", Receiver: var receiver } ? Array(receiver) : null;
    }

    /// <summary>The span or array value an expression reads as a whole.</summary>
    private static Value? Array(Expr expr)
    {
        while (expr is UseExpr { Value.Inlined: { } inlined })
        {
            expr = inlined;
        }

        return expr is UseExpr { Value: { IsArray: true } array } && (array.TypeName.EndsWith("[]", System.StringComparison.Ordinal) || array.TypeName.Contains("Span<")) ? array : null;
    }

    /// <summary>
    /// The offset c of an index <c>i + c</c> (or <c>i - c</c>, <c>i</c>) on the loop's counter, or null.
    /// </summary>
    public static int? Offset(Expr index, Carried counter)
    {
        while (index is UseExpr { Value.Inlined: { } inlined })
        {
            index = inlined;
        }

        return index switch
        {
            UseExpr use when use.Value == counter.Header || use.Value == counter.Storage => 0,
            BinaryExpr { Operator: "+", Left: var left, Right: var right } when Offset(left, counter) == 0 && Constant(right) is { } c => c,
            BinaryExpr { Operator: "-", Left: var left, Right: var right } when Offset(left, counter) == 0 && Constant(right) is { } c => -c,
            _ => null,
        };
    }

    /// <summary>Element reads the lanes may make, by the bounds argument of <see cref="Vectorization"/>.</summary>
    private sealed class Proof(VectorLoop plan, Carried counter, Value bounding, int start)
    {
        /// <summary>Adjoints the reverse body writes (its own, the carry): an expression reading one is not loop-invariant.</summary>
        private readonly HashSet<Value> writtenAdjoints = [];

        /// <summary>An expression the lanes can compute, lane by lane the same operations as the scalar code.</summary>
        public bool Lanes(Expr expr)
        {
            if (IsInvariant(expr))
            {
                // Computed once per vector iteration and broadcast; a float loop takes only float values (no conversion to guess).
                return expr.IsPure && (plan.Element == NumericType.Double || IsFloat(expr));
            }

            switch (expr)
            {
                case UseExpr { Value.Inlined: { } inlined }:
                    return Lanes(inlined);
                case UseExpr use:
                    return plan.Local.Contains(use.Value);
                case AdjointExpr { Index: null } adjoint:
                    return plan.LocalAdjoints.Contains(adjoint.Value) || adjoint.Value == readableCarry;
                case ElementExpr element:
                    return IsReadable(element);
                case BinaryExpr { Operator: "+" or "-" or "*" or "/" } binary:
                    return Lanes(binary.Left) && Lanes(binary.Right);
                case UnaryExpr { Operator: "-" } negation:
                    return Lanes(negation.Operand);
                case CallExpr { Receiver: TextExpr { Text: "global::System.Math" or "global::System.MathF" }, Name: "Sqrt" or "Abs", Arguments.Count: 1 } call:
                    return Lanes(call.Arguments[0]);
                case ConditionalExpr conditional:
                    // A test the same in every lane picks one side; one that differs picks lane by lane (both sides computed, no side effects).
                    return (IsInvariant(conditional.Condition) && conditional.Condition.IsPure || Mask(conditional.Condition)) && Lanes(conditional.WhenTrue) && Lanes(conditional.WhenFalse);
                default:
                    return false;
            }
        }

        /// <summary>A test that differs from lane to lane: comparisons of lanes (IEEE, as the scalar ones: NaN compares unequal), and, or, not.</summary>
        private bool Mask(Expr condition) => condition switch
        {
            BinaryExpr { Operator: "==" or "!=" or "<" or "<=" or ">" or ">=" } comparison =>
                !IsInvariant(comparison) && Lanes(comparison.Left) && Lanes(comparison.Right),
            BinaryExpr { Operator: "&&" or "||" } both => Mask(both.Left) && Mask(both.Right),
            UnaryExpr { Operator: "!" } not => Mask(not.Operand),
            _ => false,
        };

        /// <summary>The plan's invariance, and no adjoint the body writes (a carry read before the statement that reads it is known).</summary>
        private bool IsInvariant(Expr expr) =>
            plan.IsInvariant(expr) && !expr.Walk().Any(node => node is AdjointExpr adjoint && writtenAdjoints.Contains(adjoint.Value));

        private static bool IsFloat(Expr expr) => expr switch
        {
            LiteralExpr literal => literal.Type == NumericType.Float,
            UseExpr { Value.Inlined: { } inlined } => IsFloat(inlined),
            UseExpr use => use.Value.TypeName == "float",
            AdjointExpr adjoint => adjoint.Value.TypeName == "float",
            UnaryExpr { Operator: "-" } negation => IsFloat(negation.Operand),
            BinaryExpr { Operator: "+" or "-" or "*" or "/" } binary => IsFloat(binary.Left) && IsFloat(binary.Right),
            _ => false,
        };

        /// <summary><c>b[i + c]</c> of an array the method never writes, in range for every lane.</summary>
        private bool IsReadable(ElementExpr element) =>
            element.IsReadOnly && Array(element.Array) is { } array && array.Numeric == plan.Element
            && Offset(element.Index, counter) is { } offset && InRange(array, offset);

        /// <summary>
        /// Lane L of the vector iteration at i reads index i + L + c. The lanes run while i + W − 1 &lt; n − k, with n
        /// the bounding array's length, and i ≥ the start: so i + L + c ≤ n − k − 1 + c &lt; n when c ≤ k, and ≥ start + c ≥ 0.
        /// </summary>
        public bool InRange(Value array, int offset) => array == bounding && offset <= plan.Margin && start + offset >= 0;

        /// <summary>The fused reverse body, statement by statement (see <see cref="Vectorization"/>).</summary>
        public bool Reverse(List<ReverseStatement> statements, List<ReverseStatement> root)
        {
            // Adjoints written in the body are not invariant: collected first, since a read may come before the write.
            foreach (ReverseStatement statement in ElementCarry.FlattenAll(statements))
            {
                switch (statement)
                {
                    case Accumulate { Index: null } accumulate:
                        writtenAdjoints.Add(accumulate.Target);
                        break;
                    case SetAdjoint set when !IsUnchanged(set):
                        writtenAdjoints.Add(set.Target);
                        break;
                    case DeclareAdjoint declare:
                        writtenAdjoints.Add(declare.Target);
                        break;
                }
            }

            return Statements(statements);
        }

        private bool Statements(List<ReverseStatement> statements)
        {
            for (int s = 0; s < statements.Count; s++)
            {
                switch (statements[s])
                {
                    case Accumulate { Index: null, Declares: true } declaration when declaration.Target.Numeric == plan.Element && !plan.LocalAdjoints.Contains(declaration.Target):
                        if (!Lanes(declaration.Amount))
                        {
                            return false;
                        }

                        plan.LocalAdjoints.Add(declaration.Target);
                        break;
                    case DeclareAdjoint declare when declare.Target.Numeric == plan.Element && !plan.LocalAdjoints.Contains(declare.Target):
                        plan.LocalAdjoints.Add(declare.Target);
                        break;
                    case Accumulate { Index: null, Declares: false } accumulate when plan.LocalAdjoints.Contains(accumulate.Target):
                        if (!Lanes(accumulate.Amount))
                        {
                            return false;
                        }

                        break;
                    case Accumulate { Index: { } index } element when element.Target == bounding && element.Target is { Kind: ValueKind.Parameter, IsOutput: false } && Offset(index, counter) == 0:
                        // The element at the loop's own index of the bounding array's adjoint, checked at least as long on entry.
                        if (!CarryReadHere(statements, s))
                        {
                            return false;
                        }

                        readableCarry = carrying;
                        bool lanes = Lanes(element.Amount);
                        readableCarry = null; // no other statement may read the carry
                        if (!lanes)
                        {
                            return false;
                        }

                        break;
                    case SetAdjoint set when IsUnchanged(set):
                        break; // the adjoint a sum carries to the iteration before: the same in every iteration, not written
                    case SetAdjoint set when set.Target == carrying:
                        if (!Lanes(set.Amount))
                        {
                            return false;
                        }

                        carrying = null;
                        break;
                    case ReverseBranch branch when IsInvariant(branch.Condition) && branch.Condition.IsPure:
                        if (!Statements(branch.Then) || !Statements(branch.Else))
                        {
                            return false;
                        }

                        break;
                    default:
                        return false;
                }
            }

            return true;
        }

        /// <summary><c>ds = ds</c>: a sum's adjoint carried back unchanged (not written).</summary>
        public static bool IsUnchanged(SetAdjoint set) => set.Amount is AdjointExpr { Index: null } same && same.Value == set.Target;

        /// <summary>Set while a carry read by one element addition waits for the statement right after it that sets it.</summary>
        private Value? carrying;

        /// <summary>The carry, while the one statement that may read it is checked.</summary>
        private Value? readableCarry;

        /// <summary>
        /// An element addition that reads a carried adjoint (<c>dx[i] = dxNext - dt1</c>) must be followed at once by the
        /// carry's update (<c>dxNext = dd</c>): then the lanes read the update's values shifted by one lane.
        /// </summary>
        private bool CarryReadHere(List<ReverseStatement> statements, int at)
        {
            List<Value> carries = [.. statements[at].Reads.SelectMany(e => e.Walk()).OfType<AdjointExpr>().Select(a => a.Value).Where(v => writtenAdjoints.Contains(v) && !plan.LocalAdjoints.Contains(v)).Distinct()];
            if (carries.Count == 0)
            {
                return true;
            }

            if (carries.Count > 1 || plan.Carry is not null || at + 1 >= statements.Count || statements[at + 1] is not SetAdjoint set || set.Target != carries[0]
                || set.Target.Numeric != plan.Element
                || ElementCarry.FlattenAll(statements).OfType<SetAdjoint>().Count(x => x.Target == set.Target) != 1)
            {
                return false;
            }

            plan.Carry = set.Target;
            carrying = set.Target;
            return true;
        }
    }
}
