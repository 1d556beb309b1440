using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using SymbolicDiff.Nn;

namespace SymbolicDiff.Optim;

/// <summary>Gradient clipping, applied between the backward pass and the optimizer step.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients together so that their joint L2 norm is at most <paramref name="maxNorm"/>
    /// (PyTorch's <c>clip_grad_norm_</c>: multiplied by <c>maxNorm / (norm + 1e-6)</c> when the norm
    /// exceeds <paramref name="maxNorm"/>); the direction is kept.
    /// </summary>
    /// <param name="parameters">The parameters whose <see cref="Parameter.Gradient"/> are clipped.</param>
    /// <param name="maxNorm">The largest allowed norm (&gt; 0, finite).</param>
    /// <returns>The norm before clipping.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive and finite.</exception>
    /// <exception cref="ArgumentException">A gradient contains NaN or an infinity (the message names the parameter).</exception>
    public static double ClipByNorm(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0 && double.IsFinite(maxNorm)))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "maxNorm must be positive and finite.");
        }

        double sumOfSquares = 0;
        foreach (Parameter parameter in parameters)
        {
            double squares = TensorPrimitives.SumOfSquares<double>(parameter.Gradient);
            if (!double.IsFinite(squares))
            {
                throw new ArgumentException($"The gradient of {parameter} is not finite; it cannot be clipped.", nameof(parameters));
            }

            sumOfSquares += squares;
        }

        double norm = Math.Sqrt(sumOfSquares);
        if (norm > maxNorm)
        {
            double scale = maxNorm / (norm + 1e-6);
            foreach (Parameter parameter in parameters)
            {
                TensorPrimitives.Multiply(parameter.Gradient, scale, parameter.Gradient);
            }
        }

        return norm;
    }
}
