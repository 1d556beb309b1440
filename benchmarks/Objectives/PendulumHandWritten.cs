using System;
using System.Runtime.CompilerServices;

namespace SymbolicDiff.Objectives;

/// <summary>
/// A careful hand-written gradient of <see cref="Pendulum.Loss"/>: the discrete adjoint of RK4. The
/// forward pass saves only the state at the start of each step (2 doubles a step, in a workspace the
/// caller owns, so nothing is allocated); the backward pass recomputes each step's four stages from it
/// and runs their chain rule in reverse.
/// </summary>
public static class PendulumHandWritten
{
    /// <summary>One RK4 step of θ'' = −K·sin θ − D·θ'.</summary>
    public static void Step(ref double theta, ref double omega, double stiffness, double damping, double dt)
    {
        double half = 0.5 * dt;
        double k1Omega = -stiffness * Math.Sin(theta) - damping * omega;
        double theta2 = theta + half * omega, omega2 = omega + half * k1Omega;
        double k2Omega = -stiffness * Math.Sin(theta2) - damping * omega2;
        double theta3 = theta + half * omega2, omega3 = omega + half * k2Omega;
        double k3Omega = -stiffness * Math.Sin(theta3) - damping * omega3;
        double theta4 = theta + dt * omega3, omega4 = omega + dt * k3Omega;
        double k4Omega = -stiffness * Math.Sin(theta4) - damping * omega4;
        double sixth = dt / 6.0;
        theta += sixth * (omega + 2.0 * omega2 + 2.0 * omega3 + omega4);
        omega += sixth * (k1Omega + 2.0 * k2Omega + 2.0 * k3Omega + k4Omega);
    }

    /// <summary>The value and gradient; <paramref name="workspace"/> needs 2·(steps + 1) doubles.</summary>
    public static double LossGradient(
        double theta0, double omega0, double stiffness, double damping, double dt, ReadOnlySpan<double> observed,
        Span<double> workspace,
        out double dTheta0, out double dOmega0, out double dStiffness, out double dDamping)
    {
        int steps = observed.Length;
        Span<double> states = workspace[..(2 * (steps + 1))];
        double theta = theta0, omega = omega0, loss = 0.0;
        for (int step = 0; step < steps; step++)
        {
            states[2 * step] = theta;
            states[2 * step + 1] = omega;
            Step(ref theta, ref omega, stiffness, damping, dt);
            double error = theta - observed[step];
            loss += error * error;
        }

        states[2 * steps] = theta;
        double half = 0.5 * dt, sixth = dt / 6.0, third = dt / 3.0, scale = 2.0 / steps;
        double gTheta = 0.0, gOmega = 0.0, gStiffness = 0.0, gDamping = 0.0;
        for (int step = steps - 1; step >= 0; step--)
        {
            gTheta += scale * (states[2 * step + 2] - observed[step]);

            // Recompute the stages of this step.
            theta = states[2 * step];
            omega = states[2 * step + 1];
            double sin1 = Math.Sin(theta);
            double k1Omega = -stiffness * sin1 - damping * omega;
            double theta2 = theta + half * omega, omega2 = omega + half * k1Omega;
            double sin2 = Math.Sin(theta2);
            double k2Omega = -stiffness * sin2 - damping * omega2;
            double theta3 = theta + half * omega2, omega3 = omega + half * k2Omega;
            double sin3 = Math.Sin(theta3);
            double k3Omega = -stiffness * sin3 - damping * omega3;
            double theta4 = theta + dt * omega3, omega4 = omega + dt * k3Omega;
            double sin4 = Math.Sin(theta4);

            // θ' = θ + dt/6 (ω + 2ω₂ + 2ω₃ + ω₄), ω' = ω + dt/6 (k₁ + 2k₂ + 2k₃ + k₄).
            double gOmega4 = sixth * gTheta, gOmega3 = third * gTheta, gOmega2 = third * gTheta;
            double gK4 = sixth * gOmega, gK3 = third * gOmega, gK2 = third * gOmega, gK1 = sixth * gOmega;
            double gThetaNext = gTheta, gOmegaNext = gOmega + sixth * gTheta;

            // k₄ = a(θ₄, ω₄), θ₄ = θ + dt ω₃, ω₄ = ω + dt k₃.
            double gTheta4 = StageBackward(gK4, theta4, omega4, sin4, stiffness, damping, ref gOmega4, ref gStiffness, ref gDamping);
            gOmega3 += dt * gTheta4;
            gK3 += dt * gOmega4;

            // k₃ = a(θ₃, ω₃), θ₃ = θ + dt/2 ω₂, ω₃ = ω + dt/2 k₂.
            double gTheta3 = StageBackward(gK3, theta3, omega3, sin3, stiffness, damping, ref gOmega3, ref gStiffness, ref gDamping);
            gOmega2 += half * gTheta3;
            gK2 += half * gOmega3;

            // k₂ = a(θ₂, ω₂), θ₂ = θ + dt/2 ω, ω₂ = ω + dt/2 k₁.
            double gTheta2 = StageBackward(gK2, theta2, omega2, sin2, stiffness, damping, ref gOmega2, ref gStiffness, ref gDamping);
            gK1 += half * gOmega2;

            // k₁ = a(θ, ω).
            double gOmega1 = 0.0;
            double gTheta1 = StageBackward(gK1, theta, omega, sin1, stiffness, damping, ref gOmega1, ref gStiffness, ref gDamping);
            gTheta = gThetaNext + gTheta4 + gTheta3 + gTheta2 + gTheta1;
            gOmega = gOmegaNext + gOmega4 + gOmega3 + gOmega2 + half * gTheta2 + gOmega1;
        }

        dTheta0 = gTheta;
        dOmega0 = gOmega;
        dStiffness = gStiffness;
        dDamping = gDamping;
        return loss / steps;
    }

    /// <summary>
    /// The chain rule of one stage k = −K·sin θₛ − D·ωₛ with adjoint <paramref name="gK"/>: returns ∂/∂θₛ,
    /// adds ∂/∂ωₛ, ∂/∂K and ∂/∂D.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double StageBackward(
        double gK, double theta, double omega, double sin, double stiffness, double damping,
        ref double gOmega, ref double gStiffness, ref double gDamping)
    {
        gOmega -= damping * gK;
        gStiffness -= sin * gK;
        gDamping -= omega * gK;
        return -stiffness * Math.Cos(theta) * gK;
    }
}
