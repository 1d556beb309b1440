using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// Second order by forward over reverse: the tangent transformation applied to the generated reverse pass.
/// The forward pass already carries tangents (<see cref="TangentSweep"/>); here every statement of the
/// backward pass gets a twin that computes the tangent of what it computes — <c>dq += g</c> is followed by
/// <c>tdq += g'</c> — so the tangents of the input adjoints are the Hessian times the direction. Loops push
/// the tangents of the values they save and recompute the tangents of the values they recompute.
/// </summary>
internal static class ReverseTangent
{
    /// <summary>The backward pass with twins, and the graph's loops told to save and recompute tangents too.</summary>
    /// <param name="names">The workspace (zero tangents of constant arrays a callee takes) and the replay buffers (tangents of local arrays as they were at a call).</param>
    public static List<ReverseStatement> Run(MethodGraph graph, List<ReverseStatement> reverse, TangentSweep sweep, BackwardNames names)
    {
        Extend(graph.Body, sweep);
        return Twin(reverse, sweep.Map, names);
    }

    private static List<ReverseStatement> Twin(List<ReverseStatement> statements, TangentMap map, BackwardNames names)
    {
        List<ReverseStatement> output = [];
        foreach (ReverseStatement statement in statements)
        {
            switch (statement)
            {
                case Accumulate accumulate:
                    output.Add(accumulate);
                    Expr? amount = Tangent(accumulate.Amount, map);
                    if (amount is not null || accumulate.Declares)
                    {
                        // A register the planner made (a carried adjoint's old value) is not in the graph: its tangent is made here.
                        Value target = map.Has(accumulate.Target) ? map[accumulate.Target] : map.Add(accumulate.Target);
                        output.Add(new Accumulate(target, amount ?? Zero(accumulate.Target), accumulate.Index) { Declares = accumulate.Declares });
                    }

                    break;
                case DeclareAdjoint declare:
                    output.Add(declare);
                    output.Add(new DeclareAdjoint(map[declare.Target]));
                    break;
                case SetAdjoint set:
                    output.Add(set);
                    output.Add(new SetAdjoint(map[set.Target], Tangent(set.Amount, map) ?? Zero(set.Target)));
                    break;
                case ClearElement clear:
                    output.Add(clear);
                    output.Add(new ClearElement(map[clear.Array], clear.Index));
                    break;
                case ReverseBranch branch:
                    output.Add(new ReverseBranch(branch.Condition, Twin(branch.Then, map, names), Twin(branch.Else, map, names)));
                    break;
                case ReverseLoop loop:
                    // In forward order when the loop's own iterations commute (their twins only read and add as they do).
                    output.Add(new ReverseLoop(loop.Loop, loop.WithAdjoint, Twin(loop.Body, map, names)) { Forward = loop.Forward, SteppedBack = loop.SteppedBack });
                    break;
                case BackwardCall call:
                    output.Add(TangentOfPullback(call, map, names));
                    break;
                default:
                    throw new System.InvalidOperationException("second order reached a " + statement.GetType().Name);
            }
        }

        return output;
    }

    /// <summary>
    /// A call's pullback and its twin in one call to the callee's <c>BackwardTangent</c>: the arguments, their
    /// tangents, the seed and its tangent, then our adjoints and their tangents, to which it adds. The parser
    /// let through only scalar callees that have one. A local array's tangent comes back from the tape as it
    /// was at the call, after the array itself (<see cref="Extend"/> pushed it after the array).
    /// </summary>
    private static BackwardCall TangentOfPullback(BackwardCall call, TangentMap map, BackwardNames names)
    {
        Callee callee = call.Callee;
        List<Expr> directions = [];
        List<Expr> adjointTangents = [];
        List<Expr> tangentRestores = [];
        int adjoint = 0;
        for (int k = 0; k < callee.Parameters.Count; k++)
        {
            Expr argument = call.Arguments[k];
            CalleeParameter parameter = callee.Parameters[k];
            SliceExpr slice = argument as SliceExpr ?? new SliceExpr(argument, null, null);
            switch (parameter.Role)
            {
                case ParameterRole.Scalar:
                    directions.Add(Tangent(argument, map) ?? new LiteralExpr(0, parameter.Type == "float" ? NumericType.Float : NumericType.Double));
                    Expr scalarAdjoint = call.AdjointArguments[adjoint++];
                    adjointTangents.Add(scalarAdjoint is RefExpr { Operand: AdjointExpr target } ? new RefExpr(map.Of(target)!) : scalarAdjoint);
                    break;
                case ParameterRole.ArrayInput:
                    if (slice.Array is ReplayExpr { Array: { IsActive: true } local })
                    {
                        Expr replayed = slice.Of(names.Replay(map[local]));
                        directions.Add(replayed);
                        tangentRestores.Add(replayed);
                    }
                    else
                    {
                        directions.Add(slice.Array is UseExpr { Value: { IsActive: true } array } ? slice.Of(new UseExpr(map[array])) : names.Scratch(argument, parameter.Type));
                    }

                    adjointTangents.Add(call.AdjointArguments[adjoint++] is SliceExpr { Array: AdjointSpanExpr span } adjoints ? adjoints.Of(new AdjointSpanExpr(map[span.Array])) : names.Scratch(argument, parameter.Type));
                    break;
                case ParameterRole.ArrayOutput:
                    throw new System.InvalidOperationException("second order reached a vector-valued callee");
            }
        }

        var tangentCallee = new Callee(callee.Receiver, callee.Name, callee.PullbackReceiver, callee.Name + "BackwardTangent", callee.ReturnsValue, callee.Parameters);
        Expr seedTangent = (call.Seed is null ? null : Tangent(call.Seed, map)) ?? new TextExpr("0", isPure: true); // an int 0 converts to float and double alike
        List<Value> contributed = [.. call.Contributed, .. call.Contributed.Select(v => map[v])];
        return new BackwardCall(tangentCallee, [.. call.Arguments, .. directions], call.Seed, [.. call.AdjointArguments, .. adjointTangents], contributed, [.. call.Restores, .. tangentRestores])
        {
            SeedTangent = seedTangent,
        };
    }

    /// <summary>The tangent of a saved local array (or of its slice); null for a constant array, which has none.</summary>
    private static Expr? TangentOfSnapshot(Expr snapshot, TangentMap map)
    {
        SliceExpr slice = snapshot as SliceExpr ?? new SliceExpr(snapshot, null, null);
        return slice.Array is UseExpr { Value: { IsActive: true } array } ? (snapshot is SliceExpr ? slice.Of(new UseExpr(map[array])) : new UseExpr(map[array])) : null;
    }

    private static Expr? Tangent(Expr expr, TangentMap map) => map.Of(ReverseSweep.WithoutZeroTests(expr)) is { } tangent ? ExprSimplifier.Simplify(tangent) : null;

    private static Expr Zero(Value like) => new LiteralExpr(0, like.Numeric);

    /// <summary>
    /// A value a reverse iteration pops has its tangent pushed and popped with it; a value it recomputes has
    /// its tangent recomputed right after it (from tangents that are themselves recomputed or made before the loop).
    /// A local array a call's pullback gets as it was at the call has its tangent pushed after it.
    /// </summary>
    private static void Extend(Block block, TangentSweep sweep)
    {
        foreach (Statement statement in block.Statements)
        {
            switch (statement)
            {
                case CallDefine call:
                    call.Snapshots.AddRange(call.Snapshots.Select(s => TangentOfSnapshot(s, sweep.Map)).OfType<Expr>().ToList());
                    break;
                case Branch branch:
                    Extend(branch.Then, sweep);
                    Extend(branch.Else, sweep);
                    break;
                case Loop loop:
                    Extend(loop.Body, sweep);
                    loop.Saved.AddRange(loop.Saved.Where(sweep.Map.Has).Select(v => sweep.Map[v]).ToList());
                    List<Define> recomputed = [.. loop.Recomputed];
                    loop.Recomputed.Clear();
                    foreach (Define define in recomputed)
                    {
                        loop.Recomputed.Add(define);
                        if (sweep.DefinitionOf(define.Target) is { } tangent)
                        {
                            loop.Recomputed.Add(tangent);
                        }
                    }

                    break;
            }
        }
    }
}
