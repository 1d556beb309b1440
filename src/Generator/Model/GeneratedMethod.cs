using System.Linq;

namespace SymbolicDiff.Generator.Model;

/// <summary>
/// What the pipeline makes of one [Differentiable] method: the companion source (null when an error
/// stops generation) and the diagnostics to report; its documentation id and the companions of other
/// methods its source calls, so a caller of a method that got none can be stopped too; and where the method
/// was when they were made (<see cref="Incremental.MethodPosition"/>), so they can follow it when it moves.
/// </summary>
public sealed record GeneratedMethod(
    string HintName,
    string? Source,
    EquatableArray<DiagnosticInfo> Diagnostics,
    string MethodId = "",
    EquatableArray<CompanionCall> Calls = default,
    Incremental.MethodPosition? Position = null)
{
    /// <summary>The locations of the diagnostics and calls inside the method moved to where the method is <paramref name="now"/>.</summary>
    public GeneratedMethod MovedTo(Incremental.MethodPosition now) =>
        Position is null || Position == now ? this : this with
        {
            Position = now,
            Diagnostics = Diagnostics.Select(d => d with { Location = Position.Rebase(d.Location, now) }).ToEquatableArray(),
            Calls = Calls.Select(c => c with { Location = Position.Rebase(c.Location, now) }).ToEquatableArray(),
        };
}
