using System;

namespace SymbolicDiff.Objectives;

/// <summary>
/// A careful hand-written gradient of <see cref="Gmm.Objective"/>: one pass over the points. Per point it
/// keeps each component's x − μ and Q(x − μ) (k·d values each), forms the responsibilities
/// r = softmax(terms) once, and back-propagates through Q(x − μ) with the transpose of Q. The
/// per-point Σ r of the log-diagonal terms is the same as ∂/∂α before the −n·lse(α) term, so it is
/// added to the diagonals once at the end. Scalar loops, no SIMD; the gradients are overwritten.
/// </summary>
public static class GmmHandWritten
{
    public static double Gradient(
        int d, int k,
        ReadOnlySpan<double> alphas, ReadOnlySpan<double> means, ReadOnlySpan<double> icf,
        ReadOnlySpan<double> x, double wishartGamma, int wishartM,
        Span<double> dAlphas, Span<double> dMeans, Span<double> dIcf)
    {
        int n = x.Length / d;
        int icfSize = d * (d + 1) / 2;
        dAlphas = dAlphas[..k];
        dMeans = dMeans[..(k * d)];
        dIcf = dIcf[..(k * icfSize)];
        dAlphas.Clear();
        dMeans.Clear();
        dIcf.Clear();

        Span<double> qDiagonals = stackalloc double[d * k];
        Span<double> sumLogDiagonals = stackalloc double[k];
        for (int c = 0; c < k; c++)
        {
            double sum = 0.0;
            for (int i = 0; i < d; i++)
            {
                sum += icf[c * icfSize + i];
                qDiagonals[c * d + i] = Math.Exp(icf[c * icfSize + i]);
            }

            sumLogDiagonals[c] = sum;
        }

        Span<double> centered = stackalloc double[d * k];
        Span<double> mahalanobis = stackalloc double[d * k];
        Span<double> exps = stackalloc double[k];
        Span<double> dMahalanobis = stackalloc double[d];
        double sumLogSumExp = 0.0;
        for (int p = 0; p < n; p++)
        {
            ReadOnlySpan<double> point = x.Slice(p * d, d);
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                Span<double> z = centered.Slice(c * d, d);
                Span<double> y = mahalanobis.Slice(c * d, d);
                ReadOnlySpan<double> q = qDiagonals.Slice(c * d, d);
                ReadOnlySpan<double> mean = means.Slice(c * d, d);
                for (int i = 0; i < d; i++)
                {
                    z[i] = point[i] - mean[i];
                    y[i] = q[i] * z[i];
                }

                int lower = c * icfSize + d;
                for (int i = 0; i < d; i++)
                {
                    for (int j = i + 1; j < d; j++)
                    {
                        y[j] += icf[lower++] * z[i];
                    }
                }

                double squaredNorm = 0.0;
                for (int i = 0; i < d; i++)
                {
                    squaredNorm += y[i] * y[i];
                }

                exps[c] = alphas[c] + sumLogDiagonals[c] - 0.5 * squaredNorm;
                max = Math.Max(max, exps[c]);
            }

            double sumExp = 0.0;
            for (int c = 0; c < k; c++)
            {
                exps[c] = Math.Exp(exps[c] - max);
                sumExp += exps[c];
            }

            sumLogSumExp += Math.Log(sumExp) + max;
            double inverse = 1.0 / sumExp;
            for (int c = 0; c < k; c++)
            {
                double responsibility = exps[c] * inverse;
                dAlphas[c] += responsibility;
                ReadOnlySpan<double> z = centered.Slice(c * d, d);
                ReadOnlySpan<double> y = mahalanobis.Slice(c * d, d);
                ReadOnlySpan<double> q = qDiagonals.Slice(c * d, d);
                for (int i = 0; i < d; i++)
                {
                    dMahalanobis[i] = -responsibility * y[i];
                }

                // y = Q z: ∂/∂Q_ii = dy_i·z_i (times Q_ii for the log), ∂/∂L_ji = dy_j·z_i, ∂/∂z = Qᵀ dy.
                int offset = c * icfSize;
                int lower = offset + d;
                for (int i = 0; i < d; i++)
                {
                    double dz = q[i] * dMahalanobis[i];
                    dIcf[offset + i] += dz * z[i];
                    for (int j = i + 1; j < d; j++)
                    {
                        dIcf[lower] += dMahalanobis[j] * z[i];
                        dz += icf[lower] * dMahalanobis[j];
                        lower++;
                    }

                    dMeans[c * d + i] -= dz;
                }
            }
        }

        // −n·lse(α) and the log-diagonal terms (Σ_p r_pc per diagonal entry, which dAlphas holds now).
        double maxAlpha = double.NegativeInfinity;
        for (int c = 0; c < k; c++)
        {
            maxAlpha = Math.Max(maxAlpha, alphas[c]);
        }

        double sumAlphaExp = 0.0;
        for (int c = 0; c < k; c++)
        {
            sumAlphaExp += Math.Exp(alphas[c] - maxAlpha);
        }

        double logSumExpAlphas = Math.Log(sumAlphaExp) + maxAlpha;

        // The Wishart prior: ½γ²‖Q‖²_F − m·Σ log diag(Q) per component.
        double gammaSquared = wishartGamma * wishartGamma;
        double prior = 0.0;
        for (int c = 0; c < k; c++)
        {
            double frobenius = 0.0;
            int offset = c * icfSize;
            for (int i = 0; i < d; i++)
            {
                double q = qDiagonals[c * d + i];
                frobenius += q * q;
                dIcf[offset + i] += dAlphas[c] + gammaSquared * q * q - wishartM;
            }

            for (int i = d; i < icfSize; i++)
            {
                double l = icf[offset + i];
                frobenius += l * l;
                dIcf[offset + i] += gammaSquared * l;
            }

            prior += 0.5 * gammaSquared * frobenius - wishartM * sumLogDiagonals[c];
            dAlphas[c] -= n * Math.Exp(alphas[c] - logSumExpAlphas);
        }

        int degrees = d + wishartM + 1;
        double normalising = degrees * d * (Math.Log(wishartGamma) - 0.5 * Math.Log(2)) - LogGamma.Multivariate(0.5 * degrees, d);
        double constant = -n * d * 0.5 * Math.Log(2 * Math.PI);
        return constant + sumLogSumExp - n * logSumExpAlphas + prior - k * normalising;
    }
}
