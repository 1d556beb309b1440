using System;
using System.Collections.Generic;
using ScottPlot;

namespace SymbolicDiff.Samples.Spiral;

/// <summary>
/// A colormap for class indices: a heatmap whose range is [0, classes − 1] maps position
/// <c>k / (classes − 1)</c> to colour <c>k</c>, with no blending between classes.
/// </summary>
internal sealed class ClassColormap(IReadOnlyList<Color> colors) : IColormap
{
    /// <inheritdoc />
    public string Name => "classes";

    /// <inheritdoc />
    public Color GetColor(double position)
    {
        int index = (int)Math.Round(position * (colors.Count - 1));
        return colors[Math.Clamp(index, 0, colors.Count - 1)];
    }
}
