using System;

namespace SymbolicDiff;

/// <summary>
/// Which derivatives the generator writes for a <see cref="DifferentiableAttribute"/> method; combine
/// them with <c>|</c>.
/// </summary>
[Flags]
public enum Derivatives
{
    /// <summary>Reverse mode: <c>FGradient</c> and <c>FBackward</c> (what plain <c>[Differentiable]</c> means).</summary>
    Reverse = 1,

    /// <summary>Forward mode: <c>FTangent</c> (Jacobian-vector product), and <c>FJacobian</c> for a vector-valued method.</summary>
    Forward = 2,

    /// <summary>Second order (implies <see cref="Reverse"/>): <c>FHessianVectorProduct</c> and <c>FHessian</c>, for scalar methods.</summary>
    Hessian = 4,
}
