using System;

namespace SymbolicDiff.Reliability.Tests.Differential;

/// <summary>
/// How close a gradient entry must be to the oracle's: |got − expected| ≤ Relative·max(|got|, |expected|)
/// + Absolute·scale, where scale is 1 + the largest |entry| of that program's derivatives or of the tangents the
/// oracle met on the way (<see cref="Oracle.TangentWatch"/>), so an entry that is a sum of large terms cancelling
/// to near zero is judged against the size of its terms rather than against zero. Values are compared exactly (bitwise).
/// </summary>
public sealed record Tolerance(double Relative, double Absolute)
{
    /// <summary>double: the 1e-9 relative, with a floor of 1e-12 of the program's derivative scale.</summary>
    public static Tolerance Double { get; } = new(1e-9, 1e-12);

    /// <summary>
    /// float: a float method's adjoints are floats (README, "Float precision"), and so are the oracle's
    /// tangents: both are exact to a few float roundings, about 1e-7 each.
    /// </summary>
    public static Tolerance Float { get; } = new(1e-4, 1e-5);

    public static Tolerance For(bool isFloat) => isFloat ? Float : Double;

    public bool Close(double got, double expected, double scale) =>
        got == expected || Math.Abs(got - expected) <= Relative * Math.Max(Math.Abs(got), Math.Abs(expected)) + Absolute * scale;
}
