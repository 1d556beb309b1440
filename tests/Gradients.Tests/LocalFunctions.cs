using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Local functions that are one returned expression of their numbers (F49): lowered at every call, as small
/// callees are (README, "Calls to small callees"), also with <c>?:</c> (a [Differentiable] callee with one is
/// inlined too now). Each method has a twin calling <c>[Differentiable]</c> methods with statement bodies, called
/// and reversed through their <c>Backward</c>: the same chain rule by another path.
/// </summary>
public static partial class Local
{
    /// <summary>Static and capturing-nothing local functions, before and after the return, one calling another.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Softplus(double x, double y)
    {
        double Soft(double v) => Math.Log(1 + Math.Exp(v));
        double s = Soft(x * y) * Half(y) + Outer(x - y);
        return s;

        static double Half(double v) { return v / 2; }
        double Outer(double v) => Soft(v) * Soft(-v) + Half(v * v);
    }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double SoftplusCalled(double x, double y) => SoftCalled(x * y) * HalfCalled(y) + OuterCalled(x - y);

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double SoftCalled(double v) { double e = Math.Exp(v); return Math.Log(1 + e); }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double HalfCalled(double v) { double h = v / 2; return h; }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double OuterCalled(double v) { double p = SoftCalled(v) * SoftCalled(-v); return p + HalfCalled(v * v); }

    /// <summary>Conditionals in local functions (clip, ReLU, a leaky square), called in a loop and in its condition.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Clipped(double[] w, double x)
    {
        double s = 0;
        int i = 0;
        while (i < w.Length && Clip(s) < 0.9)
        {
            s += Relu(w[i] * x) + Leaky(w[i] - x) * 0.25;
            i++;
        }

        return s + Clip(x * s);

        static double Clip(double v) => v > 1 ? 1 : v < -1 ? -1 : v;
        static double Relu(double v) => v > 0 ? v : 0;
        static double Leaky(double v) => v >= 0 && !(v > 1.5) ? v * v : 0.01 * v;
    }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double ClippedCalled(double[] w, double x)
    {
        double s = 0;
        int i = 0;
        while (i < w.Length && ClipCalled(s) < 0.9)
        {
            s += ReluCalled(w[i] * x) + LeakyCalled(w[i] - x) * 0.25;
            i++;
        }

        return s + ClipCalled(x * s);
    }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double ClipCalled(double v) { if (v > 1) return 1; if (v < -1) return -1; return v; }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double ReluCalled(double v) { if (v > 0) return v; return 0; }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double LeakyCalled(double v) { if (v >= 0 && !(v > 1.5)) return v * v; return 0.01 * v; }

    /// <summary>A [Differentiable] callee with a conditional, now inlined, and a local function calling it.</summary>
    [Differentiable] public static double Hinge(double v, double margin) => v < margin ? margin - v : 0;

    [Differentiable]
    public static double HingeLoss(double x, double y)
    {
        return Margin(y * x);
        static double Margin(double v) => Hinge(v, 1);
    }

    /// <summary>
    /// A local function with locals before its return (the Abramowitz–Stegun normal CDF of a Black–Scholes call): its
    /// declarations are lowered at each call as the caller's own locals.
    /// </summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Call(double spot, double vol, double rate, double years)
    {
        double sqrtT = Math.Sqrt(years);
        double d1 = (Math.Log(spot / 100) + (rate + 0.5 * vol * vol) * years) / (vol * sqrtT);
        double d2 = d1 - vol * sqrtT;
        return spot * Cdf(d1) - 100 * Math.Exp(-rate * years) * Cdf(d2);

        static double Cdf(double z)
        {
            const double k = 0.2316419;
            double t = 1 / (1 + k * Math.Abs(z));
            double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
            double tail = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI) * poly;
            return z >= 0 ? 1 - tail : tail;
        }
    }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double CallCalled(double spot, double vol, double rate, double years)
    {
        double sqrtT = Math.Sqrt(years);
        double d1 = (Math.Log(spot / 100) + (rate + 0.5 * vol * vol) * years) / (vol * sqrtT);
        double d2 = d1 - vol * sqrtT;
        return spot * CdfCalled(d1) - 100 * Math.Exp(-rate * years) * CdfCalled(d2);
    }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double CdfCalled(double z)
    {
        const double k = 0.2316419;
        double t = 1 / (1 + k * Math.Abs(z));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double tail = Math.Exp(-z * z / 2) / Math.Sqrt(2 * Math.PI) * poly;
        return z >= 0 ? 1 - tail : tail;
    }

    /// <summary>Float: a local function's conversions are the caller's, as a call's are.</summary>
    [Differentiable]
    public static float Cubes(float x, double y)
    {
        return Cube(x) * (float)y + (float)Square(y) * x;
        static float Cube(float v) => v * v * v;
        static double Square(double v) => v * v;
    }
}

public class LocalFunctionTests
{
    /// <summary>At x = 0.7, y = 0.3: the known value and gradient, written out by hand.</summary>
    [Fact]
    public void Softplus_KnownValues()
    {
        static double Soft(double v) => Math.Log(1 + Math.Exp(v));
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        double x = 0.7, y = 0.3, d = x - y;
        double value = Local.SoftplusGradient(x, y, out double dx, out double dy);
        Close(Soft(x * y) * y / 2 + Soft(d) * Soft(-d) + d * d / 2, value, 1e-15);
        double dOuter = Sigmoid(d) * Soft(-d) - Soft(d) * Sigmoid(-d) + d;
        Close(Sigmoid(x * y) * y * y / 2 + dOuter, dx, 1e-14);
        Close(Sigmoid(x * y) * x * y / 2 + Soft(x * y) / 2 - dOuter, dy, 1e-14);
    }

    [Fact]
    public void Softplus_MatchesDifferencesAndTheCalledTwin() => InlinedCalleeTests.SampleInlined(
        Uniform(2, -2, 2),
        p => Local.Softplus(p[0], p[1]),
        p => (Local.SoftplusGradient(p[0], p[1], out var a, out var b), [a, b]),
        p => { Local.SoftplusCalledGradient(p[0], p[1], out var a, out var b); return [a, b]; });

    [Fact]
    public void Softplus_TangentAndHessian()
    {
        ForwardChecks.Sample(
            Uniform(2, -2, 2),
            p => Local.Softplus(p[0], p[1]),
            (p, v) => (Local.SoftplusTangent(p[0], p[1], v[0], v[1], out double t), t),
            p => { Local.SoftplusGradient(p[0], p[1], out var a, out var b); return [a, b]; });
        Uniform(2, -2, 2).Sample(p =>
        {
            double[] gradient = new double[2], hessian = new double[4], twinGradient = new double[2], twinHessian = new double[4];
            Local.SoftplusHessian(p[0], p[1], gradient, hessian);
            Local.SoftplusCalledHessian(p[0], p[1], twinGradient, twinHessian);
            Agree(twinHessian, hessian, 1e-10, "Hessian", absolute: 1e-13);
            for (int i = 0; i < 2; i++)
            {
                int row = i;
                Check(q => { Local.SoftplusGradient(q[0], q[1], out double g0, out double g1); return row == 0 ? g0 : g1; }, p, hessian[(2 * i)..(2 * i + 2)]);
            }
        });
    }

    [Fact]
    public void Clipped_MatchesDifferencesAndTheCalledTwin() => InlinedCalleeTests.SampleInlined(
        Uniform(2, 7, -1.5, 1.5),
        p => Local.Clipped(p[1..], p[0]),
        p => { double[] dw = new double[p.Length - 1]; double v = Local.ClippedGradient(p[1..], p[0], dw, out double dx); return (v, [dx, .. dw]); },
        p => { double[] dw = new double[p.Length - 1]; Local.ClippedCalledGradient(p[1..], p[0], dw, out double dx); return [dx, .. dw]; });

    /// <summary>w = (2, −1), x = 0.5: s = ReLU(1) + Leaky(1.5)·¼ = 1.5625, stop (Clip(s) = 1); result s + Clip(0.78125).</summary>
    [Fact]
    public void Clipped_KnownValues()
    {
        double[] w = [2, -1], dw = new double[2];
        double value = Local.ClippedGradient(w, 0.5, dw, out double dx);
        Assert.Equal(1.5625 + 0.78125, value);
        // ∂s/∂w0 = x + 2(w0 − x)·¼ = 1.25, ∂s/∂x = w0 − 2(w0 − x)·¼ = 1.25; the result adds x·s: ∂/∂w0 (1 + x), ∂/∂x (1 + x) + s.
        Assert.Equal([1.25 * 1.5, 0], dw);
        Assert.Equal(1.25 * 1.5 + 1.5625, dx);
    }

    [Fact]
    public void Clipped_TangentAndHessianVector()
    {
        Uniform(2, 6, -1.5, 1.5).Sample(p =>
        {
            double[] w = p[1..], direction = p.Select((_, i) => Math.Cos(i + 1.0)).ToArray();
            int n = p.Length;
            double value = Local.ClippedTangent(w, p[0], direction[1..], direction[0], out double tangent);
            Assert.Equal(Local.Clipped(w, p[0]), value);
            double[] dw = new double[n - 1], twinDw = new double[n - 1], hv = new double[n - 1], twinHv = new double[n - 1];
            Local.ClippedGradient(w, p[0], dw, out double dx);
            Agree([dx * direction[0] + dw.Zip(direction[1..], (a, b) => a * b).Sum()], [tangent], 1e-10, "tangent", absolute: 1e-13);
            Local.ClippedHessianVectorProduct(w, p[0], direction[1..], direction[0], dw, out _, hv, out double hvx);
            Local.ClippedCalledHessianVectorProduct(w, p[0], direction[1..], direction[0], twinDw, out _, twinHv, out double twinHvx);
            Agree([twinHvx, .. twinHv], [hvx, .. hv], 1e-10, "H·v", absolute: 1e-13);
        });
    }

    /// <summary>Hinge(v, m) = max(m − v, 0) inlined: ∂/∂x = −y and ∂/∂y = −x where y·x &lt; 1, else 0.</summary>
    [Fact]
    public void AnInlinedCalleeWithAConditional()
    {
        Uniform(2, -2, 2).Sample(p =>
        {
            double x = p[0], y = p[1];
            double value = Local.HingeLossGradient(x, y, out double dx, out double dy);
            Assert.Equal(x * y < 1 ? 1 - x * y : 0, value);
            Assert.Equal(x * y < 1 ? -y : 0, dx);
            Assert.Equal(x * y < 1 ? -x : 0, dy);
        });
    }

    /// <summary>Spot 80–120, volatility 0.1–0.5, rate 0–0.1, years 0.25–2, from a unit box.</summary>
    static double[] Market(double[] u) => [100 + 20 * u[0], 0.3 + 0.2 * u[1], 0.05 + 0.05 * u[2], 1.125 + 0.875 * u[3]];

    [Fact]
    public void ALocalFunctionWithLocals_MatchesDifferencesAndTheCalledTwin() => InlinedCalleeTests.SampleInlined(
        Uniform(4, -1, 1).Select(Market),
        p => Local.Call(p[0], p[1], p[2], p[3]),
        p => (Local.CallGradient(p[0], p[1], p[2], p[3], out var a, out var b, out var c, out var d), [a, b, c, d]),
        p => { Local.CallCalledGradient(p[0], p[1], p[2], p[3], out var a, out var b, out var c, out var d); return [a, b, c, d]; });

    /// <summary>The delta of a call is N(d1) (to 5e-5: the identity holds for the exact N, and the approximation's slope is off from the density by up to about 1.2e-5 here), and the Hessian agrees with the called twin's.</summary>
    [Fact]
    public void ALocalFunctionWithLocals_DeltaAndHessian()
    {
        Uniform(4, -1, 1).Select(Market).Sample(p =>
        {
            Local.CallGradient(p[0], p[1], p[2], p[3], out double delta, out _, out _, out _);
            double d1 = (Math.Log(p[0] / 100) + (p[2] + 0.5 * p[1] * p[1]) * p[3]) / (p[1] * Math.Sqrt(p[3]));
            Assert.InRange(delta - Local.CdfCalled(d1), -5e-5, 5e-5);
            double[] gradient = new double[4], hessian = new double[16], twinGradient = new double[4], twinHessian = new double[16];
            Local.CallHessian(p[0], p[1], p[2], p[3], gradient, hessian);
            Local.CallCalledHessian(p[0], p[1], p[2], p[3], twinGradient, twinHessian);
            Agree(twinHessian, hessian, 1e-9, "Hessian", absolute: 1e-10);
        });
    }

    [Fact]
    public void FloatLocalFunctions()
    {
        Uniform(2, -2, 2).Sample(p =>
        {
            float x = (float)p[0];
            double y = p[1];
            float value = Local.CubesGradient(x, y, out float dx, out double dy);
            Assert.Equal(Local.Cubes(x, y), value);
            Agree([3.0 * x * x * (float)y + (float)(y * y)], [dx], 1e-5, "∂/∂x", absolute: 1e-5);
            Agree([(double)(x * x * x) + 2 * y * x], [dy], 1e-5, "∂/∂y", absolute: 1e-5);
        });
    }
}
