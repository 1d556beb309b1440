using System;

namespace SymbolicDiff.Objectives;

/// <summary>
/// A careful hand-written gradient of <see cref="Logistic.Loss"/>: one pass; per point one exponential
/// serves the loss and σ(z) = e^z / (1 + e^z); ∂/∂z = σ(z) − y is spread over the weights. The
/// gradient is overwritten.
/// </summary>
public static class LogisticHandWritten
{
    public static double LossGradient(
        ReadOnlySpan<double> weights, double bias, ReadOnlySpan<double> features, ReadOnlySpan<double> labels,
        Span<double> dWeights, out double dBias)
    {
        int d = weights.Length;
        int n = labels.Length;
        dWeights = dWeights[..d];
        dWeights.Clear();
        double loss = 0.0, gBias = 0.0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> x = features.Slice(i * d, d);
            double z = bias;
            for (int j = 0; j < d; j++)
            {
                z += weights[j] * x[j];
            }

            double e = Math.Exp(z);
            loss += Math.Log(1.0 + e) - labels[i] * z;
            double g = e / (1.0 + e) - labels[i];
            gBias += g;
            for (int j = 0; j < d; j++)
            {
                dWeights[j] += g * x[j];
            }
        }

        double inverse = 1.0 / n;
        for (int j = 0; j < d; j++)
        {
            dWeights[j] *= inverse;
        }

        dBias = gBias * inverse;
        return loss * inverse;
    }
}
