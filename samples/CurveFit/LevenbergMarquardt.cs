using System;

namespace SymbolicDiff.Samples.CurveFit;

/// <summary>Writes the residuals r(b) of a least-squares problem.</summary>
public delegate void Residuals(ReadOnlySpan<double> parameters, Span<double> residuals);

/// <summary>Writes the residuals r(b) and their Jacobian ∂r/∂b (residuals × parameters, row-major).</summary>
public delegate void ResidualsJacobian(ReadOnlySpan<double> parameters, Span<double> residuals, Span<double> jacobian);

/// <summary>How a Levenberg–Marquardt run ended.</summary>
/// <param name="Iterations">Accepted steps.</param>
/// <param name="Evaluations">Residual evaluations (accepted and rejected trial points).</param>
/// <param name="ResidualSumOfSquares">‖r(b)‖² at the returned parameters.</param>
public readonly record struct FitResult(int Iterations, int Evaluations, double ResidualSumOfSquares, bool Converged);

/// <summary>
/// Levenberg–Marquardt for min ‖r(b)‖²: each step solves the damped Gauss–Newton problem
/// (JᵀJ + λ·D²)·δ = −Jᵀr, with D the Jacobian's column norms (Marquardt's scaling, which makes λ
/// independent of the parameters' units: Thurber's run from 0.03 to 1,500), by QR of the stacked
/// matrix [J; √λ·D]. λ follows the gain ratio (actual ÷ predicted decrease) as in Nielsen's rule:
/// it shrinks smoothly after good steps and doubles its growth after each rejected one.
/// <para>
/// Near the minimum the cost is flat: a step that fixes the 9th digit of the parameters changes
/// the cost in its 17th, below rounding, so comparing costs cannot tell a better point from a worse
/// one. The run therefore ends with undamped Gauss–Newton steps, judged by their length instead:
/// they continue while each is clearly shorter than the last (the iteration still contracts) and
/// stop when the step stops shrinking, that is, when it is rounding noise.
/// </para>
/// </summary>
public static class LevenbergMarquardt
{
    /// <summary>
    /// Minimizes ‖r(b)‖² from the starting point in <paramref name="parameters"/>, which is
    /// overwritten with the solution. Stops when a step changes the scaled parameters by less than
    /// <paramref name="stepTolerance"/> relative to their size.
    /// </summary>
    public static FitResult Minimize(
        Residuals residuals,
        ResidualsJacobian residualsJacobian,
        Span<double> parameters,
        int residualCount,
        int maxIterations = 500,
        double stepTolerance = 1e-15)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        ArgumentNullException.ThrowIfNull(residualsJacobian);
        ArgumentOutOfRangeException.ThrowIfLessThan(residualCount, parameters.Length, nameof(residualCount));

        int m = residualCount, n = parameters.Length;
        var r = new double[m];
        var jacobian = new double[m * n];
        var trial = new double[n];
        var trialResiduals = new double[m];
        var step = new double[n];
        var scale = new double[n];
        var stacked = new double[(m + n) * n];
        var right = new double[m + n];

        residualsJacobian(parameters, r, jacobian);
        double cost = SumOfSquares(r);
        int evaluations = 1;
        double lambda = 1e-3, growth = 2;
        for (int iteration = 0; iteration < maxIterations;)
        {
            UpdateScale(jacobian, m, n, scale);
            Stack(jacobian, r, scale, lambda, m, n, stacked, right);
            LeastSquares.Solve(stacked, m + n, n, right, step);

            if (ScaledNorm(step, scale) <= stepTolerance * (ScaledNorm(parameters, scale) + stepTolerance))
            {
                return Polish(residuals, residualsJacobian, parameters, r, jacobian, scale, stacked, right, step, iteration, evaluations);
            }

            for (int j = 0; j < n; j++)
            {
                trial[j] = parameters[j] + step[j];
            }

            residuals(trial, trialResiduals);
            evaluations++;
            double trialCost = SumOfSquares(trialResiduals);
            double predicted = cost - LinearizedCost(jacobian, r, step, m, n);
            double gain = predicted > 0 ? (cost - trialCost) / predicted : -1;
            if (trialCost < cost && gain > 0)
            {
                trial.CopyTo(parameters);
                residualsJacobian(parameters, r, jacobian);
                cost = SumOfSquares(r);
                double shrink = 2 * gain - 1;
                lambda *= Math.Max(1.0 / 3, 1 - shrink * shrink * shrink);
                growth = 2;
                iteration++;
            }
            else
            {
                lambda *= growth;
                growth *= 2;
                if (double.IsInfinity(lambda))
                {
                    // No step of any length decreases the cost: the parameters are a minimum to
                    // within the cost's rounding.
                    return Polish(residuals, residualsJacobian, parameters, r, jacobian, scale, stacked, right, step, iteration, evaluations);
                }
            }
        }

        return new FitResult(maxIterations, evaluations, cost, Converged: false);
    }

    // Undamped Gauss–Newton steps from the point where the cost stopped telling points apart.
    private static FitResult Polish(Residuals residuals, ResidualsJacobian residualsJacobian, Span<double> parameters,
                                    double[] r, double[] jacobian, double[] scale, double[] stacked, double[] right,
                                    double[] step, int iterations, int evaluations)
    {
        int m = r.Length, n = parameters.Length;
        double previous = double.PositiveInfinity;
        for (int polish = 0; polish < MaxPolishSteps; polish++)
        {
            Stack(jacobian, r, scale, lambda: 0, m, n, stacked, right);
            LeastSquares.Solve(stacked.AsSpan(0, m * n), m, n, right, step);
            double length = ScaledNorm(step, scale);
            if (!(length < ContractionFactor * previous))
            {
                break;
            }

            previous = length;
            for (int j = 0; j < n; j++)
            {
                parameters[j] += step[j];
            }

            residualsJacobian(parameters, r, jacobian);
            evaluations++;
            iterations++;
        }

        residuals(parameters, r);
        return new FitResult(iterations, evaluations + 1, SumOfSquares(r), Converged: true);
    }

    // A Gauss–Newton step counts as progress while it is at most this fraction of the previous one.
    private const double ContractionFactor = 0.5;

    // Gauss–Newton converges at least linearly here; 20 halvings take a 1e-9 error below rounding.
    private const int MaxPolishSteps = 30;

    private static double SumOfSquares(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v * v;
        }

        return sum;
    }

    // Marquardt's scaling, never decreasing (Moré 1978): a column that shrinks near the solution
    // keeps the damping it had.
    private static void UpdateScale(ReadOnlySpan<double> jacobian, int m, int n, Span<double> scale)
    {
        for (int j = 0; j < n; j++)
        {
            double norm = 0;
            for (int i = 0; i < m; i++)
            {
                norm = double.Hypot(norm, jacobian[i * n + j]);
            }

            scale[j] = Math.Max(scale[j], norm);
        }
    }

    // [J; √λ·D] and [−r; 0]: the least-squares problem whose solution is the damped step.
    private static void Stack(ReadOnlySpan<double> jacobian, ReadOnlySpan<double> r, ReadOnlySpan<double> scale, double lambda,
                              int m, int n, Span<double> stacked, Span<double> right)
    {
        jacobian.CopyTo(stacked);
        stacked[(m * n)..].Clear();
        double root = Math.Sqrt(lambda);
        for (int j = 0; j < n; j++)
        {
            stacked[(m + j) * n + j] = root * scale[j];
        }

        for (int i = 0; i < m; i++)
        {
            right[i] = -r[i];
        }

        right[m..].Clear();
    }

    // ‖r + J·δ‖²: the cost the linear model predicts after the step.
    private static double LinearizedCost(ReadOnlySpan<double> jacobian, ReadOnlySpan<double> r, ReadOnlySpan<double> step, int m, int n)
    {
        double sum = 0;
        for (int i = 0; i < m; i++)
        {
            double value = r[i];
            for (int j = 0; j < n; j++)
            {
                value += jacobian[i * n + j] * step[j];
            }

            sum += value * value;
        }

        return sum;
    }

    private static double ScaledNorm(ReadOnlySpan<double> values, ReadOnlySpan<double> scale)
    {
        double norm = 0;
        for (int j = 0; j < values.Length; j++)
        {
            norm = double.Hypot(norm, scale[j] * values[j]);
        }

        return norm;
    }
}
