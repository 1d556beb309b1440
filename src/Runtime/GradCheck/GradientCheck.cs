using System;
using System.Collections.Generic;
using System.Numerics.Tensors;
using SymbolicDiff.Nn;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.GradCheck;

/// <summary>
/// Numerical gradient checking as in the cs231n notes: central differences
/// <c>(f(x + h) − f(x − h)) / 2h</c> compared with an analytic gradient by the relative error
/// <c>|a − n| / max(|a|, |n|)</c>. In double precision a correct gradient away from kinks gives
/// relative errors around 1e-7 or less; the tests require &lt; 1e-6.
/// </summary>
public static class GradientCheck
{
    /// <summary>The default difference step h, as in the cs231n notes.</summary>
    public const double DefaultStep = 1e-5;

    /// <summary><c>|a − n| / max(|a|, |n|)</c>, defined as 0 when both are exactly 0.</summary>
    public static double RelativeError(double analytic, double numeric)
    {
        double scale = Math.Max(Math.Abs(analytic), Math.Abs(numeric));
        return scale == 0 ? 0 : Math.Abs(analytic - numeric) / scale;
    }

    /// <summary>
    /// Central differences of <paramref name="function"/> with respect to every entry of
    /// <paramref name="point"/>. Each entry is perturbed in place and restored, so
    /// <paramref name="function"/> must read <paramref name="point"/> (for example a closure over
    /// it, or a loss that reads a layer's <see cref="Parameter.Value"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="gradient"/> is not as long as <paramref name="point"/>.</exception>
    public static void NumericalGradient(Func<double> function, double[] point, Span<double> gradient, double step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(point);
        Shape.RequireLength(gradient.Length, point.Length, nameof(gradient), "one per entry of point");
        for (int i = 0; i < point.Length; i++)
        {
            double saved = point[i];
            point[i] = saved + step;
            double above = function();
            point[i] = saved - step;
            double below = function();
            point[i] = saved;
            gradient[i] = (above - below) / (2 * step);
        }
    }

    /// <summary>The entry where <paramref name="analytic"/> and <paramref name="numeric"/> differ most, relatively.</summary>
    /// <exception cref="ArgumentException">The two lengths differ, or both are empty.</exception>
    public static GradientCheckResult Compare(ReadOnlySpan<double> analytic, ReadOnlySpan<double> numeric, string target = "x")
    {
        Shape.RequirePositive(analytic.Length, nameof(analytic) + ".Length");
        Shape.RequireLength(numeric.Length, analytic.Length, nameof(numeric), "one per analytic entry");
        int worst = 0;
        double worstError = RelativeError(analytic[0], numeric[0]);
        for (int i = 1; i < analytic.Length; i++)
        {
            double error = RelativeError(analytic[i], numeric[i]);
            if (IsWorse(error, worstError))
            {
                worst = i;
                worstError = error;
            }
        }

        return new GradientCheckResult(target, worst, analytic[worst], numeric[worst], worstError);
    }

    /// <summary>
    /// Checks <paramref name="analytic"/> = ∂<paramref name="function"/>/∂<paramref name="point"/>
    /// against central differences; see <see cref="NumericalGradient"/> for how the function must read the point.
    /// </summary>
    public static GradientCheckResult Check(
        Func<double> function, double[] point, ReadOnlySpan<double> analytic, string target = "x", double step = DefaultStep)
    {
        var numeric = new double[point.Length];
        NumericalGradient(function, point, numeric, step);
        return Compare(analytic, numeric, target);
    }

    /// <summary>
    /// Checks a layer's backward pass — the input gradient (when the layer returns one) and every
    /// parameter gradient — through the scalar <c>L = Σ r ⊙ layer(input)</c> for a seeded random
    /// upstream gradient <c>r</c>, so every output entry contributes with a different weight.
    /// </summary>
    /// <returns>The worst entry over the input and all parameters.</returns>
    public static GradientCheckResult CheckLayer(ILayer layer, double[] input, int batch, int seed = 0, double step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var upstream = new double[batch * layer.OutputSize];
        new GaussianRandom(seed).Fill(upstream, 1.0);
        double Objective() => TensorPrimitives.Dot(layer.Forward(input, batch).Span, upstream);

        layer.Forward(input, batch);
        double[] inputGradient = layer.Backward(upstream).ToArray();
        IReadOnlyList<Parameter> parameters = layer.Parameters;
        var parameterGradients = new double[parameters.Count][];
        for (int p = 0; p < parameters.Count; p++)
        {
            parameterGradients[p] = (double[])parameters[p].Gradient.Clone();
        }

        GradientCheckResult? worst = inputGradient.Length > 0 ? Check(Objective, input, inputGradient, "input", step) : null;
        for (int p = 0; p < parameters.Count; p++)
        {
            GradientCheckResult result = Check(Objective, parameters[p].Value, parameterGradients[p], parameters[p].Name, step);
            if (worst is null || IsWorse(result.RelativeError, worst.Value.RelativeError))
            {
                worst = result;
            }
        }

        return worst ?? throw new ArgumentException("The layer has no parameters and returns no input gradient.", nameof(layer));
    }

    // NaN counts as worse than any number, so a NaN gradient is never hidden behind a finite one.
    private static bool IsWorse(double error, double worstSoFar) =>
        !double.IsNaN(worstSoFar) && (double.IsNaN(error) || error > worstSoFar);
}
