using System.Collections.Generic;
using System.Globalization;
using System.IO;
using SymbolicDiff.Data;
using SymbolicDiff.Nn;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Samples.Spiral;

/// <summary>
/// The cs231n neural-network case study: trains the linear softmax classifier and the two-layer
/// ReLU network on the spiral, prints their accuracy and training time, and draws the pictures.
/// </summary>
public static class SpiralApp
{
    /// <summary>The notes' data: 100 points in each of 3 classes.</summary>
    private const int PointsPerClass = 100;
    private const int Classes = 3;

    /// <summary>The notes' iteration counts.</summary>
    private const int LinearIterations = 200;
    private const int TwoLayerIterations = 10_000;

    /// <summary>Runs the sample; returns the process exit code (0 success, 1 training diverged, 2 bad arguments).</summary>
    /// <param name="args">The command line (see <see cref="SpiralOptions.Usage"/>).</param>
    /// <param name="stdout">Results, or the JSON object with --json.</param>
    /// <param name="stderr">Error messages.</param>
    /// <param name="isTerminal">Whether stdout is a terminal, where a live progress bar can be drawn.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool isTerminal)
    {
        SpiralOptions? options = SpiralOptions.Parse(args, out string error);
        if (options is null)
        {
            stderr.WriteLine($"error: {error}");
            stderr.WriteLine(SpiralOptions.Usage);
            return 2;
        }

        if (options.Help)
        {
            stdout.WriteLine(SpiralOptions.Usage);
            return 0;
        }

        TrainingDisplay display = options.Json ? new TrainingDisplay.Silent()
            : isTerminal ? new TrainingDisplay.ProgressBar()
            : new TrainingDisplay.Plain(stdout);
        var random = new GaussianRandom(options.Seed);
        ClassificationData data = SymbolicDiff.Data.Spiral.Generate(PointsPerClass, Classes, random);
        double learningRate = options.LearningRate ?? OptimizerFactory.DefaultLearningRate(options.Optimizer);

        List<ModelResult> results;
        try
        {
            results =
            [
                Train("linear", "linear softmax classifier", Models.Linear(Classes, random), options.Iterations ?? LinearIterations),
                Train("twoLayer", $"two-layer network ({options.Hidden} hidden ReLU units)", Models.TwoLayer(options.Hidden, Classes, random), options.Iterations ?? TwoLayerIterations),
            ];
        }
        catch (NonFiniteLossException exception)
        {
            stderr.WriteLine($"error: {exception.Message}");
            return 1;
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var pictures = new Dictionary<string, string>
        {
            ["linearRegions"] = SpiralPlots.DecisionRegions(results[0].Model, data, Caption(results[0]), Path.Combine(options.OutputDirectory, "spiral-linear.png")),
            ["twoLayerRegions"] = SpiralPlots.DecisionRegions(results[1].Model, data, Caption(results[1]), Path.Combine(options.OutputDirectory, "spiral-two-layer.png")),
            ["lossCurves"] = SpiralPlots.LossCurves(results, Path.Combine(options.OutputDirectory, "spiral-loss.png")),
        };

        if (options.Json)
        {
            JsonReport.Write(stdout, options, results, pictures);
            return 0;
        }

        stdout.WriteLine();
        foreach (ModelResult result in results)
        {
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{result.Title}: training accuracy {100 * result.Accuracy:F1}%, final loss {result.FinalLoss:F4}, {result.Iterations} iterations in {result.Seconds:F3} s"));
        }

        stdout.WriteLine("pictures:");
        foreach (string path in pictures.Values)
        {
            stdout.WriteLine("  " + path);
        }

        return 0;

        ModelResult Train(string key, string title, Sequential model, int iterations) =>
            display.Show(title, iterations, report => Training.Run(key, title, model, data, options.Optimizer, learningRate, iterations, report));
    }

    private static string Caption(ModelResult result) =>
        string.Create(CultureInfo.InvariantCulture, $"{result.Title}\n{100 * result.Accuracy:F1}% training accuracy");
}
