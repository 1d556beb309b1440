using System.Collections.Immutable;

namespace SymbolicDiff.Reliability.Tests.Programs;

/// <summary>
/// What a statement being generated may use: the variables and arrays in scope, which of them it may
/// write, the integer index codes that are in range, and whether it is inside a loop or branch.
/// Names are unique in a method: a nested block's names start with the path of the statement that
/// opened it (<see cref="Prefix"/>), so no declaration can hide another.
/// </summary>
public sealed record Scope
{
    public required Grammar Grammar { get; init; }

    /// <summary>The method returns a value (otherwise it is vector-valued and returns nothing).</summary>
    public required bool ReturnsValue { get; init; }

    /// <summary>Scalars that may be read.</summary>
    public ImmutableArray<string> Scalars { get; init; } = [];

    /// <summary>Scalars that may be written: locals (and parameters, with <see cref="Grammar.ReassignParameters"/>).</summary>
    public ImmutableArray<string> Assignable { get; init; } = [];

    /// <summary>Arrays and spans that may be read, each at least <see cref="MinLength"/> long.</summary>
    public ImmutableArray<string> Arrays { get; init; } = [];

    /// <summary>The parameters among <see cref="Arrays"/> declared <c>T[]</c> (the others are spans): a ref foreach needs <c>.AsSpan()</c> of them.</summary>
    public ImmutableArray<string> ArrayParameters { get; init; } = [];

    /// <summary>Local arrays: read, written and accumulated into.</summary>
    public ImmutableArray<string> LocalArrays { get; init; } = [];

    /// <summary>Local arrays declared as <c>T[]</c> (not stackalloc spans): may be passed where a callee takes <c>T[]</c> and sliced with AsSpan.</summary>
    public ImmutableArray<string> LocalArrayObjects { get; init; } = [];

    /// <summary>Optional constant arrays (<c>[NoDiff] T[]? c</c>): only null-tested, and read where they are not null.</summary>
    public ImmutableArray<string> Optionals { get; init; } = [];

    /// <summary>Output spans: written only.</summary>
    public ImmutableArray<string> Outputs { get; init; } = [];

    /// <summary>Integer codes that are valid indices of every array in scope.</summary>
    public ImmutableArray<string> Indices { get; init; } = ["0"];

    /// <summary>Every array in scope has at least this many elements (the entry method knows its arrays' length; a helper only that it is not empty).</summary>
    public int MinLength { get; init; } = 1;

    /// <summary>The trip count of a new loop: a constant or an array's Length.</summary>
    public required string LoopCount { get; init; }

    /// <summary>Methods this one may call.</summary>
    public ImmutableArray<Method> Callees { get; init; } = [];

    public bool InLoop { get; init; }

    /// <summary>Nesting depth of branches and loops; arrays are created only at depth 0.</summary>
    public int Depth { get; init; }

    public string Prefix { get; init; } = "";

    public int Counter { get; init; }

    /// <summary>A fresh name and the scope after taking it.</summary>
    public (string Name, Scope Next) Fresh(string stem) => ($"{stem}{Prefix}{Counter}", this with { Counter = Counter + 1 });

    /// <summary>The scope of a block nested in the statement that took name number <paramref name="owner"/>.</summary>
    public Scope Nested(int owner) => this with { Prefix = $"{Prefix}{owner}_", Counter = 0, Depth = Depth + 1 };
}
