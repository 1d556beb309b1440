using System;
using System.Diagnostics;
using SymbolicDiff;
using Xunit;
using static System.Math;
using static Gradients.Tests.ImportedHelpers;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

public enum Severity { Low, High }

public static class ImportedHelpers
{
    public static T Echo<T>(T value) => value;

    public static double Limit { get; } = 1e6;

    public static double Twice(int k) => 2.0 * k;

    public const Severity Level = Severity.High;
}

/// <summary>
/// Members imported by <c>using static</c>, named bare in guards, log lines and constant code (F27: the copied guard
/// kept <c>Abs(x)</c> and <c>PI</c> as written, and the generated file, which has none of the user's usings, did not build).
/// </summary>
public static partial class Imported
{
    [Differentiable(Derivatives.Reverse | Derivatives.Forward)]
    public static double Guarded(double x, int n)
    {
        Debug.Assert(Abs(x) < Limit && x < PI * Limit, $"{Max(x, 0)} {Echo<int>(n)}");
        Debug.WriteLine(Sqrt(Abs(x)));
        if (Abs(x) > Limit / 2 || Level != Severity.High) throw new ArgumentOutOfRangeException(nameof(x), $"{Round(x, 2)} is out of range");
        double k = Twice(n) * E;
        return Sin(x) * k + Exp(x);
    }
}

public class StaticImportTests
{
    [Fact]
    public void ImportedMembersInGuardsAndConstants_BuildAndMatchFiniteDifferences()
    {
        Sample(Box((-3, 3)), p => Imported.Guarded(p[0], 3), p => (Imported.GuardedGradient(p[0], 3, out double dx), new[] { dx }));
        Assert.Equal("750000 is out of range (Parameter 'x')", Assert.Throws<ArgumentOutOfRangeException>(() => Imported.GuardedGradient(7.5e5, 3, out _)).Message);
        Imported.GuardedTangent(0.5, 3, 1, out double tangent);
        Imported.GuardedGradient(0.5, 3, out double dx);
        Assert.Equal(dx, tangent, 12);
    }
}
