using System;

namespace SymbolicDiff.Samples.CurveFit;

/// <summary>
/// The functions, written as plain C#: the generator adds <c>Misra1aResidualsJacobian</c>,
/// <c>ThurberResidualsJacobian</c> (forward mode: one column per parameter, since the parameters
/// are fewer than the residuals) and <c>RosenbrockHessian</c>.
/// </summary>
public static partial class Models
{
    /// <summary>Misra1a's residuals rᵢ = b1·(1 − exp(−b2·xᵢ)) − yᵢ.</summary>
    [Differentiable(Derivatives.Forward)]
    public static void Misra1aResiduals(ReadOnlySpan<double> b, [NoDiff] ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> y, Span<double> residuals)
    {
        for (int i = 0; i < x.Length; i++)
        {
            residuals[i] = b[0] * (1 - Math.Exp(-b[1] * x[i])) - y[i];
        }
    }

    /// <summary>Thurber's residuals: a cubic over a cubic in xᵢ, minus yᵢ.</summary>
    [Differentiable(Derivatives.Forward)]
    public static void ThurberResiduals(ReadOnlySpan<double> b, [NoDiff] ReadOnlySpan<double> x, [NoDiff] ReadOnlySpan<double> y, Span<double> residuals)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double t = x[i];
            double numerator = b[0] + t * (b[1] + t * (b[2] + t * b[3]));
            double denominator = 1 + t * (b[4] + t * (b[5] + t * b[6]));
            residuals[i] = numerator / denominator - y[i];
        }
    }

    /// <summary>The extended Rosenbrock function Σ 100·(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², minimum 0 at (1, …, 1).</summary>
    [Differentiable(Derivatives.Hessian)]
    public static double Rosenbrock(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double valley = x[i + 1] - x[i] * x[i];
            double offset = 1 - x[i];
            sum += 100 * valley * valley + offset * offset;
        }

        return sum;
    }
}
