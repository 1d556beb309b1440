using System;
using System.Collections.Generic;
using SymbolicDiff.Nn;

namespace SymbolicDiff.Optim;

/// <summary>
/// Stochastic gradient descent with optional (Nesterov) momentum — the formulas of PyTorch's
/// <c>torch.optim.SGD</c> with <c>dampening=0</c> and <c>weight_decay=0</c> (use
/// <see cref="L2Regularization"/> for the penalty). With gradient <c>g</c>, velocity <c>b</c>
/// (starting at 0) and momentum <c>μ</c>:
/// <list type="bullet">
/// <item>plain (<c>μ = 0</c>): <c>θ ← θ − lr·g</c>;</item>
/// <item>momentum: <c>b ← μ·b + g</c>, then <c>θ ← θ − lr·b</c> (so the first step is plain SGD, as in PyTorch);</item>
/// <item>Nesterov: <c>b ← μ·b + g</c>, then <c>θ ← θ − lr·(g + μ·b)</c>.</item>
/// </list>
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly double[][] _velocity;

    /// <summary>Creates the optimizer.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">lr (cs231n's step size; 1.0 in the spiral case study).</param>
    /// <param name="momentum">μ in [0, 1); 0 is plain gradient descent.</param>
    /// <param name="nesterov">Use Nesterov momentum; needs <paramref name="momentum"/> &gt; 0, as in PyTorch.</param>
    public Sgd(IReadOnlyList<Parameter> parameters, double learningRate, double momentum = 0, bool nesterov = false)
        : base(parameters, learningRate)
    {
        Momentum = RequireFinite(momentum, nameof(momentum), 0, 1);
        if (nesterov && momentum == 0)
        {
            throw new ArgumentException("Nesterov momentum requires momentum > 0.", nameof(nesterov));
        }

        Nesterov = nesterov;
        _velocity = momentum > 0 ? ZeroStatePerParameter() : [];
    }

    /// <summary>μ.</summary>
    public double Momentum { get; }

    /// <summary>Whether the Nesterov form is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc />
    public override void Step()
    {
        double lr = LearningRate;
        double mu = Momentum;
        for (int p = 0; p < Parameters.Count; p++)
        {
            double[] theta = Parameters[p].Value;
            double[] g = Parameters[p].Gradient;
            if (mu == 0)
            {
                for (int i = 0; i < theta.Length; i++)
                {
                    theta[i] -= lr * g[i];
                }

                continue;
            }

            double[] b = _velocity[p];
            for (int i = 0; i < theta.Length; i++)
            {
                b[i] = mu * b[i] + g[i];
                theta[i] -= lr * (Nesterov ? g[i] + mu * b[i] : b[i]);
            }
        }
    }
}
