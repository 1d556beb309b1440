using System;

namespace SymbolicDiff;

/// <summary>
/// Marks a method whose reverse-mode derivative the SymbolicDiff generator writes at build time:
/// <c>FGradient</c> (value and gradient) and <c>FBackward</c> (pullback that accumulates
/// <c>seed · ∂F/∂input</c> into the adjoints). The containing type and every enclosing type must be
/// <c>partial</c>. <c>[Differentiable(Derivatives.Forward | Derivatives.Hessian)]</c> asks for forward
/// mode and second order as well (see <see cref="SymbolicDiff.Derivatives"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
    /// <summary>Reverse mode only (<see cref="Derivatives.Reverse"/>).</summary>
    public DifferentiableAttribute()
    {
        Derivatives = Derivatives.Reverse;
    }

    /// <summary>The derivatives to generate; <see cref="Derivatives.Hessian"/> adds <see cref="Derivatives.Reverse"/>.</summary>
    public DifferentiableAttribute(Derivatives derivatives)
    {
        Derivatives = derivatives;
    }

    /// <summary>The derivatives the generator writes for the method.</summary>
    public Derivatives Derivatives { get; }
}
