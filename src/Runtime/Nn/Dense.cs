using System;
using System.Collections.Generic;
using SymbolicDiff.Nn.Kernels;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Nn;

/// <summary>
/// The affine layer <c>y = x·W + b</c> of cs231n: <c>W</c> is inputs × outputs (row-major),
/// <c>b</c> is 1 × outputs, and each row of the batch <c>x</c> is one example.
/// </summary>
public sealed class Dense : ILayer
{
    private readonly Parameter[] _parameters;
    private readonly double[] _scratch;
    private double[] _output = [];
    private double[] _inputGradient = [];
    private ReadOnlyMemory<double> _input;
    private int _batch;

    /// <summary>Creates the layer with weights drawn by <paramref name="init"/> from <paramref name="random"/> and zero biases.</summary>
    /// <param name="inputs">Features per input example.</param>
    /// <param name="outputs">Features per output example.</param>
    /// <param name="init">How the weights are scaled (He for ReLU networks, Xavier for sigmoid/tanh).</param>
    /// <param name="random">The seeded source of the initial weights.</param>
    /// <param name="name">Prefix of the parameter names ("dense" gives "dense.W" and "dense.b").</param>
    public Dense(int inputs, int outputs, WeightInit init, GaussianRandom random, string name = "dense")
    {
        ArgumentNullException.ThrowIfNull(random);
        Weights = new Parameter(name + ".W", inputs, outputs, regularized: true);
        Biases = new Parameter(name + ".b", 1, outputs, regularized: false);
        random.Fill(Weights.Value, init.StandardDeviation(inputs, outputs));
        _parameters = [Weights, Biases];
        _scratch = new double[inputs * outputs];
    }

    /// <inheritdoc />
    public int InputSize => Weights.Rows;

    /// <inheritdoc />
    public int OutputSize => Weights.Columns;

    /// <summary>W, inputs × outputs; L2-regularized.</summary>
    public Parameter Weights { get; }

    /// <summary>b, 1 × outputs; not regularized.</summary>
    public Parameter Biases { get; }

    /// <inheritdoc />
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>
    /// Whether <see cref="Backward"/> computes ∂loss/∂input. A first layer, whose input is the
    /// data, can turn this off to save one matrix product per step; <see cref="Backward"/> then
    /// returns an empty buffer.
    /// </summary>
    public bool ComputesInputGradient { get; set; } = true;

    /// <inheritdoc />
    public ReadOnlyMemory<double> Forward(ReadOnlyMemory<double> input, int batch)
    {
        Shape.RequirePositive(batch, nameof(batch));
        Shape.RequireMatrix(input.Length, batch, "examples", InputSize, "inputs", nameof(input));
        Memory<double> output = Shape.Reuse(ref _output, batch * OutputSize);
        DenseKernels.Forward(input.Span, Weights.Value, Biases.Value, output.Span, _scratch, batch, InputSize, OutputSize);
        _input = input;
        _batch = batch;
        return output;
    }

    /// <inheritdoc />
    public ReadOnlyMemory<double> Backward(ReadOnlyMemory<double> outputGradient)
    {
        if (_batch == 0)
        {
            throw new InvalidOperationException($"{Weights.Name}: Backward called before Forward.");
        }

        Shape.RequireMatrix(outputGradient.Length, _batch, "examples", OutputSize, "outputs", nameof(outputGradient));
        Memory<double> inputGradient = ComputesInputGradient ? Shape.Reuse(ref _inputGradient, _batch * InputSize) : Memory<double>.Empty;
        // Hand-written: the generated DenseKernels.AffineBackward measured 19–23× slower at the
        // spiral's sizes (579 µs vs 30 µs for 100 → 3, 934 µs vs 41 µs for 2 → 100; docs/spiral.md).
        // This is the backward math of the [DerivativeOf] AffinePullback, without its second forward pass.
        DenseKernels.Backward(
            _input.Span, Weights.Value, outputGradient.Span, Weights.Gradient, Biases.Gradient, inputGradient.Span, _scratch,
            _batch, InputSize, OutputSize);
        return inputGradient;
    }
}
