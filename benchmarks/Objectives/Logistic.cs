using System;

namespace SymbolicDiff.Objectives;

/// <summary>
/// Logistic regression: the mean negative log-likelihood of labels y ∈ {0, 1} under
/// P(y = 1 | x) = σ(w·x + b), i.e. mean of log(1 + e^z) − y·z with z = w·x + b. Ordinary C#; the
/// generator writes <c>LossGradient</c>.
/// </summary>
public static partial class Logistic
{
    /// <param name="features">n rows of <c>weights.Length</c> features.</param>
    /// <param name="labels">n labels, 0 or 1.</param>
    [Differentiable]
    public static double Loss(
        ReadOnlySpan<double> weights, double bias,
        [NoDiff] ReadOnlySpan<double> features, [NoDiff] ReadOnlySpan<double> labels)
    {
        int d = weights.Length;
        int n = labels.Length;
        double loss = 0.0;
        for (int i = 0; i < n; i++)
        {
            double z = bias;
            for (int j = 0; j < d; j++)
            {
                z += weights[j] * features[i * d + j];
            }

            loss += Math.Log(1.0 + Math.Exp(z)) - labels[i] * z;
        }

        return loss / n;
    }

    /// <summary>
    /// A seeded data set: n points of d features uniform in [−1, 1], labelled 1 with probability
    /// σ(w*·x + 0.5) for fixed true weights w*_j = (−1)^j·(1 + j/d).
    /// </summary>
    public static (double[] Features, double[] Labels) Data(int n, int d, int seed = 3)
    {
        var random = new Random(seed);
        double[] features = new double[n * d];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = 0.5;
            for (int j = 0; j < d; j++)
            {
                double x = 2.0 * random.NextDouble() - 1.0;
                features[i * d + j] = x;
                z += (j % 2 == 0 ? 1.0 : -1.0) * (1.0 + (double)j / d) * x;
            }

            labels[i] = random.NextDouble() < 1.0 / (1.0 + Math.Exp(-z)) ? 1.0 : 0.0;
        }

        return (features, labels);
    }
}
