using System;
using SymbolicDiff;

namespace Circuits;

/// <summary>
/// The gates of the cs231n notes, each a one-line [Differentiable] method: the generator writes each
/// gate's backward pass (add distributes, multiply swaps, max routes, …), and <see cref="Program"/> wires
/// them into circuits by hand, forward then backward, as the figures of the notes do.
/// </summary>
public static partial class Gates
{
    [Differentiable] public static double Add(double a, double b) => a + b;

    [Differentiable] public static double Multiply(double a, double b) => a * b;

    [Differentiable] public static double Max(double a, double b) => Math.Max(a, b);

    [Differentiable] public static double Exp(double a) => Math.Exp(a);

    [Differentiable] public static double Scale(double a, [NoDiff] double factor) => factor * a;

    [Differentiable] public static double Offset(double a, [NoDiff] double constant) => a + constant;

    [Differentiable] public static double Reciprocal(double a) => 1 / a;
}

/// <summary>The same circuits written as ordinary C#; the generator differentiates each as a whole.</summary>
public static partial class WholeCircuits
{
    [Differentiable] public static double SumTimes(double x, double y, double z) => (x + y) * z;

    [Differentiable]
    public static double Neuron(double w0, double x0, double w1, double x1, double w2) =>
        1 / (1 + Math.Exp(-(w0 * x0 + w1 * x1 + w2)));

    [Differentiable] public static double MaxCircuit(double x, double y, double z, double w) => 2 * (x * y + Math.Max(z, w));
}
