using System;
using System.Collections.Generic;
using System.Linq;

namespace SymbolicDiff.Nn;

/// <summary>
/// Layers applied one after another: the forward pass runs them in order, the backward pass in
/// reverse, each layer's input gradient becoming the previous layer's output gradient.
/// </summary>
public sealed class Sequential : ILayer
{
    private readonly ILayer[] _layers;
    private readonly Parameter[] _parameters;

    /// <summary>Chains <paramref name="layers"/>; each layer's output size must equal the next one's input size.</summary>
    /// <exception cref="ArgumentException">No layers, or two neighbours whose sizes do not match.</exception>
    public Sequential(params ILayer[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Length == 0)
        {
            throw new ArgumentException("A sequential model needs at least one layer.", nameof(layers));
        }

        for (int i = 1; i < layers.Length; i++)
        {
            if (layers[i].InputSize != layers[i - 1].OutputSize)
            {
                throw new ArgumentException(
                    $"layers[{i}] ({layers[i].GetType().Name}) takes {layers[i].InputSize} inputs; expected {layers[i - 1].OutputSize}, "
                    + $"the outputs of layers[{i - 1}] ({layers[i - 1].GetType().Name}).",
                    nameof(layers));
            }
        }

        _layers = (ILayer[])layers.Clone();
        _parameters = layers.SelectMany(layer => layer.Parameters).ToArray();
    }

    /// <summary>The layers, in forward order.</summary>
    public IReadOnlyList<ILayer> Layers => _layers;

    /// <inheritdoc />
    public int InputSize => _layers[0].InputSize;

    /// <inheritdoc />
    public int OutputSize => _layers[^1].OutputSize;

    /// <summary>The parameters of all layers, in forward order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <inheritdoc />
    public ReadOnlyMemory<double> Forward(ReadOnlyMemory<double> input, int batch)
    {
        ReadOnlyMemory<double> activations = input;
        foreach (ILayer layer in _layers)
        {
            activations = layer.Forward(activations, batch);
        }

        return activations;
    }

    /// <inheritdoc />
    public ReadOnlyMemory<double> Backward(ReadOnlyMemory<double> outputGradient)
    {
        ReadOnlyMemory<double> gradient = outputGradient;
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            gradient = _layers[i].Backward(gradient);
        }

        return gradient;
    }
}
