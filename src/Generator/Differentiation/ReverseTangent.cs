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
    public static List<ReverseStatement> Run(MethodGraph graph, List<ReverseStatement> reverse, TangentSweep sweep)
    {
        ExtendLoops(graph.Body, sweep);
        return Twin(reverse, sweep.Map);
    }

    private static List<ReverseStatement> Twin(List<ReverseStatement> statements, TangentMap map)
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
                        output.Add(new Accumulate(map[accumulate.Target], amount ?? Zero(accumulate.Target), accumulate.Index) { Declares = accumulate.Declares });
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
                    output.Add(new ReverseBranch(branch.Condition, Twin(branch.Then, map), Twin(branch.Else, map)));
                    break;
                case ReverseLoop loop:
                    // In forward order when the loop's own iterations commute (their twins only read and add as they do).
                    output.Add(new ReverseLoop(loop.Loop, loop.WithAdjoint, Twin(loop.Body, map)) { Forward = loop.Forward });
                    break;
                default:
                    // A pullback call: the parser reports calls in second order (SDIFF0016) before this runs.
                    throw new System.InvalidOperationException("second order reached a " + statement.GetType().Name);
            }
        }

        return output;
    }

    private static Expr? Tangent(Expr expr, TangentMap map) => map.Of(ReverseSweep.WithoutZeroTests(expr)) is { } tangent ? ExprSimplifier.Simplify(tangent) : null;

    private static Expr Zero(Value like) => new LiteralExpr(0, like.Numeric);

    /// <summary>
    /// A value a reverse iteration pops has its tangent pushed and popped with it; a value it recomputes has
    /// its tangent recomputed right after it (from tangents that are themselves recomputed or made before the loop).
    /// </summary>
    private static void ExtendLoops(Block block, TangentSweep sweep)
    {
        foreach (Statement statement in block.Statements)
        {
            switch (statement)
            {
                case Branch branch:
                    ExtendLoops(branch.Then, sweep);
                    ExtendLoops(branch.Else, sweep);
                    break;
                case Loop loop:
                    ExtendLoops(loop.Body, sweep);
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
