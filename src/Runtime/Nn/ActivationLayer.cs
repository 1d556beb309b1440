using System;
using System.Collections.Generic;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Nn;

/// <summary>
/// The buffer handling and shape checks shared by the activations — layers without parameters
/// whose output has the input's shape; a subclass supplies only the two kernels. The pullback
/// reads the forward output, which the layer keeps.
/// </summary>
public abstract class ActivationLayer : ILayer
{
    private double[] _output = [];
    private double[] _inputGradient = [];
    private ReadOnlyMemory<double> _input;
    private int _length;

    /// <summary>Creates an activation over <paramref name="size"/> features per example.</summary>
    protected ActivationLayer(int size)
    {
        Shape.RequirePositive(size, nameof(size));
        InputSize = size;
    }

    /// <inheritdoc />
    public int InputSize { get; }

    /// <inheritdoc />
    public int OutputSize => InputSize;

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => [];

    /// <inheritdoc />
    public ReadOnlyMemory<double> Forward(ReadOnlyMemory<double> input, int batch)
    {
        Shape.RequirePositive(batch, nameof(batch));
        Shape.RequireMatrix(input.Length, batch, "examples", InputSize, "features", nameof(input));
        Memory<double> output = Shape.Reuse(ref _output, input.Length);
        Activate(input.Span, output.Span);
        _input = input;
        _length = input.Length;
        return output;
    }

    /// <inheritdoc />
    public ReadOnlyMemory<double> Backward(ReadOnlyMemory<double> outputGradient)
    {
        if (_length == 0)
        {
            throw new InvalidOperationException($"{GetType().Name}: Backward called before Forward.");
        }

        Shape.RequireMatrix(outputGradient.Length, _length / InputSize, "examples", InputSize, "features", nameof(outputGradient));
        Memory<double> inputGradient = Shape.Reuse(ref _inputGradient, _length);
        Pullback(_input.Span, _output.AsSpan(0, _length), outputGradient.Span, inputGradient.Span);
        return inputGradient;
    }

    /// <summary>Writes <c>f(x)</c> for a batch (rows of <see cref="InputSize"/> values).</summary>
    protected abstract void Activate(ReadOnlySpan<double> input, Span<double> output);

    /// <summary>
    /// Writes (overwrites) <c>dx = dy·f'(x)</c> for the last forward pass, given its input <c>x</c> and
    /// its output <c>y = f(x)</c> (which the layer keeps; a pullback may write the same values again).
    /// </summary>
    protected abstract void Pullback(ReadOnlySpan<double> input, Span<double> output, ReadOnlySpan<double> outputGradient, Span<double> inputGradient);
}
