using System;

namespace SymbolicDiff.Nn;

/// <summary>
/// Thrown by a loss whose value is NaN or infinite — from NaN inputs, or from a step size that
/// made training diverge — so that no optimizer step is taken on its gradient.
/// </summary>
public sealed class NonFiniteLossException : ArithmeticException
{
    /// <summary>Creates the exception for the loss named <paramref name="lossName"/> with value <paramref name="loss"/>.</summary>
    public NonFiniteLossException(string lossName, double loss)
        : base($"{lossName} is {loss}: the inputs contain NaN or infinity, or training diverged (try a smaller step size).")
    {
        LossName = lossName;
        Loss = loss;
    }

    /// <summary>Which loss was not finite.</summary>
    public string LossName { get; }

    /// <summary>The offending value.</summary>
    public double Loss { get; }

    /// <summary>Returns <paramref name="loss"/> if it is finite; throws otherwise.</summary>
    /// <exception cref="NonFiniteLossException">The loss is NaN or ±∞.</exception>
    public static double ThrowIfNotFinite(double loss, string lossName) =>
        double.IsFinite(loss) ? loss : throw new NonFiniteLossException(lossName, loss);
}
