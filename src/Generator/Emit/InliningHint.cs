using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// Asks the JIT to inline a small straight-line <c>Backward</c> into its callers. A caller's backward pass
/// calls its callees' pullbacks with <c>ref</c> adjoints (the RK4 pendulum calls <c>AccelerationBackward</c>
/// four times a step); as calls, those adjoints live in memory and the callee's own value is computed for
/// nothing. Inlined, the adjoints stay in registers and the unused value is dropped: the pendulum's gradient
/// takes 6 % less time. The JIT does not inline such a pullback by itself: with its adjoint arithmetic it is
/// larger than what the JIT's size heuristic accepts. Inlining is exact: the same operations on the same values.
/// </summary>
internal static class InliningHint
{
    public const string Attribute =
        "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]";

    /// <summary>
    /// About the size of a pullback helper a person would mark for inlining by hand; for a larger body the
    /// call costs little next to the work, and every caller would get a copy.
    /// </summary>
    private const int MaxStatements = 24;

    /// <summary>
    /// No loop (the iterations cost far more than the call) and at most <see cref="MaxStatements"/>
    /// statements in the forward and backward passes together. The caller also checks that the companion
    /// needs no tape or workspace: a method with their try/finally is not inlined anyway.
    /// </summary>
    public static bool Applies(Block forward, List<ReverseStatement> backward)
    {
        int total = Sum(Count(forward), Count(backward));
        return total >= 0 && total <= MaxStatements;
    }

    /// <summary>The statements of a block and of its branches; -1 where there is a loop.</summary>
    private static int Count(Block block) =>
        block.Statements.Select(statement => statement switch
        {
            Loop => -1,
            Branch branch => Sum(1, Sum(Count(branch.Then), Count(branch.Else))),
            _ => 1,
        }).Aggregate(0, Sum);

    private static int Count(List<ReverseStatement> statements) =>
        statements.Select(statement => statement is ReverseLoop ? -1 : Sum(1, statement.Nested.Select(Count).Aggregate(0, Sum))).Aggregate(0, Sum);

    /// <summary>A sum where -1 (a loop) wins.</summary>
    private static int Sum(int a, int b) => a < 0 || b < 0 ? -1 : a + b;
}
