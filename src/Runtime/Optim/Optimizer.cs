using System;
using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Nn;

namespace SymbolicDiff.Optim;

/// <summary>
/// An update rule for a fixed list of parameters: <see cref="Step"/> reads each
/// <see cref="Parameter.Gradient"/> and changes <see cref="Parameter.Value"/> in place. The
/// per-parameter state (velocities, moment estimates) is allocated once, in the constructor.
/// </summary>
public abstract class Optimizer
{
    private double _learningRate;

    /// <summary>Binds the optimizer to <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The learning rate is negative, NaN or infinite.</exception>
    protected Optimizer(IReadOnlyList<Parameter> parameters, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        LearningRate = learningRate;
    }

    /// <summary>The parameters this optimizer updates.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The step size, lr in the formulas; may be changed between steps (a schedule).</summary>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = RequireFinite(value, nameof(LearningRate), 0, double.PositiveInfinity);
    }

    /// <summary>Updates every parameter once from its current gradient.</summary>
    public abstract void Step();

    /// <summary>One zeroed state buffer per parameter, of the parameter's size.</summary>
    protected double[][] ZeroStatePerParameter() =>
        Parameters.Select(parameter => new double[parameter.Length]).ToArray();

    /// <summary>Returns <paramref name="value"/> if it lies in [<paramref name="min"/>, <paramref name="max"/>); throws otherwise.</summary>
    protected static double RequireFinite(double value, string name, double min, double max) =>
        value >= min && value < max && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [{min}, {max}).");
}
