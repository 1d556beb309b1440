namespace SymbolicDiff.Generator.Model;

/// <summary>
/// What the pipeline makes of one [Differentiable] method: the companion source (null when an error
/// stops generation) and the diagnostics to report.
/// </summary>
public sealed record GeneratedMethod(string HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics);
