using System;

namespace SymbolicDiff;

/// <summary>
/// Marks a hand-written tangent (forward-mode derivative) of a method: it must have exactly the signature
/// the generated <c>FTangent</c> would have. Forward-mode code that calls the method uses it instead of
/// the generated one — the forward-mode counterpart of <see cref="DerivativeOfAttribute"/>, and what a
/// method covered by a <c>[DerivativeOf]</c> pullback needs to be called from forward mode.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TangentOfAttribute : Attribute
{
    /// <summary>Declares <paramref name="methodName"/> of <paramref name="type"/> as the method this tangent differentiates.</summary>
    public TangentOfAttribute(Type type, string methodName)
    {
        Type = type;
        MethodName = methodName;
    }

    /// <summary>The type that declares the differentiated method.</summary>
    public Type Type { get; }

    /// <summary>The name of the differentiated method.</summary>
    public string MethodName { get; }
}
