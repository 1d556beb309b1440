using System;
using BenchmarkDotNet.Attributes;
using SymbolicDiff.Objectives;

namespace SymbolicDiff.Benchmarks;

/// <summary>Logistic regression loss over n = 2,000 points of d = 10 features; the gradient is with respect to the 10 weights and the bias.</summary>
[Config(typeof(BenchConfig))]
public class LogisticBenchmarks
{
    public const int Points = 2_000;
    public const int Features = 10;

    private double[] weights = [], features = [], labels = [], dWeights = new double[Features], point = [], fd = new double[Features + 1];
    private double bias = 0.2;
    private Func<double[], double> loss = null!;

    [GlobalSetup]
    public void Setup()
    {
        (features, labels) = Logistic.Data(Points, Features);
        weights = new double[Features];
        for (int j = 0; j < Features; j++) weights[j] = 0.1 * (j - 4.5);
        point = [.. weights, bias];
        loss = p => Logistic.Loss(p.AsSpan(0, Features), p[Features], features, labels);

        double[] generated = new double[Features], hand = new double[Features];
        double f1 = Logistic.LossGradient(weights, bias, features, labels, generated, out double gBias);
        double f2 = LogisticHandWritten.LossGradient(weights, bias, features, labels, hand, out double hBias);
        Check.Close(f1, f2, 1e-13, "logistic value");
        Check.Close(gBias, hBias, 1e-12, "logistic ∂b");
        FiniteDifferences.Central(loss, point, fd);
        Check.Close(fd[Features], hBias, 1e-8, "logistic finite differences ∂b");
        for (int j = 0; j < Features; j++)
        {
            Check.Close(generated[j], hand[j], 1e-12, "logistic ∂w");
            Check.Close(fd[j], hand[j], 1e-8, "logistic finite differences ∂w");
        }
    }

    [Benchmark(Baseline = true, Description = "function")]
    public double Function() => Logistic.Loss(weights, bias, features, labels);

    [Benchmark(Description = "generated FGradient")]
    public double Generated() => Logistic.LossGradient(weights, bias, features, labels, dWeights, out double dBias) + dBias;

    [Benchmark(Description = "hand-written gradient")]
    public double HandWrittenGradient() => LogisticHandWritten.LossGradient(weights, bias, features, labels, dWeights, out double dBias) + dBias;

    [Benchmark(Description = "central differences")]
    public double CentralDifferences()
    {
        FiniteDifferences.Central(loss, point, fd);
        return fd[Features];
    }
}
