using System;
using System.Globalization;
using System.IO;

namespace SymbolicDiff.Samples.CurveFit;

/// <summary>
/// Fits the NIST problems by Levenberg–Marquardt on the generated Jacobians, compares the
/// parameters with NIST's certified values, minimizes Rosenbrock by Newton's method on the
/// generated Hessian, and draws each fit.
/// </summary>
public static class CurveFitApp
{
    /// <summary>The command line's help.</summary>
    public const string Usage = """
        usage: dotnet run --project samples/CurveFit [-- [--out DIR]]
          --out DIR   where the PNG pictures go (default: out/ under the current directory)
        """;

    /// <summary>Runs the sample; returns the exit code (0 success, 1 a solver did not converge, 2 bad arguments).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string outputDirectory = Path.Combine(Directory.GetCurrentDirectory(), "out");
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                stdout.WriteLine(Usage);
                return 0;
            }

            if (args[i] == "--out" && i + 1 < args.Length && args[i + 1].Length > 0)
            {
                outputDirectory = Path.GetFullPath(args[++i]);
                continue;
            }

            stderr.WriteLine($"error: unexpected argument '{args[i]}'");
            stderr.WriteLine(Usage);
            return 2;
        }

        Directory.CreateDirectory(outputDirectory);
        bool converged = Fit(NistProblem.Misra1a, Models.Misra1aResiduals, Models.Misra1aResidualsJacobian, Misra1aCurve, stdout, outputDirectory);
        converged &= Fit(NistProblem.Thurber, Models.ThurberResiduals, Models.ThurberResidualsJacobian, ThurberCurve, stdout, outputDirectory);
        converged &= Newton(2, start: -1.2, stdout);
        converged &= Newton(10, start: -1.2, stdout);
        return converged ? 0 : 1;
    }

    private delegate void ProblemResiduals(ReadOnlySpan<double> b, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> residuals);

    private delegate void ProblemJacobian(ReadOnlySpan<double> b, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> residuals, Span<double> jacobian);

    // Fits from each of NIST's starting points; prints the parameters against the certified ones.
    private static bool Fit(NistProblem problem, ProblemResiduals residuals, ProblemJacobian jacobian,
                            Func<double[], double, double> curve, TextWriter stdout, string outputDirectory)
    {
        stdout.WriteLine($"{problem.Name}: {problem.Model}, {problem.X.Length} observations, {problem.ParameterCount} parameters");
        bool converged = true;
        double[] solution = [];
        for (int s = 0; s < problem.Starts.Length; s++)
        {
            solution = (double[])problem.Starts[s].Clone();
            FitResult result = LevenbergMarquardt.Minimize(
                (b, r) => residuals(b, problem.X, problem.Y, r),
                (b, r, j) => jacobian(b, problem.X, problem.Y, r, j),
                solution,
                problem.X.Length);
            converged &= result.Converged;
            stdout.WriteLine(Invariant(
                $"  start {s + 1}: {result.Iterations} iterations, {result.Evaluations} residual evaluations, residual sum of squares {result.ResidualSumOfSquares:E10} (certified {problem.CertifiedResidualSumOfSquares:E10}, {NistProblem.AgreeingDigits(result.ResidualSumOfSquares, problem.CertifiedResidualSumOfSquares):F1} digits)"));
            stdout.WriteLine("    parameter  estimate            certified           agreeing digits");
            for (int j = 0; j < solution.Length; j++)
            {
                stdout.WriteLine(Invariant(
                    $"    b{j + 1,-9}{solution[j],-20:E10}{problem.Certified[j],-20:E10}{NistProblem.AgreeingDigits(solution[j], problem.Certified[j]):F1}"));
            }
        }

        double[] fitted = solution;
        string path = CurveFitPlots.DataAndFit(problem, x => curve(fitted, x), $"{problem.Name}: data and Levenberg–Marquardt fit",
                                               Path.Combine(outputDirectory, $"{problem.Name.ToLowerInvariant()}.png"));
        stdout.WriteLine($"  picture: {path}");
        stdout.WriteLine();
        return converged;
    }

    private static double Misra1aCurve(double[] b, double x) => b[0] * (1 - Math.Exp(-b[1] * x));

    private static double ThurberCurve(double[] b, double x) =>
        (b[0] + x * (b[1] + x * (b[2] + x * b[3]))) / (1 + x * (b[4] + x * (b[5] + x * b[6])));

    // Newton's method on the n-dimensional Rosenbrock function from x = (start, …, start), or from
    // the classic (−1.2, 1) for n = 2. (From (−1.2, 1, 1, …) at n ≥ 4 the chained function leads
    // to its local minimum near (−1, 1, …, 1), where f ≈ 3.99.)
    private static bool Newton(int n, double start, TextWriter stdout)
    {
        var x = new double[n];
        Array.Fill(x, start);
        if (n == 2)
        {
            x[0] = -1.2;
            x[1] = 1;
        }

        string from = n == 2 ? "(-1.2, 1)" : Invariant($"({start}, …, {start})");
        MinimizeResult result = NewtonMethod.Minimize(Models.RosenbrockHessian, x);
        double largestError = 0;
        foreach (double xi in x)
        {
            largestError = Math.Max(largestError, Math.Abs(xi - 1));
        }

        stdout.WriteLine(Invariant(
            $"Rosenbrock, n = {n}, Newton's method on the generated Hessian from {from}: {result.Iterations} iterations, f = {result.Value:E2}, |gradient| = {result.GradientNorm:E2}, max |x_i - 1| = {largestError:E2}"));
        return result.Converged;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
