using System;
using System.Diagnostics;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

public enum Curve { Linear, Quadratic, Cubic }

[Flags]
public enum Terms { None = 0, Square = 1, Sine = 2 }

/// <summary>
/// Enum constants (F29: written as their numbers, <c>mode == 2</c>, which C# does not compare with an enum) and const
/// locals read by guards, log lines and patterns (F28: refused as read before assignment).
/// </summary>
public static partial class Modes
{
    [Differentiable(Derivatives.Reverse | Derivatives.Forward)]
    public static double Curved(double x, Curve shape, Terms terms)
    {
        const Curve Fallback = Curve.Quadratic;
        const Terms Both = Terms.Square | Terms.Sine;
        const float Half = 0.5f;
        const double Limit = 1e6;
        if (Math.Abs(x) > Limit) throw new ArgumentOutOfRangeException(nameof(x), $"{Fallback} at {x} beyond {Limit}");
        Debug.Assert(terms != (Terms)8, $"{Both}");
        Curve s = shape == Curve.Cubic ? Curve.Cubic : Fallback;
        double r = s switch { Curve.Linear => x, Fallback => x * x, _ => x * x * x };
        if (s == Fallback) r += Half * x;
        switch (terms)
        {
            case Both:
                r += x * x + Math.Sin(x);
                break;
            case Terms.Sine:
                r += Math.Sin(x);
                break;
        }

        return x switch { > Limit => r, _ => r * 2 };
    }
}

/// <summary>
/// A typed null constant passed to an overloaded method (F32): written bare, <c>Pick(null)</c> took the string overload
/// for the object one (a silently wrong value), and with nullable value types was ambiguous (CS0121).
/// </summary>
public static partial class Modes
{
    private static double Pick(string? text) => text is null ? 1.0 : 2.0;

    private static double Pick(object? value) => 3.0;

    private static double Pick(int? count) => 5.0;

    private static double Pick(double? amount) => 7.0;

    [Differentiable]
    public static double TypedNulls(double x) => x * Pick((string?)null) + x * x * Pick((object?)null) + x * Pick((int?)null) + Math.Sin(x) * Pick((double?)null);
}

public class EnumAndConstLocalTests
{
    [Fact]
    public void TypedNullConstants_KeepTheirOverloads()
    {
        double value = Modes.TypedNullsGradient(0.5, out double dx);
        Assert.Equal(Modes.TypedNulls(0.5), value);
        Assert.Equal(0.5 * 1 + 0.25 * 3 + 0.5 * 5 + Math.Sin(0.5) * 7, value);
        Assert.Equal(1 + 2 * 0.5 * 3 + 5 + Math.Cos(0.5) * 7, dx, 14);
    }

    [Theory]
    [InlineData(Curve.Linear, Terms.None)]
    [InlineData(Curve.Quadratic, Terms.Square | Terms.Sine)]
    [InlineData(Curve.Cubic, Terms.Sine)]
    public void EnumModesAndConstLocals_MatchFiniteDifferences(Curve shape, Terms terms)
    {
        Sample(Box((-2, 2)), p => Modes.Curved(p[0], shape, terms), p => (Modes.CurvedGradient(p[0], shape, terms, out double dx), new[] { dx }));
        Modes.CurvedTangent(0.7, shape, terms, 1, out double tangent);
        Modes.CurvedGradient(0.7, shape, terms, out double gradient);
        Assert.Equal(gradient, tangent, 12);
    }

    [Fact]
    public void ConstLocalsInAThrownMessage_PrintAsTheUsersCodeDoes()
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => Modes.CurvedGradient(2e6, Curve.Linear, Terms.None, out _));
        Assert.Equal("Quadratic at 2000000 beyond 1000000 (Parameter 'x')", thrown.Message);
    }
}
