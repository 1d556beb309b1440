using System;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Data;

/// <summary>Labelled points for classification: a row-major feature matrix and one class index per row.</summary>
public sealed class ClassificationData
{
    /// <summary>Wraps the arrays (not copied).</summary>
    /// <param name="features">Count × <paramref name="dimensions"/> values, row-major.</param>
    /// <param name="labels">One class index in [0, <paramref name="classes"/>) per row.</param>
    /// <param name="dimensions">Features per point.</param>
    /// <param name="classes">Number of classes.</param>
    /// <exception cref="ArgumentException">The feature count is not labels × dimensions.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label outside [0, classes).</exception>
    public ClassificationData(double[] features, int[] labels, int dimensions, int classes)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        Shape.RequirePositive(dimensions, nameof(dimensions));
        Shape.RequirePositive(classes, nameof(classes));
        Shape.RequireMatrix(features.Length, labels.Length, "points", dimensions, "dimensions", nameof(features));
        foreach (int label in labels)
        {
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"labels must lie in [0, {classes}).");
            }
        }

        Features = features;
        Labels = labels;
        Dimensions = dimensions;
        Classes = classes;
    }

    /// <summary>Count × <see cref="Dimensions"/> values, row-major.</summary>
    public double[] Features { get; }

    /// <summary>One class index per point.</summary>
    public int[] Labels { get; }

    /// <summary>Features per point.</summary>
    public int Dimensions { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of points.</summary>
    public int Count => Labels.Length;
}
