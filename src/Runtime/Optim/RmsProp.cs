using System;
using System.Collections.Generic;
using SymbolicDiff.Nn;

namespace SymbolicDiff.Optim;

/// <summary>
/// RMSProp — the formulas of PyTorch's <c>torch.optim.RMSprop</c> (not centered, no momentum,
/// no weight decay). With gradient <c>g</c> and squared-gradient average <c>v</c> (starting at 0):
/// <c>v ← α·v + (1 − α)·g²</c>, then <c>θ ← θ − lr·g / (√v + ε)</c>.
/// </summary>
public sealed class RmsProp : Optimizer
{
    private readonly double[][] _squareAverage;

    /// <summary>Creates the optimizer; the defaults are PyTorch's.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="alpha">α, the decay of the squared-gradient average, in [0, 1).</param>
    /// <param name="epsilon">ε, added to the root for stability (&gt; 0).</param>
    public RmsProp(IReadOnlyList<Parameter> parameters, double learningRate = 0.01, double alpha = 0.99, double epsilon = 1e-8)
        : base(parameters, learningRate)
    {
        Alpha = RequireFinite(alpha, nameof(alpha), 0, 1);
        Epsilon = RequireFinite(epsilon, nameof(epsilon), double.Epsilon, double.PositiveInfinity);
        _squareAverage = ZeroStatePerParameter();
    }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    public override void Step()
    {
        double lr = LearningRate;
        for (int p = 0; p < Parameters.Count; p++)
        {
            double[] theta = Parameters[p].Value;
            double[] g = Parameters[p].Gradient;
            double[] v = _squareAverage[p];
            for (int i = 0; i < theta.Length; i++)
            {
                v[i] = Alpha * v[i] + (1 - Alpha) * g[i] * g[i];
                theta[i] -= lr * g[i] / (Math.Sqrt(v[i]) + Epsilon);
            }
        }
    }
}
