using System;
using System.Linq;
using ScottPlot;

namespace SymbolicDiff.Samples.CurveFit;

/// <summary>The picture of a fit: the observations and the fitted curve.</summary>
internal static class CurveFitPlots
{
    private const int CurvePoints = 400;

    /// <summary>Draws the data and <paramref name="model"/> over their range; returns <paramref name="path"/>.</summary>
    public static string DataAndFit(NistProblem problem, Func<double, double> model, string title, string path)
    {
        double low = problem.X.Min(), high = problem.X.Max();
        double[] xs = Enumerable.Range(0, CurvePoints).Select(i => low + (high - low) * i / (CurvePoints - 1)).ToArray();
        var plot = new Plot();
        var curve = plot.Add.ScatterLine(xs, xs.Select(model).ToArray(), Color.FromHex("#d62728"));
        curve.LineWidth = 2;
        curve.LegendText = "fit";
        var data = plot.Add.Markers(problem.X, problem.Y, MarkerShape.FilledCircle, size: 7, color: Color.FromHex("#1f77b4"));
        data.LegendText = "data";
        plot.Title(title, size: 14);
        plot.XLabel("x");
        plot.YLabel("y");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 640, 440);
        return path;
    }
}
