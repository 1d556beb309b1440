using System;
using SymbolicDiff.Nn.Kernels;

namespace SymbolicDiff.Nn;

/// <summary>
/// Mean squared error over all elements, <c>(1/n)·Σ (p − t)²</c> — PyTorch's
/// <c>MSELoss(reduction='mean')</c>, without a factor ½ — with gradient <c>2(p − t)/n</c>.
/// </summary>
public sealed class MeanSquaredError : ElementwiseLoss
{
    /// <inheritdoc />
    protected override string Name => "mean squared error";

    // The hand-written pullback: 12× faster than the generated gradient, see LossKernels.
    private protected override double Pullback(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, Span<double> gradient) =>
        LossKernels.MeanSquaredErrorPullback(predictions, targets, 1.0, gradient);
}
