using System;
using System.Collections.Generic;
using SymbolicDiff.Nn;

namespace SymbolicDiff.Optim;

/// <summary>
/// Adam — the formulas of PyTorch's <c>torch.optim.Adam</c> (no AMSGrad, no weight decay). With
/// gradient <c>g</c>, moments <c>m</c> and <c>v</c> (starting at 0) and step count <c>t</c> (1 on the first step):
/// <c>m ← β₁·m + (1 − β₁)·g</c>, <c>v ← β₂·v + (1 − β₂)·g²</c>,
/// <c>m̂ = m / (1 − β₁ᵗ)</c>, <c>v̂ = v / (1 − β₂ᵗ)</c>, then <c>θ ← θ − lr·m̂ / (√v̂ + ε)</c>.
/// <see cref="AdamW"/> adds decoupled weight decay.
/// </summary>
public class Adam : Optimizer
{
    private readonly double[][] _firstMoment;
    private readonly double[][] _secondMoment;

    /// <summary>Creates the optimizer; the defaults are PyTorch's.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="beta1">β₁, the decay of the gradient average, in [0, 1).</param>
    /// <param name="beta2">β₂, the decay of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">ε, added to the root for stability (&gt; 0).</param>
    public Adam(
        IReadOnlyList<Parameter> parameters, double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : this(parameters, learningRate, beta1, beta2, epsilon, weightDecay: 0)
    {
    }

    /// <summary>Adam with decoupled weight decay (<see cref="AdamW"/>).</summary>
    private protected Adam(
        IReadOnlyList<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
        : base(parameters, learningRate)
    {
        WeightDecay = RequireFinite(weightDecay, nameof(weightDecay), 0, double.PositiveInfinity);
        Beta1 = RequireFinite(beta1, nameof(beta1), 0, 1);
        Beta2 = RequireFinite(beta2, nameof(beta2), 0, 1);
        Epsilon = RequireFinite(epsilon, nameof(epsilon), double.Epsilon, double.PositiveInfinity);
        _firstMoment = ZeroStatePerParameter();
        _secondMoment = ZeroStatePerParameter();
    }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }

    /// <summary>β₂.</summary>
    public double Beta2 { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>λ, the decoupled weight decay (0 for plain Adam).</summary>
    public double WeightDecay { get; }

    /// <summary>t, the number of steps taken so far.</summary>
    public int StepCount { get; private set; }

    /// <inheritdoc />
    public override void Step()
    {
        StepCount++;
        double lr = LearningRate;
        double correction1 = 1 - Math.Pow(Beta1, StepCount);
        double correction2 = 1 - Math.Pow(Beta2, StepCount);
        double decay = 1 - lr * WeightDecay;
        for (int p = 0; p < Parameters.Count; p++)
        {
            double[] theta = Parameters[p].Value;
            double[] g = Parameters[p].Gradient;
            double[] m = _firstMoment[p];
            double[] v = _secondMoment[p];
            for (int i = 0; i < theta.Length; i++)
            {
                theta[i] *= decay;
                m[i] = Beta1 * m[i] + (1 - Beta1) * g[i];
                v[i] = Beta2 * v[i] + (1 - Beta2) * g[i] * g[i];
                theta[i] -= lr * (m[i] / correction1) / (Math.Sqrt(v[i] / correction2) + Epsilon);
            }
        }
    }
}
