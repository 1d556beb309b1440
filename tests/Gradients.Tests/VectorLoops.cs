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

    /// <summary>
    /// A vector sum nested in another loop, the sum carried from the outer loop (F53): the vector lanes added into the
    /// sum's own name while the scalar loop carried it in another variable, so every lane's terms were lost (a wrong
    /// value and gradient, 4.3 for 40.2).
    /// </summary>
    [Differentiable]
    public static double Nested(double x, ReadOnlySpan<double> s)
    {
        double t = x;
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < s.Length; j++)
            {
                t += s[j] * s[j];
            }

            t *= x;
        }

        return t;
    }

    [Differentiable]
    public static double NestedScalar(double x, ReadOnlySpan<double> s, int n)
    {
        double t = x;
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < n; j++)
            {
                t += s[j] * s[j];
            }

            t *= x;
        }

        return t;
    }

    /// <summary>The same in float, counting by foreach, with a sum that subtracts.</summary>
    [Differentiable]
    public static float NestedFloat(float x, ReadOnlySpan<float> s)
    {
        float t = x;
        for (int i = 0; i < 3; i++)
        {
            foreach (float v in s)
            {
                t -= v * x;
            }

            t *= 0.5f;
        }

        return t;
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

    /// <summary>((x + S)·x + S)·x with S = Σ s²: the known value and derivative 3x² + 2Sx + S, and the scalar twin's bits.</summary>
    [Fact]
    public void ANestedSum_KnownValuesAndTheScalarTwin()
    {
        foreach (int n in Lengths)
        {
            double[] s = Point(n, n), ds = new double[n], scalar = new double[n];
            double x = 1.5, sum = s.Aggregate(0.0, (a, v) => a + v * v);
            double value = VectorLoopFunctions.NestedGradient(x, s, out double dx, ds);
            SameBits(VectorLoopFunctions.Nested(x, s), value, $"the function's value, n = {n}");
            SameBits(VectorLoopFunctions.NestedScalarGradient(x, s, n, out double scalarDx, scalar), value, $"value, n = {n}");
            SameBits(scalarDx, dx, $"∂/∂x, n = {n}");
            SameBits(scalar, ds, $"gradient, n = {n}");
            Close(((x + sum) * x + sum) * x, value, 1e-12);
            Close(3 * x * x + 2 * sum * x + sum, dx, 1e-12);
            Agree(s.Select(v => 2 * v * (x * x + x)).ToArray(), ds, 1e-12, absolute: 1e-14);
        }
    }

    /// <summary>t ← (t − x·Σs)/2 three times: t = x/8 − x·Σs·(1/2 + 1/4 + 1/8), in float.</summary>
    [Fact]
    public void ANestedFloatSum_KnownValues()
    {
        foreach (int n in Lengths)
        {
            float[] s = [.. Point(n, n).Select(v => (float)v)];
            float[] ds = new float[n];
            float value = VectorLoopFunctions.NestedFloatGradient(0.75f, s, out float dx, ds);
            Assert.Equal(VectorLoopFunctions.NestedFloat(0.75f, s), value);
            double sum = s.Sum(v => (double)v);
            Agree([0.75 / 8 - 0.75 * sum * 0.875], [value], 1e-5, "value", absolute: 1e-5);
            Agree([1.0 / 8 - sum * 0.875], [dx], 1e-5, "∂/∂x", absolute: 1e-5);
            Agree([.. s.Select(_ => -0.75 * 0.875)], [.. ds.Select(v => (double)v)], 1e-6);
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
