using System;
using SymbolicDiff;

namespace SymbolicDiff.Benchmarks;

/// <summary>The differentiated functions: plain C#, the generator writes the gradients.</summary>
public static partial class Functions
{
    /// <summary>
    /// n-dimensional Rosenbrock: sum_{i&lt;n-1} 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2. Every mode is generated:
    /// the gradient for RosenbrockBenchmarks, the tangent and second order for ForwardModeBenchmarks.
    /// </summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Rosenbrock(ReadOnlySpan<double> x)
    {
        double s = 0.0;
        for (int i = 0; i < x.Length - 1; i++)
        {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1.0 - x[i];
            s += 100.0 * a * a + b * b;
        }
        return s;
    }

    /// <summary>Softmax cross-entropy of the scores for a fixed label, with max subtraction.</summary>
    [Differentiable]
    public static double SoftmaxCrossEntropy(ReadOnlySpan<double> scores, int label)
    {
        double m = scores[0];
        for (int i = 1; i < scores.Length; i++)
        {
            m = Math.Max(m, scores[i]);
        }
        double sum = 0.0;
        for (int i = 0; i < scores.Length; i++)
        {
            sum += Math.Exp(scores[i] - m);
        }
        return Math.Log(sum) - (scores[label] - m);
    }

    /// <summary>
    /// The same loss with the max shift marked <see cref="Diff.Stop(double)"/>: the loss does not depend on the
    /// shift, so its gradient (exactly zero) is not computed.
    /// </summary>
    [Differentiable]
    public static double SoftmaxCrossEntropyStopped(ReadOnlySpan<double> scores, int label)
    {
        double m = scores[0];
        for (int i = 1; i < scores.Length; i++)
        {
            m = Math.Max(m, scores[i]);
        }
        double shift = Diff.Stop(m);
        double sum = 0.0;
        for (int i = 0; i < scores.Length; i++)
        {
            sum += Math.Exp(scores[i] - shift);
        }
        return Math.Log(sum) - (scores[label] - shift);
    }

    /// <summary>The cs231n sigmoid neuron.</summary>
    [Differentiable]
    public static double Neuron(double w0, double w1, double w2, double x0, double x1)
    {
        return 1.0 / (1.0 + Math.Exp(-(w0 * x0 + w1 * x1 + w2)));
    }
}
