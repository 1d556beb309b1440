using System;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Nn;

/// <summary>
/// A loss that compares each prediction with the target at the same index and averages over all
/// elements. <see cref="Forward"/> checks the shapes, computes the loss and keeps its gradient;
/// <see cref="Backward"/> returns that gradient. Nothing is allocated once a size has been seen.
/// </summary>
public abstract class ElementwiseLoss
{
    private double[] _gradient = [];
    private int _length;

    /// <summary>The loss's name in error messages, e.g. "mean squared error".</summary>
    protected abstract string Name { get; }

    /// <summary>Computes the loss and keeps its gradient for <see cref="Backward"/>.</summary>
    /// <param name="predictions">The model's outputs.</param>
    /// <param name="targets">The wanted outputs, as many as <paramref name="predictions"/>.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException">Empty predictions, a different number of targets, or a target the loss does not accept.</exception>
    /// <exception cref="NonFiniteLossException">The loss is NaN or infinite.</exception>
    public double Forward(ReadOnlyMemory<double> predictions, ReadOnlyMemory<double> targets)
    {
        Shape.RequirePositive(predictions.Length, nameof(predictions) + ".Length");
        Shape.RequireLength(targets.Length, predictions.Length, nameof(targets), "one per prediction");
        CheckTargets(targets.Span);
        Memory<double> gradient = Shape.Reuse(ref _gradient, predictions.Length);
        // A pullback seeded with 1 into a cleared gradient is the gradient.
        gradient.Span.Clear();
        double loss = Pullback(predictions.Span, targets.Span, gradient.Span);
        _length = predictions.Length;
        return NonFiniteLossException.ThrowIfNotFinite(loss, Name);
    }

    /// <summary>∂loss/∂predictions for the last <see cref="Forward"/>.</summary>
    /// <exception cref="InvalidOperationException">No forward pass has run yet.</exception>
    public ReadOnlyMemory<double> Backward() =>
        _length > 0
            ? _gradient.AsMemory(0, _length)
            : throw new InvalidOperationException($"{GetType().Name}: Backward called before Forward.");

    /// <summary>Returns the loss and ADDS its gradient (seed 1) into <paramref name="gradient"/>.</summary>
    private protected abstract double Pullback(ReadOnlySpan<double> predictions, ReadOnlySpan<double> targets, Span<double> gradient);

    /// <summary>Throws <see cref="ArgumentException"/> for a target the loss is not defined for; every target is fine by default.</summary>
    private protected virtual void CheckTargets(ReadOnlySpan<double> targets)
    {
    }
}
