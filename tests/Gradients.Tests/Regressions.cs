using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>Methods that once generated code that did not compile or named things wrongly (found in review).</summary>
public static partial class Regress
{
    // A parameter reassigned: its later versions must not reuse the parameter's name.
    [Differentiable]
    public static double ReassignedParameter(double x, double y)
    {
        x = x * y;
        x += 1;
        x *= x;
        return x;
    }

    // A parameter named like a name the generator likes to use.
    [Differentiable]
    public static double ParameterNamedResult(double x, double result) => x * result + Math.Sin(result);

    // A local const is folded into its uses; no variable (and no unused-variable warning) is generated for it.
    [Differentiable]
    public static double LocalConst(double x)
    {
        const double k = 2;
        double y = k * x;
        y *= y;
        return y;
    }

    // A user's local named like the generator's temporaries keeps its name.
    [Differentiable]
    public static double LocalNamedT(double x)
    {
        double t = Math.Exp(x);
        double t0 = t * x;
        return t0 + t;
    }
}

public class Regressions
{
    [Fact]
    public void ReassignedParameter()
    {
        double v = Regress.ReassignedParameterGradient(0.7, -1.3, out double dx, out double dy);
        Close((0.7 * -1.3 + 1) * (0.7 * -1.3 + 1), v);
        Check(p => Regress.ReassignedParameter(p[0], p[1]), [0.7, -1.3], [dx, dy]);
    }

    [Fact]
    public void ParameterNamedResult()
    {
        Regress.ParameterNamedResultGradient(0.4, 2.1, out double dx, out double dresult);
        Check(p => Regress.ParameterNamedResult(p[0], p[1]), [0.4, 2.1], [dx, dresult]);
    }

    [Fact]
    public void LocalConst()
    {
        Regress.LocalConstGradient(1.5, out double dx);
        Close(8 * 1.5, dx);
    }

    [Fact]
    public void LocalNamedT()
    {
        Regress.LocalNamedTGradient(0.3, out double dx);
        Close(Math.Exp(0.3) * (0.3 + 1) + Math.Exp(0.3), dx);
    }
}
