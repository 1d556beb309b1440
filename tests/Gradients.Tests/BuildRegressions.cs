using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>Methods whose generated code once did not compile (issue 7, section 2), checked on numbers now that it does.</summary>
public static partial class BuildRegress
{
    // Every name a keyword written with @: parameters, locals, arrays, loop variables, a callee and its parameter.
    [Differentiable]
    public static double @return(double @double, double @in, double[] @params)
    {
        double @int = @double * @in;
        double[] @new = { @int, @in };
        for (int @for = 0; @for < @params.Length; @for++)
        {
            @int += @params[@for] * @new[0];
            @new[1] = @int * @double;
        }

        double @var = @new[1] + @this(@int);
        return @var * @int;
    }

    [Differentiable]
    public static double @this(double @base) => @base * @base;
}

public class BuildRegressionTests
{
    [Fact]
    public void KeywordNames()
    {
        double[] x = [0.7, -0.4, 0.5, -1.5, 2.0];
        static double F(double[] v) => BuildRegress.@return(v[0], v[1], v[2..]);
        double[] dp = new double[3];
        double value = BuildRegress.returnGradient(x[0], x[1], x[2..], out double da, out double db, dp);

        Close(F(x), value);
        Check(F, x, [da, db, .. dp]);
    }
}
