using System;

namespace SymbolicDiff.Nn;

/// <summary>
/// How a dense layer draws its initial weights: zero-mean normal samples whose standard
/// deviation depends on the layer's fan-in and fan-out. Biases always start at zero.
/// </summary>
public readonly struct WeightInit
{
    private readonly Kind _kind;
    private readonly double _standardDeviation;

    private WeightInit(Kind kind, double standardDeviation)
    {
        _kind = kind;
        _standardDeviation = standardDeviation;
    }

    private enum Kind
    {
        He,
        Xavier,
        Fixed,
    }

    /// <summary>He et al. (2015): σ = √(2 / fanIn), for layers followed by ReLU.</summary>
    public static WeightInit He => new(Kind.He, 0);

    /// <summary>Glorot and Bengio (2010), normal form: σ = √(2 / (fanIn + fanOut)), for sigmoid and tanh.</summary>
    public static WeightInit Xavier => new(Kind.Xavier, 0);

    /// <summary>
    /// A fixed σ whatever the layer size; <c>Gaussian(0.01)</c> is the cs231n case study's
    /// <c>0.01 * np.random.randn(D, h)</c>.
    /// </summary>
    public static WeightInit Gaussian(double standardDeviation)
    {
        if (!(standardDeviation >= 0) || double.IsInfinity(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "must be finite and not negative.");
        }

        return new WeightInit(Kind.Fixed, standardDeviation);
    }

    /// <summary>The standard deviation for a layer with <paramref name="fanIn"/> inputs and <paramref name="fanOut"/> outputs.</summary>
    public double StandardDeviation(int fanIn, int fanOut) => _kind switch
    {
        Kind.He => Math.Sqrt(2.0 / fanIn),
        Kind.Xavier => Math.Sqrt(2.0 / (fanIn + fanOut)),
        _ => _standardDeviation,
    };

    /// <inheritdoc />
    public override string ToString() => _kind == Kind.Fixed ? $"Gaussian({_standardDeviation})" : _kind.ToString();
}
