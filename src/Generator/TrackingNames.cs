namespace SymbolicDiff.Generator;

/// <summary>Names of the pipeline steps, for incrementality tests (<c>WithTrackingName</c>).</summary>
public static class TrackingNames
{
    /// <summary>Each [Differentiable] method turned into its generated source and diagnostics.</summary>
    public const string Methods = "SymbolicDiff.Methods";

    /// <summary>Every method again, with the callers of methods that got no companions stopped (see <c>FailedCallees</c>).</summary>
    public const string Resolved = "SymbolicDiff.Resolved";

    /// <summary>The generated sources alone (what <c>AddSource</c> receives).</summary>
    public const string Sources = "SymbolicDiff.Sources";

    /// <summary>Each [DerivativeOf] method checked against the pullback signature it must have.</summary>
    public const string Pullbacks = "SymbolicDiff.Pullbacks";

    /// <summary>The diagnostics alone (what <c>ReportDiagnostic</c> receives).</summary>
    public const string Diagnostics = "SymbolicDiff.Diagnostics";
}
