using System;
using System.Collections.Generic;

namespace SymbolicDiff.Nn;

/// <summary>
/// A differentiable stage of a network that works on a whole mini-batch per call. Batches are
/// row-major: example <c>i</c> occupies elements <c>[i·size, (i+1)·size)</c>.
/// </summary>
/// <remarks>
/// Buffers are owned by the layer and reused: the memory returned by <see cref="Forward"/> and
/// <see cref="Backward"/> stays valid until the next call of the same method, and the layer may
/// keep a reference to the input memory until <see cref="Backward"/>. Nothing is allocated once a
/// batch size has been seen.
/// </remarks>
public interface ILayer
{
    /// <summary>Features per input example.</summary>
    int InputSize { get; }

    /// <summary>Features per output example.</summary>
    int OutputSize { get; }

    /// <summary>The trainable parameters (empty for activations).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Computes the outputs for <paramref name="batch"/> examples.</summary>
    /// <param name="input"><paramref name="batch"/> × <see cref="InputSize"/> values, row-major.</param>
    /// <param name="batch">Number of examples (at least 1).</param>
    /// <returns><paramref name="batch"/> × <see cref="OutputSize"/> values, row-major.</returns>
    /// <exception cref="ArgumentException">The input does not have batch × InputSize elements.</exception>
    ReadOnlyMemory<double> Forward(ReadOnlyMemory<double> input, int batch);

    /// <summary>
    /// Back-propagates through the last <see cref="Forward"/>: SETS (not accumulates) every
    /// parameter's <see cref="Parameter.Gradient"/> and returns ∂loss/∂input.
    /// </summary>
    /// <param name="outputGradient">∂loss/∂output, batch × <see cref="OutputSize"/> values.</param>
    /// <returns>∂loss/∂input, batch × <see cref="InputSize"/> values.</returns>
    /// <exception cref="ArgumentException">The gradient does not have the output's size.</exception>
    /// <exception cref="InvalidOperationException">No forward pass has run yet.</exception>
    ReadOnlyMemory<double> Backward(ReadOnlyMemory<double> outputGradient);
}
