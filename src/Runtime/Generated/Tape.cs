using System;
using System.Buffers;
using System.ComponentModel;

namespace SymbolicDiff;

/// <summary>
/// The stack on which a generated backward pass keeps the values of loop iterations it needs again (a
/// value the next iteration overwrites): pushed in the forward pass, popped in reverse. It starts in a
/// caller-provided buffer (generated code passes <c>stackalloc</c>) and grows into arrays rented from
/// <see cref="ArrayPool{T}.Shared"/>, so a call allocates nothing once the pool is warm.
/// Generated code creates it and calls <see cref="Dispose"/> in a finally block.
/// </summary>
/// <remarks>Plumbing for generated code, hidden from IntelliSense.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
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

    /// <summary>
    /// Makes room for <paramref name="length"/> values at once and returns it, for a loop whose trip count is known
    /// before it runs: the loop writes each iteration's values by index, with no <see cref="Push(double)"/> (and its
    /// possible growth) inside the loop. The span is valid until the next push or reserve, which may move the tape.
    /// </summary>
    public Span<double> Reserve(int length)
    {
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A tape segment cannot have a negative length.");
        }

        while (count + length > items.Length)
        {
            Grow();
        }

        Span<double> segment = items.Slice(count, length);
        count += length;
        return segment;
    }

    /// <summary>Takes back the last <paramref name="length"/> values (a segment <see cref="Reserve"/> made) to read by index.</summary>
    public ReadOnlySpan<double> PopSegment(int length)
    {
        count -= length;
        return items.Slice(count, length);
    }

    /// <summary>Saves a whole span (the contents of a local array a pullback will need as they are now).</summary>
    public void Push(ReadOnlySpan<double> values)
    {
        while (count + values.Length > items.Length)
        {
            Grow();
        }

        values.CopyTo(items.Slice(count));
        count += values.Length;
    }

    /// <summary>Saves a whole span of floats (exactly: every float is a double).</summary>
    public void Push(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            Push(value);
        }
    }

    /// <summary>Takes back a span pushed last into <paramref name="destination"/> (of the same length).</summary>
    public void Pop(Span<double> destination)
    {
        count -= destination.Length;
        items.Slice(count, destination.Length).CopyTo(destination);
    }

    /// <summary>Takes back a span of floats pushed last into <paramref name="destination"/>.</summary>
    public void Pop(Span<float> destination)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (float)Pop();
        }
    }

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
