using System;
using SymbolicDiff.Nn.Kernels;

namespace SymbolicDiff.Nn;

/// <summary>
/// Binary cross-entropy of logits (PyTorch's <c>BCEWithLogitsLoss</c>): the predictions are scores
/// <c>z</c>, the probability is <c>σ(z)</c>, and the loss is the mean of
/// <c>−t·log σ(z) − (1 − t)·log(1 − σ(z))</c> over all elements, computed so that logits of ±1000
/// stay finite. Gradient <c>(σ(z) − t)/n</c>. Targets are probabilities in [0, 1].
/// </summary>
public sealed class BinaryCrossEntropy : ElementwiseLoss
{
    /// <inheritdoc />
    protected override string Name => "binary cross-entropy";

    private protected override double Pullback(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, Span<double> gradient) =>
        ElementwiseLossKernels.BinaryCrossEntropyWithLogitsBackward(predictions, targets, 1.0, gradient);

    private protected override void CheckTargets(ReadOnlySpan<double> targets)
    {
        for (int i = 0; i < targets.Length; i++)
        {
            if (!(targets[i] >= 0 && targets[i] <= 1))
            {
                throw new ArgumentException($"targets[{i}] is {targets[i]}; a binary cross-entropy target is a probability in [0, 1].", nameof(targets));
            }
        }
    }
}
