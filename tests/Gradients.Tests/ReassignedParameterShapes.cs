using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Issue 7 §1, "Backward overwrites instead of accumulating the adjoint of a parameter the method
/// reassigns", tried in the shapes <see cref="ReassignedParameterTests"/> leaves out: a callee that
/// reassigns its own parameter (its Backward called by the caller's), a vector-valued callee, a
/// parameter reset on every pass of a loop, a reassignment inside an expression, through an element
/// alias's neighbour, and in second order. Every shape adds to the adjoints it is given.
/// </summary>
public static partial class Reassigned
{
    /// <summary>Resets its parameter: ∂/∂u = 0, whatever the caller's adjoint of u held.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
    public static double Reset(double u)
    {
        u += -u;
        return u * 3 + 1;
    }

    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
    public static double CallsReset(double x0, double x1) => Reset(x0) + x0 * x1 + Reset(x1 * x0) * x1;

    /// <summary>A vector-valued callee that resets its scalar parameter before writing its output.</summary>
    [Differentiable]
    public static void ResetInto(double u, Span<double> y)
    {
        u -= u;
        y[0] = u + 2;
        y[1] = u * u + 2 * u + 2;
    }

    [Differentiable]
    public static double CallsResetInto(double x0, double x1)
    {
        double[] y = new double[2];
        ResetInto(x0 * x1, y);
        return y[0] * x0 + y[1] * x1;
    }

    /// <summary>The parameter reset on every pass, then rebuilt from the other one.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
    public static double ResetInLoop(double x0, double x1)
    {
        for (int i = 0; i < 3; i++)
        {
            x0 += -x0;
            x0 += x1 * i;
        }

        return x0 * x0;
    }

    /// <summary>The reassignment inside an expression, then the parameter read.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
    public static double ResetInExpression(double x0, double x1)
    {
        double t = (x0 += -x0) * x1 + (x1 *= x1);
        return t + x0 + x1;
    }

    /// <summary>Reset through a ref local, in a loop, beside an element alias of a local array.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
    public static double ResetThroughAliases(double x0, double x1)
    {
        double[] w = { x0, x1 };
        ref double r = ref x0;
        ref double last = ref w[^1];
        for (int i = 0; i < 2; i++)
        {
            r -= x0;
            last *= x1 + r;
        }

        return w[0] * w[1] + x0;
    }

    /// <summary>Other spellings of a reset, and a parameter assigned from the other one (a swap).</summary>
    [Differentiable]
    public static double ResetSpellings(double x0, double x1)
    {
        x0 -= x0;
        x0 = x0 + x1 * 0;
        x1 = x1 - x1 + x1;
        double t = x0;
        x0 = x1;
        x1 = t;
        x0 *= 0;
        x0++;
        return x0 * x1 + x0;
    }

    /// <summary>Locals named like the adjoints and the seed of the companions.</summary>
    [Differentiable]
    public static double ResetBesideAdjointNames(double x0, double x1)
    {
        double dx0 = x0 * 2;
        x0 += -x0;
        double seed = x1 * x1;
        double dx1 = seed + x0;
        return x0 * x1 + dx0 + dx1;
    }

    /// <summary>Second order through a reset parameter: the gradient and H·v are those of x1⁴·x0⁰.</summary>
    [Differentiable(Derivatives.Hessian)]
    public static double ResetSecondOrder(double x0, double x1)
    {
        x0 += -x0;
        x0 += x1 * x1;
        return x0 * x0 + x0;
    }
}

public class ReassignedParameterShapeTests
{
    public static TheoryData<string> Shapes => ["CallsReset", "CallsResetInto", "ResetInLoop", "ResetInExpression", "ResetThroughAliases", "ResetSpellings", "ResetBesideAdjointNames"];

    /// <summary>Backward, called twice on prefilled adjoints (a mini-batch of two), adds both gradients.</summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void BackwardAccumulates(string shape)
    {
        (Func<double[], double> f, Func<double[], double, double[], double> backward) = shape switch
        {
            "CallsReset" => Pair(p => Reassigned.CallsReset(p[0], p[1]), (p, s, d) => Reassigned.CallsResetBackward(p[0], p[1], s, ref d[0], ref d[1])),
            "CallsResetInto" => Pair(p => Reassigned.CallsResetInto(p[0], p[1]), (p, s, d) => Reassigned.CallsResetIntoBackward(p[0], p[1], s, ref d[0], ref d[1])),
            "ResetInLoop" => Pair(p => Reassigned.ResetInLoop(p[0], p[1]), (p, s, d) => Reassigned.ResetInLoopBackward(p[0], p[1], s, ref d[0], ref d[1])),
            "ResetInExpression" => Pair(p => Reassigned.ResetInExpression(p[0], p[1]), (p, s, d) => Reassigned.ResetInExpressionBackward(p[0], p[1], s, ref d[0], ref d[1])),
            "ResetThroughAliases" => Pair(p => Reassigned.ResetThroughAliases(p[0], p[1]), (p, s, d) => Reassigned.ResetThroughAliasesBackward(p[0], p[1], s, ref d[0], ref d[1])),
            "ResetSpellings" => Pair(p => Reassigned.ResetSpellings(p[0], p[1]), (p, s, d) => Reassigned.ResetSpellingsBackward(p[0], p[1], s, ref d[0], ref d[1])),
            "ResetBesideAdjointNames" => Pair(p => Reassigned.ResetBesideAdjointNames(p[0], p[1]), (p, s, d) => Reassigned.ResetBesideAdjointNamesBackward(p[0], p[1], s, ref d[0], ref d[1])),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };

        foreach (double[] x in new[] { new[] { 0.7, -1.3 }, new[] { -0.4, 0.9 } })
        {
            double[] start = [1.0, -2.0];
            double[] adjoints = (double[])start.Clone();
            Close(f(x), backward(x, 0.5, adjoints));
            Close(f(x), backward(x, -0.25, adjoints));
            var (numeric, _) = Gradient(f, x);
            for (int i = 0; i < x.Length; i++)
            {
                Agree([start[i] + 0.25 * numeric[i]], [adjoints[i]], 1e-6, $"{shape}: adjoint {i} at ({x[0]}, {x[1]})", absolute: 1e-9);
            }
        }
    }

    private static (Func<double[], double>, Func<double[], double, double[], double>) Pair(
        Func<double[], double> f, Func<double[], double, double[], double> backward) => (f, backward);

    [Fact]
    public void CalleeBackwardAddsZero()
    {
        double du = 1;
        Reassigned.ResetBackward(0.7, 0.5, ref du);
        Close(1, du);

        double[] y = new double[2], dy = [0.5, -0.25];
        double dv = 1;
        Reassigned.ResetIntoBackward(0.7, y, ref dv, dy);
        Close(1, dv);
    }

    [Fact]
    public void TangentsOfResetShapes()
    {
        double[] x = [0.7, -1.3], v = [0.4, -0.9];
        Reassigned.CallsResetGradient(x[0], x[1], out double g0, out double g1);
        Reassigned.CallsResetTangent(x[0], x[1], v[0], v[1], out double t);
        Close(g0 * v[0] + g1 * v[1], t);
        Reassigned.ResetInLoopGradient(x[0], x[1], out g0, out g1);
        Reassigned.ResetInLoopTangent(x[0], x[1], v[0], v[1], out t);
        Close(g0 * v[0] + g1 * v[1], t);
        Reassigned.ResetInExpressionGradient(x[0], x[1], out g0, out g1);
        Reassigned.ResetInExpressionTangent(x[0], x[1], v[0], v[1], out t);
        Close(g0 * v[0] + g1 * v[1], t);
        Reassigned.ResetThroughAliasesGradient(x[0], x[1], out g0, out g1);
        Reassigned.ResetThroughAliasesTangent(x[0], x[1], v[0], v[1], out t);
        Close(g0 * v[0] + g1 * v[1], t);
    }

    [Fact]
    public void SecondOrderOfAResetParameter()
    {
        // f = x1⁴ + x1²: ∇f = (0, 4x1³ + 2x1), H = [[0, 0], [0, 12x1² + 2]].
        const double x1 = -1.3;
        double value = Reassigned.ResetSecondOrderHessianVectorProduct(0.7, x1, 0.4, -0.9, out double d0, out double d1, out double h0, out double h1);
        Close(Math.Pow(x1, 4) + x1 * x1, value);
        Close(0, d0);
        Close(4 * x1 * x1 * x1 + 2 * x1, d1);
        Close(0, h0);
        Close((12 * x1 * x1 + 2) * -0.9, h1);
    }
}
