using System;

namespace SymbolicDiff.Generator.Tests.Infrastructure;

/// <summary>
/// Whether a snapshot mismatch may overwrite the verified file. Accepting is a person's decision
/// (SDIFF_ACCEPT=1, then reading git diff), so on a CI machine (CI=true) it is refused.
/// </summary>
public sealed record SnapshotMode(bool Accept, bool IsCi)
{
    public static SnapshotMode FromEnvironment() =>
        new(IsOn(Environment.GetEnvironmentVariable("SDIFF_ACCEPT")), IsOn(Environment.GetEnvironmentVariable("CI")));

    /// <summary>True for "1" and "true" in any case: CI services set CI=true, people type SDIFF_ACCEPT=1.</summary>
    public static bool IsOn(string? value) =>
        value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    public bool MayAccept => Accept && !IsCi;
}
