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

    /// <summary>A local array passed to a callee and written after the call: the pullback must see it as the call did.</summary>
    [Differentiable]
    public static double WrittenAfterTheCall(double x)
    {
        double[] v = new double[2];
        v[0] = x;
        v[1] = x * x;
        double s = SumOfSquares(v);
        v[0] = 3 * x;
        return s + SumOfSquares(v);
    }

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

    /// <summary>
    /// The params arrays are local arrays that nothing writes after the calls: the pullbacks read them as they are, so the
    /// gradient allocates what the function does (the two params arrays of double[]), no copy of them for the backward pass.
    /// </summary>
    [Fact]
    public void Mixed_GradientAllocatesWhatTheFunctionDoes()
    {
        double sink = 0;
        long function = AllocationTests.AllocatedBy(() => sink += ParamsCalls.Mixed(0.3, -0.7, 2));
        long gradient = AllocationTests.AllocatedBy(() => sink += ParamsCalls.MixedGradient(0.3, -0.7, 2, out double a, out double b) + a + b);
        Assert.True(function > 0);
        Assert.Equal(function, gradient);
        Assert.True(double.IsFinite(sink));
    }

    /// <summary>s = x² + x⁴, then v0 = 3x: 9x² + x⁴; f = 10x² + 2x⁴, f′ = 20x + 8x³ (the first pullback sees v0 = x).</summary>
    [Fact]
    public void WrittenAfterTheCall_KnownValues()
    {
        Assert.Equal(10 * 4 + 2 * 16, ParamsCalls.WrittenAfterTheCallGradient(2, out double dx));
        Assert.Equal(20 * 2 + 8 * 8, dx);
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
