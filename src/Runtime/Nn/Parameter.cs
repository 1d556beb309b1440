using System;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Nn;

/// <summary>
/// A trainable matrix: its values and the gradient of the loss with respect to them, both
/// row-major arrays of <see cref="Rows"/> × <see cref="Columns"/> elements. Layers write
/// <see cref="Gradient"/> in their backward pass; optimizers read it and update <see cref="Value"/>.
/// </summary>
public sealed class Parameter
{
    /// <summary>Creates a parameter of the given shape with all values and gradients zero.</summary>
    /// <param name="name">A label for error messages and gradient-check reports, e.g. "dense1.W".</param>
    /// <param name="rows">Number of rows (at least 1).</param>
    /// <param name="columns">Number of columns (at least 1).</param>
    /// <param name="regularized">Whether L2 regularization applies (weights yes, biases no, as in cs231n).</param>
    public Parameter(string name, int rows, int columns, bool regularized)
    {
        Shape.RequirePositive(rows, nameof(rows));
        Shape.RequirePositive(columns, nameof(columns));
        Name = name;
        Rows = rows;
        Columns = columns;
        Regularized = regularized;
        Value = new double[rows * columns];
        Gradient = new double[rows * columns];
    }

    /// <summary>A label for error messages and reports.</summary>
    public string Name { get; }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Number of elements, <see cref="Rows"/> × <see cref="Columns"/>.</summary>
    public int Length => Value.Length;

    /// <summary>Whether <see cref="L2Regularization"/> applies to this parameter.</summary>
    public bool Regularized { get; }

    /// <summary>The values, row-major.</summary>
    public double[] Value { get; }

    /// <summary>∂loss/∂<see cref="Value"/>, row-major, as written by the last backward pass.</summary>
    public double[] Gradient { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{Rows}×{Columns}]";
}
