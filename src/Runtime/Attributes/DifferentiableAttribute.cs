using System;

namespace SymbolicDiff;

/// <summary>
/// Marks a method whose reverse-mode derivative the SymbolicDiff generator writes at build time:
/// <c>FGradient</c> (value and gradient) and <c>FBackward</c> (pullback that accumulates
/// <c>seed · ∂F/∂input</c> into the adjoints). The containing type and every enclosing type must be
/// <c>partial</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
}
