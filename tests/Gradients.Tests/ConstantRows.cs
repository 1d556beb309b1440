using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>A row of a constant matrix kept in a local span inside a loop (data points of a model).</summary>
public static partial class ConstantRows
{
    [Differentiable]
    public static double SquaredDots(ReadOnlySpan<double> w, [NoDiff] double[] data, int d)
    {
        double s = 0;
        int n = data.Length / d;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = data.AsSpan(i * d, d);
            double dot = 0;
            for (int j = 0; j < d; j++)
            {
                dot += w[j] * row[j];
            }

            s += dot * dot;
        }

        return s;
    }
}

public class ConstantRowTests
{
    [Fact]
    public void RowSliceOfAConstantMatrix_MatchesFiniteDifferences()
    {
        double[] data = [1, 2, 3, -1, 0.5, 2, 0, 1, -2];
        Sample(
            Box((-2, 2), (-2, 2), (-2, 2)),
            p => ConstantRows.SquaredDots(p, data, 3),
            p => { double[] g = new double[3]; return (ConstantRows.SquaredDotsGradient(p, data, 3, g), g); });
    }
}
