using System;
using SymbolicDiff.Nn.Kernels;

namespace SymbolicDiff.Nn;

/// <summary><c>max(0, x)</c> element-wise; the gradient at <c>x = 0</c> is 0.</summary>
public sealed class ReLU : ActivationLayer
{
    /// <summary>Creates the activation over <paramref name="size"/> features per example.</summary>
    public ReLU(int size)
        : base(size)
    {
    }

    /// <inheritdoc />
    protected override void Activate(ReadOnlySpan<double> input, Span<double> output) =>
        ActivationKernels.ReluForward(input, output);

    /// <inheritdoc />
    protected override void Pullback(ReadOnlySpan<double> output, ReadOnlySpan<double> outputGradient, Span<double> inputGradient) =>
        ActivationKernels.ReluBackward(output, outputGradient, inputGradient);
}
