using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Element aliases (<c>ref T r = ref a[…]</c>, <c>foreach (ref T v in …)</c>) where the random programs found
/// them rejected (docs/reliability-findings.md F13–F15): an index from the end kept for a loop, a read in a
/// log line or a guard's message, and a write inside an expression. Every mode: the tangent and the Hessian are checked too.
/// </summary>
public static partial class Aliases
{
    private const Derivatives All = Derivatives.Forward | Derivatives.Hessian;

    /// <summary>F13: <c>ref readonly … = ref b[^1]</c> inside a loop (its index was kept as a System.Index, which a loop cannot save).</summary>
    [Differentiable(All)]
    public static double FromEndReadInLoop(double[] b, double x)
    {
        double[] z = new double[1];
        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            ref readonly double r = ref b[^1];
            z[0] = Math.Abs(-r) * x;
            s += z[0] * b[i];
        }

        return s;
    }

    /// <summary>F13: a write through <c>ref … = ref w[^(i + 1)]</c>, a different element on each pass.</summary>
    [Differentiable(All)]
    public static double FromEndWriteInLoop(double x)
    {
        double[] w = { x, 2 * x, 3 * x };
        for (int i = 0; i < 3; i++)
        {
            ref double r = ref w[^(i + 1)];
            r *= x + i;
        }

        return w[0] * w[1] + w[2];
    }

    /// <summary>
    /// F14: element aliases (a ref foreach variable, readonly or not, and a ref local) and a variable alias
    /// read in log lines and in a thrown exception's message.
    /// </summary>
    [Differentiable(All)]
    public static double LoggedAliases(double[] b, double x)
    {
        double[] w = { x, x * x };
        ref double last = ref w[^1];
        ref readonly double first = ref b[0];
        double t = x;
        ref double alias = ref t;
        Console.WriteLine(alias);
        double s = 0;
        foreach (ref readonly double v0 in b.AsSpan())
        {
            Console.WriteLine($"{v0 * 2}");
            if (x > 1000 && v0 < -1.5)
            {
                throw new ArgumentOutOfRangeException(nameof(b), $"{v0 * 2}");
            }

            s += v0 * x;
        }

        foreach (ref double e in w.AsSpan())
        {
            e *= x;
            Console.WriteLine($"{e} {alias}");
        }

        if (x > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"{last} {first} {alias}");
        }

        return s + last * first;
    }

    /// <summary>F15: compound and simple assignments through element aliases inside expressions.</summary>
    [Differentiable(All)]
    public static double AssignThroughAliasInExpression(double x, double e)
    {
        double[] w0 = { x, x * e };
        ref double r3 = ref w0[1];
        double t = 0;
        for (int i = 0; i < 2; i++)
        {
            t += (r3 *= e + w0[0]) * x;
        }

        foreach (ref double v in w0.AsSpan())
        {
            t += (v += x * v) * e;
        }

        t += (r3 = t * x) - r3;
        t *= w0[0] -= e * x; // a compound assignment to an element inside an expression, without an alias
        return t + w0[0] * w0[1];
    }

    /// <summary>F15's program (seed 22502354522254861, #263), with the array filled so its values are not all zero.</summary>
    [Differentiable(All)]
    public static double StoreOfAnAliasAssignment(double x)
    {
        double[] w0 = { x, 0.5 * x };
        ref double r3 = ref w0[1];
        for (int i4 = 0; i4 < 2; i4++)
        {
            w0[^(i4 + 1)] = (r3 *= Math.FusedMultiplyAdd(w0[^(i4 + 1)], w0[i4], w0[i4]));
        }

        return w0[0] + w0[1];
    }
}

public class ElementAliasTests
{
    /// <summary>The dense Hessian agrees with central differences of the (checked) gradient.</summary>
    private static void HessianMatches(Func<double[], double[]> gradient, Action<double[], double[], double[]> hessian, double[] x)
    {
        int n = x.Length;
        double[] expected = ForwardChecks.FiniteDifferenceJacobian(gradient, x, n);
        double[] g = new double[n], h = new double[n * n];
        hessian(x, g, h);
        Agree(gradient(x), g, 1e-12, "gradient");
        Agree(expected, h, 1e-6, "Hessian", absolute: 1e-7);
    }

    private static readonly double[] B = [0.6, -1.1, 0.9, -1.7];

    [Fact]
    public void FromEndReadInLoop()
    {
        var db = new double[B.Length];
        double v = Aliases.FromEndReadInLoopGradient(B, 0.8, db, out double dx);
        Close(1.7 * 0.8 * (0.6 - 1.1 + 0.9), v);
        Close(1.7 * (0.6 - 1.1 + 0.9), dx);
        Check(p => Aliases.FromEndReadInLoop(p[..^1], p[^1]), [.. B, 0.8], [.. db, dx]);
        double tangent = Aliases.FromEndReadInLoopTangent(B, 0.8, [0, 0, 0, 1], 0, out double dv);
        Close(v, tangent);
        Close(0.8 * (0.6 - 1.1 + 0.9) * -1, dv); // d|b₃|/db₃ = −1 at b₃ = −1.7
        HessianMatches(
            p => { var d = new double[4]; Aliases.FromEndReadInLoopGradient(p[..4], p[4], d, out double dx); return [.. d, dx]; },
            (p, g, h) => Aliases.FromEndReadInLoopHessian(p[..4], p[4], g, h),
            [.. B, 0.8]);
    }

    [Fact]
    public void FromEndWriteInLoop()
    {
        const double x = 0.7;
        double v = Aliases.FromEndWriteInLoopGradient(x, out double dx);
        Close(x * (x + 2) * (2 * x * (x + 1)) + 3 * x * x, v);
        Check(p => Aliases.FromEndWriteInLoop(p[0]), [x], [dx]);
        Aliases.FromEndWriteInLoopTangent(x, 1, out double dv);
        Close(dx, dv);
        HessianMatches(
            p => { Aliases.FromEndWriteInLoopGradient(p[0], out double d); return [d]; },
            (p, g, h) => Aliases.FromEndWriteInLoopHessian(p[0], g, h),
            [x]);
    }

    [Fact]
    public void LoggedAliases()
    {
        var db = new double[B.Length];
        double v = Aliases.LoggedAliasesGradient(B, 0.8, db, out double dx);
        double sum = 0.6 - 1.1 + 0.9 - 1.7;
        Close(sum * 0.8 + 0.8 * 0.8 * 0.8 * 0.6, v);
        Check(p => Aliases.LoggedAliases(p[..^1], p[^1]), [.. B, 0.8], [.. db, dx]);
        Aliases.LoggedAliasesTangent(B, 0.8, new double[B.Length], 1, out double dv);
        Close(dx, dv);
        HessianMatches(
            p => { var d = new double[4]; Aliases.LoggedAliasesGradient(p[..4], p[4], d, out double dx); return [.. d, dx]; },
            (p, g, h) => Aliases.LoggedAliasesHessian(p[..4], p[4], g, h),
            [.. B, 0.8]);

        // The guards' messages read the aliases' values: b[3] in the loop; w[^1] after the loop, b[0] and t.
        Assert.StartsWith($"{-1.7 * 2}", Assert.Throws<ArgumentOutOfRangeException>(() => Aliases.LoggedAliasesGradient(B, 2000, db, out _)).Message);
        Assert.StartsWith($"{200.0 * 200 * 200} {0.6} {200.0}", Assert.Throws<ArgumentOutOfRangeException>(() => Aliases.LoggedAliasesGradient(B, 200, db, out _)).Message);
        Assert.StartsWith($"{200.0 * 200 * 200} {0.6} {200.0}", Assert.Throws<ArgumentOutOfRangeException>(() => Aliases.LoggedAliasesTangent(B, 200, db, 1, out _)).Message);
    }

    [Fact]
    public void AssignThroughAliasInExpression()
    {
        const double x = 0.7, e = -1.3;
        double v = Aliases.AssignThroughAliasInExpressionGradient(x, e, out double dx, out double de);
        Close(Written(x, e), v);
        Check(p => Aliases.AssignThroughAliasInExpression(p[0], p[1]), [x, e], [dx, de]);
        Aliases.AssignThroughAliasInExpressionTangent(x, e, 0.4, -0.9, out double dv);
        Close(0.4 * dx - 0.9 * de, dv);
        HessianMatches(
            p => { Aliases.AssignThroughAliasInExpressionGradient(p[0], p[1], out double d0, out double d1); return [d0, d1]; },
            (p, g, h) => Aliases.AssignThroughAliasInExpressionHessian(p[0], p[1], g, h),
            [x, e]);

        // The same computation with every element written out: what the aliases stand for.
        static double Written(double x, double e)
        {
            double[] w0 = [x, x * e];
            double t = 0;
            for (int i = 0; i < 2; i++)
            {
                w0[1] *= e + w0[0];
                t += w0[1] * x;
            }

            for (int k = 0; k < 2; k++)
            {
                w0[k] += x * w0[k];
                t += w0[k] * e;
            }

            w0[1] = t * x;
            t += w0[1] - w0[1];
            w0[0] -= e * x;
            t *= w0[0];
            return t + w0[0] * w0[1];
        }
    }

    [Fact]
    public void StoreOfAnAliasAssignment()
    {
        const double x = 0.9;
        double v = Aliases.StoreOfAnAliasAssignmentGradient(x, out double dx);
        Close(Written(x), v);
        Check(p => Aliases.StoreOfAnAliasAssignment(p[0]), [x], [dx]);
        Aliases.StoreOfAnAliasAssignmentTangent(x, 1, out double dv);
        Close(dx, dv);
        HessianMatches(
            p => { Aliases.StoreOfAnAliasAssignmentGradient(p[0], out double d); return [d]; },
            (p, g, h) => Aliases.StoreOfAnAliasAssignmentHessian(p[0], g, h),
            [x]);

        static double Written(double x)
        {
            double[] w0 = [x, 0.5 * x];
            for (int i4 = 0; i4 < 2; i4++)
            {
                int k = w0.Length - (i4 + 1);
                w0[1] *= Math.FusedMultiplyAdd(w0[k], w0[i4], w0[i4]);
                w0[k] = w0[1];
            }

            return w0[0] + w0[1];
        }
    }
}
