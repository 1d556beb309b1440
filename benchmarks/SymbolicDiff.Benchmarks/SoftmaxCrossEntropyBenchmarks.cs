using System;
using BenchmarkDotNet.Attributes;

namespace SymbolicDiff.Benchmarks;

/// <summary>Softmax cross-entropy over 1,000 classes, label fixed.</summary>
[Config(typeof(BenchConfig))]
public class SoftmaxCrossEntropyBenchmarks
{
    public const int Classes = 1_000;
    public const int Label = 417;

    private double[] scores = Array.Empty<double>();
    private double[] scoresFd = Array.Empty<double>();
    private double[] gradient = Array.Empty<double>();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        scores = new double[Classes];
        for (int i = 0; i < Classes; i++)
        {
            scores[i] = random.NextDouble() * 20.0 - 10.0;
        }

        scoresFd = (double[])scores.Clone();
        gradient = new double[Classes];

        var generated = new double[Classes];
        var hand = new double[Classes];
        var stopped = new double[Classes];
        var fd = new double[Classes];
        Check.Close(
            Functions.SoftmaxCrossEntropyGradient(scores, Label, generated),
            HandWritten.SoftmaxCrossEntropyGradient(scores, Label, hand),
            1e-12,
            "softmax cross-entropy value");
        Check.Close(
            Functions.SoftmaxCrossEntropyStoppedGradient(scores, Label, stopped),
            HandWritten.SoftmaxCrossEntropyGradient(scores, Label, hand),
            1e-12,
            "softmax cross-entropy value (Diff.Stop)");
        FiniteDifferences.SoftmaxCrossEntropy(scoresFd, Label, fd);
        for (int i = 0; i < Classes; i++)
        {
            Check.Close(generated[i], hand[i], 1e-12, "softmax cross-entropy gradient");
            Check.Close(stopped[i], hand[i], 1e-12, "softmax cross-entropy gradient (Diff.Stop)");
            Check.Close(fd[i], hand[i], 1e-6, "softmax cross-entropy finite differences");
        }
    }

    [Benchmark(Baseline = true, Description = "function")]
    public double Function() => Functions.SoftmaxCrossEntropy(scores, Label);

    [Benchmark(Description = "generated FGradient")]
    public double Generated()
    {
        double f = Functions.SoftmaxCrossEntropyGradient(scores, Label, gradient);
        return f + gradient[Classes - 1];
    }

    [Benchmark(Description = "generated FGradient, Diff.Stop(max)")]
    public double GeneratedStopped()
    {
        double f = Functions.SoftmaxCrossEntropyStoppedGradient(scores, Label, gradient);
        return f + gradient[Classes - 1];
    }

    [Benchmark(Description = "hand-written gradient")]
    public double HandWrittenGradient()
    {
        double f = HandWritten.SoftmaxCrossEntropyGradient(scores, Label, gradient);
        return f + gradient[Classes - 1];
    }

    [Benchmark(Description = "central differences")]
    public double CentralDifferences()
    {
        FiniteDifferences.SoftmaxCrossEntropy(scoresFd, Label, gradient);
        return gradient[Classes - 1];
    }
}
