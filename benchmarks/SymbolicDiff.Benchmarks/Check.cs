using System;

namespace SymbolicDiff.Benchmarks;

/// <summary>Setup-time agreement checks, so a benchmark never times a wrong gradient.</summary>
internal static class Check
{
    public static void Close(double actual, double expected, double relativeTolerance, string what)
    {
        double scale = Math.Max(1.0, Math.Max(Math.Abs(actual), Math.Abs(expected)));
        if (!(Math.Abs(actual - expected) <= relativeTolerance * scale))
        {
            throw new InvalidOperationException($"{what}: {actual} vs {expected}");
        }
    }
}
