using System;

namespace SymbolicDiff.Objectives;

/// <summary>
/// A hand-written gradient of <see cref="Lstm.Objective"/> by back-propagation through time. The
/// forward pass saves the state (hidden and cell of every layer) before each step in a workspace the
/// caller owns; the backward pass walks the steps in reverse, recomputes each cell's gates from the
/// saved state and runs their chain rule. Every cell index i is independent of the others except
/// through the output's log-sum-exp, so all adjoints are per-element scalars. The gradient is overwritten.
/// </summary>
public static class LstmHandWritten
{
    /// <summary>Doubles of workspace <see cref="ObjectiveGradient"/> needs: the state before every step and after the last.</summary>
    public static int WorkspaceLength(int layers, int b, int c) => 2 * layers * b * c;

    public static double ObjectiveGradient(
        int layers, int b,
        ReadOnlySpan<double> mainParams, ReadOnlySpan<double> extraParams,
        ReadOnlySpan<double> initialState, ReadOnlySpan<double> sequence,
        Span<double> workspace, Span<double> dMain, Span<double> dExtra)
    {
        int c = sequence.Length / b;
        int stateLength = 2 * layers * b;
        Span<double> states = workspace[..(stateLength * c)];
        dMain = dMain[..(8 * b * layers)];
        dExtra = dExtra[..(3 * b)];
        dMain.Clear();
        dExtra.Clear();
        initialState[..stateLength].CopyTo(states);

        // Forward: states[t] is the state before step t (t = 0 … c − 2), states[c − 1] the last.
        Span<double> prediction = stackalloc double[b];
        double total = 0.0;
        for (int t = 0; t < c - 1; t++)
        {
            Span<double> state = states.Slice((t + 1) * stateLength, stateLength);
            states.Slice(t * stateLength, stateLength).CopyTo(state);
            for (int layer = 0; layer < layers; layer++)
            {
                int weights = 8 * b * layer, hidden = 2 * b * layer;
                for (int i = 0; i < b; i++)
                {
                    double input = layer == 0 ? sequence[t * b + i] * extraParams[i] : state[hidden - 2 * b + i];
                    Gates(mainParams, weights, b, i, input, state[hidden + i], out double forget, out double inGate, out double outGate, out double change);
                    double cell = state[hidden + b + i] * forget + inGate * change;
                    state[hidden + b + i] = cell;
                    state[hidden + i] = outGate * Math.Tanh(cell);
                }
            }

            total += OutputTerm(extraParams, state, layers, b, sequence.Slice((t + 1) * b, b), prediction, out _);
        }

        int count = (c - 1) * b;

        // Backward: gHidden/gCell hold the adjoints of the state after the step being reversed.
        Span<double> gHidden = stackalloc double[layers * b];
        Span<double> gCell = stackalloc double[layers * b];
        gHidden.Clear();
        gCell.Clear();
        for (int t = c - 2; t >= 0; t--)
        {
            ReadOnlySpan<double> before = states.Slice(t * stateLength, stateLength);
            ReadOnlySpan<double> after = states.Slice((t + 1) * stateLength, stateLength);
            ReadOnlySpan<double> next = sequence.Slice((t + 1) * b, b);

            // loss term −(1/count)·Σ next_i (y_i − lse): ∂/∂y_i = −(next_i − Σnext · e^{y_i} / (Σe^y + 2)) / count.
            OutputTerm(extraParams, after, layers, b, next, prediction, out double sumExp);
            double nextSum = 0.0;
            for (int i = 0; i < b; i++) nextSum += next[i];
            int top = 2 * b * (layers - 1);
            for (int i = 0; i < b; i++)
            {
                double dy = -(next[i] - nextSum * Math.Exp(prediction[i]) / (sumExp + 2.0)) / count;
                dExtra[b + i] += dy * after[top + i];
                dExtra[2 * b + i] += dy;
                gHidden[(layers - 1) * b + i] += dy * extraParams[b + i];
            }

            for (int layer = layers - 1; layer >= 0; layer--)
            {
                int weights = 8 * b * layer, biases = weights + 4 * b, hidden = 2 * b * layer;
                for (int i = 0; i < b; i++)
                {
                    double input = layer == 0 ? sequence[t * b + i] * extraParams[i] : after[hidden - 2 * b + i];
                    double hiddenBefore = before[hidden + i], cellBefore = before[hidden + b + i];
                    Gates(mainParams, weights, b, i, input, hiddenBefore, out double forget, out double inGate, out double outGate, out double change);
                    double tanhCell = Math.Tanh(after[hidden + b + i]);

                    double gH = gHidden[layer * b + i];
                    double gC = gCell[layer * b + i] + gH * outGate * (1.0 - tanhCell * tanhCell);
                    double dForget = gC * cellBefore * forget * (1.0 - forget);
                    double dIn = gC * change * inGate * (1.0 - inGate);
                    double dOut = gH * tanhCell * outGate * (1.0 - outGate);
                    double dChange = gC * inGate * (1.0 - change * change);

                    dMain[weights + i] += dForget * input;
                    dMain[weights + b + i] += dIn * hiddenBefore;
                    dMain[weights + 2 * b + i] += dOut * input;
                    dMain[weights + 3 * b + i] += dChange * hiddenBefore;
                    dMain[biases + i] += dForget;
                    dMain[biases + b + i] += dIn;
                    dMain[biases + 2 * b + i] += dOut;
                    dMain[biases + 3 * b + i] += dChange;

                    double gInput = dForget * mainParams[weights + i] + dOut * mainParams[weights + 2 * b + i];
                    if (layer == 0)
                    {
                        dExtra[i] += gInput * sequence[t * b + i];
                    }
                    else
                    {
                        gHidden[(layer - 1) * b + i] += gInput;
                    }

                    gHidden[layer * b + i] = dIn * mainParams[weights + b + i] + dChange * mainParams[weights + 3 * b + i];
                    gCell[layer * b + i] = gC * forget;
                }
            }
        }

        return -total / count;
    }

    /// <summary>The four gates of cell <paramref name="i"/> of the layer whose weights start at <paramref name="weights"/>.</summary>
    private static void Gates(
        ReadOnlySpan<double> mainParams, int weights, int b, int i, double input, double hidden,
        out double forget, out double inGate, out double outGate, out double change)
    {
        int biases = weights + 4 * b;
        forget = Sigmoid(input * mainParams[weights + i] + mainParams[biases + i]);
        inGate = Sigmoid(hidden * mainParams[weights + b + i] + mainParams[biases + b + i]);
        outGate = Sigmoid(input * mainParams[weights + 2 * b + i] + mainParams[biases + 2 * b + i]);
        change = Math.Tanh(hidden * mainParams[weights + 3 * b + i] + mainParams[biases + 3 * b + i]);
    }

    /// <summary>
    /// The prediction from the top layer's hidden state (into <paramref name="prediction"/>) and its
    /// log-likelihood term Σ next_i (y_i − log(Σe^y + 2)); <paramref name="sumExp"/> is Σe^y.
    /// </summary>
    private static double OutputTerm(
        ReadOnlySpan<double> extraParams, ReadOnlySpan<double> state, int layers, int b,
        ReadOnlySpan<double> next, Span<double> prediction, out double sumExp)
    {
        int top = 2 * b * (layers - 1);
        sumExp = 0.0;
        for (int i = 0; i < b; i++)
        {
            prediction[i] = state[top + i] * extraParams[b + i] + extraParams[2 * b + i];
            sumExp += Math.Exp(prediction[i]);
        }

        double logSumExp = Math.Log(sumExp + 2.0);
        double term = 0.0;
        for (int i = 0; i < b; i++)
        {
            term += next[i] * (prediction[i] - logSumExp);
        }

        return term;
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
