using System.Globalization;

namespace SymbolicDiff.GradCheck;

/// <summary>The entry of a gradient check with the largest relative error.</summary>
/// <param name="Target">Which array the entry belongs to (e.g. "input" or a parameter name).</param>
/// <param name="Index">The entry's index in that array.</param>
/// <param name="Analytic">The gradient under test at that entry.</param>
/// <param name="Numeric">The central-difference estimate at that entry.</param>
/// <param name="RelativeError"><c>|a − n| / max(|a|, |n|)</c>, 0 where both are 0, NaN if either is NaN.</param>
public readonly record struct GradientCheckResult(string Target, int Index, double Analytic, double Numeric, double RelativeError)
{
    /// <summary>Whether the worst relative error is below <paramref name="tolerance"/> (NaN never passes).</summary>
    public bool Passes(double tolerance) => RelativeError < tolerance;

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"worst entry {Target}[{Index}]: analytic {Analytic:R}, numeric {Numeric:R}, relative error {RelativeError:E2}");
}
