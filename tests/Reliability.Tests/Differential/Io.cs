using System;
using System.Numerics;
using SymbolicDiff.Reliability.Tests.Oracle;

namespace SymbolicDiff.Reliability.Tests.Differential;

/// <summary>
/// Moves values between the tester's <c>double[]</c> vectors and a program's parameters; called by
/// the wrappers that <see cref="BatchSource"/> prints beside each program. Every input of a program
/// (each scalar, each array element) has one slot, in parameter order.
/// </summary>
public static class Io
{
    public static T Scalar<T>(double[] source, int offset) where T : INumberBase<T> => T.CreateTruncating(source[offset]);

    public static T[] Array<T>(double[] source, int offset, int length) where T : INumberBase<T>
    {
        var result = new T[length];
        for (var i = 0; i < length; i++)
            result[i] = T.CreateTruncating(source[offset + i]);
        return result;
    }

    public static void Store<T>(ReadOnlySpan<T> values, double[] target, int offset) where T : INumberBase<T>
    {
        for (var i = 0; i < values.Length; i++)
            target[offset + i] = double.CreateTruncating(values[i]);
    }

    public static void Store<T>(T value, double[] target, int offset) where T : INumberBase<T> => target[offset] = double.CreateTruncating(value);

    /// <summary>The input in slot <paramref name="offset"/>, with tangent 1 if it is the seeded slot.</summary>
    public static Dual<T> DualScalar<T>(double[] source, int offset, int seed) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.CreateTruncating(source[offset]), offset == seed ? T.One : T.Zero);

    public static Dual<T>[] DualArray<T>(double[] source, int offset, int length, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new Dual<T>[length];
        for (var i = 0; i < length; i++)
            result[i] = DualScalar<T>(source, offset + i, seed);
        return result;
    }

    /// <summary>The input in slot <paramref name="offset"/>: ε1 part from <paramref name="direction"/>, ε2 part 1 if it is the seeded slot.</summary>
    public static HyperDual<T> HyperDualScalar<T>(double[] source, double[] direction, int offset, int seed) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(T.CreateTruncating(source[offset]), T.CreateTruncating(direction[offset]), offset == seed ? T.One : T.Zero, T.Zero);

    public static HyperDual<T>[] HyperDualArray<T>(double[] source, double[] direction, int offset, int length, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new HyperDual<T>[length];
        for (var i = 0; i < length; i++)
            result[i] = HyperDualScalar<T>(source, direction, offset + i, seed);
        return result;
    }

    /// <summary>parts = value, ε1, ε2, ε1ε2.</summary>
    public static void StoreHyperDual<T>(HyperDual<T> value, double[] parts) where T : unmanaged, IFloatingPointIeee754<T>
    {
        parts[0] = double.CreateTruncating(value.Value);
        parts[1] = double.CreateTruncating(value.E1);
        parts[2] = double.CreateTruncating(value.E2);
        parts[3] = double.CreateTruncating(value.E12);
    }

    public static void StoreDual<T>(ReadOnlySpan<Dual<T>> values, double[] value, double[] tangent) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < values.Length; i++)
        {
            value[i] = double.CreateTruncating(values[i].Value);
            tangent[i] = double.CreateTruncating(values[i].Tangent);
        }
    }
}
