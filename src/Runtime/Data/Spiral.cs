using System;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Data;

/// <summary>The spiral data set of the cs231n neural-network case study: K interleaved arms in the plane.</summary>
public static class Spiral
{
    /// <summary>
    /// For class <c>j</c>: <c>r = linspace(0, 1, N)</c>, <c>t = linspace(4j, 4(j + 1), N) + 0.2·randn(N)</c>,
    /// points <c>(r·sin t, r·cos t)</c>, label <c>j</c>; classes are stored one after another.
    /// </summary>
    /// <param name="pointsPerClass">N (at least 1).</param>
    /// <param name="classes">K (at least 1).</param>
    /// <param name="random">The seeded source of the angle noise.</param>
    public static ClassificationData Generate(int pointsPerClass, int classes, GaussianRandom random)
    {
        Shape.RequirePositive(pointsPerClass, nameof(pointsPerClass));
        Shape.RequirePositive(classes, nameof(classes));
        ArgumentNullException.ThrowIfNull(random);
        const double AngleNoise = 0.2;
        var features = new double[pointsPerClass * classes * 2];
        var labels = new int[pointsPerClass * classes];
        for (int j = 0; j < classes; j++)
        {
            for (int i = 0; i < pointsPerClass; i++)
            {
                double r = Linspace(0, 1, pointsPerClass, i);
                double t = Linspace(4 * j, 4 * (j + 1), pointsPerClass, i) + AngleNoise * random.NextStandardNormal();
                int row = j * pointsPerClass + i;
                features[2 * row] = r * Math.Sin(t);
                features[2 * row + 1] = r * Math.Cos(t);
                labels[row] = j;
            }
        }

        return new ClassificationData(features, labels, dimensions: 2, classes);
    }

    // numpy.linspace(start, stop, count)[index]; a single point sits at start, as in numpy.
    private static double Linspace(double start, double stop, int count, int index) =>
        count == 1 ? start : start + (stop - start) * index / (count - 1);
}
