using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// F54–F57, the collections everyday C# keeps its numbers in: collection expressions (<c>double[] v = [x, y]</c>,
/// <c>ReadOnlySpan&lt;double&gt; c = [1, 2, 3]</c>), lists of data read by index or foreach, arrays of tuples
/// deconstructed by foreach, and a switch on a tuple of comparisons. Each was SDIFF0005 or SDIFF0006.
/// </summary>
public static partial class Collections
{
    /// <summary>A collection expression of differentiable values: the array new double[] { … } would be.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double SquaresOfParts(double x, double y)
    {
        double[] parts = [x, y, x * y];
        double s = 0;
        foreach (double p in parts)
        {
            s += p * p;
        }

        return s;
    }

    /// <summary>A table of constants (static data, no adjoint) beside a span of differentiable values written after.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Polynomial(double x, double y)
    {
        ReadOnlySpan<double> coefficients = [1.0, -2, 0.5, Math.PI];
        Span<double> scratch = [x, 2 * y, 3];
        scratch[2] *= x;
        double s = 0;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            s = s * x + coefficients[i];
        }

        return s + scratch[0] * scratch[1] + scratch[2];
    }

    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Norm(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (double e in v)
        {
            s += e * e;
        }

        return Math.Sqrt(s);
    }

    /// <summary>A collection expression passed straight to a [Differentiable] method's span.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double NormOf(double x, double y) => Norm([x, y, 1.0]);

    [Differentiable]
    public static float PartsF(float x) { float[] f = [x, x * x]; return f[0] * f[1]; }

    /// <summary>
    /// F63: read-only spans made by stackalloc, of constants (copied as written) and of differentiable values (a local
    /// span); the generated code declared the second a ReadOnlySpan and stored into it (CS8331). F65: an element in
    /// parentheses was left out of the table (the first two here: the span had one element, and the value was wrong).
    /// </summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double StackTables(double x, double y)
    {
        ReadOnlySpan<double> coefficients = stackalloc double[] { 1.0, -0.5, 0.25 };
        ReadOnlySpan<double> parts = stackalloc double[] { (x), (x * y), Math.Sin(y) };
        double s = 0;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            s = s * x + coefficients[i] * parts[i];
        }

        return s;
    }

    /// <summary>
    /// F70: a table of constants, one of them computed by a local function (<c>stackalloc double[] { 1.0, Square(1.5) }</c>):
    /// copied as written it would call the local function, which the generated methods do not have (SDIFF0006); it is now a
    /// local span whose elements are lowered as any local array's are.
    /// </summary>
    [Differentiable]
    public static double TableOfLocalFunctions(double x)
    {
        static double Square(double v) => v * v;
        ReadOnlySpan<double> c = stackalloc double[] { 1.0, Square(1.5) };
        ReadOnlySpan<double> d = [Square(0.5), 2.0];
        return c[0] * x + c[1] * x * x + d[0] * d[1];
    }

    /// <summary>Least squares over data in a list, read by index (a getter: read once into a constant) and by foreach, with a break.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double ListFit(double a, double b, List<double> xs, IReadOnlyList<double> ys)
    {
        double s = 0;
        for (int i = 0; i < xs.Count; i++)
        {
            double r = a * xs[i] + b - ys[i];
            s += r * r;
        }

        foreach (double x in xs)
        {
            if (x > 2.5)
            {
                break;
            }

            s += Math.Sin(a * x) * b;
        }

        return s;
    }

    /// <summary>A price by region from a dictionary: an indexer of constants with a string key.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Priced(double amount, double discount, Dictionary<string, double> rates, string region) =>
        amount * (1 + rates[region]) * (1 - discount * rates["base"]);

    /// <summary>Weighted residuals over an array of tuples, each deconstructed by foreach (typed, with a discard), and a list of tuples.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double TupleFit(double a, double b, (double X, double Y)[] points, IReadOnlyList<(double T, double Label, double Weight)> decay)
    {
        double s = 0;
        foreach (var (x, y) in points)
        {
            double r = a * x + b - y;
            s += r * r;
        }

        foreach ((double t, _, double w) in decay)
        {
            s += w * Math.Exp(-a * t) * b;
        }

        return s;
    }

    /// <summary>A switch expression and a switch statement on tuples of comparisons and steps.</summary>
    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
    public static double Quadrants(double x, double y, int k)
    {
        double v = (x > 0, y > 0) switch
        {
            (true, true) => x * y,
            (true, false) => x - y * y,
            _ => x + y,
        };
        switch (v > 1, k)
        {
            case (true, 0):
                return v * v;
            case (false, _):
                return -v * x;
            default:
                return 3 * v;
        }
    }
}

public class CollectionTests
{
    private static readonly List<double> Xs = [1, 2, 3, 1.5];
    private static readonly List<double> Ys = [2, 3.5, 7, 3];
    private static readonly Dictionary<string, double> Rates = new() { ["EU"] = 0.2, ["base"] = 0.05 };
    private static readonly (double X, double Y)[] Points = [(1, 2), (2, 3.5), (3, 7)];
    private static readonly List<(double T, double Label, double Weight)> Decay = [(0, 1, 0.5), (1, 0, 2), (2, 1, 1)];

    /// <summary>At x = 0.5, y = −2: parts (0.5, −2, −1), s = 0.25 + 4 + 1; ∂/∂x = 2x + 2xy·y = 5, ∂/∂y = 2y + 2xy·x = −5.</summary>
    [Fact]
    public void SquaresOfParts_KnownValues()
    {
        Assert.Equal(5.25, Collections.SquaresOfPartsGradient(0.5, -2, out double dx, out double dy));
        Assert.Equal(5, dx);
        Assert.Equal(-5, dy);
    }

    /// <summary>At x = 0.5, y = 2: the polynomial 1 − 2x + x²/2 + πx³ and x·2y + 3x; ∂/∂x = −2 + x + 3πx² + 2y + 3, ∂/∂y = 2x.</summary>
    [Fact]
    public void Polynomial_KnownValues()
    {
        double value = Collections.PolynomialGradient(0.5, 2, out double dx, out double dy);
        Close(1 - 1 + 0.125 + Math.PI / 8 + 2 + 1.5, value, 1e-15);
        Close(-2 + 0.5 + 0.75 * Math.PI + 4 + 3, dx, 1e-15);
        Assert.Equal(1, dy);
    }

    public static IEnumerable<object[]> Methods() =>
        new (string Name, Func<double[], double> F, Func<double[], (double, double[])> Gradient, Func<double[], double[], (double, double)> Tangent, Action<double[], double[], double[]> Hessian)[]
        {
            ("SquaresOfParts", p => Collections.SquaresOfParts(p[0], p[1]),
                p => (Collections.SquaresOfPartsGradient(p[0], p[1], out var a, out var b), [a, b]),
                (p, v) => (Collections.SquaresOfPartsTangent(p[0], p[1], v[0], v[1], out var t), t),
                (p, g, h) => Collections.SquaresOfPartsHessian(p[0], p[1], g, h)),
            ("Polynomial", p => Collections.Polynomial(p[0], p[1]),
                p => (Collections.PolynomialGradient(p[0], p[1], out var a, out var b), [a, b]),
                (p, v) => (Collections.PolynomialTangent(p[0], p[1], v[0], v[1], out var t), t),
                (p, g, h) => Collections.PolynomialHessian(p[0], p[1], g, h)),
            ("NormOf", p => Collections.NormOf(p[0], p[1]),
                p => (Collections.NormOfGradient(p[0], p[1], out var a, out var b), [a, b]),
                (p, v) => (Collections.NormOfTangent(p[0], p[1], v[0], v[1], out var t), t),
                (p, g, h) => Collections.NormOfHessian(p[0], p[1], g, h)),
            ("StackTables", p => Collections.StackTables(p[0], p[1]),
                p => (Collections.StackTablesGradient(p[0], p[1], out var a, out var b), [a, b]),
                (p, v) => (Collections.StackTablesTangent(p[0], p[1], v[0], v[1], out var t), t),
                (p, g, h) => Collections.StackTablesHessian(p[0], p[1], g, h)),
            ("ListFit", p => Collections.ListFit(p[0], p[1], Xs, Ys),
                p => (Collections.ListFitGradient(p[0], p[1], Xs, Ys, out var a, out var b), [a, b]),
                (p, v) => (Collections.ListFitTangent(p[0], p[1], Xs, Ys, v[0], v[1], out var t), t),
                (p, g, h) => Collections.ListFitHessian(p[0], p[1], Xs, Ys, g, h)),
            ("Priced", p => Collections.Priced(p[0], p[1], Rates, "EU"),
                p => (Collections.PricedGradient(p[0], p[1], Rates, "EU", out var a, out var b), [a, b]),
                (p, v) => (Collections.PricedTangent(p[0], p[1], Rates, "EU", v[0], v[1], out var t), t),
                (p, g, h) => Collections.PricedHessian(p[0], p[1], Rates, "EU", g, h)),
            ("TupleFit", p => Collections.TupleFit(p[0], p[1], Points, Decay),
                p => (Collections.TupleFitGradient(p[0], p[1], Points, Decay, out var a, out var b), [a, b]),
                (p, v) => (Collections.TupleFitTangent(p[0], p[1], Points, Decay, v[0], v[1], out var t), t),
                (p, g, h) => Collections.TupleFitHessian(p[0], p[1], Points, Decay, g, h)),
            ("Quadrants k = 0", p => Collections.Quadrants(p[0], p[1], 0),
                p => (Collections.QuadrantsGradient(p[0], p[1], 0, out var a, out var b), [a, b]),
                (p, v) => (Collections.QuadrantsTangent(p[0], p[1], 0, v[0], v[1], out var t), t),
                (p, g, h) => Collections.QuadrantsHessian(p[0], p[1], 0, g, h)),
            ("Quadrants k = 1", p => Collections.Quadrants(p[0], p[1], 1),
                p => (Collections.QuadrantsGradient(p[0], p[1], 1, out var a, out var b), [a, b]),
                (p, v) => (Collections.QuadrantsTangent(p[0], p[1], 1, v[0], v[1], out var t), t),
                (p, g, h) => Collections.QuadrantsHessian(p[0], p[1], 1, g, h)),
        }.Select(m => new object[] { m.Name, m.F, m.Gradient, m.Tangent, m.Hessian });

    /// <summary>Gradient against central differences, tangent against gradient·v and differences, Hessian rows against differences of the gradient.</summary>
    [Theory]
    [MemberData(nameof(Methods))]
    public void MatchesDifferencesInEveryMode(
        string name, Func<double[], double> f, Func<double[], (double, double[])> gradient,
        Func<double[], double[], (double, double)> tangent, Action<double[], double[], double[]> hessian)
    {
        Assert.NotNull(name);
        SampleEveryMode(Uniform(2, -2, 2), f, gradient, tangent, hessian);
    }

    /// <summary>s = 0.25·sin(y)·x² − 0.5·x²·y + x; at x = 2, y = 0: s = 2, ∂/∂x = 0.5·sin(y)·x − x·y + 1 = 1, ∂/∂y = 0.25·cos(y)·x² − 0.5·x² = −1.</summary>
    [Fact]
    public void StackTables_KnownValues()
    {
        Assert.Equal(2, Collections.StackTablesGradient(2, 0, out double dx, out double dy));
        Assert.Equal(1, dx);
        Assert.Equal(-1, dy);
    }

    /// <summary>x = 2: 2 + 2.25·4 + 0.25·2 = 11.5; ∂/∂x = 1 + 2·2.25·2 = 10.</summary>
    [Fact]
    public void TableOfLocalFunctions_KnownValues()
    {
        Assert.Equal(11.5, Collections.TableOfLocalFunctionsGradient(2, out double dx));
        Assert.Equal(10, dx);
    }

    /// <summary>The float companion of a collection expression: (x, x²) multiplied, 3x².</summary>
    [Fact]
    public void PartsF_KnownValues()
    {
        Assert.Equal(0.125f, Collections.PartsFGradient(0.5f, out float dx));
        Assert.Equal(0.75f, dx);
    }
}
