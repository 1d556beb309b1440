using System;

namespace SymbolicDiff.Numerics;

/// <summary>
/// Standard normal samples from a seeded <see cref="Random"/> by the Box–Muller transform, so that
/// data sets and weight initializations are the same on every run and every machine.
/// </summary>
/// <remarks>
/// <see cref="Random(int)"/> with a seed uses the same algorithm on every .NET version, and
/// Box–Muller uses only <c>Log</c>, <c>Sqrt</c>, <c>Cos</c> and <c>Sin</c>, so a seed fixes the
/// whole stream. Each transform yields two independent samples; the second is kept for the next call.
/// </remarks>
public sealed class GaussianRandom
{
    private readonly Random _uniform;
    private double _spare;
    private bool _hasSpare;

    /// <summary>Creates a generator whose stream is fixed by <paramref name="seed"/>.</summary>
    public GaussianRandom(int seed) => _uniform = new Random(seed);

    /// <summary>The next sample of the standard normal distribution (mean 0, standard deviation 1).</summary>
    public double NextStandardNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        // 1 - U lies in (0, 1], so the logarithm is finite.
        double u1 = 1.0 - _uniform.NextDouble();
        double u2 = _uniform.NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        _spare = radius * Math.Sin(angle);
        _hasSpare = true;
        return radius * Math.Cos(angle);
    }

    /// <summary>Fills <paramref name="destination"/> with normal samples of mean 0 and the given standard deviation.</summary>
    public void Fill(Span<double> destination, double standardDeviation)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = standardDeviation * NextStandardNormal();
        }
    }
}
