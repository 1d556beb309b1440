using Microsoft.CodeAnalysis;

namespace SymbolicDiff.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Ids are stable: tests, docs and AnalyzerReleases.*.md name them.
/// Errors stop generation for the method (no guessed code is emitted); warnings do not.
/// </summary>
public static class Descriptors
{
    private const string Category = "SymbolicDiff";

    /// <summary>Where users report generator failures (SDIFF0008).</summary>
    private const string IssuesUri = "https://github.com/symbolicdiff/SymbolicDiff/issues";

    /// <summary>Each id's page in the repository: what triggers it, a wrong and a right example, the fix.</summary>
    private static string HelpLink(string id) => $"https://github.com/symbolicdiff/SymbolicDiff/blob/main/docs/diagnostics/{id}.md";

    private static DiagnosticDescriptor Error(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id));

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "SDIFF0001",
        "Containing type must be partial",
        "'{0}' must be declared partial so that the generated companions of '{1}' can be added to it",
        "The generator adds the Gradient and Backward companions to the type that declares the [Differentiable] method, and to every type that encloses it; all of them must be partial.");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
        "SDIFF0002",
        "Unsupported parameter",
        "Parameter '{0}' of '{1}' cannot be differentiated: {2}",
        "Differentiable parameters are double or float values, and one-dimensional arrays and spans of them, passed by value; other parameter types are constants. ref, out and in parameters and multi-dimensional arrays are not supported.");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "SDIFF0003",
        "Unsupported return type",
        "'{0}' returns '{1}'; a [Differentiable] method returns double or float, or is void and writes a Span<double> or Span<float> parameter",
        "A scalar [Differentiable] method returns double or float; a vector-valued one returns void and writes span parameters.");

    public static readonly DiagnosticDescriptor NotDifferentiableCall = Error(
        "SDIFF0004",
        "Call cannot be differentiated",
        "'{0}' is called with or on a differentiable value, but it is neither [Differentiable], a supported Math function, nor covered by [DerivativeOf]{1}",
        "Mark the callee [Differentiable], give it a [DerivativeOf] pullback, or pass only constants ([NoDiff] values, integers, fields) to it. A member of a C# 14 extension block gets no companions: declare it as an extension method (this double x) and mark that [Differentiable].");

    public static readonly DiagnosticDescriptor UnsupportedStatement = Error(
        "SDIFF0005",
        "Unsupported statement",
        "This statement cannot be differentiated: {0}",
        "The generator differentiates declarations, assignments, if/else, loops (for, while, do, foreach, with break and continue) and return statements; other statements, writes to fields or properties, and loops that would need a non-numeric value saved are reported.");

    public static readonly DiagnosticDescriptor UnsupportedExpression = Error(
        "SDIFF0006",
        "Unsupported expression",
        "This expression cannot be differentiated: {0}",
        "The expression uses a construct the generator does not differentiate.");

    public static readonly DiagnosticDescriptor UnsupportedMethod = Error(
        "SDIFF0007",
        "Unsupported method",
        "'{0}' cannot be differentiated: {1}",
        "A [Differentiable] method must have a body, must not be generic and must not be a local function.");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "SDIFF0008",
        "Internal generator error",
        "SymbolicDiff failed while differentiating '{0}': {1}. Please report this with the method's source at " + IssuesUri + ".",
        "An unexpected failure inside the generator; no code was generated for this method.");

    public static readonly DiagnosticDescriptor WrittenParameter = Error(
        "SDIFF0010",
        "Parameter cannot be written here",
        "Parameter '{0}' {1}",
        "Only a void method writes its span parameters (a vector-valued function), and it reads such an output only where it wrote that element first (y[i] = …; then y[i] += …): compute in a local and store the result.");

    public static readonly DiagnosticDescriptor PullbackSignature = Error(
        "SDIFF0011",
        "Custom derivative has the wrong signature",
        "'{0}' is marked {1} for '{2}' but {3}",
        "A [DerivativeOf] method must have exactly the signature the generated Backward would have: the method's parameters, the seed (unless it is void), then one adjoint per differentiable parameter. A [TangentOf] method must have exactly the signature of the generated Tangent: the method's parameters, one tangent per differentiable input, the outputs' tangent spans, then out T tangent (unless it is void).");

    public static readonly DiagnosticDescriptor CompanionNameTaken = Error(
        "SDIFF0012",
        "A member takes a companion's name",
        "'{0}' has the name (and parameters) of a companion SymbolicDiff generates for '{1}'; rename it",
        "The generator adds FGradient and FBackward beside a [Differentiable] method F; a member of the same type with that name and the same parameters (or a field, property or nested type of that name) would clash with them.");

    public static readonly DiagnosticDescriptor CalleeFailed = Error(
        "SDIFF0013",
        "Callee could not be differentiated",
        "'{0}' could not be differentiated (see its errors), so this call to it cannot be either",
        "A call to a [Differentiable] method goes through that method's generated Backward; when the callee has an error it gets no companions, and neither does its caller.");

    public static readonly DiagnosticDescriptor InvalidDerivatives = Error(
        "SDIFF0015",
        "Invalid Derivatives value",
        "[Differentiable] on '{0}' asks for derivatives it cannot have: {1}",
        "The argument of [Differentiable] is a combination of Derivatives.Reverse, Derivatives.Forward and Derivatives.Hessian; Hessian is for scalar (double- or float-returning) methods.");

    public static readonly DiagnosticDescriptor UnsupportedInMode = Error(
        "SDIFF0016",
        "Not supported in forward mode or second order",
        "{0} cannot differentiate this: {1}",
        "Reverse mode supports this construct, but the forward mode (Derivatives.Forward) or second-order (Derivatives.Hessian) companions asked for do not; remove that mode or rewrite the code as the message says.");

    public static readonly DiagnosticDescriptor NoEffect = new(
        "SDIFF0014",
        "[Differentiable] has no effect here",
        "[Differentiable] has no effect on {0}: only methods of partial types get companions",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("SDIFF0014"),
        description: "The generator reads [Differentiable] on methods only; on a lambda or a property accessor nothing is generated. Move the code into a [Differentiable] method and call it.");

    public static readonly DiagnosticDescriptor ZeroGradient = new(
        "SDIFF0009",
        "Gradient is always zero",
        "The result of '{0}' does not depend on any differentiable input; its gradient is always zero",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink("SDIFF0009"),
        description: "No differentiable parameter reaches the returned value, so every adjoint stays zero. Check for a missing dependency or mark the inputs [NoDiff].");
}
