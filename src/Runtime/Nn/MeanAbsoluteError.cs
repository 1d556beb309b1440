using System;
using SymbolicDiff.Nn.Kernels;

namespace SymbolicDiff.Nn;

/// <summary>
/// L1 loss: mean absolute error <c>(1/n)·Σ |p − t|</c> (PyTorch's <c>L1Loss</c>), with gradient
/// <c>sign(p − t)/n</c> (0 where a prediction equals its target).
/// </summary>
public sealed class MeanAbsoluteError : ElementwiseLoss
{
    /// <inheritdoc />
    protected override string Name => "mean absolute error";

    private protected override double Pullback(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, Span<double> gradient) =>
        ElementwiseLossKernels.MeanAbsoluteErrorBackward(predictions, targets, 1.0, gradient);
}
