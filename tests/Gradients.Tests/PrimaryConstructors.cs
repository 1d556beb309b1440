using System;
using System.Diagnostics;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Methods reading their type's primary constructor parameters (C# 12), which are constants as fields are (F33: refused
/// as "read before it is assigned"). The names dx and seed are the ones the generator would give its own adjoint and
/// seed: it must not take them, since the companions read these parameters by name.
/// </summary>
public partial class Polynomial(double scale, double[] coefficients, double dx, double seed)
{
    [Differentiable(Derivatives.Reverse | Derivatives.Forward | Derivatives.Hessian)]
    public double Evaluate(double x)
    {
        Debug.Assert(scale != 0, $"scale {scale}, {coefficients.Length} coefficients");
        double sum = 0;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            sum = sum * x + coefficients[i];
        }

        return scale * sum + dx * x + seed * x * x;
    }

    [Differentiable]
    public double Weighted(double x, double[] w) => scale * w[0] * x + coefficients.Length * w[1];
}

public class PrimaryConstructorTests
{
    private static readonly Polynomial Cubic = new(2.0, [1.0, -3.0, 0.5, 0.25], 0.75, -1.5);

    [Fact]
    public void PrimaryConstructorParameters_AreConstants()
    {
        // 2·(1 − 3x + ½x² + ¼x³) + 0.75x − 1.5x²: the derivative is 2·(−3 + x + ¾x²) + 0.75 − 3x
        double value = Cubic.EvaluateGradient(0.5, out double dx);
        Assert.Equal(Cubic.Evaluate(0.5), value);
        Assert.Equal(2 * (-3 + 0.5 + 0.75 * 0.25) + 0.75 - 3 * 0.5, dx, 14);
        Sample(Box((-2, 2)), p => Cubic.Evaluate(p[0]), p => (Cubic.EvaluateGradient(p[0], out double d), new[] { d }));
        Cubic.EvaluateTangent(0.5, 1, out double tangent);
        Assert.Equal(dx, tangent, 14);
        double[] gradient = new double[1], hessian = new double[1];
        Cubic.EvaluateHessian(0.5, gradient, hessian);
        Assert.Equal(2 * (1 + 1.5 * 0.5) - 3, hessian[0], 14);
    }

    [Fact]
    public void PrimaryConstructorParameters_BesideAnArrayInput()
    {
        double[] w = new double[2];
        double value = Cubic.WeightedGradient(1.5, [0.5, 2.0], out double dx, w);
        Assert.Equal(2.0 * 0.5 * 1.5 + 4 * 2.0, value);
        Assert.Equal(2.0 * 0.5, dx);
        Assert.Equal([2.0 * 1.5, 4.0], w);
    }
}
