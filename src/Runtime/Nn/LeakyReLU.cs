using System;
using SymbolicDiff.Nn.Kernels;

namespace SymbolicDiff.Nn;

/// <summary><c>x</c> for <c>x &gt; 0</c>, else <c>slope·x</c>, element-wise; the gradient at 0 is the left slope.</summary>
public sealed class LeakyReLU : ActivationLayer
{
    /// <summary>Creates the activation over <paramref name="size"/> features per example.</summary>
    /// <param name="size">Features per example.</param>
    /// <param name="slope">The slope for negative inputs, in (0, 1); PyTorch's default is 0.01.</param>
    public LeakyReLU(int size, double slope = 0.01)
        : base(size)
    {
        ActivationKernels.RequireLeakySlope(slope);
        Slope = slope;
    }

    /// <summary>The slope for negative inputs.</summary>
    public double Slope { get; }

    /// <inheritdoc />
    protected override void Activate(ReadOnlySpan<double> input, Span<double> output) =>
        ActivationKernels.LeakyReluForward(input, Slope, output);

    /// <inheritdoc />
    /// <remarks>
    /// The backward math of the <c>[DerivativeOf]</c> pullback of <see cref="ActivationKernels.LeakyRelu"/>
    /// (vectorized, hand-written: measured faster than the generated one, see docs/spiral.md), called
    /// on the kept output instead of running the forward pass again.
    /// </remarks>
    protected override void Pullback(ReadOnlySpan<double> input, Span<double> output, ReadOnlySpan<double> outputGradient, Span<double> inputGradient) =>
        ActivationKernels.ScaleWherePositive(output, outputGradient, Slope, inputGradient, accumulate: false);
}
