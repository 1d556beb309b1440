using System;
using System.Linq;
using CsCheck;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// The checks of forward mode: a tangent is the directional derivative along its direction, so it must equal
/// the reverse-mode gradient dotted with the direction, and central differences of f along the direction.
/// </summary>
internal static class ForwardChecks
{
    /// <summary>Tangent against gradient·direction: the same derivative computed two ways, equal to rounding.</summary>
    public const double ModeTolerance = 1e-10;

    /// <summary>
    /// For random points and random directions in [−1, 1]ⁿ: the tangent companion returns f's value, and a
    /// tangent that equals ∇f·v (reverse mode) and passes <see cref="Numeric.Check"/> along v.
    /// </summary>
    /// <param name="finiteDifferences">False where f rounds its input to float: a difference quotient of a rounded input is noise.</param>
    public static void Sample(
        Gen<double[]> points,
        Func<double[], double> f,
        Func<double[], double[], (double Value, double Tangent)> tangent,
        Func<double[], double[]> gradient,
        int iterations = 100,
        bool finiteDifferences = true,
        double modeTolerance = ModeTolerance)
    {
        points.SelectMany(x => Uniform(x.Length, -1, 1).Select(v => (x, v))).Sample(
            pair =>
            {
                var (x, v) = pair;
                var (value, t) = tangent(x, v);
                Close(f(x), value, 1e-13);
                double[] g = gradient(x);
                double dot = g.Zip(v, (a, b) => a * b).Sum();
                double scale = g.Zip(v, (a, b) => Math.Abs(a * b)).Sum();
                Agree([dot], [t], modeTolerance, "tangent against the reverse-mode gradient · direction", absolute: modeTolerance * scale);
                if (finiteDifferences)
                {
                    Check(s => f(Along(x, v, s[0])), [0.0], [t]);
                }
            },
            iter: iterations,
            print: p => $"x = ({Format(p.x)}), v = ({Format(p.v)})");
    }

    /// <summary>
    /// n uniform coordinates in [lo, hi] drawn from a seeded <see cref="Random"/>: CsCheck's own doubles favour
    /// round values (0, ±1, the bounds), which sit exactly on the kinks of branchy code, where a difference
    /// quotient straddles two pieces. A uniform point lands within a step of a kink with probability ~1e-5.
    /// </summary>
    public static Gen<double[]> Uniform(int n, double lo, double hi) =>
        Gen.Int.Select(seed =>
        {
            var random = new Random(seed);
            return Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * random.NextDouble()).ToArray();
        });

    /// <summary>Like <see cref="Uniform(int, double, double)"/>, with n drawn from [minLength, maxLength].</summary>
    public static Gen<double[]> Uniform(int minLength, int maxLength, double lo, double hi) =>
        Gen.Int[minLength, maxLength].SelectMany(n => Uniform(n, lo, hi));

    /// <summary>x + s·v.</summary>
    public static double[] Along(double[] x, double[] v, double s) => x.Select((xi, i) => xi + s * v[i]).ToArray();

    /// <summary>The dense Jacobian of <paramref name="f"/> (outputs flattened) by central differences, row-major.</summary>
    public static double[] FiniteDifferenceJacobian(Func<double[], double[]> f, double[] x, int outputs, double h = Step)
    {
        var jacobian = new double[outputs * x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[j] += h;
            minus[j] -= h;
            double[] fp = f(plus), fm = f(minus);
            for (int i = 0; i < outputs; i++)
            {
                jacobian[i * x.Length + j] = (fp[i] - fm[i]) / (2 * h);
            }
        }

        return jacobian;
    }
}
