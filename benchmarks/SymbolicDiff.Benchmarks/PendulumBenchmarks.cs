using System;
using BenchmarkDotNet.Attributes;
using SymbolicDiff.Objectives;

namespace SymbolicDiff.Benchmarks;

/// <summary>
/// An RK4-integrated damped pendulum over 1,000 steps of 0.01 fitted to observed angles; the gradient
/// is with respect to θ₀, ω₀, K and D.
/// </summary>
[Config(typeof(BenchConfig))]
public class PendulumBenchmarks
{
    public const int Steps = 1_000;
    public const double Dt = 0.01;

    // Fields (not constants) so the JIT cannot fold anything.
    private double theta0 = 0.8, omega0 = 0.5, stiffness = 9.0, damping = 0.4;
    private double[] observed = [], workspace = [], point = [], fd = new double[4];
    private Func<double[], double> loss = null!;

    [GlobalSetup]
    public void Setup()
    {
        observed = Pendulum.Observations(Steps, Dt);
        workspace = new double[2 * (Steps + 1)];
        point = [theta0, omega0, stiffness, damping];
        loss = p => Pendulum.Loss(p[0], p[1], p[2], p[3], Dt, observed);

        double f1 = Pendulum.LossGradient(theta0, omega0, stiffness, damping, Dt, observed, out double a0, out double a1, out double a2, out double a3);
        double f2 = PendulumHandWritten.LossGradient(theta0, omega0, stiffness, damping, Dt, observed, workspace, out double b0, out double b1, out double b2, out double b3);
        Check.Close(f1, f2, 1e-13, "pendulum value");
        double[] generated = [a0, a1, a2, a3], hand = [b0, b1, b2, b3];
        FiniteDifferences.Central(loss, point, fd);
        for (int i = 0; i < 4; i++)
        {
            Check.Close(generated[i], hand[i], 1e-10, "pendulum gradient");
            Check.Close(fd[i], hand[i], 1e-6, "pendulum finite differences");
        }
    }

    [Benchmark(Baseline = true, Description = "function")]
    public double Function() => Pendulum.Loss(theta0, omega0, stiffness, damping, Dt, observed);

    [Benchmark(Description = "generated FGradient")]
    public double Generated()
    {
        double f = Pendulum.LossGradient(theta0, omega0, stiffness, damping, Dt, observed, out double a, out double b, out double c, out double d);
        return f + a + b + c + d;
    }

    [Benchmark(Description = "hand-written gradient")]
    public double HandWrittenGradient()
    {
        double f = PendulumHandWritten.LossGradient(theta0, omega0, stiffness, damping, Dt, observed, workspace, out double a, out double b, out double c, out double d);
        return f + a + b + c + d;
    }

    [Benchmark(Description = "central differences")]
    public double CentralDifferences()
    {
        FiniteDifferences.Central(loss, point, fd);
        return fd[3];
    }
}
