namespace SymbolicDiff.CodeFixes;

/// <summary>
/// The ids of the generator's diagnostics that have code fixes. The generator's descriptors live in
/// an assembly built against a newer Roslyn than this one, so the ids are repeated here (a test checks
/// that they match).
/// </summary>
internal static class DiagnosticIds
{
    public const string NotPartial = "SDIFF0001";
    public const string NotDifferentiableCall = "SDIFF0004";
}
