using SymbolicDiff.Nn;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Samples.Spiral;

/// <summary>The two classifiers of the cs231n case study, initialized as the notes do: <c>0.01 * np.random.randn</c>, zero biases.</summary>
internal static class Models
{
    private static readonly WeightInit NotesInit = WeightInit.Gaussian(0.01);

    /// <summary>The linear softmax classifier: scores = x·W + b.</summary>
    public static Sequential Linear(int classes, GaussianRandom random) =>
        new(new Dense(2, classes, NotesInit, random, "W") { ComputesInputGradient = false });

    /// <summary>The two-layer network: scores = max(0, x·W + b)·W2 + b2.</summary>
    public static Sequential TwoLayer(int hidden, int classes, GaussianRandom random) =>
        new(
            new Dense(2, hidden, NotesInit, random, "W") { ComputesInputGradient = false },
            new ReLU(hidden),
            new Dense(hidden, classes, NotesInit, random, "W2"));
}
