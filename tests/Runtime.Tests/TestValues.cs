using SymbolicDiff.Numerics;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>Seeded inputs for the tests.</summary>
internal static class TestValues
{
    /// <summary><paramref name="count"/> standard normal samples.</summary>
    public static double[] Gaussian(int count, int seed)
    {
        var values = new double[count];
        new GaussianRandom(seed).Fill(values, 1.0);
        return values;
    }

    /// <summary>Normal samples pushed at least <paramref name="margin"/> away from 0, so that a kink at 0 is never crossed by a finite difference.</summary>
    public static double[] AwayFromZero(int count, int seed, double margin = 0.1)
    {
        double[] values = Gaussian(count, seed);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.CopySign(margin + Math.Abs(values[i]), values[i]);
        }

        return values;
    }
}
