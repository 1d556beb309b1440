using System;
using CsCheck;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// C#'s remainder <c>a % b</c> as a gate: ∂/∂a = 1, ∂/∂b = −n with n the truncated quotient. A phase wrapped into a
/// period (the everyday use), a learned period, negative operands (the result takes a's sign), a quotient whose
/// rounded value reaches the next integer, <c>%=</c> in a loop, float, forward mode and the Hessian.
/// </summary>
public static partial class RemainderShapes
{
    /// <summary>A pendulum's energy at a phase wrapped into [0, 2π) (or (−2π, 0] for a negative phase).</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Wrapped(double phase, double amplitude) => amplitude * (1 - Math.Cos(phase % (2 * Math.PI))) + phase % 1.5;

    /// <summary>Both operands differentiable: ∂/∂b = −n.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Learned(double a, double b) => (a % b) * (a % b) + a * b;

    /// <summary><c>%=</c> in a loop, with the divisor changing.</summary>
    [Differentiable]
    public static double Folded(double x, double p, int n)
    {
        double s = x;
        for (int i = 0; i < n; i++)
        {
            s = s * 3.7 + p;
            s %= p + i;
        }

        return s;
    }

    [Differentiable]
    public static float FloatLearned(float a, float b) => (a % b) * (a % b) + a * b;
}

public class RemainderTests
{
    [Theory]
    [InlineData(7.5, 2.0, 3.0)]     // n = 3, r = 1.5
    [InlineData(-7.5, 2.0, -3.0)]   // n = −3, r = −1.5 (takes a's sign)
    [InlineData(7.5, -2.0, -3.0)]   // n = −3, r = 1.5
    [InlineData(0.3, 0.1, 2.0)]     // 0.3/0.1 rounds to 2.9999999999999996; fmod gives 0.1 − ε, n = 2
    [InlineData(1.0, 3.0, 0.0)]
    public void Learned_KnownValues(double a, double b, double n)
    {
        double r = a % b;
        Assert.Equal(Math.Round((a - r) / b), n);
        double f = RemainderShapes.LearnedGradient(a, b, out double da, out double db);
        Close(r * r + a * b, f);
        Close(2 * r + b, da);
        Close(-2 * r * n + a, db);
    }

    [Fact]
    public void Learned_DifferencesAndSecondOrder() =>
        Box((-9, 9), (0.4, 3)).Sample(p =>
        {
            double a = p[0], b = p[1];
            if (Math.Abs(a / b - Math.Round(a / b)) < 1e-4)
                return; // a jump of the remainder within the differences' step
            double v = RemainderShapes.LearnedGradient(a, b, out double da, out double db);
            Close(RemainderShapes.Learned(a, b), v);
            Check(q => RemainderShapes.Learned(q[0], q[1]), p, [da, db]);
            double[] gradient = new double[2], hessian = new double[4];
            RemainderShapes.LearnedHessian(a, b, gradient, hessian);
            double n = Math.Round((a - a % b) / b);
            Agree([2, 2 * -n + 1, 2 * -n + 1, 2 * n * n], hessian, 1e-12, "Hessian");
            RemainderShapes.LearnedTangent(a, b, 1, -0.5, out double tangent);
            Close(da - 0.5 * db, tangent);
        }, iter: 200, print: Format);

    [Fact]
    public void Wrapped_KnownValuesAndDifferences()
    {
        double phase = 10.0, amplitude = 2.0;
        double f = RemainderShapes.WrappedGradient(phase, amplitude, out double dphase, out double damplitude);
        Close(amplitude * (1 - Math.Cos(phase % (2 * Math.PI))) + phase % 1.5, f);
        Close(amplitude * Math.Sin(phase % (2 * Math.PI)) + 1, dphase);
        Close(1 - Math.Cos(phase % (2 * Math.PI)), damplitude);
        Box((-20, 20), (-2, 2)).Sample(p =>
        {
            if (Math.Abs(p[0] / 1.5 - Math.Round(p[0] / 1.5)) < 1e-4)
                return;
            double v = RemainderShapes.WrappedGradient(p[0], p[1], out double a, out double b);
            Check(q => RemainderShapes.Wrapped(q[0], q[1]), p, [a, b]);
        }, iter: 200, print: Format);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Folded_Differences(int n) =>
        Box((0.1, 2), (1.1, 3)).Sample(p =>
        {
            double v = RemainderShapes.FoldedGradient(p[0], p[1], n, out double dx, out double dp);
            Close(RemainderShapes.Folded(p[0], p[1], n), v);
            // a jump between the differences' points shows as a huge difference; the tolerance check would fail there
            var (numeric, _) = Gradient(q => RemainderShapes.Folded(q[0], q[1], n), p);
            if (Math.Abs(numeric[0]) > 1e4 || Math.Abs(numeric[1]) > 1e4)
                return;
            Check(q => RemainderShapes.Folded(q[0], q[1], n), p, [dx, dp]);
        }, iter: 200, print: Format);

    [Fact]
    public void FloatLearned_AgreesWithDouble() =>
        SampleFloat(
            Box((-9, 9), (0.4, 3)).Where(p => Math.Abs(p[0] / p[1] - Math.Round(p[0] / p[1])) > 1e-3),
            p =>
            {
                float v = RemainderShapes.FloatLearnedGradient(p[0], p[1], out float a, out float b);
                return (v, [a, b]);
            },
            p =>
            {
                double v = RemainderShapes.LearnedGradient(p[0], p[1], out double a, out double b);
                return (v, [a, b]);
            },
            absolute: 1e-4);
}
