using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// Walks the gates from the result back to the inputs once, applying the chain rule gate by gate: each
/// gate sends its output's adjoint times its local gradient (from <see cref="GateRules"/>) to each active
/// input. A value the result cannot depend on gets no adjoint code at all (see <see cref="Usefulness"/>).
/// </summary>
internal sealed class ReverseSweep
{
    private readonly HashSet<Value> live = [];
    private readonly BackwardNames names;
    private readonly Usefulness usefulness;
    private readonly FiniteValues finite;
    private readonly HashSet<CallDefine> unchangedAfter;

    private ReverseSweep(BackwardNames names, Usefulness usefulness, FiniteValues finite, HashSet<CallDefine> unchangedAfter)
    {
        this.names = names;
        this.usefulness = usefulness;
        this.finite = finite;
        this.unchangedAfter = unchangedAfter;
    }

    /// <summary>
    /// The backward pass of <paramref name="graph"/>, seeded with the seed parameter on the result (a
    /// vector-valued method's outputs are seeded by their upstream adjoints instead).
    /// </summary>
    public static List<ReverseStatement> Run(MethodGraph graph, BackwardNames names)
    {
        HashSet<Value> locals = ElementRereads.PrivateLocals(graph); // hoisting moves element reads, not arrays: the set holds for both
        ElementRereads.Mark(graph, locals);
        InvariantReads.Hoist(graph, locals);
        SinCosPairs.PairUsersCalls(graph.Body);
        var sweep = new ReverseSweep(names, Usefulness.Of(graph), FiniteValues.Of(graph), ArraysUnchangedAfter(graph, locals));
        List<ReverseStatement> output = [];
        if (graph.Result is { IsActive: true } result)
        {
            sweep.Contribute(result, new TextExpr(names.Seed, isPure: true, result.Numeric), output);
        }

        sweep.SweepBlock(graph.Body, output);
        return output;
    }

    /// <summary>
    /// The calls of the method's top level whose local-array arguments nothing writes after them. Their pullbacks run after
    /// the whole forward pass, and find those arrays as the calls did: they read them directly, with no copy kept on the
    /// tape (for a <c>T[]</c> parameter the copy is a new array, an allocation every call: a params call's array, a copy).
    /// </summary>
    private static HashSet<CallDefine> ArraysUnchangedAfter(MethodGraph graph, HashSet<Value> locals)
    {
        List<Statement> top = graph.Body.Statements;
        HashSet<CallDefine> calls = [];
        for (int s = 0; s < top.Count; s++)
        {
            if (top[s] is CallDefine call && call.Arguments.Where((_, k) => call.Callee.Parameters[k].Role == ParameterRole.ArrayInput).All(a => Unchanged(a, s)))
            {
                calls.Add(call);
            }
        }

        return calls;

        // A parameter's array is never written (only outputs are, and an output is not read here); a local one must be private.
        bool Unchanged(Expr argument, int at) =>
            ((argument as SliceExpr)?.Array ?? argument) is not UseExpr { Value: { IsArray: true, Kind: not ValueKind.Parameter } array }
            || (locals.Contains(array) && !top.Skip(at + 1).Any(later => ElementRereads.Writes(later, array)));
    }

    private void SweepBlock(Block block, List<ReverseStatement> output)
    {
        for (int i = block.Statements.Count - 1; i >= 0; i--)
        {
            switch (block.Statements[i])
            {
                case Define { Rule: { } rule } define when live.Contains(define.Target):
                    if (SinCosPairs.AddPartner(define, block, active: true) is { } partner)
                    {
                        finite.Add(partner); // Cos′ reads the sine of the pair: bounded as the call it stands for
                    }
                    SweepGate(define, rule, output);
                    break;
                case CallDefine { Target: null } call when usefulness.Needs(call):
                    SweepCall(call, output);
                    break;
                case CallDefine { Target: { } target } call when live.Contains(target):
                    SweepCall(call, output);
                    break;
                case Branch branch:
                    SweepBranch(branch, output);
                    break;
                case Loop loop:
                    SweepLoop(loop, output);
                    break;
                case Store { Array.IsActive: true } store when usefulness.Needs(store):
                    if (store.Value is UseExpr { Value: { IsActive: true } stored })
                    {
                        Contribute(stored, new AdjointExpr(store.Array, store.Index), output);
                    }

                    output.Add(new ClearElement(store.Array, store.Index));
                    break;
            }
        }
    }

    private void SweepGate(Define define, GateRule rule, List<ReverseStatement> output)
    {
        Value target = define.Target;
        if (rule == GateRules.ElementRead)
        {
            var array = ((UseExpr)define.Operands[0]).Value;
            output.Add(new Accumulate(array, new AdjointExpr(target), define.Operands[1]));
            return;
        }

        Expr?[] partials = SinCosPairs.ReadPartner(define, rule.Partials(new MathContext(target.Numeric), define.Operands, new UseExpr(target)));

        // x * x: one contribution with the local gradients added, not two (also m[i] * m[i], two reads of one element).
        var byInput = new List<(Value Input, Expr Partial)>();
        for (int k = 0; k < define.Operands.Count; k++)
        {
            if (define.Operands[k] is not UseExpr { Value: { IsActive: true } input } || partials[k] is not { } partial)
            {
                continue;
            }

            int seen = 0; // a loop, not FindIndex: its lambda's closure was allocated for every operand
            while (seen < byInput.Count && !SameValue(byInput[seen].Input, input))
            {
                seen++;
            }

            if (seen == byInput.Count)
            {
                byInput.Add((input, partial));
            }
            else
            {
                byInput[seen] = (input, Build.Add(byInput[seen].Partial, partial));
            }
        }

        // An earlier version of the gate's own variable (t in t = t * x) gets its adjoint last: the other inputs' terms
        // read the gate's adjoint first, so the variable's adjoint can take its new value in place (dt = dt * x, see
        // AdjointCoalescing), as a person writes it. The terms go to different adjoints, so their order changes no number.
        // (Two passes, not OrderBy: this runs for every gate.)
        for (int pass = 0; pass < 2; pass++)
        {
            foreach ((Value input, Expr partial) in byInput)
            {
                if (IsVersionOf(input, target) == (pass == 1))
                {
                    ContributeTerm(target, input, partial, output);
                }
            }
        }
    }

    /// <summary>The term of one input of a gate: the gate's adjoint times the input's local gradient.</summary>
    private void ContributeTerm(Value target, Value input, Expr partial, List<ReverseStatement> output)
    {
        Expr amount = RecomputeInstead(ExprSimplifier.Simplify(Build.Mul(new AdjointExpr(target), partial)));
        if (amount is LiteralExpr { Value: 0 })
        {
            return;
        }

        amount = ZeroTest.ScaledCallersValue(ExprSimplifier.Simplify(partial)) is var (value, constant)
            ? RecomputeInstead(Build.Mul(Build.Mul(new AdjointExpr(target), value), constant))
            : SkipWhenZero(target, partial, amount);

        if (input.Numeric != target.Numeric)
        {
            amount = new CastExpr(input.TypeName, amount);
        }

        Contribute(input, amount, output);
    }

    /// <summary>True when <paramref name="input"/> and <paramref name="target"/> are versions of one variable.</summary>
    private static bool IsVersionOf(Value input, Value target) =>
        input.IsVariableVersion && target.IsVariableVersion && input.BaseName == target.BaseName;

    /// <summary>
    /// True when <paramref name="later"/> holds <paramref name="earlier"/>'s value: the same value, or a read of the same
    /// element with no write in between (<see cref="ElementRereads"/>), whose adjoint can go to the first read instead.
    /// </summary>
    private static bool SameValue(Value earlier, Value later) =>
        earlier == later || later.Recompute is UseExpr { Value: var first } && first == earlier;

    /// <summary><c>dt == 0 ? 0 : amount</c> when the local gradient needs it (<see cref="ZeroTest"/>, finding F7).</summary>
    private Expr SkipWhenZero(Value target, Expr partial, Expr amount) =>
        ZeroTest.Needed(partial, finite) ? ZeroTest.Guard(new AdjointExpr(target), amount, target.Numeric) : amount;

    /// <summary>
    /// <paramref name="amount"/> without the tests <see cref="SkipWhenZero"/> put in: its tangent (second order)
    /// is the tangent of <c>dt * partial</c>, which is not 0 where <c>dt</c> is 0 but its tangent is not. The
    /// tested adjoint may have become the seed (a <see cref="TextExpr"/>: AdjointPlanner replaces the result's
    /// adjoint by it), which is 0 where a caller's BackwardTangent passes seed 0 with a nonzero seed tangent.
    /// </summary>
    public static Expr WithoutZeroTests(Expr amount) =>
        ExprRewriter.Rewrite(amount, e => e is ConditionalExpr { Condition: BinaryExpr { Operator: "==", Left: AdjointExpr or TextExpr, Right: LiteralExpr { Value: 0 } }, WhenTrue: LiteralExpr { Value: 0 } } test
            ? test.WhenFalse
            : e);

    /// <summary>
    /// A call backwards is a call to its pullback: the same arguments (local arrays as they were at the
    /// call, popped from the tape), the result's adjoint as seed, and our adjoints to accumulate into.
    /// </summary>
    private void SweepCall(CallDefine call, List<ReverseStatement> output)
    {
        List<Expr> arguments = [];
        List<Expr> adjoints = [];
        List<Value> contributed = [];
        List<Expr> restores = [];
        for (int k = 0; k < call.Arguments.Count; k++)
        {
            Expr argument = call.Arguments[k];
            CalleeParameter parameter = call.Callee.Parameters[k];
            SliceExpr slice = argument as SliceExpr ?? new SliceExpr(argument, null, null);
            Value? array = slice.Array is UseExpr { Value.IsArray: true } use ? use.Value : null;
            switch (parameter.Role)
            {
                case ParameterRole.Constant:
                    arguments.Add(RecomputeInstead(argument));
                    break;

                case ParameterRole.Scalar when argument is UseExpr { Value: { IsActive: true } input }:
                    arguments.Add(RecomputeInstead(argument));
                    adjoints.Add(new RefExpr(new AdjointExpr(input)));
                    contributed.Add(input);
                    live.Add(input);
                    break;

                case ParameterRole.Scalar:
                    arguments.Add(RecomputeInstead(argument));
                    adjoints.Add(new RefExpr(new TextExpr(names.DiscardFor(parameter.Type), isPure: true)));
                    names.DiscardTypes.Add(parameter.Type);
                    break;

                case ParameterRole.ArrayInput:
                    if (array is { Kind: not ValueKind.Parameter } && !unchangedAfter.Contains(call))
                    {
                        // A local array may change after the call: the pullback gets its contents from then.
                        call.Snapshots.Add(argument);
                        restores.Add(slice.Of(names.Replay(array, parameter.IsArray)));
                        arguments.Add(slice.Of(names.Replay(array, parameter.IsArray)));
                    }
                    else
                    {
                        arguments.Add(argument);
                    }

                    adjoints.Add(array is { IsActive: true } ? slice.Of(new AdjointSpanExpr(array)) : names.Scratch(argument, parameter.Type));
                    break;

                case ParameterRole.ArrayOutput:
                    // The pullback runs the callee forward again: let it write a replay buffer, not our array. It
                    // consumes the output's adjoint: the elements it wrote are cleared, the others keep theirs for
                    // the values they held before the call.
                    arguments.Add(slice.Of(names.Replay(array!, parameter.IsArray)));
                    adjoints.Add(array!.IsActive ? slice.Of(new AdjointSpanExpr(array)) : names.Scratch(argument, parameter.Type));
                    break;
            }
        }

        Expr? seed = call.Target is null ? null : new AdjointExpr(call.Target);
        output.Add(new BackwardCall(call.Callee, arguments, seed, adjoints, contributed, restores));
    }

    private void SweepBranch(Branch branch, List<ReverseStatement> output)
    {
        List<ReverseStatement> thenOutput = SweepSide(branch.Then, branch.Merges.Select(m => (m.Target, m.FromThen)));
        List<ReverseStatement> elseOutput = SweepSide(branch.Else, branch.Merges.Select(m => (m.Target, m.FromElse)));
        if (thenOutput.Count > 0 || elseOutput.Count > 0)
        {
            output.Add(new ReverseBranch(branch.Condition, thenOutput, elseOutput));
        }
    }

    /// <summary>
    /// A loop backwards: each reverse iteration hands the carried adjoint to the iteration's final value,
    /// reverses the body, and carries the header's adjoint on to the previous iteration; after the last
    /// one, the adjoint reaches the value the variable had before the loop.
    /// </summary>
    private void SweepLoop(Loop loop, List<ReverseStatement> output)
    {
        // Only variables the result can depend on carry an adjoint (see Usefulness).
        List<Carried> active = loop.Carried.Where(c => c.Storage.IsActive && usefulness.Contains(c.Storage)).ToList();
        List<ReverseStatement> body = [];
        foreach (Carried carried in active)
        {
            live.Add(carried.Storage);
            if (carried.Final.IsActive)
            {
                Contribute(carried.Final, new AdjointExpr(carried.Storage), body);
            }
        }

        SweepBlock(loop.Body, body);
        foreach (Carried carried in active)
        {
            Expr header = live.Contains(carried.Header) ? new AdjointExpr(carried.Header) : new LiteralExpr(0, carried.Storage.Numeric);
            body.Add(new SetAdjoint(carried.Storage, header));
        }

        output.Add(new ReverseLoop(loop, active, body));
        foreach (Carried carried in active.Where(c => c.Init.IsActive))
        {
            Contribute(carried.Init, new AdjointExpr(carried.Storage), output);
        }
    }

    /// <summary>One side of a branch: first the merges hand their adjoint to this side's value, then the side's gates.</summary>
    private List<ReverseStatement> SweepSide(Block side, IEnumerable<(Value Merged, Value FromSide)> merges)
    {
        List<ReverseStatement> output = [];
        foreach ((Value merged, Value fromSide) in merges)
        {
            if (live.Contains(merged) && fromSide.IsActive)
            {
                Contribute(fromSide, new AdjointExpr(merged), output);
            }
        }

        SweepBlock(side, output);
        return output;
    }

    /// <summary>Reads of values that can be recomputed (array elements) become the recomputation.</summary>
    private static Expr RecomputeInstead(Expr expr) =>
        ExprRewriter.Rewrite(expr, e => e is UseExpr { Value.Recompute: { } recompute } ? recompute : e);

    private void Contribute(Value target, Expr amount, List<ReverseStatement> output)
    {
        output.Add(new Accumulate(target, amount));
        live.Add(target);
    }
}
