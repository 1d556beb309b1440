using System;

namespace SymbolicDiff.Samples.CurveFit;

/// <summary>Returns f(x) and writes its gradient and its Hessian (n × n, row-major).</summary>
public delegate double ValueGradientHessian(ReadOnlySpan<double> x, Span<double> gradient, Span<double> hessian);

/// <summary>How a Newton run ended.</summary>
/// <param name="Iterations">Newton steps taken.</param>
/// <param name="Value">f at the returned point.</param>
/// <param name="GradientNorm">‖∇f‖ at the returned point.</param>
public readonly record struct MinimizeResult(int Iterations, double Value, double GradientNorm, bool Converged);

/// <summary>
/// Newton's method with a backtracking line search: each step solves H·p = −∇f by Cholesky. Where
/// H is not positive definite (on Rosenbrock, away from the valley floor) the step uses H + μ·I
/// with the smallest μ, growing tenfold, that makes it so: then p is a descent direction.
/// </summary>
public static class NewtonMethod
{
    /// <summary>
    /// Minimizes f from the point in <paramref name="x"/>, which is overwritten with the solution;
    /// stops when ‖∇f‖ ≤ <paramref name="gradientTolerance"/>.
    /// </summary>
    public static MinimizeResult Minimize(ValueGradientHessian f, Span<double> x, int maxIterations = 200, double gradientTolerance = 1e-12)
    {
        ArgumentNullException.ThrowIfNull(f);
        int n = x.Length;
        var gradient = new double[n];
        var hessian = new double[n * n];
        var factor = new double[n * n];
        var step = new double[n];
        var trial = new double[n];
        var unusedGradient = new double[n];
        var unusedHessian = new double[n * n];

        double value = f(x, gradient, hessian);
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            double gradientNorm = Norm(gradient);
            if (gradientNorm <= gradientTolerance)
            {
                return new MinimizeResult(iteration, value, gradientNorm, Converged: true);
            }

            DampedNewtonStep(hessian, gradient, n, factor, step);

            // Backtracking (Armijo): halve the step until f decreases by a fraction of what the
            // slope promises.
            double slope = Dot(gradient, step);
            double t = 1;
            double trialValue;
            while (true)
            {
                for (int i = 0; i < n; i++)
                {
                    trial[i] = x[i] + t * step[i];
                }

                trialValue = f(trial, unusedGradient, unusedHessian);
                if (trialValue <= value + 1e-4 * t * slope || t < 1e-10)
                {
                    break;
                }

                t /= 2;
            }

            trial.CopyTo(x);
            value = f(x, gradient, hessian);
        }

        return new MinimizeResult(maxIterations, value, Norm(gradient), Converged: false);
    }

    // Solves (H + μI)·p = −g with the smallest μ ∈ {0, 1e-6·max|H_ii|, ×10, …} whose Cholesky succeeds.
    private static void DampedNewtonStep(ReadOnlySpan<double> hessian, ReadOnlySpan<double> gradient, int n, Span<double> factor, Span<double> step)
    {
        double largestDiagonal = 0;
        for (int i = 0; i < n; i++)
        {
            largestDiagonal = Math.Max(largestDiagonal, Math.Abs(hessian[i * n + i]));
        }

        for (double shift = 0; ; shift = shift == 0 ? 1e-6 * Math.Max(largestDiagonal, 1) : 10 * shift)
        {
            hessian.CopyTo(factor);
            for (int i = 0; i < n; i++)
            {
                factor[i * n + i] += shift;
            }

            if (Cholesky(factor, n))
            {
                SolveCholesky(factor, n, gradient, step);
                for (int i = 0; i < n; i++)
                {
                    step[i] = -step[i];
                }

                return;
            }
        }
    }

    // In place A = L·Lᵀ (L in the lower triangle); false if A is not positive definite.
    private static bool Cholesky(Span<double> a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double diagonal = a[j * n + j];
            for (int k = 0; k < j; k++)
            {
                diagonal -= a[j * n + k] * a[j * n + k];
            }

            if (!(diagonal > 0))
            {
                return false;
            }

            double root = Math.Sqrt(diagonal);
            a[j * n + j] = root;
            for (int i = j + 1; i < n; i++)
            {
                double sum = a[i * n + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= a[i * n + k] * a[j * n + k];
                }

                a[i * n + j] = sum / root;
            }
        }

        return true;
    }

    // Solves L·Lᵀ·x = b by forward and back substitution.
    private static void SolveCholesky(ReadOnlySpan<double> l, int n, ReadOnlySpan<double> b, Span<double> x)
    {
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++)
            {
                sum -= l[i * n + k] * x[k];
            }

            x[i] = sum / l[i * n + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double sum = x[i];
            for (int k = i + 1; k < n; k++)
            {
                sum -= l[k * n + i] * x[k];
            }

            x[i] = sum / l[i * n + i];
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double Norm(ReadOnlySpan<double> v) => Math.Sqrt(Dot(v, v));
}
