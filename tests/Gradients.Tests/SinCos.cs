using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Sin and Cos of one argument computed together (issue 9): a differentiated Sin reads the cosine its forward
/// pass computed with one <c>Math.SinCos</c> (from the tape in a loop), and the user's own Sin and Cos of one
/// value are one call. Each shape against central differences and known values; the values bit for bit the
/// function's, also where the argument is huge, subnormal, −0, infinite or NaN.
/// </summary>
public static partial class SinCosShapes
{
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Straight(double x, double y) => Math.Sin(x * y) + Math.Cos(x - y) * y;

    /// <summary>A rotation: the user's Sin and Cos of θ, squared distance of the rotated point to (1, 2).</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Rotate(double px, double py, double theta)
    {
        double c = Math.Cos(theta);
        double s = Math.Sin(theta);
        double x = c * px - s * py - 1;
        double y = s * px + c * py - 2;
        return x * x + y * y;
    }

    /// <summary>Sin in a loop (its cosine taped), and Cos of a value the iteration also multiplies by (its sine taped, the value too).</summary>
    [Differentiable(Derivatives.Hessian)]
    public static double Loop(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i] + 0.01 * s; // weakly coupled: a stronger coupling makes the loop chaotic, beyond central differences
            s += Math.Sin(x[i] * 3) * x[i] + Math.Cos(v) * v * 0.5;
        }

        return s;
    }

    [Differentiable]
    public static double Nested(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            for (int j = 0; j < x.Length; j++)
            {
                s += Math.Sin(x[i] * x[j]) * Math.Cos(x[j] + s * 0.1);
            }
        }

        return s;
    }

    /// <summary>Sin and Cos on the sides of a branch, and the user's pair of one angle inside a loop.</summary>
    [Differentiable]
    public static double Branches(ReadOnlySpan<double> x, double a)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double r;
            if (x[i] > 0.8)
            {
                r = Math.Sin(x[i] * a) * a;
            }
            else
            {
                double t = x[i] + a;
                r = Math.Cos(t) * Math.Sin(t) + x[i];
            }

            s += r * r;
        }

        return s;
    }

    /// <summary>Sin of a value whose argument the result also reads (the argument is kept, the cosine computed with the sine).</summary>
    [Differentiable]
    public static double ArgumentAlsoUsed(double x, double y)
    {
        double a = x * y;
        return Math.Sin(a) * a + a * a;
    }

    [Differentiable]
    public static float FloatLoop(ReadOnlySpan<float> x, float a)
    {
        float s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float c = MathF.Cos(a * x[i]);
            s += MathF.Sin(a * x[i]) * x[i] + c * c;
        }

        return s;
    }

    [Differentiable]
    public static double DoubleLoop(ReadOnlySpan<double> x, double a)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double c = Math.Cos(a * x[i]);
            s += Math.Sin(a * x[i]) * x[i] + c * c;
        }

        return s;
    }

    /// <summary>A Cos whose result takes the variable of its argument: the pair assigns it and declares only the sine.</summary>
    [Differentiable]
    public static double Reassigned(double x, double y)
    {
        double s = Math.Sin(x) * y;
        s = Math.Cos(s);
        return s * x;
    }

    /// <summary>The sine is the loop's variable, assigned by the pair; its cosine taped.</summary>
    [Differentiable]
    public static double Iterated(double x, int n)
    {
        double s = x;
        for (int i = 0; i < n; i++)
        {
            s = Math.Sin(s * 1.1);
        }

        return s;
    }

    [Differentiable]
    public static float FloatStraight(float x, float y) => MathF.Sin(x * y) + MathF.Cos(x - y) * y;
}

public class SinCosTests
{
    private static readonly Random Seeded = new(20261130);

    private static double[] Points(int n, double lo, double hi) => Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * Seeded.NextDouble()).ToArray();

    [Fact]
    public void Straight_KnownValuesAndDifferences()
    {
        double x = 0.5, y = 2;
        double f = SinCosShapes.StraightGradient(x, y, out double dx, out double dy);
        Assert.Equal(Math.Sin(x * y) + Math.Cos(x - y) * y, f);
        Close(y * Math.Cos(x * y) - y * Math.Sin(x - y), dx);
        Close(x * Math.Cos(x * y) + y * Math.Sin(x - y) + Math.Cos(x - y), dy);
        Sample(Box((-3, 3), (-3, 3)), p => SinCosShapes.Straight(p[0], p[1]), p =>
        {
            double v = SinCosShapes.StraightGradient(p[0], p[1], out double gx, out double gy);
            return (v, [gx, gy]);
        });
    }

    [Fact]
    public void Straight_TangentAndHessian()
    {
        Box((-3, 3), (-3, 3), (-1, 1), (-1, 1)).Sample(p =>
        {
            double x = p[0], y = p[1], vx = p[2], vy = p[3];
            Assert.Equal(SinCosShapes.Straight(x, y), SinCosShapes.StraightTangent(x, y, vx, vy, out double tangent));
            // The known directional derivative, term by term: where the terms cancel (a tangent near 0), the
            // rounding of each is the error to expect, not a fraction of the small sum.
            double cosXY = Math.Cos(x * y), sinDiff = Math.Sin(x - y);
            CloseToSum([y * cosXY * vx, -y * sinDiff * vx, x * cosXY * vy, y * sinDiff * vy, Math.Cos(x - y) * vy], tangent);

            double[] gradient = new double[2], hessian = new double[4];
            SinCosShapes.StraightHessian(x, y, gradient, hessian);
            for (int row = 0; row < 2; row++)
            {
                int r = row;
                Check(q => { SinCosShapes.StraightGradient(q[0], q[1], out double a, out double b); return r == 0 ? a : b; }, [x, y], hessian[(2 * r)..(2 * r + 2)]);
            }
        }, iter: 100, print: Format);
    }

    /// <summary>The forward value is the function's to the last bit wherever Sin and Cos are defined or not.</summary>
    [Theory]
    [InlineData(1e300, 1.0)]
    [InlineData(1e22, -3.0)]
    [InlineData(4.9406564584124654E-324, 3.0)]
    [InlineData(-0.0, 2.0)]
    [InlineData(double.PositiveInfinity, 1.0)]
    [InlineData(double.NegativeInfinity, 2.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.7853981633974483, 1.0)]
    public void Values_AreTheFunctionsBitForBit(double x, double y)
    {
        Assert.Equal(BitConverter.DoubleToInt64Bits(SinCosShapes.Straight(x, y)), BitConverter.DoubleToInt64Bits(SinCosShapes.StraightGradient(x, y, out _, out _)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(SinCosShapes.Straight(x, y)), BitConverter.DoubleToInt64Bits(SinCosShapes.StraightTangent(x, y, 1, 0, out _)));
        Assert.Equal(BitConverter.DoubleToInt64Bits(SinCosShapes.Rotate(y, 0.5, x)), BitConverter.DoubleToInt64Bits(SinCosShapes.RotateGradient(y, 0.5, x, out _, out _, out _)));
        float xf = (float)x, yf = (float)y;
        Assert.Equal(BitConverter.SingleToInt32Bits(SinCosShapes.FloatStraight(xf, yf)), BitConverter.SingleToInt32Bits(SinCosShapes.FloatStraightGradient(xf, yf, out _, out _)));
    }

    [Fact]
    public void Rotate_KnownValuesAndDifferences()
    {
        // At θ = π/2 the point (1, 0) goes to (0, 1): f = 1 + 1 = 2; ∂f/∂θ = 2(x·(−s·px − c·py) + y·(c·px − s·py)) with x = −1, y = −1.
        double theta = Math.PI / 2, c = Math.Cos(theta), s = Math.Sin(theta);
        double f = SinCosShapes.RotateGradient(1, 0, theta, out double dpx, out double dpy, out double dtheta);
        double x = c - 1, y = s - 2;
        Close(x * x + y * y, f);
        Close(2 * (x * c + y * s), dpx);
        Close(2 * (-x * s + y * c), dpy);
        Close(2 * (x * -s + y * c), dtheta);
        Sample(Box((-2, 2), (-2, 2), (-7, 7)), p => SinCosShapes.Rotate(p[0], p[1], p[2]), p =>
        {
            double v = SinCosShapes.RotateGradient(p[0], p[1], p[2], out double a, out double b, out double t);
            return (v, [a, b, t]);
        });
        Box((-2, 2), (-2, 2), (-7, 7)).Sample(p =>
        {
            double[] gradient = new double[3], hessian = new double[9];
            SinCosShapes.RotateHessian(p[0], p[1], p[2], gradient, hessian);
            for (int row = 0; row < 3; row++)
            {
                int r = row;
                Check(q => { SinCosShapes.RotateGradient(q[0], q[1], q[2], out double a, out double b, out double t); return r == 0 ? a : r == 1 ? b : t; }, p, hessian[(3 * r)..(3 * r + 3)]);
            }

            Assert.Equal(SinCosShapes.Rotate(p[0], p[1], p[2]), SinCosShapes.RotateTangent(p[0], p[1], p[2], 0, 0, 1, out double tangent));
            Close(gradient[2], tangent, 1e-12);
        }, iter: 50, print: Format);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(100)] // 300 taped values: the tape outgrows its 64 on the stack
    public void Loop_TapedCosineAndSine(int n)
    {
        double[] x = Points(n, -1.5, 1.5);
        TapedReadTests.Agrees(SinCosShapes.Loop, SinCosShapes.LoopGradient, n);
        TapedReadTests.HessianAgrees(SinCosShapes.LoopGradient, SinCosShapes.LoopHessian, x[..Math.Min(n, 6)]);
    }

    [Fact]
    public void Loop_KnownValue()
    {
        // one iteration: s = sin(3x)·x + cos(x)·x/2, so ∂s/∂x = 3x·cos(3x) + sin(3x) + (cos(x) − x·sin(x))/2
        double x = 0.7;
        double[] g = new double[1];
        Close(Math.Sin(3 * x) * x + Math.Cos(x) * x * 0.5, SinCosShapes.LoopGradient([x], g));
        Close(3 * x * Math.Cos(3 * x) + Math.Sin(3 * x) + (Math.Cos(x) - x * Math.Sin(x)) * 0.5, g[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    public void Nested_Differences(int n) => TapedReadTests.Agrees(SinCosShapes.Nested, SinCosShapes.NestedGradient, n);

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void Branches_Differences(int n)
    {
        Sample(Box([.. Enumerable.Repeat((0.0, 1.6), n + 1)]), p => SinCosShapes.Branches(p.AsSpan(1), p[0]), p =>
        {
            double[] g = new double[n];
            double v = SinCosShapes.BranchesGradient(p.AsSpan(1), p[0], g, out double da);
            return (v, [da, .. g]);
        }, iterations: 60);
    }

    [Fact]
    public void Reassigned_KnownValuesAndDifferences()
    {
        // f = cos(sin(x)·y)·x: ∂f/∂x = cos(u) − x·sin(u)·cos(x)·y, ∂f/∂y = −x·sin(u)·sin(x), u = sin(x)·y
        double x = 0.8, y = 1.7, u = Math.Sin(x) * y;
        double f = SinCosShapes.ReassignedGradient(x, y, out double dx, out double dy);
        Close(Math.Cos(u) * x, f);
        Close(Math.Cos(u) - x * Math.Sin(u) * Math.Cos(x) * y, dx);
        Close(-x * Math.Sin(u) * Math.Sin(x), dy);
        Sample(Box((-3, 3), (-3, 3)), p => SinCosShapes.Reassigned(p[0], p[1]), p =>
        {
            double v = SinCosShapes.ReassignedGradient(p[0], p[1], out double gx, out double gy);
            return (v, [gx, gy]);
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(30)]
    public void Iterated_KnownValuesAndDifferences(int n)
    {
        // the chain rule by hand: s ← sin(1.1·s), ∂s ← 1.1·cos(1.1·s)·∂s
        double x = 0.9, s = x, derivative = 1;
        for (int i = 0; i < n; i++)
        {
            derivative *= 1.1 * Math.Cos(1.1 * s);
            s = Math.Sin(1.1 * s);
        }

        Assert.Equal(s, SinCosShapes.IteratedGradient(x, n, out double dx));
        Close(derivative, dx);
        Sample(Box((-2, 2)), p => SinCosShapes.Iterated(p[0], n), p => (SinCosShapes.IteratedGradient(p[0], n, out double g), [g]), iterations: 50);
    }

    [Fact]
    public void ArgumentAlsoUsed_KnownValuesAndDifferences()
    {
        // f = sin(a)·a + a², a = xy: ∂f/∂x = (cos(a)·a + sin(a) + 2a)·y
        double x = 1.25, y = -0.75, a = x * y;
        double f = SinCosShapes.ArgumentAlsoUsedGradient(x, y, out double dx, out double dy);
        Close(Math.Sin(a) * a + a * a, f);
        Close((Math.Cos(a) * a + Math.Sin(a) + 2 * a) * y, dx);
        Close((Math.Cos(a) * a + Math.Sin(a) + 2 * a) * x, dy);
        Sample(Box((-3, 3), (-3, 3)), p => SinCosShapes.ArgumentAlsoUsed(p[0], p[1]), p =>
        {
            double v = SinCosShapes.ArgumentAlsoUsedGradient(p[0], p[1], out double gx, out double gy);
            return (v, [gx, gy]);
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(80)]
    public void FloatLoop_AgreesWithTheDoubleLoop(int n)
    {
        Sample(Box([.. Enumerable.Repeat((-1.5, 1.5), n + 1)]), p => SinCosShapes.DoubleLoop(p.AsSpan(1), p[0]), p =>
        {
            double[] g = new double[n];
            double v = SinCosShapes.DoubleLoopGradient(p.AsSpan(1), p[0], g, out double da);
            return (v, [da, .. g]);
        }, iterations: 40);
        SampleFloat(
            Box([.. Enumerable.Repeat((-1.5, 1.5), n + 1)]),
            p =>
            {
                float[] g = new float[n];
                float v = SinCosShapes.FloatLoopGradient(p.AsSpan(1), p[0], g, out float da);
                return (v, [da, .. g]);
            },
            p =>
            {
                double[] g = new double[n];
                double v = SinCosShapes.DoubleLoopGradient(p.AsSpan(1), p[0], g, out double da);
                return (v, [da, .. g]);
            },
            absolute: 1e-5 * n,
            iterations: 40);
    }

    [Fact]
    public void FloatStraight_AgreesWithTheDouble() =>
        SampleFloat(
            Box((-3, 3), (-3, 3)),
            p => (SinCosShapes.FloatStraightGradient(p[0], p[1], out float a, out float b), [a, b]),
            p => (SinCosShapes.StraightGradient(p[0], p[1], out double a, out double b), [a, b]),
            absolute: 1e-5);
}
