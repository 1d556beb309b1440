using System;

namespace SymbolicDiff.Objectives;

/// <summary>
/// ADBench's Gaussian mixture model objective: the negative log-likelihood of n points of dimension d
/// under k Gaussians, with a Wishart prior on the inverse covariances. Written as ordinary C# from the
/// ADBench definition; the generator writes <c>ObjectiveGradient</c>.
/// </summary>
/// <remarks>
/// Parameters (ADBench's layout): <c>alphas</c> — k unnormalised log mixture weights; <c>means</c> — k·d;
/// <c>icf</c> — per component d(d+1)/2 inverse covariance factors: first the logs of the diagonal of the
/// lower-triangular factor Q (Σ⁻¹ = QᵀQ), then its strictly lower part column by column; <c>x</c> — n·d
/// points (constant); the Wishart prior's γ and m (constants).
/// </remarks>
public static partial class Gmm
{
    [Differentiable]
    public static double Objective(
        int d, int k,
        ReadOnlySpan<double> alphas, ReadOnlySpan<double> means, ReadOnlySpan<double> icf,
        [NoDiff] ReadOnlySpan<double> x, [NoDiff] double wishartGamma, int wishartM)
    {
        int n = x.Length / d;
        int icfSize = d * (d + 1) / 2;

        // The diagonals of the Q factors and the sums of their logs, once.
        Span<double> qDiagonals = stackalloc double[d * k];
        Span<double> sumLogDiagonals = stackalloc double[k];
        for (int c = 0; c < k; c++)
        {
            double sum = 0.0;
            for (int i = 0; i < d; i++)
            {
                double logDiagonal = icf[c * icfSize + i];
                sum += logDiagonal;
                qDiagonals[c * d + i] = Math.Exp(logDiagonal);
            }

            sumLogDiagonals[c] = sum;
        }

        Span<double> centered = stackalloc double[d];
        Span<double> mahalanobis = stackalloc double[d];
        Span<double> terms = stackalloc double[k];
        double sumLogSumExp = 0.0;
        for (int p = 0; p < n; p++)
        {
            for (int c = 0; c < k; c++)
            {
                // Q·(x − μ): the diagonal, then the strictly lower part column by column.
                for (int i = 0; i < d; i++)
                {
                    centered[i] = x[p * d + i] - means[c * d + i];
                    mahalanobis[i] = qDiagonals[c * d + i] * centered[i];
                }

                int lower = c * icfSize + d;
                for (int i = 0; i < d; i++)
                {
                    for (int j = i + 1; j < d; j++)
                    {
                        mahalanobis[j] += icf[lower] * centered[i];
                        lower++;
                    }
                }

                double squaredNorm = 0.0;
                for (int i = 0; i < d; i++)
                {
                    squaredNorm += mahalanobis[i] * mahalanobis[i];
                }

                terms[c] = alphas[c] + sumLogDiagonals[c] - 0.5 * squaredNorm;
            }

            sumLogSumExp += LogSumExp(terms);
        }

        double constant = -n * d * 0.5 * Math.Log(2 * Math.PI);
        return constant + sumLogSumExp - n * LogSumExp(alphas)
            + LogWishartPrior(d, k, qDiagonals, sumLogDiagonals, icf, wishartGamma, wishartM);
    }

    /// <summary>log Σ exp(v[i]), shifted by the maximum so that no exponential overflows.</summary>
    [Differentiable]
    public static double LogSumExp(ReadOnlySpan<double> v)
    {
        double max = v[0];
        for (int i = 1; i < v.Length; i++)
        {
            max = Math.Max(max, v[i]);
        }

        double sum = 0.0;
        for (int i = 0; i < v.Length; i++)
        {
            sum += Math.Exp(v[i] - max);
        }

        return Math.Log(sum) + max;
    }

    /// <summary>
    /// The log of the Wishart prior (up to sign, as ADBench adds it to the negative log-likelihood):
    /// Σ_c ½γ²‖Q_c‖²_F − m·Σ log diag(Q_c), minus k times its normalising constant.
    /// </summary>
    [Differentiable]
    public static double LogWishartPrior(
        int d, int k,
        ReadOnlySpan<double> qDiagonals, ReadOnlySpan<double> sumLogDiagonals, ReadOnlySpan<double> icf,
        [NoDiff] double gamma, int m)
    {
        int icfSize = d * (d + 1) / 2;
        int degrees = d + m + 1;
        double normalising = degrees * d * (Math.Log(gamma) - 0.5 * Math.Log(2)) - LogGamma.Multivariate(0.5 * degrees, d);

        double prior = 0.0;
        for (int c = 0; c < k; c++)
        {
            double frobenius = 0.0;
            for (int i = 0; i < d; i++)
            {
                frobenius += qDiagonals[c * d + i] * qDiagonals[c * d + i];
            }

            for (int i = d; i < icfSize; i++)
            {
                frobenius += icf[c * icfSize + i] * icf[c * icfSize + i];
            }

            prior += 0.5 * gamma * gamma * frobenius - m * sumLogDiagonals[c];
        }

        return prior - k * normalising;
    }
}
