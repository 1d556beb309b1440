using System;

namespace SymbolicDiff.Nn.Kernels;

/// <summary>
/// Losses that compare each prediction with its target, averaged over all elements (PyTorch's
/// <c>reduction='mean'</c>). Their gradients are the generator's: each is one pass with a branch or
/// two per element, where the generated pullback has nothing to put on a tape.
/// </summary>
public static partial class ElementwiseLossKernels
{
    /// <summary>
    /// Binary cross-entropy of logits <c>z</c> against targets <c>t</c> in [0, 1],
    /// <c>(1/n)·Σ −t·log σ(z) − (1 − t)·log(1 − σ(z))</c> (PyTorch's <c>BCEWithLogitsLoss</c>), computed
    /// as <c>max(z, 0) − z·t + log(1 + e^−|z|)</c> so that logits of ±1000 stay finite. Gradient
    /// <c>(σ(z) − t)/n</c>.
    /// </summary>
    /// <param name="logits">n scores.</param>
    /// <param name="targets">n targets in [0, 1], constants.</param>
    /// <returns>The mean loss.</returns>
    [Differentiable]
    public static double BinaryCrossEntropyWithLogits(ReadOnlySpan<double> logits, [NoDiff] ReadOnlySpan<double> targets)
    {
        double total = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            double z = logits[i];
            total += Math.Max(z, 0) - z * targets[i] + Math.Log(1 + Math.Exp(-Math.Abs(z)));
        }

        return total / logits.Length;
    }

    /// <summary>Mean absolute error <c>(1/n)·Σ |p − t|</c> (PyTorch's <c>L1Loss</c>); gradient <c>sign(p − t)/n</c>, 0 where p = t.</summary>
    /// <param name="predictions">n values.</param>
    /// <param name="targets">n values, constants.</param>
    /// <returns>The mean absolute error.</returns>
    [Differentiable]
    public static double MeanAbsoluteError(ReadOnlySpan<double> predictions, [NoDiff] ReadOnlySpan<double> targets)
    {
        double total = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            total += Math.Abs(predictions[i] - targets[i]);
        }

        return total / predictions.Length;
    }

    /// <summary>
    /// Huber loss (PyTorch's <c>HuberLoss</c>): per element with <c>d = p − t</c>, <c>½d²</c> where
    /// <c>|d| &lt; δ</c> and <c>δ·(|d| − ½δ)</c> elsewhere, averaged; gradient <c>clamp(d, −δ, δ)/n</c>.
    /// </summary>
    /// <param name="predictions">n values.</param>
    /// <param name="targets">n values, constants.</param>
    /// <param name="delta">δ &gt; 0, where the loss turns from quadratic to linear.</param>
    /// <returns>The mean Huber loss.</returns>
    [Differentiable]
    public static double Huber(ReadOnlySpan<double> predictions, [NoDiff] ReadOnlySpan<double> targets, [NoDiff] double delta)
    {
        double total = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double d = predictions[i] - targets[i];
            double size = Math.Abs(d);
            if (size < delta)
            {
                total += 0.5 * d * d;
            }
            else
            {
                total += delta * (size - 0.5 * delta);
            }
        }

        return total / predictions.Length;
    }
}
