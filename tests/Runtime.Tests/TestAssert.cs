namespace SymbolicDiff.Runtime.Tests;

/// <summary>Assertions on arrays of doubles.</summary>
internal static class TestAssert
{
    /// <summary>Same length, and every entry within <paramref name="tolerance"/> of the expected one.</summary>
    public static void AllClose(double[] expected, double[] actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], tolerance);
        }
    }
}
