namespace SymbolicDiff.Generator;

/// <summary>Names of the pipeline steps, for incrementality tests (<c>WithTrackingName</c>).</summary>
public static class TrackingNames
{
    /// <summary>Each [Differentiable] method read into its fingerprint: runs on every edit, and cheaply.</summary>
    public const string MethodInputs = "SymbolicDiff.MethodInputs";

    /// <summary>Each [Differentiable] method turned into its generated source and diagnostics: runs only when its fingerprint changed.</summary>
    public const string Methods = "SymbolicDiff.Methods";

    /// <summary>Every method again, with the callers of methods that got no companions stopped (see <c>FailedCallees</c>).</summary>
    public const string Resolved = "SymbolicDiff.Resolved";

    /// <summary>The generated sources alone (what <c>AddSource</c> receives).</summary>
    public const string Sources = "SymbolicDiff.Sources";

    /// <summary>Each [DerivativeOf] method checked against the pullback signature it must have.</summary>
    public const string Pullbacks = "SymbolicDiff.Pullbacks";

    /// <summary>Each [TangentOf] method checked against the tangent signature it must have.</summary>
    public const string Tangents = "SymbolicDiff.Tangents";

    /// <summary>[Differentiable] on a lambda or an accessor, where it has no effect (SDIFF0014).</summary>
    public const string Ignored = "SymbolicDiff.Ignored";

    /// <summary>The diagnostics alone (what <c>ReportDiagnostic</c> receives).</summary>
    public const string Diagnostics = "SymbolicDiff.Diagnostics";
}
