using System;

namespace SymbolicDiff.Samples.CurveFit;

/// <summary>
/// Linear least squares min ‖A·x − b‖ by Householder QR. Levenberg–Marquardt solves its damped
/// step this way rather than through the normal equations AᵀA·x = Aᵀb, which square the condition
/// number: Thurber's Jacobian is ill-conditioned enough that the normal equations would cost the
/// last digits NIST certifies.
/// </summary>
internal static class LeastSquares
{
    /// <summary>
    /// Solves min ‖A·x − b‖ for a full-column-rank <paramref name="a"/> (rows × columns, row-major,
    /// rows ≥ columns). Both <paramref name="a"/> and <paramref name="b"/> are overwritten (the
    /// factorization and Qᵀb); the solution goes into <paramref name="x"/>.
    /// </summary>
    public static void Solve(Span<double> a, int rows, int columns, Span<double> b, Span<double> x)
    {
        for (int k = 0; k < columns; k++)
        {
            // The Householder reflection that zeroes column k below the diagonal.
            double norm = 0;
            for (int i = k; i < rows; i++)
            {
                norm = double.Hypot(norm, a[i * columns + k]);
            }

            if (norm == 0)
            {
                throw new ArgumentException($"column {k} of the {rows}×{columns} matrix is zero after the earlier reflections: the matrix has no full column rank", nameof(a));
            }

            // Reflect onto −sign(a_kk)·norm so that v_k = a_kk + sign·norm does not cancel.
            double alpha = a[k * columns + k] > 0 ? -norm : norm;
            a[k * columns + k] -= alpha;
            double vNormSquared = 0;
            for (int i = k; i < rows; i++)
            {
                vNormSquared += a[i * columns + k] * a[i * columns + k];
            }

            for (int j = k + 1; j < columns; j++)
            {
                ReflectColumn(a, rows, columns, k, vNormSquared, column: j);
            }

            double dot = 0;
            for (int i = k; i < rows; i++)
            {
                dot += a[i * columns + k] * b[i];
            }

            double scale = 2 * dot / vNormSquared;
            for (int i = k; i < rows; i++)
            {
                b[i] -= scale * a[i * columns + k];
            }

            a[k * columns + k] = alpha; // R's diagonal; the rest of v is no longer needed
        }

        // Back substitution R·x = (Qᵀb)[0..columns).
        for (int k = columns - 1; k >= 0; k--)
        {
            double sum = b[k];
            for (int j = k + 1; j < columns; j++)
            {
                sum -= a[k * columns + j] * x[j];
            }

            x[k] = sum / a[k * columns + k];
        }
    }

    // Applies the reflection I − 2·v·vᵀ/‖v‖² held in column k (rows k…) to one later column.
    private static void ReflectColumn(Span<double> a, int rows, int columns, int k, double vNormSquared, int column)
    {
        double dot = 0;
        for (int i = k; i < rows; i++)
        {
            dot += a[i * columns + k] * a[i * columns + column];
        }

        double scale = 2 * dot / vNormSquared;
        for (int i = k; i < rows; i++)
        {
            a[i * columns + column] -= scale * a[i * columns + k];
        }
    }
}
