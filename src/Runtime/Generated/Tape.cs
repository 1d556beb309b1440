using System;
using System.Buffers;

namespace SymbolicDiff;

/// <summary>
/// The stack on which a generated backward pass keeps the values of loop iterations it needs again (a
/// value the next iteration overwrites): pushed in the forward pass, popped in reverse. It starts in a
/// caller-provided buffer (generated code passes <c>stackalloc</c>) and grows into arrays rented from
/// <see cref="ArrayPool{T}.Shared"/>, so a call allocates nothing once the pool is warm.
/// Generated code creates it and calls <see cref="Dispose"/> in a finally block.
/// </summary>
public ref struct Tape
{
    private Span<double> items;
    private double[]? rented;
    private int count;

    /// <summary>A tape that starts in <paramref name="initial"/> (its contents are ignored).</summary>
    public Tape(Span<double> initial)
    {
        items = initial;
        rented = null;
        count = 0;
    }

    /// <summary>How many values are on the tape.</summary>
    public readonly int Count => count;

    /// <summary>Saves a value (ints and bools are stored exactly as doubles).</summary>
    public void Push(double value)
    {
        if (count == items.Length)
        {
            Grow();
        }

        items[count++] = value;
    }

    /// <summary>Takes back the value pushed last.</summary>
    public double Pop() => items[--count];

    /// <summary>Returns the rented buffer, if any, to the pool.</summary>
    public void Dispose()
    {
        if (rented is not null)
        {
            ArrayPool<double>.Shared.Return(rented);
            rented = null;
        }

        items = default;
        count = 0;
    }

    private void Grow()
    {
        double[] larger = ArrayPool<double>.Shared.Rent(Math.Max(256, items.Length * 2));
        items.Slice(0, count).CopyTo(larger);
        if (rented is not null)
        {
            ArrayPool<double>.Shared.Return(rented);
        }

        rented = larger;
        items = larger;
    }
}
