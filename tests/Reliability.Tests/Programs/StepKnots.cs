namespace SymbolicDiff.Reliability.Tests.Programs;

/// <summary>
/// The sorted knots the random programs search (<see cref="StepFunction.Search"/>): <c>Array.BinarySearch</c> gives the
/// index of a knot equal to the value, or the complement of the first greater one, an int from −5 to 3.
/// </summary>
public static class StepKnots
{
    public static readonly double[] Double = [-1.5, -0.5, 0, 0.5, 1.5];

    public static readonly float[] Single = [-1.5f, -0.5f, 0, 0.5f, 1.5f];
}
