using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>Where a statement can leave the statement list it is in: by return, or by break/continue of an enclosing loop.</summary>
internal static class Jumps
{
    /// <summary>
    /// True when some path through <paramref name="operation"/> leaves it: a return anywhere, or a break or
    /// continue that is not inside a loop of its own (that one belongs to the inner loop).
    /// </summary>
    public static bool Leaves(IOperation operation) => operation switch
    {
        IReturnOperation => true,
        IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } => true,
        ILoopOperation loop => loop.Body.Descendants().Any(d => d is IReturnOperation),
        _ => operation.ChildOperations.Any(Leaves),
    };

    /// <summary>True when every path through <paramref name="operation"/> leaves it (so no statement after it runs).</summary>
    public static bool AlwaysLeaves(IOperation? operation) => operation switch
    {
        IReturnOperation => true,
        IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } => true,
        IBlockOperation block => block.Operations.Any(AlwaysLeaves),
        IConditionalOperation { WhenFalse: { } otherwise } conditional => AlwaysLeaves(conditional.WhenTrue) && AlwaysLeaves(otherwise),
        _ => false,
    };
}
