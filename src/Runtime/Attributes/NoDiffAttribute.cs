using System;

namespace SymbolicDiff;

/// <summary>
/// Treats a <c>double</c>/<c>float</c> parameter of a <see cref="DifferentiableAttribute"/> method as
/// a constant: no adjoint is produced for it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class NoDiffAttribute : Attribute
{
}
