using System;
using SymbolicDiff.Nn.Kernels;

namespace SymbolicDiff.Nn;

/// <summary>The logistic function <c>1 / (1 + e^(−x))</c> element-wise.</summary>
public sealed class Sigmoid : ActivationLayer
{
    /// <summary>Creates the activation over <paramref name="size"/> features per example.</summary>
    public Sigmoid(int size)
        : base(size)
    {
    }

    /// <inheritdoc />
    protected override void Activate(ReadOnlySpan<double> input, Span<double> output) =>
        ActivationKernels.SigmoidForward(input, output);

    /// <inheritdoc />
    protected override void Pullback(ReadOnlySpan<double> output, ReadOnlySpan<double> outputGradient, Span<double> inputGradient) =>
        ActivationKernels.SigmoidBackward(output, outputGradient, inputGradient);
}
