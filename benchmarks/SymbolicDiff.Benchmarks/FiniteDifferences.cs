using System;
using SymbolicDiff.Objectives;

namespace SymbolicDiff.Benchmarks;

/// <summary>Central differences (f(x + h·e_i) − f(x − h·e_i)) / 2h: two function calls per coordinate.</summary>
public static class FiniteDifferences
{
    public const double Step = 1e-5;

    /// <summary>Differentiates the first <paramref name="coordinates"/> coordinates; returns how many it did.</summary>
    public static int Rosenbrock(double[] x, Span<double> dx, int coordinates)
    {
        for (int i = 0; i < coordinates; i++)
        {
            double xi = x[i];
            x[i] = xi + Step;
            double plus = Functions.Rosenbrock(x);
            x[i] = xi - Step;
            double minus = Functions.Rosenbrock(x);
            x[i] = xi;
            dx[i] = (plus - minus) / (2.0 * Step);
        }

        return coordinates;
    }

    public static void SoftmaxCrossEntropy(double[] scores, int label, Span<double> dscores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            double si = scores[i];
            scores[i] = si + Step;
            double plus = Functions.SoftmaxCrossEntropy(scores, label);
            scores[i] = si - Step;
            double minus = Functions.SoftmaxCrossEntropy(scores, label);
            scores[i] = si;
            dscores[i] = (plus - minus) / (2.0 * Step);
        }
    }

    public static void Neuron(double w0, double w1, double w2, double x0, double x1,
        out double dw0, out double dw1, out double dw2, out double dx0, out double dx1)
    {
        const double h2 = 2.0 * Step;
        dw0 = (Functions.Neuron(w0 + Step, w1, w2, x0, x1) - Functions.Neuron(w0 - Step, w1, w2, x0, x1)) / h2;
        dw1 = (Functions.Neuron(w0, w1 + Step, w2, x0, x1) - Functions.Neuron(w0, w1 - Step, w2, x0, x1)) / h2;
        dw2 = (Functions.Neuron(w0, w1, w2 + Step, x0, x1) - Functions.Neuron(w0, w1, w2 - Step, x0, x1)) / h2;
        dx0 = (Functions.Neuron(w0, w1, w2, x0 + Step, x1) - Functions.Neuron(w0, w1, w2, x0 - Step, x1)) / h2;
        dx1 = (Functions.Neuron(w0, w1, w2, x0, x1 + Step) - Functions.Neuron(w0, w1, w2, x0, x1 - Step)) / h2;
    }

    /// <summary>
    /// Central differences of a scalar function of a few inputs packed in <paramref name="x"/> (restored
    /// afterwards): 2 calls per coordinate.
    /// </summary>
    public static void Central(Func<double[], double> f, double[] x, Span<double> gradient)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i];
            x[i] = xi + Step;
            double plus = f(x);
            x[i] = xi - Step;
            double minus = f(x);
            x[i] = xi;
            gradient[i] = (plus - minus) / (2.0 * Step);
        }
    }

    /// <summary>
    /// The bundle adjustment Jacobian by central differences, in the layout of
    /// <see cref="BundleAdjustmentInstance.Jacobian"/>: per observation its 15 inputs (camera, point,
    /// weight) are perturbed one at a time (2 evaluations of both residuals each); the weight rows are
    /// differenced too.
    /// </summary>
    public static void BundleAdjustmentJacobian(BundleAdjustmentInstance ba, Span<double> reprojection, Span<double> weightErrors)
    {
        const int width = BundleAdjustmentInstance.RowNonZeros, camera = BundleAdjustment.CameraParameters;
        Span<double> inputs = stackalloc double[width];
        Span<double> plus = stackalloc double[2];
        Span<double> minus = stackalloc double[2];
        for (int i = 0; i < ba.P; i++)
        {
            ba.Camera(i).CopyTo(inputs);
            ba.Point(i).CopyTo(inputs[camera..]);
            inputs[width - 1] = ba.Weights[i];
            for (int c = 0; c < width; c++)
            {
                double v = inputs[c];
                inputs[c] = v + Step;
                BundleAdjustment.ReprojectionError(inputs[..camera], inputs.Slice(camera, 3), inputs[width - 1], ba.Feature(i), plus);
                inputs[c] = v - Step;
                BundleAdjustment.ReprojectionError(inputs[..camera], inputs.Slice(camera, 3), inputs[width - 1], ba.Feature(i), minus);
                inputs[c] = v;
                reprojection[2 * i * width + c] = (plus[0] - minus[0]) / (2.0 * Step);
                reprojection[(2 * i + 1) * width + c] = (plus[1] - minus[1]) / (2.0 * Step);
            }

            double w = ba.Weights[i];
            weightErrors[i] = (BundleAdjustment.WeightError(w + Step) - BundleAdjustment.WeightError(w - Step)) / (2.0 * Step);
        }
    }
}
