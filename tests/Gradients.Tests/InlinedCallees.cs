using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Small callees (one returned expression of their scalar parameters) are lowered into the caller's gates
/// instead of called (README, "Calls to small callees"). Each caller has a twin that calls a copy of the
/// callee with a statement body, which is called and reversed through its <c>Backward</c> as before.
/// </summary>
public static partial class Inl
{
    // Inlined: the RK4 pendulum's acceleration, and callees with a parameter read several times.
    [Differentiable] public static double Acceleration(double theta, double omega, double k, double d) => -k * Math.Sin(theta) - d * omega;

    [Differentiable] public static double Twice(double a, double b) => a * b + b * Math.Sin(b);

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Bump(double x) => Math.Exp(-x * x);

    /// <summary>A block with one return, calling another inlined callee.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Mix(double a, double b)
    {
        return Bump(a) * b + a / (1 + b * b);
    }

    // Their statement-bodied copies: called through Backward.
    [Differentiable] public static double AccelerationCalled(double theta, double omega, double k, double d) { double a = -k * Math.Sin(theta); return a - d * omega; }

    [Differentiable] public static double TwiceCalled(double a, double b) { double s = a * b; return s + b * Math.Sin(b); }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double BumpCalled(double x) { double e = Math.Exp(-x * x); return e; }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double MixCalled(double a, double b) { double s = BumpCalled(a) * b; return s + a / (1 + b * b); }

    [Differentiable] public static double StraightLine(double x, double y, double k, double d) => Acceleration(x, y, k, d) * Acceleration(y, x, d, k) + Acceleration(x, 0.5, k, 0.25);

    [Differentiable] public static double StraightLineCalled(double x, double y, double k, double d) => AccelerationCalled(x, y, k, d) * AccelerationCalled(y, x, d, k) + AccelerationCalled(x, 0.5, k, 0.25);

    /// <summary>Σ Bump(w[i]·x)·w[i], an inlined call per iteration (the RK4 pendulum and LSTM of benchmarks/Objectives have four and three).</summary>
    [Differentiable]
    public static double InALoop(double[] w, double x)
    {
        double s = 0;
        foreach (double v in w)
        {
            s += Bump(v * x) * v;
        }

        return s;
    }

    /// <summary>Inlined calls under an if, on both sides of a ?:, after an early return.</summary>
    [Differentiable]
    public static double Branches(double x, double y)
    {
        double s = x > y ? Bump(x) : Twice(y, x);
        if (s > 0.5)
        {
            s += Mix(x, s);
        }
        else
        {
            s -= Acceleration(y, s, x, 0.5);
        }

        if (x < -1)
        {
            return s * Bump(y);
        }

        return s + Twice(s, y);
    }

    [Differentiable]
    public static double BranchesCalled(double x, double y)
    {
        double s = x > y ? BumpCalled(x) : TwiceCalled(y, x);
        if (s > 0.5)
        {
            s += MixCalled(x, s);
        }
        else
        {
            s -= AccelerationCalled(y, s, x, 0.5);
        }

        if (x < -1)
        {
            return s * BumpCalled(y);
        }

        return s + TwiceCalled(s, y);
    }

    /// <summary>Inlined calls in a loop's condition, on the right of an &amp;&amp;, as a switch's selector and arm.</summary>
    [Differentiable]
    public static double InConditions(double x, double y)
    {
        double s = x;
        int n = 0;
        while (Bump(s) > 0.2 && Twice(s, y) < 4 && n < 5)
        {
            s += 0.25 * Mix(s, y);
            n++;
        }

        return Bump(s * y) switch
        {
            < 0.5 => s * Twice(y, s),
            _ => Bump(s) + y,
        };
    }

    [Differentiable]
    public static double InConditionsCalled(double x, double y)
    {
        double s = x;
        int n = 0;
        while (BumpCalled(s) > 0.2 && TwiceCalled(s, y) < 4 && n < 5)
        {
            s += 0.25 * MixCalled(s, y);
            n++;
        }

        return BumpCalled(s * y) switch
        {
            < 0.5 => s * TwiceCalled(y, s),
            _ => BumpCalled(s) + y,
        };
    }

    /// <summary>Nested inlined callees, and an inlined call's result passed to another.</summary>
    [Differentiable] public static double Nested(double x, double y) => Mix(x * y, y) + Mix(y, 2.0) * Bump(Mix(x, x));

    [Differentiable] public static double NestedCalled(double x, double y) => MixCalled(x * y, y) + MixCalled(y, 2.0) * BumpCalled(MixCalled(x, x));

    /// <summary>Twice reads b three times: c * 0.5 is computed once into a local, x and the literal are used as they are.</summary>
    [Differentiable] public static double ReadThreeTimes(double x, [NoDiff] double c) => Twice(x, c * 0.5) + Twice(c / 3, x) + Twice(x, 0.75);

    [Differentiable] public static double ReadThreeTimesCalled(double x, [NoDiff] double c) => TwiceCalled(x, c * 0.5) + TwiceCalled(c / 3, x) + TwiceCalled(x, 0.75);

    public static int Reads;

    /// <summary>A property whose getter changes what it returns: read once per argument, as C# does, or the value changes.</summary>
    public static double Next => 0.5 + 0.25 * ++Reads;

    /// <summary>Reads only its first parameter: the second argument is still evaluated, as a call would.</summary>
    [Differentiable] public static double First(double a, double b) => a * 2;

    [Differentiable] public static double EffectfulArguments(double x) => Twice(x, Next) + Twice(Next, x) + Bump(Next) * x + First(x, Next);

    /// <summary>Named arguments in another order are evaluated as written: b first (i is 1, then 2), then a (i is 2).</summary>
    [Differentiable]
    public static double NamedArguments(double x)
    {
        int i = 1;
        double s = Twice(b: x * i++, a: x * i) + TwiceCalled(b: x * i++, a: x * i);
        return s + First(b: Next, a: Next * x) + First(b: Next, a: x);
    }

    /// <summary>An integer incremented inside an argument the callee reads three times.</summary>
    [Differentiable]
    public static double IncrementInAnArgument(double x)
    {
        double s = 0;
        int i = 0;
        while (i < 4)
        {
            s += Twice(x, 0.5 * i++) * x;
        }

        return s;
    }

    [Differentiable] public static float SoftF(float x, float y) => MathF.Log(1f + MathF.Exp(x)) * y - x / (1f + y * y);

    [Differentiable] public static double Soft(double x, double y) => Math.Log(1.0 + Math.Exp(x)) * y - x / (1.0 + y * y);

    [Differentiable] public static float FloatCaller(float x, float y) => SoftF(x * y, y) + SoftF(y, 0.5f) * x;

    [Differentiable] public static double DoubleTwin(double x, double y) => Soft(x * y, y) + Soft(y, 0.5) * x;

    /// <summary>A float callee from double code: the conversions are the caller's (arguments) and the callee's result's.</summary>
    [Differentiable] public static double MixedPrecision(double x, double y) => SoftF((float)x, (float)y) * x + y;

    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
    public static double Forward(double x, double y) => Mix(x, y) * Bump(y - x) + Mix(y, x * x);

    [Differentiable(Derivatives.Hessian)]
    public static double SecondOrder(double x, double y) => Mix(x, y) * Bump(y - x) + Mix(y, x * x);

    /// <summary><see cref="SecondOrder"/> written out, with no call at all.</summary>
    [Differentiable(Derivatives.Hessian)]
    public static double SecondOrderWrittenOut(double x, double y) =>
        (Math.Exp(-x * x) * y + x / (1 + y * y)) * Math.Exp(-(y - x) * (y - x)) + (Math.Exp(-y * y) * (x * x) + y / (1 + x * x * (x * x)));

    [Differentiable(Derivatives.Hessian)]
    public static double SecondOrderInALoop(double[] w)
    {
        double s = 0;
        for (int i = 0; i < w.Length - 1; i++)
        {
            s += w[i] > 0 ? Mix(w[i], w[i + 1]) : Bump(w[i] * w[i + 1]);
        }

        return s;
    }

    // Not inlined: a loop, an array parameter, a [DerivativeOf] pullback.
    [Differentiable]
    public static double PowerSum(double x)
    {
        double s = 0;
        for (int i = 1; i <= 3; i++)
        {
            s += Math.Pow(x, i);
        }

        return s;
    }

    [Differentiable] public static double Affine(ReadOnlySpan<double> w, double x) => w[0] * x + w[1];

    [Differentiable] public static double Hinge(double x) => x * x;

    public static int HingePullbacks;

    [DerivativeOf(typeof(Inl), nameof(Hinge))]
    public static double HingePullback(double x, double seed, ref double dx)
    {
        HingePullbacks++;
        dx += seed * 2 * x;
        return x * x;
    }

    [Differentiable] public static double NotInlined(double x, double[] w) => PowerSum(x) * Affine(w, x) + Hinge(x * w[0]);
}

public class InlinedCalleeTests
{
    /// <summary>
    /// At random points: the value is the function's bit for bit, the gradient passes central differences and
    /// agrees with the gradient through the called copies (the same chain rule, so to rounding).
    /// </summary>
    internal static void SampleInlined(Gen<double[]> points, Func<double[], double> f, Func<double[], (double Value, double[] Gradient)> inlined, Func<double[], double[]> called)
    {
        points.Sample(
            x =>
            {
                var (value, gradient) = inlined(x);
                Assert.Equal(BitConverter.DoubleToInt64Bits(f(x)), BitConverter.DoubleToInt64Bits(value));
                Check(f, x, gradient);
                Agree(called(x), gradient, 1e-10, absolute: 1e-13);
            },
            iter: 200,
            print: Format);
    }

    [Fact]
    public void StraightLine() => SampleInlined(
        Uniform(4, -2, 2),
        p => Inl.StraightLine(p[0], p[1], p[2], p[3]),
        p => (Inl.StraightLineGradient(p[0], p[1], p[2], p[3], out var a, out var b, out var c, out var d), [a, b, c, d]),
        p => { Inl.StraightLineCalledGradient(p[0], p[1], p[2], p[3], out var a, out var b, out var c, out var d); return [a, b, c, d]; });

    /// <summary>∂/∂w[i] = e^(−(w[i]x)²)·(1 − 2(w[i]x)²), ∂/∂x = Σ −2·w[i]³·x·e^(−(w[i]x)²).</summary>
    [Fact]
    public void InALoop()
    {
        Uniform(1, 6, -1.5, 1.5).Sample(p =>
        {
            double x = p[0];
            double[] w = p[1..], dw = new double[w.Length];
            double value = Inl.InALoopGradient(w, x, dw, out double dx);
            Assert.Equal(BitConverter.DoubleToInt64Bits(Inl.InALoop(w, x)), BitConverter.DoubleToInt64Bits(value));
            Agree(w.Select(v => Math.Exp(-(v * x) * (v * x)) * (1 - 2 * (v * x) * (v * x))).ToArray(), dw, 1e-13, absolute: 1e-15);
            CloseToSum(w.Select(v => -2 * v * v * v * x * Math.Exp(-(v * x) * (v * x))).ToArray(), dx, 1e-12, "∂/∂x");
            Check(q => Inl.InALoop(q[1..], q[0]), p, [dx, .. dw]);
        });
    }

    /// <summary>The objectives whose callees are now inlined (RK4's Acceleration, LSTM's Sigmoid) return their function's value bit for bit.</summary>
    [Fact]
    public void TheRealObjectivesKeepTheirValueBitForBit()
    {
        double[] observed = SymbolicDiff.Objectives.Pendulum.Observations(200, 0.01);
        double pendulum = SymbolicDiff.Objectives.Pendulum.LossGradient(0.8, 0.5, 9.0, 0.4, 0.01, observed, out _, out _, out _, out _);
        Assert.Equal(BitConverter.DoubleToInt64Bits(SymbolicDiff.Objectives.Pendulum.Loss(0.8, 0.5, 9.0, 0.4, 0.01, observed)), BitConverter.DoubleToInt64Bits(pendulum));

        var l = SymbolicDiff.Objectives.LstmInstance.Read("lstm_l2_c1024.txt");
        double[] dMain = new double[l.MainParams.Length], dExtra = new double[l.ExtraParams.Length];
        double lstm = SymbolicDiff.Objectives.Lstm.ObjectiveGradient(l.Layers, l.CharBits, l.MainParams, l.ExtraParams, l.State, l.Sequence, dMain, dExtra);
        Assert.Equal(BitConverter.DoubleToInt64Bits(SymbolicDiff.Objectives.Lstm.Objective(l.Layers, l.CharBits, l.MainParams, l.ExtraParams, l.State, l.Sequence)), BitConverter.DoubleToInt64Bits(lstm));
    }

    [Fact]
    public void UnderBranches() => SampleInlined(
        Uniform(2, -2, 2),
        p => Inl.Branches(p[0], p[1]),
        p => (Inl.BranchesGradient(p[0], p[1], out var a, out var b), [a, b]),
        p => { Inl.BranchesCalledGradient(p[0], p[1], out var a, out var b); return [a, b]; });

    [Fact]
    public void InConditions() => SampleInlined(
        Uniform(2, -1.5, 1.5),
        p => Inl.InConditions(p[0], p[1]),
        p => (Inl.InConditionsGradient(p[0], p[1], out var a, out var b), [a, b]),
        p => { Inl.InConditionsCalledGradient(p[0], p[1], out var a, out var b); return [a, b]; });

    [Fact]
    public void Nested() => SampleInlined(
        Uniform(2, -1.5, 1.5),
        p => Inl.Nested(p[0], p[1]),
        p => (Inl.NestedGradient(p[0], p[1], out var a, out var b), [a, b]),
        p => { Inl.NestedCalledGradient(p[0], p[1], out var a, out var b); return [a, b]; });

    [Fact]
    public void AParameterReadThreeTimes() => SampleInlined(
        Uniform(1, -2, 2),
        p => Inl.ReadThreeTimes(p[0], 1.3),
        p => (Inl.ReadThreeTimesGradient(p[0], 1.3, out var a), [a]),
        p => { Inl.ReadThreeTimesCalledGradient(p[0], 1.3, out var a); return [a]; });

    /// <summary>Each property read happens once per call, in argument order: four reads (one an argument the callee ignores), and the function's value.</summary>
    [Fact]
    public void ArgumentsWithEffectsAreEvaluatedOnceInOrder()
    {
        double F(double x)
        {
            Inl.Reads = 0;
            return Inl.EffectfulArguments(x);
        }

        Uniform(1, -2, 2).Sample(p =>
        {
            double expected = F(p[0]);
            Inl.Reads = 0;
            double value = Inl.EffectfulArgumentsGradient(p[0], out double dx);
            Assert.Equal(4, Inl.Reads);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
            Check(q => F(q[0]), p, [dx]);
        }, threads: 1);
    }

    /// <summary>
    /// Twice(2x, x) + Twice(3x, 2x) + First(1.0·x, 0.75) + First(x, 1.25) (Next read in the order written: 0.75 for b, then
    /// 1.0 for a, then 1.25) = 2x² + x·sin x + 6x² + 2x·sin 2x + 4x, and its derivative.
    /// </summary>
    [Fact]
    public void NamedArgumentsInAnotherOrderAreEvaluatedAsWritten()
    {
        Uniform(1, -2, 2).Sample(p =>
        {
            double x = p[0];
            Inl.Reads = 0;
            double value = Inl.NamedArgumentsGradient(x, out double dx);
            Assert.Equal(3, Inl.Reads);
            // Relative, and absolute to rounding of terms up to about 40 where they cancel: near the value's zero at
            // x ≈ −0.314 the two sums, added in another order, are 1.9e-12 apart relatively (a flaky failure before).
            Agree([2 * x * x + x * Math.Sin(x) + 6 * x * x + 2 * x * Math.Sin(2 * x) + 4 * x], [value], 1e-13, "value", absolute: 1e-13);
            Agree([4 * x + Math.Sin(x) + x * Math.Cos(x) + 12 * x + 2 * Math.Sin(2 * x) + 4 * x * Math.Cos(2 * x) + 4], [dx], 1e-12, absolute: 1e-13);
            Inl.Reads = 0;
            Assert.Equal(BitConverter.DoubleToInt64Bits(Inl.NamedArguments(x)), BitConverter.DoubleToInt64Bits(value));
        }, threads: 1);
    }

    /// <summary>Σᵢ (x·bᵢ + bᵢ·sin bᵢ)·x with bᵢ = 0.5·i: d/dx = Σ 2x·bᵢ + bᵢ·sin bᵢ.</summary>
    [Fact]
    public void AnIncrementInsideAnArgument()
    {
        Uniform(1, -2, 2).Sample(p =>
        {
            double x = p[0];
            double value = Inl.IncrementInAnArgumentGradient(x, out double dx);
            Assert.Equal(BitConverter.DoubleToInt64Bits(Inl.IncrementInAnArgument(x)), BitConverter.DoubleToInt64Bits(value));
            double[] b = [0, 0.5, 1.0, 1.5];
            CloseToSum(b.SelectMany(bi => new[] { x * bi * x, bi * Math.Sin(bi) * x }).ToArray(), value, 1e-14);
            CloseToSum(b.SelectMany(bi => new[] { 2 * x * bi, bi * Math.Sin(bi) }).ToArray(), dx, 1e-13, "∂/∂x");
        });
    }

    /// <summary>
    /// Float against the double twin: relative where the gradient is of the size of its terms (up to about 10 here), and
    /// to float rounding of those terms where they cancel (a gradient of −3.7e-4 was 1.4e-4 off relatively, 5e-8 absolutely).
    /// </summary>
    [Fact]
    public void FloatCallees() => SampleFloat(
        Uniform(2, -2, 2),
        p => (Inl.FloatCallerGradient(p[0], p[1], out var a, out var b), [a, b]),
        p => (Inl.DoubleTwinGradient(p[0], p[1], out var a, out var b), [a, b]),
        absolute: 1e-6);

    [Fact]
    public void AFloatCalleeFromDoubleCode()
    {
        Uniform(2, -2, 2).Sample(p =>
        {
            double value = Inl.MixedPrecisionGradient(p[0], p[1], out double dx, out double dy);
            Assert.Equal(BitConverter.DoubleToInt64Bits(Inl.MixedPrecision(p[0], p[1])), BitConverter.DoubleToInt64Bits(value));

            // d/dx (s(x, y)·x + y) = s_x·x + s, d/dy = s_y·x + 1, with s the float callee at the float-rounded point.
            float sx = 0, sy = 0;
            float s = Inl.SoftFGradient((float)p[0], (float)p[1], out sx, out sy);
            Agree([sx * p[0] + s, sy * p[0] + 1], [dx, dy], FloatTolerance, absolute: 1e-6);
        });
    }

    [Fact]
    public void ForwardMode() => ForwardChecks.Sample(
        Uniform(2, -1.5, 1.5),
        p => Inl.Forward(p[0], p[1]),
        (p, v) => (Inl.ForwardTangent(p[0], p[1], v[0], v[1], out double t), t),
        p => { Inl.ForwardGradient(p[0], p[1], out var a, out var b); return [a, b]; });

    [Fact]
    public void SecondOrder_MatchesTheWrittenOutHessian()
    {
        Uniform(2, -1.5, 1.5).Sample(p =>
        {
            double[] gradient = new double[2], hessian = new double[4], expectedGradient = new double[2], expectedHessian = new double[4];
            double value = Inl.SecondOrderHessian(p[0], p[1], gradient, hessian);
            Close(Inl.SecondOrderWrittenOutHessian(p[0], p[1], expectedGradient, expectedHessian), value, 1e-14);
            Agree(expectedGradient, gradient, 1e-12, "gradient", absolute: 1e-14);
            Agree(expectedHessian, hessian, 1e-12, "Hessian", absolute: 1e-13);
            for (int i = 0; i < 2; i++)
            {
                int row = i;
                Check(q => { Inl.SecondOrderGradient(q[0], q[1], out double g0, out double g1); return row == 0 ? g0 : g1; }, p, hessian[(2 * i)..(2 * i + 2)]);
            }
        });
    }

    [Fact]
    public void SecondOrder_InALoopUnderABranch_MatchesDifferencesOfTheGradient()
    {
        Uniform(2, 6, -1.5, 1.5).Sample(w =>
        {
            int n = w.Length;
            double[] gradient = new double[n], hessian = new double[n * n], v = Enumerable.Range(0, n).Select(i => Math.Cos(i)).ToArray(), hv = new double[n], g2 = new double[n];
            Inl.SecondOrderInALoopHessian(w, gradient, hessian);
            Inl.SecondOrderInALoopHessianVectorProduct(w, v, g2, hv);
            Agree(gradient, g2, 1e-14, "gradient");
            Agree(Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => hessian[i * n + j] * v[j])).ToArray(), hv, 1e-10, "H·v", absolute: 1e-12);
            for (int i = 0; i < n; i++)
            {
                int row = i;
                Check(q => { var g = new double[n]; Inl.SecondOrderInALoopGradient(q, g); return g[row]; }, w, hessian[(i * n)..((i + 1) * n)]);
            }
        });
    }

    /// <summary>Callees with a loop, an array parameter or a hand-written pullback stay calls; the pullback runs.</summary>
    [Fact]
    public void CalleesThatAreNotInlinedStillWork()
    {
        Gen.Select(Uniform(1, 0.2, 2), Uniform(2, -2, 2)).Sample((x, w) =>
        {
            double[] dw = new double[2];
            Inl.HingePullbacks = 0;
            double value = Inl.NotInlinedGradient(x[0], w, out double dx, dw);
            Assert.Equal(1, Inl.HingePullbacks);
            Close(Inl.NotInlined(x[0], w), value, 1e-14);
            Check(q => Inl.NotInlined(q[0], q[1..]), [x[0], .. w], [dx, .. dw]);
        }, threads: 1);
    }
}
