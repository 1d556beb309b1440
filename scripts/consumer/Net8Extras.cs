// Compiled by scripts/package-test.sh into the net8.0 consumer, beside benchmarks/Objectives' sources and the
// benchmarks' Functions.cs (Rosenbrock's Vector256 lanes, forward mode, second order): the generated code of what
// those lack (a [DerivativeOf] pullback, and a call of it) must build against the package's lowest target too.
using System;
using SymbolicDiff;

namespace Net8Extras;

public static partial class Extras
{
    public static double Softplus(double x) => Math.Log(1.0 + Math.Exp(x));

    [DerivativeOf(typeof(Extras), nameof(Softplus))]
    public static double SoftplusBackward(double x, double seed, ref double dx)
    {
        dx += seed / (1.0 + Math.Exp(-x));
        return Softplus(x);
    }

    [Differentiable]
    public static double Activation(double x, double y) => Softplus(x * y) * y;
}
