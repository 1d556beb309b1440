using System;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>switch statements and expressions: the if/else chain they mean.</summary>
public static partial class Switches
{
    [Differentiable]
    public static double Piecewise(double x, int mode)
    {
        double y = x;
        switch (mode)
        {
            case 0:
                y = x * x;
                break;
            case 1:
            case 2:
                y = Math.Sin(x) * mode;
                break;
            case 3:
                return Math.Exp(x);
            default:
                y += 1;
                break;
        }

        return y * x;
    }

    [Differentiable]
    public static double Huber(double r, double delta) => Math.Abs(r) switch
    {
        var a when a <= delta => 0.5 * r * r,
        _ => delta * (Math.Abs(r) - 0.5 * delta),
    };

    [Differentiable]
    public static double Band(double x) => x switch
    {
        < -1 => -x * x,
        >= -1 and < 1 => x,
        _ => 2 * Math.Sqrt(x),
    };

    [Differentiable]
    public static double LossByName(double p, string kind) => kind switch
    {
        "squared" => p * p,
        "log" => -Math.Log(p),
        _ => throw new ArgumentException($"unknown loss {kind}", nameof(kind)),
    };

    [Differentiable]
    public static double InLoop(double[] w, int every)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            switch (i % every)
            {
                case 0:
                    s += w[i] * w[i];
                    break;
                case 1:
                    continue;
                default:
                    s -= w[i];
                    break;
            }

            s *= 1.5;
        }

        return s;
    }
}

/// <summary>Sections written as blocks that end with their break, <c>case 0: { …; break; }</c> (was SDIFF0005, finding F11).</summary>
public static partial class Switches
{
    [Differentiable]
    public static double BlockSections(double x, int mode)
    {
        double y = x;
        switch (mode)
        {
            case 0:
            {
                double t = x * x;
                y = t + 1;
                break;
            }
            case 1:
            {
                double t = Math.Sin(x);
                y *= t;
                break;
            }
            default:
            {
                y += 1;
                break;
            }
        }

        return y * x;
    }
}

public class SwitchTests
{
    [Fact]
    public void SectionsWrittenAsBlocks_MatchFiniteDifferences()
    {
        foreach (int mode in new[] { 0, 1, 2 })
        {
            Sample(Box((-2, 2)), p => Switches.BlockSections(p[0], mode), p => (Switches.BlockSectionsGradient(p[0], mode, out var d), new[] { d }), iterations: 20);
        }
    }

    [Fact]
    public void SwitchStatement_EachSection_MatchesFiniteDifferences()
    {
        for (int mode = -1; mode <= 4; mode++)
        {
            Sample(Box((-2, 2)), p => Switches.Piecewise(p[0], mode), p => (Switches.PiecewiseGradient(p[0], mode, out var d), new[] { d }), iterations: 50);
        }

        Assert.Equal(Math.Exp(0.5), Switches.PiecewiseGradient(0.5, 3, out double dx));
        Assert.Equal(Math.Exp(0.5), dx);
    }

    [Fact]
    public void SwitchExpressions_MatchFiniteDifferences()
    {
        Sample(Box((-3, 3), (0.5, 2)).Where(p => Math.Abs(Math.Abs(p[0]) - p[1]) > 1e-3), p => Switches.Huber(p[0], p[1]), p => (Switches.HuberGradient(p[0], p[1], out var a, out var b), new[] { a, b }));
        Sample(Box((-3, 3)).Where(p => Math.Abs(Math.Abs(p[0]) - 1) > 1e-3), p => Switches.Band(p[0]), p => (Switches.BandGradient(p[0], out var d), new[] { d }));
        Assert.Equal(4.0, Switches.LossByNameGradient(2, "squared", out double dp));
        Assert.Equal(4.0, dp);
        Switches.LossByNameGradient(2, "log", out dp);
        Assert.Equal(-0.5, dp);
        Assert.Equal("kind", Assert.Throws<ArgumentException>(() => Switches.LossByNameGradient(2, "hinge", out _)).ParamName);
    }

    [Fact]
    public void SwitchWithContinueInALoop_MatchesFiniteDifferences()
    {
        for (int every = 1; every <= 3; every++)
        {
            Sample(
                Box((-2, 2), (-2, 2), (-2, 2), (-2, 2), (-2, 2)),
                p => Switches.InLoop(p, every),
                p => { double[] g = new double[5]; return (Switches.InLoopGradient(p, every, g), g); },
                iterations: 50);
        }
    }
}
