using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// The generated code gives the versions of a user's variable one variable when they are never live at the
/// same time, and writes a user's for loop as a for loop (VersionCoalescing). These methods have versions
/// that ARE live together (a swap, an old value read after the new one, a counter read after its loop, the
/// backward pass reading a value the forward pass replaced), which must keep variables of their own.
/// </summary>
public static partial class SharedVariables
{
    /// <summary>A swap through a temporary: a's and b's new versions are each other's old ones.</summary>
    [Differentiable]
    public static double Swap(double[] x)
    {
        double a = 1;
        double b = 2;
        for (int i = 0; i < x.Length; i++)
        {
            double t = a;
            a = b * x[i];
            b = t + x[i];
        }

        return a * b;
    }

    /// <summary>The old value is read after the new one is made.</summary>
    [Differentiable]
    public static double OldAndNew(double x)
    {
        double a = x * x;
        double old = a;
        a = a * x + 1;
        a = Math.Sin(a);
        return a * old + a;
    }

    /// <summary>The counter is read after its loop, and a second loop uses the same name.</summary>
    [Differentiable]
    public static double CounterAfterTheLoop(double[] x)
    {
        double s = 0;
        int i;
        for (i = 0; i + 1 < x.Length; i += 2)
        {
            s += x[i] * x[i + 1];
        }

        s *= i;
        for (int j = 0; j < x.Length; j++)
        {
            s += Math.Exp(x[j]) * j;
        }

        for (int j = 1; j < x.Length; j++)
        {
            s -= x[j - 1] * x[j] * x[j];
        }

        return s;
    }

    /// <summary>A loop inside a branch, a continue, and nested loops on the tape that reuse the outer value.</summary>
    [Differentiable]
    public static double Nested(double[] x, double y)
    {
        double p = y;
        if (y > 0.25)
        {
            for (int i = 0; i < x.Length; i++)
            {
                if (i == 1)
                {
                    continue;
                }

                p = p * Math.Cos(x[i]) + x[i];
            }
        }
        else
        {
            p = y * y;
        }

        double q = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double r = p;
            for (int k = i; k < x.Length; k++)
            {
                r = r * x[k] + q;
            }

            q += Math.Tanh(r);
        }

        return q + p;
    }

    /// <summary>
    /// A for loop inside a loop whose test reads elements (written with a flag, its body in branches): the outer
    /// loop saved the inner counter's constant start, which the inner for declares and the emitter wrote as 0
    /// (CS0103 in generated code; random programs, seed 20261130 #529).
    /// </summary>
    [Differentiable]
    public static double InnerForInFlaggedLoop(double x, double[] a)
    {
        double s = x;
        for (int i = 0; i < a.Length && a[i] <= -a[^(i + 1)] + 0.125; i++)
        {
            s *= a[i];
            for (int j = 0; j < 3; j++)
            {
                s += x * a[i] * (j + 1);
            }
        }

        return s;
    }
}

public class SharedVariablesTests
{
    private static Gen<double[]> Points(int n) => Box(Enumerable.Repeat((-2.0, 2.0), n).ToArray());

    [Fact]
    public void Swap_MatchesFiniteDifferences() =>
        Sample(Points(4), SharedVariables.Swap, x => LoopOrderTests.With(x, (p, g) => SharedVariables.SwapGradient(p, g)));

    [Fact]
    public void OldAndNew_MatchesFiniteDifferences() =>
        Sample(Points(1), p => SharedVariables.OldAndNew(p[0]), p => (SharedVariables.OldAndNewGradient(p[0], out double dx), [dx]));

    [Fact]
    public void CounterAfterTheLoop_MatchesFiniteDifferences()
    {
        Sample(Points(5), SharedVariables.CounterAfterTheLoop, x => LoopOrderTests.With(x, (p, g) => SharedVariables.CounterAfterTheLoopGradient(p, g)));
        Sample(Points(4), SharedVariables.CounterAfterTheLoop, x => LoopOrderTests.With(x, (p, g) => SharedVariables.CounterAfterTheLoopGradient(p, g)));
    }

    [Fact]
    public void Nested_MatchesFiniteDifferences() =>
        // uniform points: Box's round values put y exactly on the branch at 0.25, where a difference straddles both sides (seed 3rSoD7tI_lT1).
        // Away from results that cancel: at seed c6J4FYF5quR3 the tanh terms (about ±1) summed to 7.2e-4, so f's rounding, about 1e-16
        // of the terms, not of f, made the central difference of ∂f/∂x1 = 3.4903495e-8 (60-digit arithmetic; the generated
        // gradient agrees to 1e-8) come out 3.4905e-8, beyond the noise floor the difference estimates from |f|.
        Sample(ForwardChecks.Uniform(5, -2, 2).Where(p => Math.Abs(SharedVariables.Nested(p[..4], p[4])) > 0.01), p => SharedVariables.Nested(p[..4], p[4]), p =>
        {
            double[] g = new double[4];
            double f = SharedVariables.NestedGradient(p[..4], p[4], g, out double dy);
            return (f, [.. g, dy]);
        });

    [Fact]
    public void InnerForInFlaggedLoop_MatchesFiniteDifferences() =>
        // uniform points: Box's round values (0, 0.0625, 5e-91) sit on the loop test's kink or make the gradient
        // vanish below the difference's rounding (seeds 6oAIT4LkMTy2, 1lpJwPyT81b1)
        Sample(ForwardChecks.Uniform(4, -2, 2), p => SharedVariables.InnerForInFlaggedLoop(p[0], p[1..]), p =>
        {
            double[] g = new double[3];
            double f = SharedVariables.InnerForInFlaggedLoopGradient(p[0], p[1..], out double dx, g);
            return (f, [dx, .. g]);
        });
}
