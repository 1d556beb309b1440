using SymbolicDiff.Nn;

namespace SymbolicDiff.Samples.Spiral;

/// <summary>What one training run produced.</summary>
/// <param name="Key">The JSON name ("linear" or "twoLayer").</param>
/// <param name="Title">The human-readable name.</param>
/// <param name="Model">The trained model.</param>
/// <param name="Iterations">Full-batch iterations run.</param>
/// <param name="Losses">The loss before each iteration's update.</param>
/// <param name="Accuracy">Training accuracy after the last update, in [0, 1].</param>
/// <param name="Seconds">Wall time of the training loop.</param>
public sealed record ModelResult(string Key, string Title, ILayer Model, int Iterations, double[] Losses, double Accuracy, double Seconds)
{
    /// <summary>The loss of the last iteration.</summary>
    public double FinalLoss => Losses[^1];
}
