using System;
using BenchmarkDotNet.Attributes;
using SymbolicDiff.Objectives;

namespace SymbolicDiff.Benchmarks;

/// <summary>
/// ADBench's GMM objective on its d = 10, k = 25, n = 1,000 instance (1,650 parameters). Central
/// differences are not timed: 3,300 objectives per gradient (about 3,300 × the function row).
/// </summary>
[Config(typeof(BenchConfig))]
public class GmmBenchmarks
{
    private GmmInstance g = null!;
    private double[] dAlphas = [], dMeans = [], dIcf = [];

    [GlobalSetup]
    public void Setup()
    {
        g = GmmInstance.Read("gmm_d10_K25_n1000.txt");
        dAlphas = new double[g.K];
        dMeans = new double[g.Means.Length];
        dIcf = new double[g.Icf.Length];

        // The generated and hand-written gradients agree before anything is timed (both are checked
        // against ADBench's published values and central differences in tests/Gradients.Tests).
        double[] a = new double[g.K], m = new double[g.Means.Length], q = new double[g.Icf.Length];
        double fGenerated = Gmm.ObjectiveGradient(g.D, g.K, g.Alphas, g.Means, g.Icf, g.X, g.WishartGamma, g.WishartM, a, m, q);
        double fHand = GmmHandWritten.Gradient(g.D, g.K, g.Alphas, g.Means, g.Icf, g.X, g.WishartGamma, g.WishartM, dAlphas, dMeans, dIcf);
        Check.Close(fGenerated, fHand, 1e-12, "GMM value");
        for (int i = 0; i < a.Length; i++) Check.Close(a[i], dAlphas[i], 1e-9, "GMM ∂α");
        for (int i = 0; i < m.Length; i++) Check.Close(m[i], dMeans[i], 1e-9, "GMM ∂μ");
        for (int i = 0; i < q.Length; i++) Check.Close(q[i], dIcf[i], 1e-9, "GMM ∂icf");
    }

    [Benchmark(Baseline = true, Description = "function")]
    public double Function() => Gmm.Objective(g.D, g.K, g.Alphas, g.Means, g.Icf, g.X, g.WishartGamma, g.WishartM);

    [Benchmark(Description = "generated FGradient")]
    public double Generated() =>
        Gmm.ObjectiveGradient(g.D, g.K, g.Alphas, g.Means, g.Icf, g.X, g.WishartGamma, g.WishartM, dAlphas, dMeans, dIcf) + dIcf[^1];

    [Benchmark(Description = "hand-written gradient")]
    public double HandWrittenGradient() =>
        GmmHandWritten.Gradient(g.D, g.K, g.Alphas, g.Means, g.Icf, g.X, g.WishartGamma, g.WishartM, dAlphas, dMeans, dIcf) + dIcf[^1];
}
