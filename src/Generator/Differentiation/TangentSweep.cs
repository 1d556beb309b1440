using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// Forward mode as a transformation of the gate graph: after every statement that defines an active value
/// it inserts the definition of that value's tangent (Σ local gradient · input tangent), so tangents run
/// alongside the primal in one pass, with no tape. Branches merge tangents where they merge values, loops
/// carry tangents where they carry values, a store into an array stores the tangent into the array's
/// tangent span, and a call to another method becomes a call to its <c>Tangent</c> companion. The inserted
/// statements are ordinary <see cref="Define"/>s, <see cref="Store"/>s and <see cref="CallDefine"/>s of
/// inactive values, so the forward writer prints them and the reverse sweep passes them by.
/// </summary>
internal sealed class TangentSweep
{
    private readonly TangentMap map = new();
    private readonly string work;

    /// <summary>The definitions of tangents of values defined by gates (a loop that recomputes a value recomputes its tangent too).</summary>
    private readonly Dictionary<Value, Define> definitions = [];

    private TangentSweep(string work)
    {
        this.work = work;
    }

    /// <summary>Tangent spans of local arrays, and zeroed scratch tangents of constant arrays passed to callees, come from the workspace.</summary>
    public bool UsesWorkspace { get; private set; }

    public TangentMap Map => map;

    /// <summary>Local arrays whose tangent spans are declared next to them (in the order of their allocations).</summary>
    public List<(Allocate Allocation, Value Tangent)> TangentArrays { get; } = [];

    /// <summary>
    /// Inserts the tangent statements into <paramref name="graph"/>. Each differentiable parameter's tangent
    /// is a parameter too: the same type for a scalar, a <c>ReadOnlySpan&lt;T&gt;</c> for an input array,
    /// a <c>Span&lt;T&gt;</c> for an output.
    /// </summary>
    /// <param name="work">The workspace variable's name.</param>
    public static TangentSweep Run(MethodGraph graph, string work)
    {
        var sweep = new TangentSweep(work);
        foreach (Value parameter in graph.Parameters.Where(p => p.IsActive))
        {
            sweep.map.Add(parameter, parameter.IsArray ? SpanType(parameter, readOnly: !parameter.IsOutput) : null);
        }

        sweep.SweepBlock(graph.Body);
        return sweep;
    }

    /// <summary>The tangent definition of a value defined by a gate, if it has one.</summary>
    public Define? DefinitionOf(Value primal) => definitions.TryGetValue(primal, out Define? define) ? define : null;

    private static string SpanType(Value array, bool readOnly) =>
        $"global::System.{(readOnly ? "ReadOnlySpan" : "Span")}<{(array.Numeric == NumericType.Float ? "float" : "double")}>";

    private void SweepBlock(Block block)
    {
        List<Statement> original = [.. block.Statements];
        block.Statements.Clear();
        Define? pairedFirst = null;
        foreach (Statement statement in original)
        {
            if (statement is Define { ComputedWith: not null } paired && (pairedFirst is not null || SinCosPairs.IsFirst(paired, original)))
            {
                // A SinCos pair is one statement: both gates, then their tangents, each of which reads the other gate.
                block.Statements.Add(paired);
                if (pairedFirst is null)
                {
                    pairedFirst = paired;
                    continue;
                }

                foreach (Define gate in new[] { pairedFirst, paired }.Where(g => g.Target.IsActive))
                {
                    block.Statements.Add(TangentOfGate(gate, gate.Rule!));
                }

                pairedFirst = null;
                continue;
            }

            switch (statement)
            {
                case Define { Rule: { } rule } define when define.Target.IsActive:
                    block.Statements.Add(define);
                    block.Statements.Add(TangentOfGate(define, rule));
                    break;
                case CallDefine call:
                    AddTangentCall(call, block);
                    break;
                case Allocate allocate when allocate.Target.IsActive:
                    block.Statements.Add(allocate);
                    Value tangentArray = map.Add(allocate.Target, SpanType(allocate.Target, readOnly: false));
                    block.Statements.Add(new Define(tangentArray, Take(allocate.Target, new MemberExpr(new UseExpr(allocate.Target), "Length", isPure: true))));
                    TangentArrays.Add((allocate, tangentArray));
                    break;
                case Store { Array.IsActive: true } store:
                    block.Statements.Add(store);
                    block.Statements.Add(new Store(map[store.Array], store.Index, map.Of(store.Value) ?? Zero(store.Array)));
                    break;
                case Branch branch:
                    SweepBranch(branch);
                    block.Statements.Add(branch);
                    break;
                case Loop loop:
                    SweepLoop(loop, block);
                    block.Statements.Add(loop);
                    break;
                default:
                    block.Statements.Add(statement);
                    break;
            }
        }
    }

    private Define TangentOfGate(Define define, GateRule rule)
    {
        Value target = define.Target;
        Expr? tangent = rule == GateRules.ElementRead
            ? map.Of(new ElementExpr(define.Operands[0], define.Operands[1], (define.Expression as ElementExpr)?.IsReadOnly ?? false))
            : map.OfGate(rule, define.Operands, new UseExpr(target), target, define);
        var definition = new Define(map.Add(target), tangent ?? Zero(target));
        definitions[target] = definition;
        return definition;
    }

    /// <summary>
    /// A call runs the callee's <c>Tangent</c> companion (or its [TangentOf] tangent) instead: the arguments, then the tangent of each
    /// differentiable argument, then the tangent spans of the arrays it writes; a value's tangent comes back
    /// through <c>out</c> (declared zero first, so a branch can hoist it like any value).
    /// </summary>
    private void AddTangentCall(CallDefine call, Block block)
    {
        Callee callee = call.Callee;
        List<Expr> inputs = [];
        List<Expr> outputs = [];
        for (int k = 0; k < call.Arguments.Count; k++)
        {
            Expr argument = call.Arguments[k];
            CalleeParameter parameter = callee.Parameters[k];
            SliceExpr slice = argument as SliceExpr ?? new SliceExpr(argument, null, null);
            Value? array = slice.Array is UseExpr { Value.IsArray: true } use ? use.Value : null;
            switch (parameter.Role)
            {
                case ParameterRole.Scalar:
                    inputs.Add(map.Of(argument) is { } tangent ? ExprSimplifier.Simplify(tangent) : new LiteralExpr(0, parameter.Type == "float" ? NumericType.Float : NumericType.Double));
                    break;
                case ParameterRole.ArrayInput:
                    inputs.Add(array is { IsActive: true } ? slice.Of(new UseExpr(map[array])) : Take(array, new MemberExpr(argument, "Length", isPure: true), parameter.Type));
                    break;
                case ParameterRole.ArrayOutput:
                    outputs.Add(array is { IsActive: true } ? slice.Of(new UseExpr(map[array])) : Take(array, new MemberExpr(argument, "Length", isPure: true), parameter.Type));
                    break;
            }
        }

        var tangentCallee = new Callee(callee.TangentReceiver ?? callee.Receiver, callee.TangentName ?? callee.Name + "Tangent", callee.PullbackReceiver, callee.PullbackName, callee.ReturnsValue, callee.Parameters);
        if (call.Target is not { } target)
        {
            block.Statements.Add(WithSnapshots(new CallDefine(null, tangentCallee, [.. call.Arguments, .. inputs, .. outputs]), call));
            return;
        }

        Value tangentTarget = map.Add(target);
        block.Statements.Add(new Define(tangentTarget, Zero(target)));
        var result = new PrimalExpr(["out ", ""], [new UseExpr(tangentTarget)]);
        block.Statements.Add(WithSnapshots(new CallDefine(target, tangentCallee, [.. call.Arguments, .. inputs, result]), call));
    }

    /// <summary>The local arrays the backward pass (second order) saves at the call are saved at the tangent call that replaces it.</summary>
    private static CallDefine WithSnapshots(CallDefine tangentCall, CallDefine call)
    {
        tangentCall.Snapshots.AddRange(call.Snapshots);
        return tangentCall;
    }

    /// <summary>Each side is swept; a merged value's tangent merges the sides' tangents (zero from a side where it is constant).</summary>
    private void SweepBranch(Branch branch)
    {
        SweepBlock(branch.Then);
        SweepBlock(branch.Else);
        foreach (Merge merge in branch.Merges.Where(m => m.Target.IsActive).ToList())
        {
            Value fromThen = TangentValue(merge.FromThen, branch.Then);
            Value fromElse = TangentValue(merge.FromElse, branch.Else);
            branch.Merges.Add(new Merge(map.Add(merge.Target), fromThen, fromElse));
        }
    }

    /// <summary>
    /// A carried value carries its tangent: it starts from the initial value's tangent (zero for a constant,
    /// defined before the loop), each iteration copies it in and hands the final tangent on.
    /// </summary>
    private void SweepLoop(Loop loop, Block outer)
    {
        List<(Carried Primal, Value Init, Value Storage, Value Header)> carried = [];
        foreach (Carried primal in loop.Carried.Where(c => c.Storage.IsActive).ToList())
        {
            Value init = TangentValue(primal.Init, outer);
            Value storage = map.Add(primal.Storage);
            Value header = map.Add(primal.Header);
            carried.Add((primal, init, storage, header));
        }

        SweepBlock(loop.Body);
        foreach ((Carried primal, Value init, Value storage, Value header) in carried)
        {
            var tangent = new Carried(init, storage, header)
            {
                Final = primal.Final == primal.Header ? header
                    : primal.Final == primal.Storage ? storage
                    : TangentValue(primal.Final, loop.Body),
            };
            loop.Carried.Add(tangent);
        }
    }

    /// <summary>The tangent of a value as a value: its own, or a zero defined at the end of <paramref name="block"/> for a constant.</summary>
    private Value TangentValue(Value primal, Block block)
    {
        if (primal.IsActive)
        {
            return map[primal];
        }

        Value zero = map.NewZero(primal);
        block.Statements.Add(new Define(zero, Zero(primal)));
        return zero;
    }

    private static Expr Zero(Value like) => new LiteralExpr(0, like.Numeric);

    /// <summary>A zeroed span from the workspace, as long as <paramref name="length"/>.</summary>
    private Expr Take(Value? like, Expr length, string? elementType = null)
    {
        UsesWorkspace = true;
        bool single = elementType is null ? like?.Numeric == NumericType.Float : elementType == "float";
        return new CallExpr(new TextExpr(work, isPure: true), single ? "TakeSingle" : "Take", [length], isPure: false);
    }
}
