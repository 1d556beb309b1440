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
    /// <remarks>
    /// The backward math of the <c>[DerivativeOf]</c> pullback of <see cref="ActivationKernels.Relu"/>
    /// (vectorized, hand-written: measured faster than the generated one, see docs/spiral.md), called
    /// on the kept output instead of running the forward pass again.
    /// </remarks>
    protected override void Pullback(ReadOnlySpan<double> input, Span<double> output, ReadOnlySpan<double> outputGradient, Span<double> inputGradient) =>
        ActivationKernels.ScaleWherePositive(output, outputGradient, 0.0, inputGradient, accumulate: false);
}
