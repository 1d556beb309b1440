using System;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

public static partial class Br
{
    [Differentiable]
    public static double Piecewise(double x, double y)
    {
        if (x < -1)
        {
            return x * y;
        }
        else if (x <= 1)
        {
            double t = x * x;
            return t + Math.Sin(y);
        }
        else
        {
            return Math.Exp(y) / x;
        }
    }

    [Differentiable]
    public static double Ternary(double x, double y) => x > y ? x * x * y : Math.Sin(y) + x;

    [Differentiable]
    public static double TernaryInside(double x, double y)
    {
        double t = (x >= 0 ? Math.Sqrt(x + 1) : Math.Exp(x)) * y;
        return t * t;
    }

    [Differentiable]
    public static double NestedEarly(double x, double y)
    {
        if (x > 0)
        {
            if (y > 0)
            {
                return x * y;
            }
            if (y < -1)
            {
                return x - y * y;
            }
        }
        else
        {
            if (y > 0)
            {
                if (x < -1)
                {
                    return x * x * y;
                }
            }
        }
        return Math.Cos(x + y);
    }

    [Differentiable]
    public static double ReassignOneBranch(double x, double y)
    {
        double r = x * y;
        if (x > y)
        {
            r = r * x;
        }
        return r + y;
    }

    [Differentiable]
    public static double ReassignBothBranches(double x, double y)
    {
        double r = x;
        double s = y;
        if (x * y > 1)
        {
            r = r * r;
        }
        else
        {
            s = Math.Exp(s);
            r += s;
        }
        return r * s;
    }

    [Differentiable]
    public static double Logic(double x, double y)
    {
        if ((x > 0 && y > 0) || !(x > -1))
        {
            return x * y;
        }
        if (x == y || x != 0.5 && y <= -2)
        {
            return x - y;
        }
        return x + y * y;
    }
}

/// <summary>Each side of every branch: only the taken side's gradient flows.</summary>
public class BranchTests
{
    private static (double, double[]) G2(double v, double d0, double d1) => (v, [d0, d1]);

    private static void Piecewise((double, double) xs, (double, double) ys) =>
        Sample(Box(xs, ys), p => Br.Piecewise(p[0], p[1]), p => G2(Br.PiecewiseGradient(p[0], p[1], out var a, out var b), a, b));

    [Fact] public void Piecewise_If() => Piecewise((-4, -1.01), (-3, 3));
    [Fact] public void Piecewise_ElseIf() => Piecewise((-0.99, 0.99), (-3, 3));
    [Fact] public void Piecewise_Else() => Piecewise((1.01, 4), (-3, 3));

    [Theory]
    [InlineData(-2, 3, 3, -2)]               // x·y
    [InlineData(0.5, 0, 1, 1)]               // x² + sin y: (2x, cos 0)
    [InlineData(1, 0, 2, 1)]                 // x = 1 takes "else if" (<=): (2, 1)
    [InlineData(2, 0, -0.25, 0.5)]           // eʸ/x: (−eʸ/x², eʸ/x)
    public void Piecewise_TakesOnlyTheTakenBranch(double x, double y, double dx, double dy)
    {
        Br.PiecewiseGradient(x, y, out double gx, out double gy);
        Assert.Equal(dx, gx, 1e-15);
        Assert.Equal(dy, gy, 1e-15);
    }

    private static void Ternary(Func<double[], bool> region) =>
        Sample(Box((-3, 3), (-3, 3)).Where(p => region(p) && Math.Abs(p[0] - p[1]) > 1e-3), p => Br.Ternary(p[0], p[1]), p => G2(Br.TernaryGradient(p[0], p[1], out var a, out var b), a, b));

    [Fact] public void Ternary_True() => Ternary(p => p[0] > p[1]);
    [Fact] public void Ternary_False() => Ternary(p => p[0] < p[1]);

    [Fact]
    public void Ternary_OnlyTheTakenSideFlows()
    {
        Br.TernaryGradient(2, 1, out double dx, out double dy);     // x²y: (2xy, x²)
        Assert.Equal((4.0, 4.0), (dx, dy));
        Br.TernaryGradient(1, 2, out dx, out dy);                   // sin y + x: (1, cos y)
        Assert.Equal((1.0, Math.Cos(2)), (dx, dy));
        Br.TernaryGradient(1, 1, out dx, out dy);                   // tie: x > y is false
        Assert.Equal((1.0, Math.Cos(1)), (dx, dy));
        Br.TernaryInsideGradient(0, -1, out dx, out dy);             // x = 0 takes √(x+1): f = t², t = √(x+1)·y: (2t·y·½, 2t) = (1, −2)
        Assert.Equal((1.0, -2.0), (dx, dy));
    }

    [Fact] public void TernaryInsideExpression_NonNegative() => Sample(Box((1e-3, 3), (-2, 2)), p => Br.TernaryInside(p[0], p[1]), p => G2(Br.TernaryInsideGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void TernaryInsideExpression_Negative() => Sample(Box((-3, -1e-3), (-2, 2)), p => Br.TernaryInside(p[0], p[1]), p => G2(Br.TernaryInsideGradient(p[0], p[1], out var a, out var b), a, b));

    private static void NestedEarly((double, double) xs, (double, double) ys) =>
        Sample(Box(xs, ys), p => Br.NestedEarly(p[0], p[1]), p => G2(Br.NestedEarlyGradient(p[0], p[1], out var a, out var b), a, b));

    [Fact] public void NestedEarlyReturn_FirstInner() => NestedEarly((0.01, 3), (0.01, 3));
    [Fact] public void NestedEarlyReturn_SecondInner() => NestedEarly((0.01, 3), (-3, -1.01));
    [Fact] public void NestedEarlyReturn_FallThroughFromThen() => NestedEarly((0.01, 3), (-0.99, -0.01));
    [Fact] public void NestedEarlyReturn_ElseDoublyNested() => NestedEarly((-3, -1.01), (0.01, 3));
    [Fact] public void NestedEarlyReturn_FallThroughFromElse() => NestedEarly((-0.99, -0.01), (-3, 3));

    [Theory]
    [InlineData(2, 3, 3, 2)]                          // x·y
    [InlineData(2, -2, 1, 4)]                         // x − y²: (1, −2y)
    [InlineData(-2, 1, -4, 4)]                        // x²y: (2xy, x²)
    public void NestedEarlyReturn_ClosedForm(double x, double y, double dx, double dy)
    {
        Br.NestedEarlyGradient(x, y, out double gx, out double gy);
        Assert.Equal((dx, dy), (gx, gy));
    }

    [Fact]
    public void NestedEarlyReturn_FallThrough_ClosedForm()
    {
        Br.NestedEarlyGradient(1, -0.5, out double gx, out double gy);
        Assert.Equal(-Math.Sin(0.5), gx, 1e-15);
        Assert.Equal(-Math.Sin(0.5), gy, 1e-15);
    }

    [Fact] public void ReassignedInOneBranch_Taken() => Sample(Box((-3, 3), (-3, 3)).Where(p => p[0] > p[1] + 1e-3), p => Br.ReassignOneBranch(p[0], p[1]), p => G2(Br.ReassignOneBranchGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void ReassignedInOneBranch_NotTaken() => Sample(Box((-3, 3), (-3, 3)).Where(p => p[0] < p[1] - 1e-3), p => Br.ReassignOneBranch(p[0], p[1]), p => G2(Br.ReassignOneBranchGradient(p[0], p[1], out var a, out var b), a, b));

    [Fact]
    public void ReassignedInOneBranch_ClosedForm()
    {
        Br.ReassignOneBranchGradient(3, 2, out double dx, out double dy);   // x²y + y: (2xy, x² + 1)
        Assert.Equal((12.0, 10.0), (dx, dy));
        Br.ReassignOneBranchGradient(2, 3, out dx, out dy);                 // xy + y: (y, x + 1)
        Assert.Equal((3.0, 3.0), (dx, dy));
    }

    [Fact] public void ReassignedInBothBranches_Then() => Sample(Box((1, 3), (1, 3)).Where(p => p[0] * p[1] > 1 + 1e-3), p => Br.ReassignBothBranches(p[0], p[1]), p => G2(Br.ReassignBothBranchesGradient(p[0], p[1], out var a, out var b), a, b));
    [Fact] public void ReassignedInBothBranches_Else() => Sample(Box((-3, 3), (-2, 2)).Where(p => p[0] * p[1] < 1 - 1e-3), p => Br.ReassignBothBranches(p[0], p[1]), p => G2(Br.ReassignBothBranchesGradient(p[0], p[1], out var a, out var b), a, b));

    /// <summary>
    /// Away from the conditions' boundaries, where a central difference straddles two branches: x == y and x == 0.5
    /// pick a branch on a line (a sample drew x = y = −0.6, where the gradient is x − y's and the difference x + y²'s).
    /// </summary>
    private static void Logic((double, double) xs, (double, double) ys) =>
        Sample(
            Box(xs, ys).Where(p => Math.Abs(p[0] - p[1]) > 1e-3 && Math.Abs(p[0] - 0.5) > 1e-3),
            p => Br.Logic(p[0], p[1]),
            p => G2(Br.LogicGradient(p[0], p[1], out var a, out var b), a, b));

    [Fact] public void Logic_AndTrue() => Logic((0.01, 3), (0.01, 3));
    [Fact] public void Logic_NotTrue() => Logic((-3, -1.01), (-3, 3));
    [Fact] public void Logic_SecondConditionByAnd() => Logic((-0.99, 3), (-4, -2.01));
    [Fact] public void Logic_Neither() => Logic((-0.99, 3), (-1.99, -0.01));

    [Theory]
    [InlineData(1, 2, 2, 1)]          // x·y (&&)
    [InlineData(-2, 5, 5, -2)]        // x·y (!)
    [InlineData(-0.5, -0.5, 1, -1)]   // x − y (x == y)
    [InlineData(0.5, -3, 1, -6)]       // x != 0.5 is false: x + y², (1, 2y)
    [InlineData(0.25, -3, 1, -1)]     // x − y (x != 0.5 && y <= −2)
    [InlineData(0.5, -1, 1, -2)]      // x + y²
    public void Logic_ClosedForm(double x, double y, double dx, double dy)
    {
        Br.LogicGradient(x, y, out double gx, out double gy);
        Assert.Equal((dx, dy), (gx, gy));
    }
}
