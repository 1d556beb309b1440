using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SymbolicDiff.Objectives;

/// <summary>Reads the ADBench input files copied to <c>Data/ADBench</c> (see the README there for their origin).</summary>
public static class AdBenchFiles
{
    /// <summary>The full path of an ADBench file copied next to this assembly.</summary>
    public static string PathOf(string fileName) =>
        Path.Combine(AppContext.BaseDirectory, "Data", "ADBench", fileName);

    /// <summary>
    /// The whitespace-separated numbers of every line, blank lines kept as empty rows; lines starting
    /// with '#' (the source notes of the expected-value files) are skipped.
    /// </summary>
    public static double[][] ReadRows(string fileName) =>
        File.ReadLines(PathOf(fileName))
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(token => double.Parse(token, CultureInfo.InvariantCulture))
                .ToArray())
            .ToArray();

    /// <summary>The next <paramref name="count"/> rows from <paramref name="row"/> on, concatenated.</summary>
    internal static double[] Concatenate(IReadOnlyList<double[]> rows, ref int row, int count)
    {
        var values = new List<double>();
        for (int i = 0; i < count; i++)
        {
            values.AddRange(rows[row++]);
        }

        return values.ToArray();
    }
}
