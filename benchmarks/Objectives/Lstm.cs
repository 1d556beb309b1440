using System;

namespace SymbolicDiff.Objectives;

/// <summary>
/// ADBench's LSTM objective: a <c>layers</c>-deep LSTM reads a sequence of characters of b bits and
/// predicts each next one; the loss is the mean negative log-likelihood of the sequence. Written as
/// ordinary C# from the ADBench definition; the generator writes <c>ObjectiveGradient</c>.
/// </summary>
/// <remarks>
/// Layout (ADBench's): <c>mainParams</c> holds per layer 8·b values: the weights of the forget, input,
/// output and change gates (b each), then their biases; <c>extraParams</c> the input weights, output
/// weights and output biases (b each); <c>initialState</c> per layer the hidden then the cell state
/// (b each, constant: the objective works on a copy); <c>sequence</c> c characters of b values.
/// ADBench's log-sum-exp adds 2 to the sum of exponentials; so does this one, to match its values.
/// </remarks>
public static partial class Lstm
{
    [Differentiable]
    public static double Objective(
        int layers, int b,
        ReadOnlySpan<double> mainParams, ReadOnlySpan<double> extraParams,
        [NoDiff] ReadOnlySpan<double> initialState, [NoDiff] ReadOnlySpan<double> sequence)
    {
        int c = sequence.Length / b;
        Span<double> state = stackalloc double[2 * layers * b];
        for (int i = 0; i < state.Length; i++)
        {
            state[i] = initialState[i];
        }

        Span<double> prediction = stackalloc double[b];
        double total = 0.0;
        int count = 0;
        for (int t = 0; t < c - 1; t++)
        {
            for (int i = 0; i < b; i++)
            {
                prediction[i] = sequence[t * b + i] * extraParams[i];
            }

            for (int layer = 0; layer < layers; layer++)
            {
                int weights = 8 * b * layer;
                int biases = weights + 4 * b;
                int hidden = 2 * b * layer;
                int cell = hidden + b;
                for (int i = 0; i < b; i++)
                {
                    // The first layer reads the scaled input, the others the hidden state below.
                    double input = layer == 0 ? prediction[i] : state[hidden - 2 * b + i];
                    double forget = Sigmoid(input * mainParams[weights + i] + mainParams[biases + i]);
                    double inGate = Sigmoid(state[hidden + i] * mainParams[weights + b + i] + mainParams[biases + b + i]);
                    double outGate = Sigmoid(input * mainParams[weights + 2 * b + i] + mainParams[biases + 2 * b + i]);
                    double change = Math.Tanh(state[hidden + i] * mainParams[weights + 3 * b + i] + mainParams[biases + 3 * b + i]);
                    state[cell + i] = state[cell + i] * forget + inGate * change;
                    state[hidden + i] = outGate * Math.Tanh(state[cell + i]);
                }
            }

            int top = 2 * b * (layers - 1);
            double sumExp = 0.0;
            for (int i = 0; i < b; i++)
            {
                prediction[i] = state[top + i] * extraParams[b + i] + extraParams[2 * b + i];
                sumExp += Math.Exp(prediction[i]);
            }

            double logSumExp = Math.Log(sumExp + 2.0);
            for (int i = 0; i < b; i++)
            {
                total += sequence[(t + 1) * b + i] * (prediction[i] - logSumExp);
            }

            count += b;
        }

        return -total / count;
    }

    [Differentiable]
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
