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

// A virtual [Differentiable] method: its companions are virtual too, so a call through the base type
// differentiates the override that runs.
public partial class Shape
{
    [Differentiable] public virtual double Area(double r) => r * r;
}

public partial class Disc : Shape
{
    [Differentiable] public override double Area(double r) => Math.PI * r * r;
}

public sealed partial class HalfDisc : Disc
{
    [Differentiable] public sealed override double Area(double r) => 0.5 * Math.PI * r * r;
}

public partial class Square : Shape
{
    [Differentiable] public new double Area(double r) => 4 * r * r;
}

public class InheritanceTests
{
    [Theory]
    [InlineData(0, 2 * 1.5)]
    [InlineData(1, 2 * Math.PI * 1.5)]
    [InlineData(2, Math.PI * 1.5)]
    public void GradientThroughTheBaseTypeIsTheOverridesGradient(int kind, double expected)
    {
        Shape shape = kind switch { 0 => new Shape(), 1 => new Disc(), _ => new HalfDisc() };

        double value = shape.AreaGradient(1.5, out double dr);

        Close(shape.Area(1.5), value);
        Close(expected, dr);
        Check(v => shape.Area(v[0]), [1.5], [dr]);
    }

    [Fact]
    public void HidingMethodGetsItsOwnGradient()
    {
        var square = new Square();
        Shape asShape = square;

        Close(4 * 1.5 * 1.5, square.AreaGradient(1.5, out double dr));
        Close(8 * 1.5, dr);
        asShape.AreaGradient(1.5, out dr);
        Close(2 * 1.5, dr);
    }
}
