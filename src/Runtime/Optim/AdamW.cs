using System.Collections.Generic;
using SymbolicDiff.Nn;

namespace SymbolicDiff.Optim;

/// <summary>
/// AdamW — PyTorch's <c>torch.optim.AdamW</c>: Adam with decoupled weight decay. Each step first
/// shrinks every parameter, <c>θ ← θ·(1 − lr·λ)</c>, then takes the <see cref="Adam"/> step; the decay
/// does not pass through the moment estimates (unlike an L2 term added to the gradient). It applies
/// to every parameter this optimizer is given: pass only the weights if biases should not decay.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer; the defaults are PyTorch's.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="weightDecay">λ ≥ 0.</param>
    /// <param name="beta1">β₁, the decay of the gradient average, in [0, 1).</param>
    /// <param name="beta2">β₂, the decay of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">ε, added to the root for stability (&gt; 0).</param>
    public AdamW(
        IReadOnlyList<Parameter> parameters, double learningRate = 0.001, double weightDecay = 0.01,
        double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameters, learningRate, beta1, beta2, epsilon, weightDecay)
    {
    }
}
