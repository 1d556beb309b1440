using System;
using SymbolicDiff.Nn.Kernels;

namespace SymbolicDiff.Nn;

/// <summary>The hyperbolic tangent element-wise.</summary>
public sealed class Tanh : ActivationLayer
{
    /// <summary>Creates the activation over <paramref name="size"/> features per example.</summary>
    public Tanh(int size)
        : base(size)
    {
    }

    /// <inheritdoc />
    protected override void Activate(ReadOnlySpan<double> input, Span<double> output) =>
        ActivationKernels.TanhForward(input, output);

    /// <inheritdoc />
    /// <remarks>
    /// The backward math of the <c>[DerivativeOf]</c> pullback of <see cref="ActivationKernels.Tanh"/>
    /// (vectorized, hand-written: measured faster than the generated one, see docs/spiral.md), called
    /// on the kept output instead of running the forward pass again.
    /// </remarks>
    protected override void Pullback(ReadOnlySpan<double> input, Span<double> output, ReadOnlySpan<double> outputGradient, Span<double> inputGradient) =>
        ActivationKernels.MultiplyByDerivative(output, outputGradient, inputGradient, tanh: true, accumulate: false);
}
