namespace SymbolicDiff.Generator.Model;

/// <summary>
/// What the pipeline makes of one [Differentiable] method: the companion source (null when an error
/// stops generation) and the diagnostics to report; its documentation id and the companions of other
/// methods its source calls, so a caller of a method that got none can be stopped too.
/// </summary>
public sealed record GeneratedMethod(
    string HintName,
    string? Source,
    EquatableArray<DiagnosticInfo> Diagnostics,
    string MethodId = "",
    EquatableArray<CompanionCall> Calls = default);
