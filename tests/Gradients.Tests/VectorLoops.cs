using System;
using System.Linq;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Loops the generator also writes as <c>Vector256</c> lanes (issue 9, item 4), each beside a twin the generator keeps
/// scalar: the same statements, but the loop runs to an int parameter <c>n</c> instead of a length, which the
/// vectorization cannot prove in range (the generated snapshots show which is which).
/// </summary>
public static partial class VectorLoopFunctions
{
    [Differentiable]
    public static double Rosenbrock(ReadOnlySpan<double> x)
    {
        double s = 0.0;
        for (int i = 0; i < x.Length - 1; i++)
        {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1.0 - x[i];
            s += 100.0 * a * a + b * b;
        }

        return s;
    }

    [Differentiable]
    public static double RosenbrockScalar(ReadOnlySpan<double> x, int n)
    {
        double s = 0.0;
        for (int i = 0; i < n - 1; i++)
        {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1.0 - x[i];
            s += 100.0 * a * a + b * b;
        }

        return s;
    }

    [Differentiable]
    public static float RosenbrockSingle(ReadOnlySpan<float> x)
    {
        float s = 0f;
        for (int i = 0; i < x.Length - 1; i++)
        {
            float a = x[i + 1] - x[i] * x[i];
            float b = 1f - x[i];
            s += 100f * a * a + b * b;
        }

        return s;
    }

    [Differentiable]
    public static float RosenbrockSingleScalar(ReadOnlySpan<float> x, int n)
    {
        float s = 0f;
        for (int i = 0; i < n - 1; i++)
        {
            float a = x[i + 1] - x[i] * x[i];
            float b = 1f - x[i];
            s += 100f * a * a + b * b;
        }

        return s;
    }

    /// <summary>No carry: each element's adjoint is its own iteration's; a square root, a quotient, a negation, a limit two short of the length.</summary>
    [Differentiable]
    public static double Smooth(double[] x, [NoDiff] double c)
    {
        double s = 0.0;
        for (int i = 0; i < x.Length - 2; i++)
        {
            double a = x[i] * c - 0.5;
            s -= Math.Sqrt(a * a + 1.0) / (2.0 + x[i] * x[i]) + -a;
        }

        return s;
    }

    [Differentiable]
    public static double SmoothScalar(double[] x, [NoDiff] double c, int n)
    {
        double s = 0.0;
        for (int i = 0; i < n - 2; i++)
        {
            double a = x[i] * c - 0.5;
            s -= Math.Sqrt(a * a + 1.0) / (2.0 + x[i] * x[i]) + -a;
        }

        return s;
    }
}

/// <summary>
/// The vector loops give the scalar loops' results bit for bit (the value, every gradient element, <c>Backward</c>'s
/// accumulation) at every length around the lane counts, the value is the user's function's bit for bit, and the
/// gradients agree with central differences.
/// </summary>
public class VectorLoopTests
{
    private static readonly int[] Lengths = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16, 17, 18, 31, 32, 33, 34, 100, 1001];

    private static double[] Point(int n, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4.0 - 2.0)];
    }

    /// <summary>
    /// The same bits; any NaN for a NaN: IEEE 754 does not say which sign and payload an operation on two NaNs returns,
    /// and the JIT may swap the operands of + and × (in scalar code as in vector code), so a NaN's bits are not the program's.
    /// </summary>
    private static void SameBits(double expected, double actual, string what) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || double.IsNaN(expected) && double.IsNaN(actual),
            $"{what}: expected {expected:R}, actual {actual:R}");

    private static void SameBits(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            SameBits(expected[i], actual[i], $"{what}[{i}]");
        }
    }

    [Fact]
    public void Rosenbrock_VectorAndScalarLoopsAgreeBitForBit()
    {
        foreach (int n in Lengths)
        {
            double[] x = Point(n, n);
            double[] vector = new double[n], scalar = new double[n];
            double value = VectorLoopFunctions.RosenbrockGradient(x, vector);
            SameBits(VectorLoopFunctions.RosenbrockScalarGradient(x, n, scalar), value, $"value, n = {n}");
            SameBits(VectorLoopFunctions.Rosenbrock(x), value, $"the function's value, n = {n}");
            SameBits(scalar, vector, $"gradient, n = {n}");

            // Backward adds into what is there, with a seed.
            double[] vectorSum = Point(n, 1000 + n), scalarSum = (double[])vectorSum.Clone();
            SameBits(VectorLoopFunctions.RosenbrockScalarBackward(x, n, 0.75, scalarSum), VectorLoopFunctions.RosenbrockBackward(x, 0.75, vectorSum), $"Backward's value, n = {n}");
            SameBits(scalarSum, vectorSum, $"Backward's sum, n = {n}");
        }
    }

    [Fact]
    public void RosenbrockSingle_VectorAndScalarLoopsAgreeBitForBit()
    {
        foreach (int n in Lengths)
        {
            float[] x = [.. Point(n, n).Select(v => (float)v)];
            float[] vector = new float[n], scalar = new float[n];
            float value = VectorLoopFunctions.RosenbrockSingleGradient(x, vector);
            SameBits(VectorLoopFunctions.RosenbrockSingleScalarGradient(x, n, scalar), value, $"value, n = {n}");
            SameBits(VectorLoopFunctions.RosenbrockSingle(x), value, $"the function's value, n = {n}");
            SameBits([.. scalar.Select(v => (double)v)], [.. vector.Select(v => (double)v)], $"gradient, n = {n}");

            float[] vectorSum = [.. Point(n, 1000 + n).Select(v => (float)v)], scalarSum = (float[])vectorSum.Clone();
            SameBits(VectorLoopFunctions.RosenbrockSingleScalarBackward(x, n, 0.75f, scalarSum), VectorLoopFunctions.RosenbrockSingleBackward(x, 0.75f, vectorSum), $"Backward's value, n = {n}");
            SameBits([.. scalarSum.Select(v => (double)v)], [.. vectorSum.Select(v => (double)v)], $"Backward's sum, n = {n}");
        }
    }

    [Fact]
    public void Smooth_VectorAndScalarLoopsAgreeBitForBit()
    {
        foreach (int n in Lengths)
        {
            double[] x = Point(n, n);
            double[] vector = new double[n], scalar = new double[n];
            double value = VectorLoopFunctions.SmoothGradient(x, 0.7, vector);
            SameBits(VectorLoopFunctions.SmoothScalarGradient(x, 0.7, n, scalar), value, $"value, n = {n}");
            SameBits(VectorLoopFunctions.Smooth(x, 0.7), value, $"the function's value, n = {n}");
            SameBits(scalar, vector, $"gradient, n = {n}");

            double[] vectorSum = Point(n, 1000 + n), scalarSum = (double[])vectorSum.Clone();
            SameBits(VectorLoopFunctions.SmoothScalarBackward(x, 0.7, n, -1.5, scalarSum), VectorLoopFunctions.SmoothBackward(x, 0.7, -1.5, vectorSum), $"Backward's value, n = {n}");
            SameBits(scalarSum, vectorSum, $"Backward's sum, n = {n}");
        }
    }

    /// <summary>Signed zeros, infinities and NaN go through the lanes as through the scalar loop (negation flips the sign bit, -0 stays -0).</summary>
    [Fact]
    public void SpecialValues_VectorAndScalarLoopsAgreeBitForBit()
    {
        double[] specials = [0.0, -0.0, 1.0, -1.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1e300, -1e-300, double.Epsilon];
        var random = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = random.Next(0, 24);
            double[] x = [.. Enumerable.Range(0, n).Select(_ => specials[random.Next(specials.Length)])];
            double[] vector = new double[n], scalar = new double[n];
            SameBits(VectorLoopFunctions.RosenbrockScalarGradient(x, n, scalar), VectorLoopFunctions.RosenbrockGradient(x, vector), $"Rosenbrock's value at ({string.Join(", ", x)})");
            SameBits(scalar, vector, $"Rosenbrock's gradient at ({string.Join(", ", x)})");
            SameBits(VectorLoopFunctions.SmoothScalarGradient(x, -0.0, n, scalar), VectorLoopFunctions.SmoothGradient(x, -0.0, vector), $"Smooth's value at ({string.Join(", ", x)})");
            SameBits(scalar, vector, $"Smooth's gradient at ({string.Join(", ", x)})");
        }
    }

    [Fact]
    public void VectorLoops_MatchFiniteDifferences()
    {
        foreach (int n in Lengths.Where(n => n <= 34))
        {
            double[] x = Point(n, n);
            double[] gradient = new double[n];
            VectorLoopFunctions.RosenbrockGradient(x, gradient);
            Check(z => VectorLoopFunctions.Rosenbrock(z), x, gradient);
            VectorLoopFunctions.SmoothGradient(x, 0.7, gradient);
            Check(z => VectorLoopFunctions.Smooth(z, 0.7), x, gradient);
        }
    }
}
