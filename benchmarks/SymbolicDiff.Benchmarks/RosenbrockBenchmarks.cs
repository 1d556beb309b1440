using System;
using BenchmarkDotNet.Attributes;

namespace SymbolicDiff.Benchmarks;

/// <summary>n-dimensional Rosenbrock on a span: function, generated gradient, hand-written gradient, central differences.</summary>
[Config(typeof(BenchConfig))]
public class RosenbrockBenchmarks
{
    /// <summary>
    /// Central differences cost 2n function calls of O(n) each, O(n²) in all: for n = 100,000 that is
    /// 2·10¹⁰ terms (tens of seconds per gradient). The benchmark differentiates only the first
    /// <see cref="FdCoordinates"/> coordinates (every coordinate for n ≤ 1,000); the full cost is
    /// estimated as measured × n / FdCoordinates (docs/benchmarks.md).
    /// </summary>
    public const int FdCoordinates = 1_000;

    private double[] x = Array.Empty<double>();
    private double[] xFd = Array.Empty<double>();
    private double[] gradient = Array.Empty<double>();

    [Params(10, 1_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        x = new double[N];
        for (int i = 0; i < N; i++)
        {
            x[i] = random.NextDouble() * 4.0 - 2.0;
        }

        xFd = (double[])x.Clone();
        gradient = new double[N];

        // The three gradients agree before anything is timed.
        var generated = new double[N];
        var hand = new double[N];
        double fGenerated = Functions.RosenbrockGradient(x, generated);
        double fHand = HandWritten.RosenbrockGradient(x, hand);
        Check.Close(fGenerated, fHand, 1e-12, "Rosenbrock value");
        for (int i = 0; i < N; i++)
        {
            Check.Close(generated[i], hand[i], 1e-12, "Rosenbrock gradient");
        }

        var fd = new double[N];
        int k = FiniteDifferences.Rosenbrock(xFd, fd, Math.Min(N, FdCoordinates));
        for (int i = 0; i < k; i++)
        {
            Check.Close(fd[i], hand[i], 1e-4, "Rosenbrock finite differences");
        }
    }

    [Benchmark(Baseline = true, Description = "function")]
    public double Function() => Functions.Rosenbrock(x);

    [Benchmark(Description = "generated FGradient")]
    public double Generated()
    {
        double f = Functions.RosenbrockGradient(x, gradient);
        return f + gradient[N - 1];
    }

    [Benchmark(Description = "hand-written gradient")]
    public double HandWrittenGradient()
    {
        double f = HandWritten.RosenbrockGradient(x, gradient);
        return f + gradient[N - 1];
    }

    [Benchmark(Description = "central differences (≤1,000 coords)")]
    public double CentralDifferences()
    {
        int k = FiniteDifferences.Rosenbrock(xFd, gradient, Math.Min(N, FdCoordinates));
        return gradient[k - 1];
    }
}
