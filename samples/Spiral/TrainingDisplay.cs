using System;
using System.Globalization;
using System.IO;
using Spectre.Console;

namespace SymbolicDiff.Samples.Spiral;

/// <summary>How training progress is shown: a live progress bar, plain lines, or nothing (--json).</summary>
internal abstract class TrainingDisplay
{
    /// <summary>Iterations between two printed loss lines, as in the notes.</summary>
    public const int LogEvery = 1000;

    /// <summary>Runs <paramref name="train"/> with a progress callback that shows its progress.</summary>
    public abstract ModelResult Show(string title, int iterations, Func<Action<int, double>, ModelResult> train);

    /// <summary>Whether iteration <paramref name="i"/> of <paramref name="iterations"/> gets a loss line: every 1,000th and the last.</summary>
    protected static bool IsLogged(int i, int iterations) => i % LogEvery == 0 || i == iterations - 1;

    /// <summary>The loss line, in the notes' format.</summary>
    protected static string LossLine(int i, double loss) =>
        string.Create(CultureInfo.InvariantCulture, $"iteration {i}: loss {loss:F6}");

    /// <summary>Shows nothing: --json keeps stdout for the JSON object.</summary>
    public sealed class Silent : TrainingDisplay
    {
        /// <inheritdoc />
        public override ModelResult Show(string title, int iterations, Func<Action<int, double>, ModelResult> train) =>
            train(static (_, _) => { });
    }

    /// <summary>Plain loss lines, for redirected output.</summary>
    public sealed class Plain(TextWriter output) : TrainingDisplay
    {
        /// <inheritdoc />
        public override ModelResult Show(string title, int iterations, Func<Action<int, double>, ModelResult> train)
        {
            output.WriteLine(title);
            return train((i, loss) =>
            {
                if (IsLogged(i, iterations))
                {
                    output.WriteLine("  " + LossLine(i, loss));
                }
            });
        }
    }

    /// <summary>A Spectre.Console progress bar with the current loss, and the loss lines above it.</summary>
    public sealed class ProgressBar : TrainingDisplay
    {
        // Redrawing the description is cheap, but not free: refresh it every 100 iterations.
        private const int RefreshEvery = 100;

        /// <inheritdoc />
        public override ModelResult Show(string title, int iterations, Func<Action<int, double>, ModelResult> train)
        {
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
            return AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask(Markup.Escape(title), maxValue: iterations);
                    return train((i, loss) =>
                    {
                        if (IsLogged(i, iterations))
                        {
                            AnsiConsole.WriteLine("  " + LossLine(i, loss));
                        }

                        if (i % RefreshEvery == 0 || i == iterations - 1)
                        {
                            task.Description = string.Create(CultureInfo.InvariantCulture, $"loss {loss:F4}");
                            task.Value = i + 1;
                        }
                    });
                });
        }
    }
}
