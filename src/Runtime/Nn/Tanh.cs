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
    protected override void Pullback(ReadOnlySpan<double> output, ReadOnlySpan<double> outputGradient, Span<double> inputGradient) =>
        ActivationKernels.TanhBackward(output, outputGradient, inputGradient);
}
