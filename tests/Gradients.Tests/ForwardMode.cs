using System;
using System.Diagnostics;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;

namespace Gradients.Tests;

/// <summary>
/// Every construct of reverse mode in forward mode: each method gets both modes, and its tangent is checked
/// against its own reverse-mode gradient and central differences along random directions.
/// </summary>
public static partial class Fw
{
    private const Derivatives Both = Derivatives.Forward | Derivatives.Reverse;

    [Differentiable(Both)]
    public static double Gates(double x, double y)
    {
        double a = Math.Exp(-x * x) + Math.Log(1 + y * y) + Math.Sqrt(x * x + 1) / (2 + Math.Sin(y));
        double b = Math.Pow(Math.Abs(x) + 1, 1.5) - Math.Tanh(x * y) + Math.Atan2(y, x + 3) + Math.Cos(x) * Math.Tan(y / 4);
        double c = Math.Max(x, y) * Math.Min(x, -y) + Math.Clamp(x, -0.5, 0.5) + Math.FusedMultiplyAdd(x, y, a);
        double d = double.Hypot(x, y + 2) + Math.Cbrt(x + 5) + Math.Log(y * y + 2, 3) - Math.Asinh(x) + Math.Atan(y);
        return a * b - c / (1 + d * d) - -x;
    }

    [Differentiable(Both)]
    public static double Branches(double x, double y)
    {
        if (x < -1)
        {
            return x * y;
        }

        double t = x > y ? x * x * y : Math.Sin(y) + x;
        if (t > 0.5)
        {
            t = Math.Exp(t / 4);
        }
        else if (y > 0)
        {
            return t * y;
        }

        return t * x + y;
    }

    [Differentiable(Both)]
    public static double Switches(double x, int mode)
    {
        double r = x;
        switch (mode)
        {
            case 0:
                r = x * x;
                break;
            case 1:
            case 2:
                r = Math.Sin(x);
                break;
            default:
                r = -x;
                break;
        }

        return r * (x switch { < 0 => x * x, var v when v > 1 => Math.Sqrt(v), _ => 2 * x });
    }

    /// <summary>x·Σ sin(w[i])·w[i] over w[i] ≥ −1, stopping after the first w[i] above 4.</summary>
    [Differentiable(Both)]
    public static double ContinueBreak(double x, double[] w)
    {
        double s = 0;
        int i = -1;
        while (++i < w.Length)
        {
            if (w[i] < -1)
                continue;
            s += x * Math.Sin(w[i]) * w[i];
            if (w[i] > 4)
                break;
        }
        return s;
    }

    /// <summary>Products that the next iteration overwrites, a while whose trip count depends on x, a do/while, foreach.</summary>
    [Differentiable(Both)]
    public static double Loops(double x, ReadOnlySpan<double> w)
    {
        double t = 1;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 2; j++)
                t *= x;
        double y = 3 * x * x + 1;
        while (y > 1)
            y = y * 0.5;
        double z = 0;
        int k = 0;
        do
        {
            z = z * x + w[k];
            k++;
        }
        while (k < w.Length);
        double sum = 0;
        foreach (double wi in w)
            sum += Math.Sin(wi * x);
        return t + y * y + z + sum;
    }

    /// <summary>An early return from inside a loop.</summary>
    [Differentiable(Both)]
    public static double ReturnInLoop(double x, double[] w)
    {
        double p = x;
        for (int i = 0; i < w.Length; i++)
        {
            p = p * w[i] + 1;
            if (p > 20)
                return p * x;
        }
        return p;
    }

    /// <summary>Local arrays (new, initializer, stackalloc), element writes, a ref local, x[^1] and a range.</summary>
    [Differentiable(Both)]
    public static double LocalArrays(double[] x, double a)
    {
        int n = x.Length;
        double[] prefix = new double[n];
        Span<double> squares = stackalloc double[n];
        double[] pair = { a * x[0], x[^1] };
        double running = 0;
        for (int i = 0; i < n; i++)
        {
            running += x[i] * a;
            prefix[i] = running;
            squares[i] = prefix[i] * prefix[i];
        }
        ref double first = ref squares[0];
        first += pair[0] * pair[1];
        prefix[n - 1] = Math.Exp(prefix[n - 1] / n);
        return Sum(squares) + Sum(prefix.AsSpan(0, n)) + Sum(x[1..]);
    }

    [Differentiable(Both)]
    public static double Sum(ReadOnlySpan<double> v)
    {
        double s = 0;
        for (int i = 0; i < v.Length; i++)
            s += v[i];
        return s;
    }

    /// <summary>A scalar callee, a vector-valued callee writing a local array, and recursion.</summary>
    [Differentiable(Both)]
    public static double Calls(double x, double[] w)
    {
        double[] h = new double[w.Length];
        Scale(w, x, h);
        return Gates(x, h[0]) + Power(x, 3) + Sum(h);
    }

    /// <summary>A constant array passed to a callee (its tangent is zeroed scratch), and calls on one side of a branch only.</summary>
    [Differentiable(Both)]
    public static double CallsWithConstants(double a, [NoDiff] double[] data)
    {
        Span<double> h = stackalloc double[data.Length];
        Scale(data, a, h);
        double r = 0;
        if (a > 0)
            r = Power(a, 2) + Sum(h);
        else
            r = Sum(h.Slice(1)) * Gates(a, 1);
        return r + Sum(data) * a;
    }

    /// <summary>A callee that writes only some elements of an array the caller filled: the others keep their tangents.</summary>
    [Differentiable(Both)]
    public static double PartialWriteCall(double a, double[] w)
    {
        double[] h = new double[w.Length];
        for (int i = 0; i < w.Length; i++)
            h[i] = a * w[i] * w[i];
        WritePositive(w, a, h);
        return Sum(h);
    }

    [Differentiable(Both)]
    public static void WritePositive(ReadOnlySpan<double> v, double a, Span<double> y)
    {
        for (int i = 0; i < v.Length; i++)
            if (v[i] > 0)
                y[i] = Math.Sin(v[i] * a);
    }

    [Differentiable(Both)]
    public static void Scale(ReadOnlySpan<double> v, double a, Span<double> y)
    {
        for (int i = 0; i < v.Length; i++)
            y[i] = v[i] > 0 ? v[i] * a : Math.Tanh(v[i] + a);
    }

    [Differentiable(Both)]
    public static double Power(double x, int n) => n == 0 ? 1 : x * Power(x, n - 1);

    /// <summary>float ↔ double conversions, and guards that only read values.</summary>
    [Differentiable(Both)]
    public static double Conversions(double x, double y)
    {
        Debug.Assert(!double.IsNaN(x));
        if (y > 100)
            throw new ArgumentOutOfRangeException(nameof(y), $"y = {y} is too large");
        float f = (float)x;
        double back = f * y;
        return back + x * (double)(float)y;
    }

    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
    public static float Single(float x, float y) => MathF.Sin(x) * y + x / (1 + y * y);

    /// <summary>
    /// The result is a version of <c>a</c> that a later version overwrites (<c>r</c> is a copy of it): the tangent of
    /// the result is read after the last statement, so the later version's tangent must not take its variable.
    /// </summary>
    [Differentiable(Both)]
    public static double ResultOverwrittenAfterItsCopy(double x, double y)
    {
        double a = x * y;
        double r = a;
        a = Math.Sin(x) * a;
        return r;
    }

    /// <summary>
    /// A return inside a switch: the parser guards each later statement with its own skip test, and the index of the
    /// alias (<c>w.Length - 1</c>), defined in one guarded section, is read in the next (CI seed 6997503561021854380, #223).
    /// </summary>
    [Differentiable(Both)]
    public static double ReturnInASwitchThenAlias(double x, double[] a)
    {
        double[] w = new double[2];
        switch (Math.Sign(x))
        {
            case -1:
                return a[0] * x;
            default:
                w[1] = x * x;
                break;
        }

        ref readonly double r = ref w[^1];
        double t = 0.25;
        switch (t + 1)
        {
            case > 0:
                t = Math.Sign(a[1]) * a[0] * x;
                break;
        }

        double z = 0.0;
        return r + z + t * Math.Sin(r);
    }

    /// <summary>The same in a loop and after a swap, as the random-program tester found it (seed 20261404, #125).</summary>
    [Differentiable(Both)]
    public static double ResultSwappedOut(double x, double y)
    {
        double s = y;
        for (int i = 0; i < 3; i++)
        {
            s = s * x + y;
        }

        double t = s;
        s = x;
        x = t;
        x /= 1 + s * s;
        return s;
    }
}

public class ForwardModeTests
{
    static Gen<double[]> Box(int n, double lo = -2, double hi = 2) => Uniform(n, lo, hi);

    [Fact]
    public void Gates() => Sample(
        // Abs, Max, Min and Clamp have kinks at x = 0, x = y, x = −y and x = ±0.5: a central difference across one is
        // no derivative (seed 5S6LUtrDROf2 drew x = −6e-7), so points stay away from them.
        Box(2).Where(p => new[] { p[0], p[0] - p[1], p[0] + p[1], p[0] - 0.5, p[0] + 0.5 }.All(kink => Math.Abs(kink) > 1e-3)),
        p => Fw.Gates(p[0], p[1]),
        (p, v) => (Fw.GatesTangent(p[0], p[1], v[0], v[1], out double t), t),
        p => { Fw.GatesGradient(p[0], p[1], out double dx, out double dy); return [dx, dy]; });

    [Fact]
    public void ResultOverwrittenAfterItsCopy() => Sample(
        Box(2),
        p => Fw.ResultOverwrittenAfterItsCopy(p[0], p[1]),
        (p, v) => (Fw.ResultOverwrittenAfterItsCopyTangent(p[0], p[1], v[0], v[1], out double t), t),
        p => { Fw.ResultOverwrittenAfterItsCopyGradient(p[0], p[1], out double dx, out double dy); return [dx, dy]; });

    [Fact]
    public void ReturnInASwitchThenAlias() => Sample(
        Box(3).Where(p => Math.Abs(p[0]) > 1e-3),
        p => Fw.ReturnInASwitchThenAlias(p[0], p[1..]),
        (p, v) => (Fw.ReturnInASwitchThenAliasTangent(p[0], p[1..], v[0], v[1..], out double t), t),
        p => { var da = new double[2]; Fw.ReturnInASwitchThenAliasGradient(p[0], p[1..], out double dx, da); return [dx, .. da]; });

    [Fact]
    public void ResultSwappedOut() => Sample(
        Box(2),
        p => Fw.ResultSwappedOut(p[0], p[1]),
        (p, v) => (Fw.ResultSwappedOutTangent(p[0], p[1], v[0], v[1], out double t), t),
        p => { Fw.ResultSwappedOutGradient(p[0], p[1], out double dx, out double dy); return [dx, dy]; });

    [Fact]
    public void Branches() => Sample(
        Box(2),
        p => Fw.Branches(p[0], p[1]),
        (p, v) => (Fw.BranchesTangent(p[0], p[1], v[0], v[1], out double t), t),
        p => { Fw.BranchesGradient(p[0], p[1], out double dx, out double dy); return [dx, dy]; });

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Switches(int mode) => Sample(
        Box(1, -3, 3),
        p => Fw.Switches(p[0], mode),
        (p, v) => (Fw.SwitchesTangent(p[0], mode, v[0], out double t), t),
        p => { Fw.SwitchesGradient(p[0], mode, out double dx); return [dx]; });

    [Fact]
    public void ContinueBreak() => Sample(
        Uniform(2, 12 + 1, -3, 7),
        p => Fw.ContinueBreak(p[0], p[1..]),
        (p, v) => (Fw.ContinueBreakTangent(p[0], p[1..], v[0], v[1..], out double t), t),
        p => { var dw = new double[p.Length - 1]; Fw.ContinueBreakGradient(p[0], p[1..], out double dx, dw); return [dx, .. dw]; });

    [Fact]
    public void Loops() => Sample(
        // y = 3x² + 1 is halved until y ≤ 1: the number of halvings jumps where y is 2 or 4, and a central
        // difference across a jump is no derivative (seed bfaNqksp9vN1 drew one), so points stay away from them.
        Uniform(2, 8 + 1, -1.5, 1.5).Where(p => new[] { 2.0, 4.0, 8.0 }.All(jump => Math.Abs(3 * p[0] * p[0] + 1 - jump) > 1e-3)),
        p => Fw.Loops(p[0], p[1..]),
        (p, v) => (Fw.LoopsTangent(p[0], p[1..], v[0], v[1..], out double t), t),
        p => { var dw = new double[p.Length - 1]; Fw.LoopsGradient(p[0], p[1..], out double dx, dw); return [dx, .. dw]; });

    [Fact]
    public void ReturnInLoop() => Sample(
        Uniform(2, 8 + 1, 0.5, 3),
        p => Fw.ReturnInLoop(p[0], p[1..]),
        (p, v) => (Fw.ReturnInLoopTangent(p[0], p[1..], v[0], v[1..], out double t), t),
        p => { var dw = new double[p.Length - 1]; Fw.ReturnInLoopGradient(p[0], p[1..], out double dx, dw); return [dx, .. dw]; });

    [Fact]
    public void LocalArrays() => Sample(
        Uniform(2, 8 + 1, -1, 1),
        p => Fw.LocalArrays(p[..^1], p[^1]),
        (p, v) => (Fw.LocalArraysTangent(p[..^1], p[^1], v[..^1], v[^1], out double t), t),
        p => { var dx = new double[p.Length - 1]; Fw.LocalArraysGradient(p[..^1], p[^1], dx, out double da); return [.. dx, da]; });

    [Fact]
    public void Calls() => Sample(
        Uniform(2, 8 + 1, -1.5, 1.5),
        p => Fw.Calls(p[0], p[1..]),
        (p, v) => (Fw.CallsTangent(p[0], p[1..], v[0], v[1..], out double t), t),
        p => { var dw = new double[p.Length - 1]; Fw.CallsGradient(p[0], p[1..], out double dx, dw); return [dx, .. dw]; });

    [Fact]
    public void CallsWithConstants()
    {
        double[] data = [0.5, -1.25, 2, -0.75];
        Sample(
            Box(1),
            p => Fw.CallsWithConstants(p[0], data),
            (p, v) => (Fw.CallsWithConstantsTangent(p[0], data, v[0], out double t), t),
            p => { Fw.CallsWithConstantsGradient(p[0], data, out double da); return [da]; });
    }

    [Fact]
    public void PartialWriteCall() => Sample(
        Uniform(2, 9, -1.5, 1.5),
        p => Fw.PartialWriteCall(p[0], p[1..]),
        (p, v) => (Fw.PartialWriteCallTangent(p[0], p[1..], v[0], v[1..], out double t), t),
        p => { var dw = new double[p.Length - 1]; Fw.PartialWriteCallGradient(p[0], p[1..], out double da, dw); return [da, .. dw]; });

    [Fact]
    public void Conversions() => Sample(
        Box(2),
        p => Fw.Conversions(p[0], p[1]),
        (p, v) => (Fw.ConversionsTangent(p[0], p[1], v[0], v[1], out double t), t),
        p => { Fw.ConversionsGradient(p[0], p[1], out double dx, out double dy); return [dx, dy]; },
        finiteDifferences: false,
        modeTolerance: 1e-7); // the tangent of (float)x is a float, as its adjoint is (README: float precision)

    /// <summary>A float method computes its tangent in float: equal to the float gradient · direction to float precision.</summary>
    [Fact]
    public void Single()
    {
        Gen.Select(Gen.Float[-2, 2], Gen.Float[-2, 2], Gen.Float[-1, 1], Gen.Float[-1, 1]).Sample((x, y, tx, ty) =>
        {
            float value = Fw.SingleTangent(x, y, tx, ty, out float t);
            Fw.SingleGradient(x, y, out float dx, out float dy);
            Assert.Equal(Fw.Single(x, y), value);
            Numeric.Agree([dx * (double)tx + dy * (double)ty], [t], Numeric.FloatTolerance, "float tangent", absolute: 1e-6);
        });
    }

    /// <summary>A tangent span shorter than its array is refused, naming it and both lengths; a vector-valued tangent overwrites its output tangent.</summary>
    [Fact]
    public void ShortTangentSpanThrows()
    {
        var error = Assert.Throws<ArgumentException>(() => Fw.ContinueBreakTangent(1, new double[3], 1, new double[2], out _));
        Assert.Equal("tw", error.ParamName);
        Assert.Contains("has length 2 but w has length 3", error.Message);
    }

    [Fact]
    public void VectorValuedTangentMatchesBackwardRows()
    {
        Gen.Int[1, 8].SelectMany(n => Gen.Select(Gen.Double[-2, 2].Array[n], Gen.Double[-2, 2], Gen.Double[-1, 1].Array[n], Gen.Double[-1, 1])).Sample((v, a, tv, ta) =>
        {
            int n = v.Length;
            double[] y = new double[n];
            double[] ty = Enumerable.Repeat(double.NaN, n).ToArray(); // overwritten, whatever it held
            Fw.ScaleTangent(v, a, y, tv, ta, ty);
            double[] expected = new double[n];
            Fw.Scale(v, a, expected);
            Assert.Equal(expected, y);
            for (int r = 0; r < n; r++)
            {
                double[] dv = new double[n], dy = new double[n];
                double da = 0;
                dy[r] = 1;
                Fw.ScaleBackward(v, a, new double[n], dv, ref da, dy);
                double dot = da * ta;
                for (int i = 0; i < n; i++)
                    dot += dv[i] * tv[i];
                Numeric.Agree([dot], [ty[r]], ModeTolerance, $"ty[{r}]", absolute: 1e-14);
            }
        });
    }
}
