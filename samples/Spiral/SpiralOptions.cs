using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SymbolicDiff.Samples.Spiral;

/// <summary>The command line of the sample.</summary>
public sealed record SpiralOptions
{
    /// <summary>The usage text printed by --help and after a bad argument.</summary>
    public const string Usage = """
        usage: Spiral [--iterations N] [--hidden N] [--optimizer NAME] [--learning-rate X]
                      [--seed N] [--out DIR] [--json]

          --iterations N     iterations for BOTH models (default: the notes' 200 for the linear
                             classifier and 10000 for the two-layer network)
          --hidden N         hidden ReLU units of the two-layer network (default 100)
          --optimizer NAME   sgd | momentum | nesterov | rmsprop | adam (default sgd)
          --learning-rate X  step size (default: 1.0 for sgd, 0.1 for momentum and nesterov,
                             0.01 for rmsprop and adam)
          --seed N           seed of the data and the initial weights (default 0)
          --out DIR          where the PNG pictures go (default: out/ under the current directory)
          --json             print one JSON object with the results, and nothing else
        """;

    private static readonly string[] ValueOptions = ["--iterations", "--hidden", "--optimizer", "--learning-rate", "--seed", "--out"];

    /// <summary>Iterations for both models; null means the notes' defaults.</summary>
    public int? Iterations { get; init; }

    /// <summary>Hidden units of the two-layer network.</summary>
    public int Hidden { get; init; } = 100;

    /// <summary>The update rule.</summary>
    public string Optimizer { get; init; } = "sgd";

    /// <summary>The step size; null means the optimizer's default.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Seed of the data and of the initial weights.</summary>
    public int Seed { get; init; }

    /// <summary>Output directory of the pictures.</summary>
    public string OutputDirectory { get; init; } = Path.Combine(Directory.GetCurrentDirectory(), "out");

    /// <summary>Machine-readable output.</summary>
    public bool Json { get; init; }

    /// <summary>Only print the usage.</summary>
    public bool Help { get; init; }

    /// <summary>Parses <paramref name="args"/>; on failure returns null and says why in <paramref name="error"/>.</summary>
    public static SpiralOptions? Parse(string[] args, out string error)
    {
        var options = new SpiralOptions();
        error = "";
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "--json" or "--help" or "-h")
            {
                options = name == "--json" ? options with { Json = true } : options with { Help = true };
                continue;
            }

            if (!ValueOptions.Contains(name))
            {
                error = $"unknown argument '{name}'.";
                return null;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value.";
                return null;
            }

            string value = args[++i];
            SpiralOptions? parsed = name switch
            {
                "--iterations" => PositiveInt(value) is int n ? options with { Iterations = n } : null,
                "--hidden" => PositiveInt(value) is int n ? options with { Hidden = n } : null,
                "--seed" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) ? options with { Seed = seed } : null,
                "--optimizer" => OptimizerFactory.Names.Contains(value) ? options with { Optimizer = value } : null,
                "--learning-rate" => PositiveDouble(value) is double rate ? options with { LearningRate = rate } : null,
                "--out" => value.Length > 0 ? options with { OutputDirectory = Path.GetFullPath(value) } : null,
                _ => null, // not in ValueOptions: rejected above
            };
            if (parsed is null)
            {
                error = name switch
                {
                    "--iterations" or "--hidden" => $"{name} must be a positive integer, not '{value}'.",
                    "--seed" => $"--seed must be an integer, not '{value}'.",
                    "--optimizer" => $"--optimizer must be one of {string.Join(", ", OptimizerFactory.Names)}, not '{value}'.",
                    "--learning-rate" => $"--learning-rate must be a positive number, not '{value}'.",
                    _ => $"{name} needs a non-empty value.",
                };
                return null;
            }

            options = parsed;
        }

        return options;
    }

    private static int? PositiveInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : null;

    private static double? PositiveDouble(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x > 0 && double.IsFinite(x) ? x : null;
}
