using System;
using CsCheck;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Deconstructions (<c>MethodParser.Deconstruction.cs</c>): a swap and a recurrence that assign in parallel, the
/// pair of <c>Math.SinCos</c> deconstructed or read by name, discards, declarations mixed with existing variables, a
/// constant tuple, and float. Each against known values and central differences; forward mode and the Hessian too.
/// </summary>
public static partial class DeconstructionShapes
{
    /// <summary>A swap: after it a holds y and b holds 2x, so f = y·(2x)².</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Swap(double x, double y)
    {
        double a = x, b = y;
        (a, b) = (b, a * 2);
        return a * b * b;
    }

    /// <summary>A Fibonacci-like recurrence in a loop: (a, b) ← (b, a + c·b), every part read before any is written.</summary>
    [Differentiable(Derivatives.Hessian)]
    public static double Recurrence(double x, double c, int n)
    {
        double a = x, b = 1.0;
        for (int i = 0; i < n; i++)
        {
            (a, b) = (b, a + c * b);
        }

        return a + 0.5 * b;
    }

    /// <summary>A rotation by θ with the pair of <c>Math.SinCos</c>, deconstructed into new locals.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Rotate(double px, double py, double theta)
    {
        var (s, c) = Math.SinCos(theta);
        double x = c * px - s * py - 1;
        double y = s * px + c * py - 2;
        return x * x + y * y;
    }

    /// <summary>The parts read by name and by position, a discard, and parameters assigned by a deconstruction.</summary>
    [Differentiable]
    public static double Named(double x, double y)
    {
        double t = Math.SinCos(x * y).Sin + Math.SinCos(x).Item2;
        (x, _) = (y * t, x);
        (double u, y) = (Math.Exp(x), y - t);
        return u * y + x;
    }

    /// <summary>A constant tuple (integers and a constant angle) deconstructed beside differentiable values.</summary>
    [Differentiable]
    public static double Constants(double x, int k)
    {
        var (q, r) = Math.DivRem(k, 3);
        var (s, c) = Math.SinCos(k * 0.25);
        (double lo, double hi) = (q, x * r);
        return lo * x + hi * s + c;
    }

    /// <summary>Elements as targets, directly and through a ref local: the parts read the elements before any is written.</summary>
    [Differentiable]
    public static double Elements(double x, double y, int n)
    {
        double[] w = { x, y, 1.0 };
        ref double last = ref w[2];
        for (int i = 0; i < n; i++)
        {
            (w[0], w[1], last) = (w[1], w[0] * x, w[0] + last);
        }

        return w[0] + 2 * w[1] + 3 * w[2];
    }

    /// <summary>Float parts converted to double targets, in an assignment and in a declaration.</summary>
    [Differentiable]
    public static double Mixed(double x, float f)
    {
        double a = 0, b = 0;
        (a, b) = (f * f, x);
        (double c, double d) = (f, x * f);
        return a * b + c * d;
    }

    [Differentiable]
    public static float FloatRotate(float px, float py, float theta)
    {
        (float s, float c) = MathF.SinCos(theta);
        float x = c * px - s * py - 1;
        float y = s * px + c * py - 2;
        return x * x + y * y;
    }
}

public class DeconstructionTests
{
    [Fact]
    public void Swap_KnownValuesDifferencesAndSecondOrder()
    {
        double f = DeconstructionShapes.SwapGradient(0.5, 3, out double dx, out double dy);
        Close(3 * 1.0 * 1.0, f);             // a = y = 3, b = 2x = 1
        Close(8 * 3 * 0.5, dx);              // ∂(4x²y)/∂x = 8xy
        Close(4 * 0.25, dy);                 // ∂(4x²y)/∂y = 4x²
        Sample(Box((-2, 2), (-2, 2)), p => DeconstructionShapes.Swap(p[0], p[1]), p =>
        {
            double v = DeconstructionShapes.SwapGradient(p[0], p[1], out double a, out double b);
            return (v, [a, b]);
        });
        double[] gradient = new double[2], hessian = new double[4];
        DeconstructionShapes.SwapHessian(0.5, 3, gradient, hessian);
        Agree([8 * 3, 8 * 0.5, 8 * 0.5, 0], hessian, 1e-12, "Hessian");
        DeconstructionShapes.SwapTangent(0.5, 3, 1, 2, out double tangent);
        Close(dx + 2 * dy, tangent);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void Recurrence_KnownValuesAndDifferences(int n)
    {
        // c = 1: Fibonacci with a₀ = x, b₀ = 1, so aₙ = F(n−1)·x + F(n) and bₙ = F(n)·x + F(n+1) (F(−1) = 1).
        double[] fib = [1, 0, 1, 1, 2, 3, 5, 8, 13, 21];
        double f = DeconstructionShapes.RecurrenceGradient(2.0, 1.0, n, out double dx, out double _);
        Close(fib[n] * 2 + fib[n + 1] + 0.5 * (fib[n + 1] * 2 + fib[n + 2]), f);
        Close(fib[n] + 0.5 * fib[n + 1], dx);
        Sample(Box((-1, 1), (-1.5, 1.5)), p => DeconstructionShapes.Recurrence(p[0], p[1], n), p =>
        {
            double v = DeconstructionShapes.RecurrenceGradient(p[0], p[1], n, out double a, out double b);
            return (v, [a, b]);
        });
    }

    /// <summary>
    /// The deconstructed pair computes what the user's own Sin and Cos of θ do (<see cref="SinCosShapes.Rotate"/>, checked
    /// there against known values, differences and the Hessian's rows): value, gradient, tangent and Hessian bit for bit.
    /// </summary>
    [Fact]
    public void Rotate_IsTheRotationOfSeparateSinAndCos() =>
        Box((-2, 2), (-2, 2), (-7, 7)).Sample(p =>
        {
            double[] expected = new double[3], actual = new double[3], expectedHessian = new double[9], actualHessian = new double[9];
            Assert.Equal(
                SinCosShapes.RotateGradient(p[0], p[1], p[2], out expected[0], out expected[1], out expected[2]),
                DeconstructionShapes.RotateGradient(p[0], p[1], p[2], out actual[0], out actual[1], out actual[2]));
            Assert.Equal(expected, actual);
            SinCosShapes.RotateHessian(p[0], p[1], p[2], expected, expectedHessian);
            DeconstructionShapes.RotateHessian(p[0], p[1], p[2], actual, actualHessian);
            Assert.Equal(expectedHessian, actualHessian);
            SinCosShapes.RotateTangent(p[0], p[1], p[2], 0.5, -1, 2, out double expectedTangent);
            DeconstructionShapes.RotateTangent(p[0], p[1], p[2], 0.5, -1, 2, out double actualTangent);
            Assert.Equal(expectedTangent, actualTangent);
        }, iter: 100, print: Format);

    [Fact]
    public void Named_KnownValuesAndDifferences()
    {
        double x0 = 0.6, y0 = -1.1;
        double t = Math.Sin(x0 * y0) + Math.Cos(x0);
        double x1 = y0 * t, y1 = y0 - t, u = Math.Exp(x1);
        double f = DeconstructionShapes.NamedGradient(x0, y0, out double dx, out double dy);
        Close(u * y1 + x1, f);
        Sample(Box((-2, 2), (-2, 2)), p => DeconstructionShapes.Named(p[0], p[1]), p =>
        {
            double v = DeconstructionShapes.NamedGradient(p[0], p[1], out double a, out double b);
            return (v, [a, b]);
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-7)]
    public void Constants_KnownValues(int k)
    {
        var (q, r) = Math.DivRem(k, 3);
        double s = Math.Sin(k * 0.25), c = Math.Cos(k * 0.25);
        double f = DeconstructionShapes.ConstantsGradient(1.5, k, out double dx);
        Close(q * 1.5 + 1.5 * r * s + c, f);
        Close(q + r * s, dx);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void Elements_KnownValueAndDifferences(int n)
    {
        double[] w = [0.7, -1.3, 1.0];
        for (int i = 0; i < n; i++)
            (w[0], w[1], w[2]) = (w[1], w[0] * 0.7, w[0] + w[2]);
        Close(w[0] + 2 * w[1] + 3 * w[2], DeconstructionShapes.ElementsGradient(0.7, -1.3, n, out _, out _));
        Sample(Box((-1.5, 1.5), (-1.5, 1.5)), p => DeconstructionShapes.Elements(p[0], p[1], n), p =>
        {
            double v = DeconstructionShapes.ElementsGradient(p[0], p[1], n, out double a, out double b);
            return (v, [a, b]);
        });
    }

    [Fact]
    public void Mixed_KnownValues()
    {
        // f = f²·x + f·(x·f) = 2f²x: ∂/∂x = 2f², ∂/∂f = 4fx (f's float products are exact here)
        double value = DeconstructionShapes.MixedGradient(1.5, 0.5f, out double dx, out float df);
        Close(2 * 0.25 * 1.5, value);
        Close(2 * 0.25, dx);
        Close(4 * 0.5 * 1.5, df);
    }

    [Fact]
    public void FloatRotate_AgreesWithDouble() =>
        SampleFloat(
            Box((-2, 2), (-2, 2), (-7, 7)),
            p =>
            {
                float v = DeconstructionShapes.FloatRotateGradient(p[0], p[1], p[2], out float a, out float b, out float t);
                return (v, [a, b, t]);
            },
            p =>
            {
                double v = DeconstructionShapes.RotateGradient(p[0], p[1], p[2], out double a, out double b, out double t);
                return (v, [a, b, t]);
            },
            absolute: 1e-5);
}
