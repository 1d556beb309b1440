using System;

namespace SymbolicDiff.Benchmarks;

/// <summary>
/// Careful hand-written gradients: one pass where possible, straightforward scalar loops (no SIMD,
/// no unsafe code, no unrolling), the way a person would write them for these functions.
/// </summary>
public static class HandWritten
{
    /// <summary>Rosenbrock and its gradient in one forward pass; the gradient is overwritten (no clearing pass).</summary>
    public static double RosenbrockGradient(ReadOnlySpan<double> x, Span<double> dx)
    {
        int n = x.Length;
        if (dx.Length < n)
        {
            throw new ArgumentException("dx is shorter than x.", nameof(dx));
        }

        double s = 0.0;
        double carry = 0.0; // ∂/∂x[i] of the previous term, 200·a[i-1]
        for (int i = 0; i < n - 1; i++)
        {
            double xi = x[i];
            double a = x[i + 1] - xi * xi;
            double b = 1.0 - xi;
            s += 100.0 * a * a + b * b;
            dx[i] = carry - 400.0 * a * xi - 2.0 * b;
            carry = 200.0 * a;
        }

        if (n > 0)
        {
            dx[n - 1] = carry;
        }

        return s;
    }

    /// <summary>
    /// Softmax cross-entropy with max subtraction; the gradient softmax(s) − onehot(label) is built in
    /// <paramref name="dscores"/>, which doubles as the buffer for the exponentials.
    /// </summary>
    public static double SoftmaxCrossEntropyGradient(ReadOnlySpan<double> scores, int label, Span<double> dscores)
    {
        int n = scores.Length;
        if (dscores.Length < n)
        {
            throw new ArgumentException("dscores is shorter than scores.", nameof(dscores));
        }

        double m = scores[0];
        for (int i = 1; i < n; i++)
        {
            m = Math.Max(m, scores[i]);
        }

        double sum = 0.0;
        for (int i = 0; i < n; i++)
        {
            double e = Math.Exp(scores[i] - m);
            dscores[i] = e;
            sum += e;
        }

        double inverse = 1.0 / sum;
        for (int i = 0; i < n; i++)
        {
            dscores[i] *= inverse;
        }

        dscores[label] -= 1.0;
        return Math.Log(sum) - (scores[label] - m);
    }

    /// <summary>The cs231n neuron: ∂σ(z)/∂z = σ(z)(1 − σ(z)).</summary>
    public static double NeuronGradient(double w0, double w1, double w2, double x0, double x1,
        out double dw0, out double dw1, out double dw2, out double dx0, out double dx1)
    {
        double f = 1.0 / (1.0 + Math.Exp(-(w0 * x0 + w1 * x1 + w2)));
        double dz = (1.0 - f) * f;
        dw0 = x0 * dz;
        dw1 = x1 * dz;
        dw2 = dz;
        dx0 = w0 * dz;
        dx1 = w1 * dz;
        return f;
    }
}
