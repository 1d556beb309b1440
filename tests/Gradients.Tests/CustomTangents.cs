using System;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;

namespace Gradients.Tests;

/// <summary>A method covered by hand-written derivatives for both modes, called from code with both.</summary>
public static partial class Ct
{
    /// <summary>log(1 + eˣ), not [Differentiable]: its pullback and its tangent are written by hand.</summary>
    public static double SoftPlus(double x) => x > 30 ? x : Math.Log(1 + Math.Exp(x));

    [DerivativeOf(typeof(Ct), nameof(SoftPlus))]
    public static double SoftPlusPullback(double x, double seed, ref double dx)
    {
        dx += seed / (1 + Math.Exp(-x));
        return SoftPlus(x);
    }

    [TangentOf(typeof(Ct), nameof(SoftPlus))]
    public static double SoftPlusForward(double x, double tx, out double tangent)
    {
        tangent = tx / (1 + Math.Exp(-x));
        return SoftPlus(x);
    }

    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
    public static double Model(double x, double y) => SoftPlus(x * y) * y + SoftPlus(-x);
}

public class CustomTangentTests
{
    [Fact]
    public void ForwardModeCallsTheHandWrittenTangent() => Sample(
        Uniform(2, -3, 3),
        p => Ct.Model(p[0], p[1]),
        (p, v) => (Ct.ModelTangent(p[0], p[1], v[0], v[1], out double t), t),
        p => { Ct.ModelGradient(p[0], p[1], out double dx, out double dy); return [dx, dy]; });
}
