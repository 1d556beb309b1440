using System;
using System.Numerics.Tensors;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Nn;

/// <summary>Turning a batch of class scores into predictions and accuracy.</summary>
public static class Classification
{
    /// <summary>The index of the largest score in each row (the first on ties, as numpy's argmax).</summary>
    /// <param name="scores">batch × classes, row-major.</param>
    /// <param name="classes">Scores per row.</param>
    /// <param name="predictions">One class per row, overwritten.</param>
    public static void Predict(ReadOnlySpan<double> scores, int classes, Span<int> predictions)
    {
        Shape.RequirePositive(classes, nameof(classes));
        Shape.RequireMatrix(scores.Length, predictions.Length, "examples", classes, "classes", nameof(scores));
        for (int i = 0; i < predictions.Length; i++)
        {
            predictions[i] = TensorPrimitives.IndexOfMax(scores.Slice(i * classes, classes));
        }
    }

    /// <summary>The fraction of rows whose largest score is at the label's index.</summary>
    public static double Accuracy(ReadOnlySpan<double> scores, ReadOnlySpan<int> labels, int classes)
    {
        Shape.RequirePositive(labels.Length, nameof(labels) + ".Length");
        Shape.RequirePositive(classes, nameof(classes));
        Shape.RequireMatrix(scores.Length, labels.Length, "examples", classes, "classes", nameof(scores));
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (TensorPrimitives.IndexOfMax(scores.Slice(i * classes, classes)) == labels[i])
            {
                correct++;
            }
        }

        return (double)correct / labels.Length;
    }
}
