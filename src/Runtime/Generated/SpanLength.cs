using System;
using System.ComponentModel;

namespace SymbolicDiff;

/// <summary>
/// The exception of a generated companion's length check, thrown here so that the companion holds one
/// short call instead of the message's concatenation (a throw helper: the hot method stays small).
/// </summary>
/// <remarks>Plumbing for generated code, hidden from IntelliSense.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SpanLength
{
    /// <summary>
    /// Throws the <see cref="ArgumentException"/> of a too-short span, naming it and giving both lengths:
    /// "The <paramref name="kind"/> span has length 2 but <paramref name="requirement"/> 3; it must be at least as long."
    /// </summary>
    /// <param name="kind">What the span holds: "adjoint", "tangent", "direction", …</param>
    /// <param name="span">The span's parameter name (the exception's <see cref="ArgumentException.ParamName"/>).</param>
    /// <param name="length">The span's length.</param>
    /// <param name="requirement">What sets the length it needs, up to the number: "w has length".</param>
    /// <param name="required">The length it needs.</param>
    public static void Throw(string kind, string span, int length, string requirement, int required) =>
        throw new ArgumentException($"The {kind} span has length {length} but {requirement} {required}; it must be at least as long.", span);
}
