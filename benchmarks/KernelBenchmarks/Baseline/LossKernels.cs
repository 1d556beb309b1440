// The hand-written kernels as they were before the generator differentiated spans (commit f29955b), kept for the before/after benchmarks.
using System;
using System.Numerics.Tensors;

namespace KernelBenchmarks.Baseline;

/// <summary>
/// Losses and their gradients over row-major batches. Callers validate labels and shapes; these
/// kernels check only what would otherwise read out of bounds.
/// </summary>
/// <remarks>
/// These are the hand-written, TensorPrimitives-vectorized kernels. The gradients are written by
/// hand because the generator does not differentiate spans and loops yet; once it does, each loss
/// is a candidate for <c>[Differentiable]</c> with its gradient as the <c>[DerivativeOf]</c>,
/// kept wherever it measures faster than the generated one.
/// </remarks>
internal static class LossKernels
{
    /// <summary>
    /// Mean softmax cross-entropy, <c>(1/N)·Σ_i −log softmax(s_i)[y_i]</c>, and the softmax
    /// probabilities. Each row is shifted by its maximum first, so <c>log Σ exp</c> never
    /// overflows: logits of ±1000 give a finite loss.
    /// </summary>
    /// <param name="logits">N × classes scores.</param>
    /// <param name="labels">N class indices in [0, classes).</param>
    /// <param name="probabilities">N × classes, overwritten with the softmax of each row.</param>
    /// <param name="classes">Number of classes.</param>
    /// <returns>The mean loss over the N examples.</returns>
    public static double SoftmaxCrossEntropyForward(
        ReadOnlySpan<double> logits, ReadOnlySpan<int> labels, Span<double> probabilities, int classes)
    {
        int batch = labels.Length;
        Shape.RequireMatrix(logits.Length, batch, "examples", classes, "classes", nameof(logits));
        Shape.RequireLength(probabilities.Length, logits.Length, nameof(probabilities), "one per logit");

        // −log softmax(s)[y] = log Σ_c exp(s_c − m) − (s_y − m), with m = max_c s_c: read the
        // shifted label scores before they are exponentiated, then add the log-normalizers.
        ActivationKernels.ShiftByRowMaximum(logits, classes, probabilities);
        double total = 0;
        for (int i = 0; i < batch; i++)
        {
            total -= probabilities[i * classes + labels[i]];
        }

        total += ActivationKernels.ExponentiateAndNormalizeRows(probabilities, classes);
        return total / batch;
    }

    /// <summary>∂loss/∂logits of <see cref="SoftmaxCrossEntropyForward"/>: <c>(softmax(s_i) − onehot(y_i)) / N</c>.</summary>
    /// <param name="probabilities">N × classes softmax probabilities from the forward pass.</param>
    /// <param name="labels">N class indices.</param>
    /// <param name="gradient">N × classes, overwritten.</param>
    /// <param name="classes">Number of classes.</param>
    public static void SoftmaxCrossEntropyBackward(
        ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, Span<double> gradient, int classes)
    {
        int batch = labels.Length;
        Shape.RequireMatrix(probabilities.Length, batch, "examples", classes, "classes", nameof(probabilities));
        Shape.RequireLength(gradient.Length, probabilities.Length, nameof(gradient), "one per probability");
        double scale = 1.0 / batch;
        TensorPrimitives.Multiply(probabilities, scale, gradient);
        for (int i = 0; i < batch; i++)
        {
            gradient[i * classes + labels[i]] -= scale;
        }
    }

    /// <summary>
    /// Mean squared error over all elements, <c>(1/n)·Σ (p − t)²</c> (PyTorch's
    /// <c>MSELoss(reduction='mean')</c>), and its gradient <c>2(p − t)/n</c>.
    /// </summary>
    /// <param name="predictions">n values.</param>
    /// <param name="targets">n values.</param>
    /// <param name="gradient">n values, overwritten with ∂loss/∂predictions.</param>
    /// <returns>The mean squared error.</returns>
    public static double MeanSquaredError(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, Span<double> gradient)
    {
        Shape.RequireLength(targets.Length, predictions.Length, nameof(targets), "one per prediction");
        Shape.RequireLength(gradient.Length, predictions.Length, nameof(gradient), "one per prediction");
        TensorPrimitives.Subtract(predictions, targets, gradient);
        double loss = TensorPrimitives.SumOfSquares<double>(gradient) / predictions.Length;
        TensorPrimitives.Multiply(gradient, 2.0 / predictions.Length, gradient);
        return loss;
    }

    /// <summary>The L2 penalty <c>0.5·strength·Σ w²</c> (cs231n's form, whose gradient is <c>strength·w</c>).</summary>
    public static double L2Penalty(ReadOnlySpan<double> weights, double strength) =>
        0.5 * strength * TensorPrimitives.SumOfSquares(weights);

    /// <summary>Adds the gradient of <see cref="L2Penalty"/>, <c>strength·w</c>, to <paramref name="gradient"/>.</summary>
    public static void L2PenaltyBackward(ReadOnlySpan<double> weights, double strength, Span<double> gradient)
    {
        Shape.RequireLength(gradient.Length, weights.Length, nameof(gradient), "one per weight");
        TensorPrimitives.MultiplyAdd(weights, strength, gradient, gradient);
    }
}
