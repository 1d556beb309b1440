using System;
using System.Linq;
using SymbolicDiff.Reliability.Tests.Oracle;
using SymbolicDiff.Reliability.Tests.Programs;

namespace SymbolicDiff.Reliability.Tests.Differential;

/// <summary>
/// Checks a program's <c>FHessianVectorProduct</c> against the hyper-dual oracle: the value bitwise,
/// the gradient against the dual oracle's, and H·v against the ε1ε2 parts of hyper-dual runs seeded
/// with v on ε1 and each input's unit vector on ε2. The whole Hessian (one run per pair of inputs)
/// gives the tolerance its scale, as the Jacobian does for first order.
/// </summary>
public static class SecondOrderChecker
{
    /// <param name="value">The oracle's value of the program.</param>
    /// <param name="gradientScale">The first-order check's scale (1 + the largest |derivative| or |tangent on the way|): the scale of the gradient's tolerance.</param>
    public static Verdict Check(Type primal, Type hyperDual, ProgramCase c, double value, double gradientScale, bool overflowAllowed)
    {
        var inputs = c.Inputs.Length;
        var direction = c.Adjoints;
        var tolerance = Tolerance.For(c.Program.IsFloat);
        var gradient = new double[inputs];
        var product = new double[inputs];
        var hessian = new double[inputs, inputs];
        var parts = new double[4];
        NonFiniteWatch.Seen = false;
        try
        {
            for (var j = 0; j < inputs; j++)
            {
                Checker.Invoke(hyperDual, "Hessian", c.Inputs, direction, j, parts);
                if (BitConverter.DoubleToInt64Bits(parts[0]) != BitConverter.DoubleToInt64Bits(value))
                    return new Failed("tester: the hyper-dual value differs from the dual value", $"{parts[0]:R} against {value:R}");
                gradient[j] = parts[2];
                product[j] = parts[3];
                for (var k = 0; k <= j; k++)
                {
                    var unit = new double[inputs];
                    unit[k] = 1;
                    Checker.Invoke(hyperDual, "Hessian", c.Inputs, unit, j, parts);
                    hessian[j, k] = hessian[k, j] = parts[3];
                }
            }
        }
        catch (Exception) when (NonFiniteWatch.Seen)
        {
            return new NotFinite();
        }
        catch (Exception e)
        {
            return new Failed("tester: the hyper-dual program throws", e.ToString());
        }
        if (product.Concat(hessian.Cast<double>()).Any(x => !double.IsFinite(x) || Math.Abs(x) > Checker.Huge) || (!overflowAllowed && NonFiniteWatch.Seen))
            return new NotFinite();

        try
        {
            double[] got = new double[1], gotGradient = new double[inputs], gotProduct = new double[inputs];
            Checker.Invoke(primal, "HessianVectorProduct", c.Inputs, direction, got, gotGradient, gotProduct);
            if (Checker.Differs(got, [value]) is { } valueDiff)
                return new Failed("HessianVectorProduct returns a different value", valueDiff);
            if (Checker.Mismatch(gotGradient, gradient, gradientScale, tolerance) is { } gradientDiff)
                return new Failed("HessianVectorProduct's gradient differs from the oracle", gradientDiff);
            var scale = (1 + hessian.Cast<double>().Select(Math.Abs).Max()) * (1 + direction.Select(Math.Abs).Sum()) * HypotTerms(c);
            if (Checker.Mismatch(gotProduct, product, scale, tolerance) is { } productDiff)
                return new Failed("HessianVectorProduct differs from the hyper-dual oracle", productDiff);
        }
        catch (Exception e)
        {
            return new Failed($"generated HessianVectorProduct throws {e.GetType().Name}", e.ToString());
        }
        return new Passed();
    }

    /// <summary>
    /// Finding F21 (a numerical limit, docs/reliability-findings.md): the second derivatives of Hypot(a, b) are
    /// differences of terms of size 1/r, which both sides compute with one rounding each; where Hypot(x, x) is 0 in
    /// exact arithmetic the twin keeps one rounding of them (H·v of 2e-3 at x = 5.5e-14, CI seed
    /// 3974341818184371212 #75). In a program that calls Hypot, the product's scale includes 1/|x| of its smallest
    /// non-zero input, the size of those terms where the arguments are that small.
    /// </summary>
    static double HypotTerms(ProgramCase c)
    {
        if (!ProgramPrinter.Primal(c.Program).Contains("Hypot("))
            return 1;
        var smallest = c.Inputs.Select(Math.Abs).Where(x => x > 0).DefaultIfEmpty(1).Min();
        return Math.Max(1, 1 / smallest);
    }
}
