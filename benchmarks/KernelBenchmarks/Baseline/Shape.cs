using System;

namespace KernelBenchmarks.Baseline;

/// <summary>The one place that checks buffer sizes, so every shape error reads the same way.</summary>
internal static class Shape
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/> with the
    /// expected and actual element counts unless they are equal; <paramref name="layout"/> says
    /// what the expected count is made of, e.g. "one per prediction"; pass a constant so that
    /// the check allocates nothing.
    /// </summary>
    public static void RequireLength(int actual, int expected, string parameterName, string layout)
    {
        if (actual != expected)
        {
            throw new ArgumentException(
                $"{parameterName} has {actual} elements; expected {expected} ({layout}).", parameterName);
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/> unless
    /// <paramref name="actual"/> is <paramref name="rows"/> × <paramref name="columns"/>; the
    /// message reads e.g. "x has 500 elements; expected 600 (300 examples × 2 inputs)". The
    /// message is built only on failure, so the check allocates nothing.
    /// </summary>
    public static void RequireMatrix(int actual, int rows, string rowsName, int columns, string columnsName, string parameterName)
    {
        if (actual != rows * columns)
        {
            RequireLength(actual, rows * columns, parameterName, $"{rows} {rowsName} × {columns} {columnsName}");
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> is at least 1.</summary>
    public static void RequirePositive(int value, string parameterName)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"{parameterName} must be at least 1.");
        }
    }

    /// <summary>
    /// A view of the first <paramref name="length"/> elements of <paramref name="buffer"/>, which
    /// is replaced by a larger array only when it is too short: a training loop with a fixed batch
    /// size allocates on its first iteration and never again.
    /// </summary>
    public static Memory<double> Reuse(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[length];
        }

        return buffer.AsMemory(0, length);
    }
}
