using System.Collections.Generic;

namespace SymbolicDiff.Reliability.Tests.Programs;

/// <summary>
/// The sorted knots the random programs search (<see cref="StepFunction.Search"/>): <c>Array.BinarySearch</c> gives the
/// index of a knot equal to the value, or the complement of the first greater one, an int from −5 to 3.
/// </summary>
public static class StepKnots
{
    public static readonly double[] Double = [-1.5, -0.5, 0, 0.5, 1.5];

    public static readonly float[] Single = [-1.5f, -0.5f, 0, 0.5f, 1.5f];

    /// <summary>What a <see cref="ForEach"/> names for the list or the pairs of the program's type (the printer writes which).</summary>
    public const string ListCode = "StepKnots.List", PairsCode = "StepKnots.Pairs";

    /// <summary>The knots as a list, which foreach walks and an indexer reads (<see cref="Grammar.ListData"/>).</summary>
    public static readonly List<double> DoubleList = [.. Double];

    public static readonly List<float> SingleList = [.. Single];

    /// <summary>Pairs of a knot and a weight, which foreach deconstructs (<see cref="Grammar.ListData"/>).</summary>
    public static readonly (double Knot, double Weight)[] DoublePairs = [(-1.5, 0.25), (0, 0.5), (1.5, -0.75)];

    public static readonly (float Knot, float Weight)[] SinglePairs = [(-1.5f, 0.25f), (0, 0.5f), (1.5f, -0.75f)];

    /// <summary>The knot at <paramref name="k"/>, or 0 and false past the end: the Try pattern (<see cref="TryRead"/>).</summary>
    public static bool TryAt(int k, out double v)
    {
        bool found = k >= 0 && k < Double.Length;
        v = found ? Double[k] : 0;
        return found;
    }

    public static bool TryAt(int k, out float v)
    {
        bool found = k >= 0 && k < Single.Length;
        v = found ? Single[k] : 0;
        return found;
    }

    /// <summary>What <see cref="TryAt(int, out double)"/> sets, for the oracle.</summary>
    public static double DoubleAt(int k) => TryAt(k, out double v) ? v : 0;

    public static float SingleAt(int k) => TryAt(k, out float v) ? v : 0;
}
