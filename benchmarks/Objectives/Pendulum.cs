using System;

namespace SymbolicDiff.Objectives;

/// <summary>
/// A damped pendulum θ'' = −K·sin θ − D·θ' integrated with classical fourth-order Runge–Kutta over
/// many steps, fitted to observed angles: the loss is the mean squared error of θ after each step.
/// Its gradient is with respect to the initial state (θ₀, ω₀) and the parameters (K, D). Ordinary C#;
/// the generator writes <c>LossGradient</c>.
/// </summary>
public static partial class Pendulum
{
    [Differentiable]
    public static double Loss(
        double theta0, double omega0, double stiffness, double damping,
        [NoDiff] double dt, [NoDiff] ReadOnlySpan<double> observed)
    {
        double theta = theta0;
        double omega = omega0;
        double loss = 0.0;
        for (int step = 0; step < observed.Length; step++)
        {
            double k1Theta = omega;
            double k1Omega = Acceleration(theta, omega, stiffness, damping);
            double k2Theta = omega + 0.5 * dt * k1Omega;
            double k2Omega = Acceleration(theta + 0.5 * dt * k1Theta, omega + 0.5 * dt * k1Omega, stiffness, damping);
            double k3Theta = omega + 0.5 * dt * k2Omega;
            double k3Omega = Acceleration(theta + 0.5 * dt * k2Theta, omega + 0.5 * dt * k2Omega, stiffness, damping);
            double k4Theta = omega + dt * k3Omega;
            double k4Omega = Acceleration(theta + dt * k3Theta, omega + dt * k3Omega, stiffness, damping);
            theta += dt / 6.0 * (k1Theta + 2.0 * k2Theta + 2.0 * k3Theta + k4Theta);
            omega += dt / 6.0 * (k1Omega + 2.0 * k2Omega + 2.0 * k3Omega + k4Omega);

            double error = theta - observed[step];
            loss += error * error;
        }

        return loss / observed.Length;
    }

    /// <summary>θ'' of the damped pendulum.</summary>
    [Differentiable]
    public static double Acceleration(double theta, double omega, double stiffness, double damping) =>
        -stiffness * Math.Sin(theta) - damping * omega;

    /// <summary>
    /// Observations for <see cref="Loss"/>: the pendulum's own trajectory from (θ₀, ω₀, K, D) =
    /// (1, 0, 9.81, 0.3) with step <paramref name="dt"/>, plus seeded uniform noise of ±0.01 rad.
    /// </summary>
    public static double[] Observations(int steps, double dt, int seed = 11)
    {
        var random = new Random(seed);
        double[] observed = new double[steps];
        double theta = 1.0, omega = 0.0;
        for (int step = 0; step < steps; step++)
        {
            PendulumHandWritten.Step(ref theta, ref omega, 9.81, 0.3, dt);
            observed[step] = theta + 0.02 * (random.NextDouble() - 0.5);
        }

        return observed;
    }
}
