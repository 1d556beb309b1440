using System;
using SymbolicDiff.Nn.Kernels;

namespace SymbolicDiff.Nn;

/// <summary>
/// Huber loss (PyTorch's <c>HuberLoss</c>): quadratic, <c>½d²</c>, for errors <c>d = p − t</c> with
/// <c>|d| &lt; δ</c> and linear, <c>δ·(|d| − ½δ)</c>, beyond, averaged over all elements; gradient
/// <c>clamp(d, −δ, δ)/n</c>. Less sensitive to outliers than the squared error.
/// </summary>
public sealed class HuberLoss : ElementwiseLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="delta">δ, where the loss turns from quadratic to linear (&gt; 0, finite); PyTorch's default is 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not positive and finite.</exception>
    public HuberLoss(double delta = 1.0)
    {
        Delta = delta > 0 && double.IsFinite(delta)
            ? delta
            : throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be positive and finite.");
    }

    /// <summary>δ.</summary>
    public double Delta { get; }

    /// <inheritdoc />
    protected override string Name => "Huber loss";

    private protected override double Pullback(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, Span<double> gradient) =>
        ElementwiseLossKernels.HuberBackward(predictions, targets, Delta, 1.0, gradient);
}
