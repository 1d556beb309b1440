using System;
using System.Numerics;

namespace SymbolicDiff.Reliability.Tests.Oracle;

/// <summary>
/// The largest |tangent| of any value the oracle computed since the last reset: the size of the terms a derivative
/// is summed from. Where large terms cancel (x + e^e^e^x − e^e^e^x, through two paths), the derivative is small but
/// both the oracle's and the generated code's roundings are ε times those terms, so the tolerance scales with them
/// (<see cref="Differential.Tolerance"/>), not only with the final derivatives.
/// </summary>
public static class TangentWatch
{
    [ThreadStatic]
    private static double largest;

    public static double Largest => largest;

    public static void Reset() => largest = 0;

    public static T Watch<T>(T tangent) where T : IFloatingPointIeee754<T>
    {
        double size = double.CreateTruncating(T.Abs(tangent));
        if (size > largest)
        {
            largest = size;
        }

        return tangent;
    }
}
