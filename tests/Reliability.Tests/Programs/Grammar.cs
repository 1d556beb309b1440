namespace SymbolicDiff.Reliability.Tests.Programs;

/// <summary>
/// Which constructs the random programs use. <see cref="Ci"/> is what `dotnet test` runs; the flags
/// that are off there cover constructs with known, not yet fixed generator bugs (issue 7, listed in
/// docs/reliability-findings.md). When a fix lands, turn its flag on in <see cref="Ci"/>.
/// <see cref="Soak"/> turns everything on.
/// </summary>
public sealed record Grammar
{
    /// <summary>if/else, ?:, early return.</summary>
    public bool Branches { get; init; } = true;

    /// <summary>for/while/do/foreach, break/continue, array parameters, local arrays, element writes.</summary>
    public bool Loops { get; init; } = true;

    /// <summary>Calls between the methods of a program: scalar, array, slice and vector-valued callees.</summary>
    public bool Calls { get; init; } = true;

    /// <summary>Programs in float (MathF) as well as double.</summary>
    public bool Float { get; init; } = true;

    /// <summary>
    /// Assignments to scalar parameters (<c>x0 += …</c>). Known bug (issue 7 §1): Backward overwrites
    /// instead of accumulating the adjoint of a reassigned parameter.
    /// </summary>
    public bool ReassignParameters { get; init; }

    /// <summary>
    /// Exp, Sinh, Cosh and Pow of unbounded arguments, so intermediate values may overflow to infinity,
    /// and Cbrt of any value, whose derivative is infinite at 0. Known bug (issue 7 §1): an infinite
    /// value or local derivative the result does not depend on turns live gradients into NaN. Off,
    /// every growing function gets a bounded argument (Exp(Sin(e)), …) and Cbrt one away from 0.
    /// </summary>
    public bool Overflow { get; init; }

    /// <summary>
    /// A local <c>T[]</c> passed to a callee whose parameter is <c>T[]</c> (off: callees take
    /// <c>ReadOnlySpan&lt;T&gt;</c>). Known bug (issue 7 §2): CS1503 in generated code.
    /// </summary>
    public bool ArrayTypedCalleeParameters { get; init; }

    /// <summary>
    /// A vector-valued callee that writes only some elements of its output. Known bug (issue 7 §1):
    /// the caller clears the whole output adjoint.
    /// </summary>
    public bool PartialOutputWrites { get; init; }

    /// <summary>
    /// Max and Min of a variable and itself (<c>Math.Max(x, x)</c>), and copies (<c>double t = x;</c>)
    /// that make a condition compare a value with itself once the generator has folded the copy.
    /// Known bug (issue 7 §2): CS1718 warnings (comparison to the same variable) in generated code.
    /// </summary>
    public bool SelfComparisons { get; init; }

    /// <summary>
    /// A constant assigned to a local (<c>t = 0.5;</c>) or as an arm of <c>c ? 1.0 : x</c>. Known bug
    /// (issue 7 §2): when the value is dead, the generated code declares a local assigned only
    /// constants (CS0219 warning).
    /// </summary>
    public bool ConstantAssignments { get; init; }

    /// <summary>
    /// <c>return</c> inside branches and loops. Found on main at dab48e3 (docs/reliability-findings.md F5):
    /// the skip-flag lowering of early exits declares temporaries that are assigned and never read
    /// (CS0219 in generated code, about 1 program in 80).
    /// </summary>
    public bool EarlyReturns { get; init; }

    public static Grammar Ci { get; } = new();

    public static Grammar Soak { get; } = new()
    {
        ReassignParameters = true,
        Overflow = true,
        ArrayTypedCalleeParameters = true,
        PartialOutputWrites = true,
        SelfComparisons = true,
        ConstantAssignments = true,
        EarlyReturns = true,
    };
}
