using System;
using System.Linq;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// F64: calls of [Differentiable] methods with params parameters, <c>Sum(x, y, x * y)</c>, were SDIFF0006 ("passes a params
/// array or span"). The params array is what C# makes it, a local array (a stack span for <c>params ReadOnlySpan&lt;T&gt;</c>),
/// filled with the arguments and passed on; a params call of constants is run as written.
/// </summary>
public static partial class ParamsCalls
{
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double SumOfSquares(params double[] xs)
    {
        double s = 0;
        foreach (double v in xs)
        {
            s += v * v;
        }

        return s;
    }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double LogSumExp(params ReadOnlySpan<double> z)
    {
        double m = double.NegativeInfinity;
        foreach (double v in z)
        {
            m = Math.Max(m, v);
        }

        double s = 0;
        foreach (double v in z)
        {
            s += Math.Exp(v - m);
        }

        return m + Math.Log(s);
    }

    public static double Largest(params double[] xs) => xs.Max();

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Mixed(double x, double y, int k) =>
        SumOfSquares(x, y, x * y) + LogSumExp(x, 2 * y, 0.5) * Largest(1.0, k, 3.0);
}

public class ParamsCallTests
{
    /// <summary>At x = 1, y = 2, k = 4: 1 + 4 + 4 = 9, plus log(e + e⁴ + e^0.5)·4.</summary>
    [Fact]
    public void Mixed_KnownValues()
    {
        double lse = Math.Log(Math.E + Math.Exp(4) + Math.Exp(0.5));
        double value = ParamsCalls.MixedGradient(1, 2, 4, out double dx, out double dy);
        Close(9 + 4 * lse, value, 1e-15);
        double e = Math.E + Math.Exp(4) + Math.Exp(0.5);
        Close(2 * 1 + 2 * 2 * 2 + 4 * Math.E / e, dx, 1e-14); // 2x + 2xy·y + 4·softmax0
        Close(2 * 2 + 2 * 2 * 1 + 4 * 2 * Math.Exp(4) / e, dy, 1e-14); // 2y + 2xy·x + 4·2·softmax1
    }

    [Fact]
    public void Mixed_MatchesDifferencesInEveryMode()
    {
        var points = Uniform(2, -2, 2);
        Sample(points, p => ParamsCalls.Mixed(p[0], p[1], 4), p => (ParamsCalls.MixedGradient(p[0], p[1], 4, out double a, out double b), [a, b]));
        ForwardChecks.Sample(points, p => ParamsCalls.Mixed(p[0], p[1], 4),
            (p, v) => (ParamsCalls.MixedTangent(p[0], p[1], 4, v[0], v[1], out double t), t),
            p => { ParamsCalls.MixedGradient(p[0], p[1], 4, out double a, out double b); return [a, b]; });
        SampleHessian(points, p => { ParamsCalls.MixedGradient(p[0], p[1], 4, out double a, out double b); return [a, b]; },
            (p, g, h) => ParamsCalls.MixedHessian(p[0], p[1], 4, g, h));
    }
}
