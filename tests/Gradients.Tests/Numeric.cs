using System;
using System.Globalization;
using System.Linq;
using CsCheck;
using Xunit.Sdk;

namespace Gradients.Tests;

/// <summary>
/// The one finite-difference / relative-error helper every numeric test uses (the gradient check of
/// the cs231n notes): central differences <c>(f(x+h) − f(x−h)) / 2h</c> and the relative error
/// <c>|a − n| / max(|a|, |n|)</c>.
/// </summary>
internal static class Numeric
{
    /// <summary>cs231n: a relative error below 1e-6 means the analytic gradient is right.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Central-difference step: truncation error ~h²·f‴, rounding error ~ε·|f|/h, both ≈1e-10 here.</summary>
    public const double Step = 1e-5;

    /// <summary>Below this, both gradients are "zero" and the relative error is meaningless.</summary>
    public const double Negligible = 1e-10;

    /// <summary>
    /// Float methods are compared with the (finite-difference-checked) double version at the same point,
    /// not with finite differences of the float method: a float central difference with any usable h
    /// has rounding error ~ε_f·|f|/h ≈ 1e-7/1e-3 = 1e-4 of |f|, so it cannot confirm 1e-6. The float
    /// gradient itself is a handful of float operations (each ~6e-8 relative), so on well-conditioned
    /// domains it agrees with the double gradient to far better than 1e-4.
    /// </summary>
    public const double FloatTolerance = 1e-4;

    public static double RelativeError(double analytic, double numeric)
    {
        double scale = Math.Max(Math.Abs(analytic), Math.Abs(numeric));
        return scale < Negligible ? 0 : Math.Abs(analytic - numeric) / scale;
    }

    /// <summary>
    /// Central differences of <paramref name="f"/> at <paramref name="x"/>, one per coordinate, with each
    /// difference's own error bound: rounding (evaluating f is exact only to a few ulps, so the quotient
    /// carries ~ε·|f|/h however right the analytic gradient is) plus truncation (h²·f‴/6, estimated from the
    /// same difference with step 2h: D(2h) − D(h) ≈ 3·h²·f‴/6). Where f is a small sum of large terms (tanh
    /// terms of ±1 summing to 7e-4; s·(k + 1) with one tiny coefficient) its rounding is ε times the terms, not
    /// ε·|f|: the rounding term uses the larger of |f| and the first-order terms Σ|∂f/∂x_j·x_j|, and the difference
    /// with step h/4 (D(h/4) − D(h), about 3 × the rounding of D(h), and large where a kink is within h) is added.
    /// At a smooth, well-scaled point these are ~1e-9 of the gradient, so a wrong gradient still fails
    /// (a reciprocal's partial off by 1e-4 fails eight tests).
    /// </summary>
    public static (double[] Gradient, double[] Noise) Gradient(Func<double[], double> f, double[] x, double h = Step)
    {
        var g = new double[x.Length];
        var noise = new double[x.Length];
        var scale = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            var (d, fmax) = Difference(f, x, i, h);
            var (d2, fmax2) = Difference(f, x, i, 2 * h);
            var (dQuarter, _) = Difference(f, x, i, h / 4);
            g[i] = d;
            scale[i] = Math.Max(fmax, fmax2);
            noise[i] = Math.Abs(d2 - d) + Math.Abs(dQuarter - d);
        }

        // f's terms are at least as large as its first-order terms ∂f/∂x_j·x_j, whatever |f| is.
        double terms = g.Zip(x, (d, v) => Math.Abs(d * v)).Where(double.IsFinite).DefaultIfEmpty(0).Sum();
        for (int i = 0; i < x.Length; i++)
        {
            noise[i] += 16 * Eps * Math.Max(scale[i], terms) / h;
        }

        return (g, noise);
    }

    private static (double Quotient, double MaxAbs) Difference(Func<double[], double> f, double[] x, int i, double h)
    {
        var (plus, minus) = Steps(x, i, h);
        double fp = f(plus), fm = f(minus);
        return ((fp - fm) / (2 * h), Math.Max(Math.Abs(fp), Math.Abs(fm)));
    }

    /// <summary>x with coordinate i moved by +h and by −h: the two points of a central difference.</summary>
    private static (double[] Plus, double[] Minus) Steps(double[] x, int i, double h)
    {
        double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
        plus[i] += h;
        minus[i] -= h;
        return (plus, minus);
    }

    private const double Eps = 2.220446049250313e-16;

    /// <summary>
    /// Asserts that <paramref name="analytic"/> matches central differences of <paramref name="f"/> at
    /// <paramref name="x"/>: relative error below <paramref name="tolerance"/>, or — where the gradient is so
    /// small that the difference quotient is mostly its own error (a saturated sigmoid: rounding; x³ near 0:
    /// truncation) — a difference below the quotient's error bound (see <see cref="Gradient"/>; ≈3.6e-10 of
    /// rounding for |f| = 1, h = 1e-5). A wrong gradient is off by the size of the gradient, far above either.
    /// Given <paramref name="gradientAt"/> (the companion under test), a coordinate that fails both is given one
    /// more bound: the analytic partial's own rounding where it is a small sum of large terms (−8 + 8 + 1e-10 at
    /// tiny z), see <see cref="AnalyticRounding"/>. A coordinate that fails all of them is checked once more the same
    /// way with step h/100, for a kink within h of the point.
    /// </summary>
    public static void Check(
        Func<double[], double> f, double[] x, double[] analytic, double h = Step, double tolerance = Tolerance, Func<double[], double[]>? gradientAt = null)
    {
        Assert.Equal(x.Length, analytic.Length);
        var (numeric, noise) = Gradient(f, x, h);
        double[]? rounding = null;
        (double[] Gradient, double[] Noise)? finer = null;
        for (int i = 0; i < x.Length; i++)
        {
            double error = RelativeError(analytic[i], numeric[i]);
            if (!Agrees(numeric[i], noise[i]) && (finer ??= Gradient(f, x, h / 100)) is var (fine, fineNoise) && !Agrees(fine[i], fineNoise[i]))
            {
                throw new XunitException(
                    $"∂f/∂x{i} at x = ({Format(x)}): analytic {R(analytic[i])}, numeric {R(numeric[i])}, relative error {error:E2} (tolerance {tolerance:E0}, noise floor {noise[i]:E1};"
                    + $" with step h/100: numeric {R(fine[i])}, noise floor {fineNoise[i]:E1})");
            }

            // A kink within h of x (Clip(x·s) at x·s = −1 ± 1e-6) bends the difference quotient by the size of the
            // gradient, more than its noise bound sees: the same check with step h/100 is then a hundred times less
            // likely to straddle it, and a wrong gradient fails both.
            bool Agrees(double quotient, double floor) =>
                RelativeError(analytic[i], quotient) < tolerance || Math.Abs(analytic[i] - quotient) <= floor
                || (gradientAt is not null && Math.Abs(analytic[i] - quotient) <= floor + (rounding ??= AnalyticRounding(gradientAt, x, analytic, h))[i]);
        }
    }

    /// <summary>
    /// A bound on the rounding an analytic gradient carries, per coordinate: each partial ∂f/∂x_i is computed as a
    /// sum of terms, which are at least as large as its own first-order terms ∂²f/∂x_i∂x_j·x_j (as <see
    /// cref="Gradient"/> bounds f's terms), so it is exact only to a few ε of Σ_j |∂²f/∂x_i∂x_j·x_j| + |∂f/∂x_i|.
    /// The second derivatives are central differences of the gradient itself (2n calls, made only where a
    /// coordinate failed the other bounds). Where no sum cancels this is ~1e-14 of the partial, so a wrong
    /// gradient still fails.
    /// </summary>
    private static double[] AnalyticRounding(Func<double[], double[]> gradientAt, double[] x, double[] analytic, double h)
    {
        double[] terms = analytic.Select(Math.Abs).ToArray();
        for (int j = 0; j < x.Length; j++)
        {
            var (plus, minus) = Steps(x, j, h);
            double[] gp = gradientAt(plus), gm = gradientAt(minus);
            for (int i = 0; i < x.Length; i++)
            {
                double term = Math.Abs((gp[i] - gm[i]) / (2 * h) * x[j]);
                terms[i] += double.IsFinite(term) ? term : 0;
            }
        }

        return terms.Select(t => 16 * Eps * t).ToArray();
    }

    /// <summary>Asserts that two gradients agree coordinate by coordinate to <paramref name="tolerance"/> relative error.</summary>
    /// <paramref name="absolute"/> accepts a difference below it whatever the relative error (for results that
    /// cancel: a small gradient made of large terms carries the terms' rounding error).
    public static void Agree(double[] expected, double[] actual, double tolerance, string what = "gradient", double absolute = 0)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = RelativeError(expected[i], actual[i]);
            if (!(error < tolerance) && !(Math.Abs(expected[i] - actual[i]) <= absolute))
            {
                throw new XunitException($"{what}[{i}]: expected {R(expected[i])}, actual {R(actual[i])}, relative error {error:E2} (tolerance {tolerance:E0})");
            }
        }
    }

    /// <summary>Asserts a value to <paramref name="tolerance"/> relative error (absolute below <see cref="Negligible"/>).</summary>
    public static void Close(double expected, double actual, double tolerance = 1e-12) => Agree([expected], [actual], tolerance, "value");

    /// <summary>
    /// Asserts that <paramref name="actual"/> is the sum of <paramref name="terms"/> of either sign: relative error below
    /// <paramref name="tolerance"/>, or, where the terms cancel, a difference within 1e-14 of the terms' magnitudes (both
    /// sides round to a few ε of Σ|term|, not of a sum near zero). A wrong term is off by its own size, far above that.
    /// </summary>
    public static void CloseToSum(double[] terms, double actual, double tolerance = 1e-12, string what = "value") =>
        Agree([terms.Sum()], [actual], tolerance, what, absolute: 1e-14 * terms.Sum(Math.Abs));

    /// <summary>Random points in a box: one uniform coordinate per (lo, hi).</summary>
    public static Gen<double[]> Box(params (double Lo, double Hi)[] box)
    {
        Gen<double[]> gen = Gen.Const(() => Array.Empty<double>());
        foreach (var (lo, hi) in box)
        {
            gen = gen.Select(Gen.Double[lo, hi], (xs, v) => (double[])[.. xs, v]);
        }
        return gen;
    }

    /// <summary>
    /// For random points: the Hessian companion's gradient is the gradient companion's, and each of its rows passes
    /// <see cref="Check"/> against central differences of that gradient.
    /// </summary>
    public static void SampleHessian(Gen<double[]> points, Func<double[], double[]> gradient, Action<double[], double[], double[]> hessian, int iterations = 100) =>
        points.Sample(p =>
        {
            int n = p.Length;
            double[] g = new double[n], h = new double[n * n];
            hessian(p, g, h);
            Agree(gradient(p), g, 1e-12, "Hessian's gradient", absolute: 1e-13);
            for (int i = 0; i < n; i++)
            {
                int row = i;
                Check(q => gradient(q)[row], p, h[(n * i)..(n * i + n)]);
            }
        }, iter: iterations, print: Format);

    /// <summary>
    /// Every mode at once, for random points: the gradient against central differences, the tangent against gradient·v
    /// and differences (<see cref="ForwardChecks.Sample"/>), the Hessian's rows against differences of the gradient
    /// (<see cref="SampleHessian"/>).
    /// </summary>
    public static void SampleEveryMode(
        Gen<double[]> points, Func<double[], double> f, Func<double[], (double, double[])> gradient,
        Func<double[], double[], (double, double)> tangent, Action<double[], double[], double[]> hessian)
    {
        Sample(points, f, gradient);
        ForwardChecks.Sample(points, f, tangent, p => gradient(p).Item2);
        SampleHessian(points, p => gradient(p).Item2, hessian);
    }

    /// <summary>
    /// For random points of <paramref name="points"/>: the generated companion returns the function's value
    /// and a gradient that passes <see cref="Check"/>.
    /// </summary>
    public static void Sample(
        Gen<double[]> points,
        Func<double[], double> f,
        Func<double[], (double Value, double[] Gradient)> generated,
        double h = Step,
        double tolerance = Tolerance,
        int iterations = 200)
    {
        points.Sample(
            x =>
            {
                var (value, gradient) = generated(x);
                Close(f(x), value, 1e-13);
                Check(f, x, gradient, h, tolerance, p => generated(p).Gradient);
            },
            iter: iterations,
            print: Format);
    }

    /// <summary>
    /// For random points: the float companion agrees with the double companion at the same (float-representable) point,
    /// value and gradient, to <see cref="FloatTolerance"/>.
    /// </summary>
    public static void SampleFloat(
        Gen<double[]> points,
        Func<float[], (float Value, float[] Gradient)> floatGenerated,
        Func<double[], (double Value, double[] Gradient)> doubleGenerated,
        double tolerance = FloatTolerance,
        double absolute = 0,
        int iterations = 200)
    {
        points.Sample(
            x =>
            {
                float[] xf = x.Select(v => (float)v).ToArray();
                double[] xd = xf.Select(v => (double)v).ToArray();
                var (fv, fg) = floatGenerated(xf);
                var (dv, dg) = doubleGenerated(xd);
                Agree([dv], [fv], tolerance, "value", absolute);
                Agree(dg, fg.Select(v => (double)v).ToArray(), tolerance, "gradient", absolute);
            },
            iter: iterations,
            print: Format);
    }

    public static string Format(double[] x) => string.Join(", ", x.Select(R));

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
