using System;

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
}
