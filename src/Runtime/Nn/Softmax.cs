using System;
using SymbolicDiff.Nn.Kernels;

namespace SymbolicDiff.Nn;

/// <summary>
/// Softmax over each example's features: outputs are positive and sum to 1 per example. For
/// training a classifier use <see cref="SoftmaxCrossEntropy"/> on the raw scores instead, which
/// is numerically safer than a softmax layer followed by a log.
/// </summary>
public sealed class Softmax : ActivationLayer
{
    /// <summary>Creates the layer over <paramref name="size"/> features (classes) per example.</summary>
    public Softmax(int size)
        : base(size)
    {
    }

    /// <inheritdoc />
    protected override void Activate(ReadOnlySpan<double> input, Span<double> output) =>
        ActivationKernels.SoftmaxForward(input, InputSize, output);

    /// <inheritdoc />
    /// <remarks>
    /// The backward math of the hand-written <c>[DerivativeOf]</c> pullback of
    /// <see cref="ActivationKernels.Softmax"/>, on the kept output (no second forward pass).
    /// </remarks>
    protected override void Pullback(ReadOnlySpan<double> input, Span<double> output, ReadOnlySpan<double> outputGradient, Span<double> inputGradient) =>
        ActivationKernels.SoftmaxFromOutput(output, outputGradient, InputSize, inputGradient, accumulate: false);
}
