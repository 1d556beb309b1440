using System.Collections.Generic;

namespace SymbolicDiff.Generator.Graph;

/// <summary>
/// A C# expression the generator does not look into but copies, with the variables it reads as holes
/// (<see cref="Holes"/>), so they print as the SSA values current at that point: a guard's condition, an
/// exception being thrown, a log line's interpolated string, a pattern test. It reads primal values only
/// and never has a gradient. Printed: <c>Parts[0] Holes[0] Parts[1] … Parts[n]</c>.
/// </summary>
internal sealed class PrimalExpr(IReadOnlyList<string> parts, IReadOnlyList<Expr> holes) : Expr
{
    public IReadOnlyList<string> Parts { get; } = parts;

    public IReadOnlyList<Expr> Holes { get; } = holes;

    /// <summary>It may call anything (a getter, a log), so it runs exactly where the user wrote it.</summary>
    public override bool IsPure => false;

    public override IEnumerable<Expr> Children() => Holes;
}

/// <summary>
/// A statement the forward pass runs for its effect alone — <c>throw …;</c>, <c>Console.WriteLine(…);</c>,
/// <c>Debug.Assert(…);</c>: it reads primal values, defines nothing, and the backward pass skips it.
/// </summary>
internal sealed class SideEffect(Expr statement) : Statement
{
    /// <summary>The statement without its semicolon.</summary>
    public Expr Statement { get; } = statement;
}
