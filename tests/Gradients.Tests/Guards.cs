using System;
using System.Diagnostics;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>Guards, throws and logging: run in the forward pass as written, nothing backward.</summary>
public static partial class Guarded
{
    public static int Logged;

    private static void Log(string message) => Logged += message.Length > 0 ? 1 : 0;

    [Differentiable]
    public static double CheckedLog(double x, double k)
    {
        if (x <= 0) throw new ArgumentOutOfRangeException(nameof(x), x, $"log of {x}");
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        Debug.Assert(x > 0, "positive");
        Debug.WriteLine($"x = {x}, k = {k}");
        double y = x * x + k;
        string message = $"y = {y:F3}";
        Log(message);
        return Math.Log(y) * k;
    }

    [Differentiable]
    public static double Ratio(double a, double b) => b != 0 ? a / b : throw new DivideByZeroException($"{a} / 0");

    [Differentiable]
    public static double FirstTimes(double[] w, double x)
    {
        double[] v = w ?? throw new ArgumentNullException(nameof(w));
        return v[0] * x;
    }

    /// <summary>A constant array has no adjoint span, so no length check runs before the guard (a differentiable one's check would meet the null first).</summary>
    [Differentiable]
    public static double ScaledBy([NoDiff] double[]? scale, double x) => (scale ?? throw new ArgumentNullException(nameof(scale)))[0] * x * x;

    /// <summary>The value is assigned only on the side that does not throw (definite assignment knows the throw ends the path).</summary>
    [Differentiable]
    public static double RootTimes(double x)
    {
        double y;
        if (x < 0)
        {
            throw new ArgumentException("negative", nameof(x));
        }
        else
        {
            y = Math.Sqrt(x) * x;
        }

        return y * 3 + x;
    }

    [Differentiable]
    public static double CheckedSum(double[] w, double x)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            if (double.IsNaN(w[i]))
            {
                throw new ArgumentException($"w[{i}] is NaN");
            }

            s += w[i] * w[i] * x;
        }

        return s;
    }
}

/// <summary>Log lines whose holes call Math functions or hold a conditional (found by the random-program tester: CS8076 in generated code).</summary>
public static partial class Guarded
{
    [Differentiable]
    public static double LoggedHoles(double x, double y)
    {
        Debug.WriteLine($"|x| = {Math.Abs(x)}, max = {Math.Max(x, y):F2}, sign = {(x > 0 ? 1 : -1)}");
        double z = x * y + Math.Sin(x);
        Debug.WriteLine($"{Math.Sqrt(z * z)}");
        return z * z;
    }
}

/// <summary>
/// Interpolated strings passed to a handler parameter by ref (Debug.Assert's message, string.Create with a culture):
/// copied as written, the compiler makes the handler again (F26: reported as a ref argument before).
/// </summary>
public static partial class Guarded
{
    [Differentiable(Derivatives.Reverse | Derivatives.Forward | Derivatives.Hessian)]
    public static double AssertedSquare(double x, double y)
    {
        double s = x * x + y;
        Debug.Assert(s >= 0 || y < 0, $"s = {s} is negative for y = {y}");
        if (double.IsNaN(s)) throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"x = {x}, y = {y}"));
        return s * Math.Sin(x);
    }
}

public class GuardTests
{
    [Fact]
    public void InterpolatedStringsPassedToHandlerParameters_RunAsWritten()
    {
        Sample(Box((-2, 2), (-2, 2)), p => Guarded.AssertedSquare(p[0], p[1]), p => (Guarded.AssertedSquareGradient(p[0], p[1], out var dx, out var dy), new[] { dx, dy }));
        var thrown = Assert.Throws<ArgumentException>(() => Guarded.AssertedSquareGradient(double.NaN, -1.5, out _, out _));
        Assert.Equal("x = NaN, y = -1.5", thrown.Message);
        Assert.Throws<ArgumentException>(() => Guarded.AssertedSquareTangent(double.NaN, -2, 1, 0, out _));

        // The test host turns a failed Debug.Assert into an exception carrying the message the handler built.
        Exception failed = Assert.ThrowsAny<Exception>(() => Guarded.AssertedSquareGradient(double.NaN, 2, out _, out _));
        Assert.Contains("s = NaN is negative for y = 2", failed.Message);
        double[] hessian = new double[4];
        Guarded.AssertedSquareHessian(0.5, 2, new double[2], hessian);
        const double h = 1e-5;
        Guarded.AssertedSquareGradient(0.5 + h, 2, out double xPlus, out double yPlus);
        Guarded.AssertedSquareGradient(0.5 - h, 2, out double xMinus, out double yMinus);
        Assert.True(RelativeError(hessian[0], (xPlus - xMinus) / (2 * h)) < 1e-6);
        Assert.True(RelativeError(hessian[2], (yPlus - yMinus) / (2 * h)) < 1e-6);
    }

    [Fact]
    public void LogLinesWithCallsInTheirHoles_RunAsWritten()
    {
        double v = Guarded.LoggedHolesGradient(-1.5, 2, out double dx, out double dy);
        Assert.Equal(Guarded.LoggedHoles(-1.5, 2), v);
        Check(p => Guarded.LoggedHoles(p[0], p[1]), [-1.5, 2], [dx, dy]);
    }

    [Fact]
    public void CheckedLog_MatchesFiniteDifferences() => Sample(
        Box((0.1, 3), (0.1, 3)),
        p => Guarded.CheckedLog(p[0], p[1]),
        p => (Guarded.CheckedLogGradient(p[0], p[1], out var dx, out var dk), new[] { dx, dk }));

    [Fact]
    public void CheckedLog_RunsTheLogLineOncePerGradient()
    {
        int before = Guarded.Logged;
        Guarded.CheckedLogGradient(2, 1, out _, out _);
        Assert.Equal(before + 1, Guarded.Logged);
    }

    [Fact]
    public void CheckedLog_ThrowsAsTheMethodDoes()
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => Guarded.CheckedLogGradient(-1, 1, out _, out _));
        Assert.Equal("x", thrown.ParamName);
        Assert.Equal(-1.0, thrown.ActualValue);
        double dx = 0, dk = 0;
        Assert.Throws<ArgumentOutOfRangeException>(() => Guarded.CheckedLogBackward(0, 1, 1, ref dx, ref dk));
    }

    [Fact]
    public void ThrowIfNegative_KeepsTheCallersArgumentText()
    {
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => Guarded.CheckedLogGradient(1, -1, out _, out _));
        Assert.Equal("k", thrown.ParamName);
    }

    [Fact]
    public void ThrowExpressions_MatchFiniteDifferences()
    {
        Sample(Box((-3, 3), (0.5, 3)), p => Guarded.Ratio(p[0], p[1]), p => (Guarded.RatioGradient(p[0], p[1], out var da, out var db), new[] { da, db }));
        Assert.Equal("2 / 0", Assert.Throws<DivideByZeroException>(() => Guarded.RatioGradient(2, 0, out _, out _)).Message);

        double[] w = [1.5, 2];
        double[] dw = new double[2];
        Assert.Equal(3.0, Guarded.FirstTimesGradient(w, 2, dw, out double dx));
        Assert.Equal((2.0, 0.0, 1.5), (dw[0], dw[1], dx));
        Assert.Equal(12.0, Guarded.ScaledByGradient([3.0], 2, out dx));
        Assert.Equal(12.0, dx);
        Assert.Equal("scale", Assert.Throws<ArgumentNullException>(() => Guarded.ScaledByGradient(null!, 2, out _)).ParamName);
    }

    [Fact]
    public void ValueAssignedOnTheSideThatDoesNotThrow_MatchesFiniteDifferences()
    {
        Sample(Box((0.1, 4)), p => Guarded.RootTimes(p[0]), p => (Guarded.RootTimesGradient(p[0], out var dx), new[] { dx }), h: 1e-6);
        Assert.Throws<ArgumentException>(() => Guarded.RootTimesGradient(-1, out _));
    }

    [Fact]
    public void GuardInALoop_MatchesFiniteDifferences()
    {
        Sample(
            Box((-2, 2), (-2, 2), (-2, 2), (-2, 2)),
            p => Guarded.CheckedSum(p[..3], p[3]),
            p =>
            {
                double[] dw = new double[3];
                double v = Guarded.CheckedSumGradient(p[..3], p[3], dw, out double dx);
                return (v, [.. dw, dx]);
            });
        Assert.Equal("w[1] is NaN", Assert.Throws<ArgumentException>(() => Guarded.CheckedSumGradient([1, double.NaN], 1, new double[2], out _)).Message);
    }
}
