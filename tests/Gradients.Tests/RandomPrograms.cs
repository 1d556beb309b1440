using System;
using CsCheck;
using SymbolicDiff;

namespace Gradients.Tests;

/// <summary>A fixed set of composite expressions whose shape is chosen by random [NoDiff] coefficients.</summary>
public static partial class Programs
{
    [Differentiable]
    public static double P1(double x, double y, [NoDiff] double a, [NoDiff] double b, [NoDiff] double c) =>
        a * Math.Sin(b * x + y) + Math.Exp(c * x * y) / (1 + y * y);

    [Differentiable]
    public static double P2(double x, double y, [NoDiff] double a, [NoDiff] double b, [NoDiff] double c)
    {
        double r = Math.Sqrt(x * x + y * y + c * c + 1);
        double t = Math.Tanh(a * x - b * y);
        t *= r;
        t += Math.Atan2(y, x * x + 1) * Comp.Sigmoid(c * y);
        return t - Math.Log(r) * a;
    }

    [Differentiable]
    public static double P3(double x, double y, [NoDiff] double a, [NoDiff] double b, [NoDiff] double c)
    {
        if (a * x > y)
        {
            return Math.Log(1 + x * x) * b + Math.Pow(1 + y * y, c);
        }
        double s = Math.Cosh(y * 0.5) * c;
        return a * x > -y ? s * x : Other.Scale(s, x) + Math.Max(x * a, y * b);
    }
}

public class RandomProgramTests
{
    private static Gen<double[]> Coefficients => Numeric.Box((-2, 2), (-2, 2), (-2, 2));

    private static void Program(
        Func<double, double, double, double, double, double> f,
        Func<double, double, double, double, double, (double, double, double)> gradient,
        Func<double, double, double[], bool>? awayFromKinks = null)
    {
        Gen.Select(Coefficients, Numeric.Box((-2, 2), (-2, 2)))
            .Where(t => awayFromKinks is null || awayFromKinks(t.Item2[0], t.Item2[1], t.Item1))
            .Sample(
                (k, p) =>
                {
                    var (v, dx, dy) = gradient(p[0], p[1], k[0], k[1], k[2]);
                    Numeric.Close(f(p[0], p[1], k[0], k[1], k[2]), v, 1e-13);
                    Numeric.Check(q => f(q[0], q[1], k[0], k[1], k[2]), p, [dx, dy]);
                },
                iter: 300);
    }

    [Fact]
    public void P1_MatchesFiniteDifferences() => Program(
        Programs.P1,
        (x, y, a, b, c) => (Programs.P1Gradient(x, y, a, b, c, out var dx, out var dy), dx, dy));

    [Fact]
    public void P2_MatchesFiniteDifferences() => Program(
        Programs.P2,
        (x, y, a, b, c) => (Programs.P2Gradient(x, y, a, b, c, out var dx, out var dy), dx, dy));

    [Fact]
    public void P3_MatchesFiniteDifferences() => Program(
        Programs.P3,
        (x, y, a, b, c) => (Programs.P3Gradient(x, y, a, b, c, out var dx, out var dy), dx, dy),
        (x, y, k) => Math.Abs(k[0] * x - y) > 1e-3 && Math.Abs(k[0] * x + y) > 1e-3 && Math.Abs(x * k[0] - y * k[1]) > 1e-3);
}
