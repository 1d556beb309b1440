using System;

namespace SymbolicDiff.Optim;

/// <summary>
/// A learning rate that changes with the step (or epoch) number: set
/// <c>optimizer.LearningRate = schedule.At(step)</c> before each step, or call <see cref="Apply"/>.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>Creates a schedule that starts at <paramref name="initial"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initial"/> is negative, NaN or infinite.</exception>
    protected LearningRateSchedule(double initial)
    {
        Initial = RequireNonNegative(initial, nameof(initial));
    }

    /// <summary>The learning rate at step 0.</summary>
    public double Initial { get; }

    /// <summary>The learning rate at <paramref name="step"/> (0 for the first).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public double At(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return Rate(step);
    }

    /// <summary>Sets <paramref name="optimizer"/>'s learning rate to <see cref="At"/>(<paramref name="step"/>).</summary>
    public void Apply(Optimizer optimizer, int step)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        optimizer.LearningRate = At(step);
    }

    /// <summary>The rate at a step ≥ 0.</summary>
    protected abstract double Rate(int step);

    /// <summary>Returns <paramref name="value"/> if it is finite and ≥ 0; throws otherwise.</summary>
    protected static double RequireNonNegative(double value, string name) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and at least 0.");
}

/// <summary>
/// Step decay (cs231n: "reduce the learning rate by some factor every few epochs"; PyTorch's
/// <c>StepLR</c>): <c>lr = initial · factor^⌊step / every⌋</c>.
/// </summary>
public sealed class StepDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">The rate at step 0.</param>
    /// <param name="factor">The multiplier applied every <paramref name="every"/> steps, in [0, 1] (e.g. 0.5).</param>
    /// <param name="every">Steps between decays (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public StepDecay(double initial, double factor, int every)
        : base(initial)
    {
        Factor = factor is >= 0 and <= 1 ? factor : throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must lie in [0, 1].");
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        Every = every;
    }

    /// <summary>The multiplier per decay.</summary>
    public double Factor { get; }

    /// <summary>Steps between decays.</summary>
    public int Every { get; }

    /// <inheritdoc />
    protected override double Rate(int step) => Initial * Math.Pow(Factor, step / Every);
}

/// <summary>
/// Cosine annealing (PyTorch's <c>CosineAnnealingLR</c> without restarts):
/// <c>lr = minimum + ½·(initial − minimum)·(1 + cos(π·step / steps))</c> up to <c>steps</c>, then <c>minimum</c>.
/// </summary>
public sealed class CosineAnnealing : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initial">The rate at step 0.</param>
    /// <param name="steps">The step at which the rate reaches <paramref name="minimum"/> (at least 1).</param>
    /// <param name="minimum">The final rate, in [0, initial].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public CosineAnnealing(double initial, int steps, double minimum = 0)
        : base(initial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        Steps = steps;
        Minimum = RequireNonNegative(minimum, nameof(minimum)) <= initial
            ? minimum
            : throw new ArgumentOutOfRangeException(nameof(minimum), minimum, $"minimum must not exceed initial ({initial}).");
    }

    /// <summary>The step at which the rate reaches <see cref="Minimum"/>.</summary>
    public int Steps { get; }

    /// <summary>The final rate.</summary>
    public double Minimum { get; }

    /// <inheritdoc />
    protected override double Rate(int step) =>
        step >= Steps ? Minimum : Minimum + 0.5 * (Initial - Minimum) * (1 + Math.Cos(Math.PI * step / Steps));
}
