using System;
using System.Diagnostics;
using SymbolicDiff.Data;
using SymbolicDiff.Nn;

namespace SymbolicDiff.Samples.Spiral;

/// <summary>The case study's training loop: full-batch steps with cs231n's regularization strength.</summary>
internal static class Training
{
    /// <summary>cs231n's <c>reg = 1e-3</c>.</summary>
    public const double RegularizationStrength = 1e-3;

    /// <summary>
    /// Trains <paramref name="model"/> for <paramref name="iterations"/> steps and times the loop.
    /// <paramref name="report"/> sees every iteration's index and loss; displays decide what to show.
    /// </summary>
    public static ModelResult Run(
        string key, string title, Sequential model, ClassificationData data, string optimizer, double learningRate, int iterations,
        Action<int, double> report)
    {
        var trainer = new ClassifierTrainer(
            model,
            OptimizerFactory.Create(optimizer, model.Parameters, learningRate),
            new L2Regularization(RegularizationStrength),
            data);
        var losses = new double[iterations];
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++)
        {
            losses[i] = trainer.Step();
            report(i, losses[i]);
        }

        watch.Stop();
        return new ModelResult(key, title, model, iterations, losses, trainer.Accuracy(), watch.Elapsed.TotalSeconds);
    }
}
