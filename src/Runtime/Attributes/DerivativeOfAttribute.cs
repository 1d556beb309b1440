using System;

namespace SymbolicDiff;

/// <summary>
/// Marks a hand-written pullback for another method: a custom
/// derivative. The marked method must have exactly the signature the generated <c>FBackward</c> would
/// have; differentiable code that calls the original method uses it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DerivativeOfAttribute : Attribute
{
    /// <summary>Declares <paramref name="methodName"/> of <paramref name="type"/> as the method this pullback differentiates.</summary>
    public DerivativeOfAttribute(Type type, string methodName)
    {
        Type = type;
        MethodName = methodName;
    }

    /// <summary>The type that declares the differentiated method.</summary>
    public Type Type { get; }

    /// <summary>The name of the differentiated method.</summary>
    public string MethodName { get; }
}
