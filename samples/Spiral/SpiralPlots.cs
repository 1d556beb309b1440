using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScottPlot;
using SymbolicDiff.Data;
using SymbolicDiff.Nn;

namespace SymbolicDiff.Samples.Spiral;

/// <summary>The pictures: decision regions over the data points, and the loss curves.</summary>
internal static class SpiralPlots
{
    private const int GridSize = 300;
    private const double Extent = 1.1;

    // Saturated colours for the points, light ones for the regions; one pair per class.
    private static readonly Color[] PointColors = [Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"), Color.FromHex("#9467bd")];
    private static readonly Color[] RegionColors = [Color.FromHex("#b9d3ea"), Color.FromHex("#f2b8b8"), Color.FromHex("#bfe3bf"), Color.FromHex("#d9cce9")];

    /// <summary>Colours the plane by the model's predicted class and draws the points on top; returns <paramref name="path"/>.</summary>
    public static string DecisionRegions(ILayer model, ClassificationData data, string title, string path)
    {
        if (data.Classes > PointColors.Length)
        {
            throw new ArgumentException($"at most {PointColors.Length} classes can be drawn", nameof(data));
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(PredictGrid(model, data.Classes));
        heatmap.Colormap = new ClassColormap(RegionColors.Take(data.Classes).ToArray());
        heatmap.ManualRange = new ScottPlot.Range(0, Math.Max(1, data.Classes - 1));
        heatmap.Extent = new CoordinateRect(-Extent, Extent, -Extent, Extent);
        for (int k = 0; k < data.Classes; k++)
        {
            int[] rows = Enumerable.Range(0, data.Count).Where(i => data.Labels[i] == k).ToArray();
            var markers = plot.Add.Markers(
                rows.Select(i => data.Features[2 * i]).ToArray(),
                rows.Select(i => data.Features[2 * i + 1]).ToArray(),
                MarkerShape.FilledCircle,
                size: 6,
                color: PointColors[k]);
            markers.MarkerLineColor = Colors.Black;
            markers.MarkerLineWidth = 0.5f;
        }

        plot.Title(title, size: 14);
        plot.Axes.SetLimits(-Extent, Extent, -Extent, Extent);
        plot.Axes.SquareUnits();
        plot.SavePng(path, 560, 560);
        return path;
    }

    /// <summary>
    /// The loss of every model against the iteration, on a logarithmic iteration axis so that the
    /// linear classifier's 200 iterations are as visible as the network's 10,000; returns <paramref name="path"/>.
    /// </summary>
    public static string LossCurves(IReadOnlyList<ModelResult> results, string path)
    {
        var plot = new Plot();
        for (int m = 0; m < results.Count; m++)
        {
            double[] losses = results[m].Losses;
            double[] logIterations = Enumerable.Range(1, losses.Length).Select(i => Math.Log10(i)).ToArray();
            var line = plot.Add.ScatterLine(logIterations, losses, PointColors[m % PointColors.Length]);
            line.LegendText = results[m].Title;
            line.LineWidth = 2;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            LabelFormatter = exponent => Math.Pow(10, exponent).ToString("N0", CultureInfo.InvariantCulture),
        };
        plot.Title("Training loss (data loss + L2)", size: 16);
        plot.XLabel("iteration (log scale)");
        plot.YLabel("loss");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 800, 450);
        return path;
    }

    // Row 0 of a ScottPlot heatmap is drawn at the top, so grid row r holds y from +Extent down.
    // Each grid row is one batch of GridSize points, so the model's buffers stay small.
    private static double[,] PredictGrid(ILayer model, int classes)
    {
        var classIndex = new double[GridSize, GridSize];
        var points = new double[GridSize * 2];
        var predictions = new int[GridSize];
        for (int r = 0; r < GridSize; r++)
        {
            double y = Extent - (r + 0.5) * (2 * Extent / GridSize);
            for (int c = 0; c < GridSize; c++)
            {
                points[2 * c] = -Extent + (c + 0.5) * (2 * Extent / GridSize);
                points[2 * c + 1] = y;
            }

            Classification.Predict(model.Forward(points, GridSize).Span, classes, predictions);
            for (int c = 0; c < GridSize; c++)
            {
                classIndex[r, c] = predictions[c];
            }
        }

        return classIndex;
    }
}
