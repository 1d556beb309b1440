using System;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// F47: optional constant arrays, a loss's sample weights (<c>[NoDiff] double[]? sampleWeights = null</c>): the null test
/// (<c>is null</c>, <c>!= null</c>) was refused as the array "passed on", and <c>sampleWeights?[i] ?? 1.0</c> as a
/// "Coalesce"; the companions declared the parameter without its <c>?</c>, so passing null to them warned (CS8625).
/// </summary>
public static partial class OptionalArrays
{
    [Differentiable(Derivatives.Reverse | Derivatives.Forward)]
    public static double WeightedSquares(double[] prediction, [NoDiff] double[] target, [NoDiff] double[]? sampleWeights = null)
    {
        double sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            double w = sampleWeights is null ? 1.0 : sampleWeights[i];
            double e = prediction[i] - target[i];
            sum += w * e * e;
        }

        return sum / prediction.Length;
    }

    [Differentiable]
    public static double WeightedAbsolute(double[] prediction, [NoDiff] double[] target, [NoDiff] double[]? sampleWeights, [NoDiff] double[]? scale)
    {
        double sum = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            sum += (sampleWeights?[i] ?? 1.0) * Math.Abs(prediction[i] - target[i]) * (scale != null ? scale[0] : 2.0);
        }

        return sum / (sampleWeights?.Length ?? prediction.Length);
    }
}

public class OptionalArrayTests
{
    private static readonly double[] Target = [0.5, -1, 2];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SampleWeights_MatchFiniteDifferences(bool weighted)
    {
        double[]? weights = weighted ? [3, 0.5, 1.5] : null;
        double[] prediction = [1, 2, -0.25];
        var gradient = new double[3];
        double value = OptionalArrays.WeightedSquaresGradient(prediction, Target, weights, gradient);
        Assert.Equal(OptionalArrays.WeightedSquares(prediction, Target, weights), value);
        Check(p => OptionalArrays.WeightedSquares(p, Target, weights), prediction, gradient);

        OptionalArrays.WeightedSquaresTangent(prediction, Target, weights, [1, -1, 2], out double tangent);
        Close(gradient[0] - gradient[1] + 2 * gradient[2], tangent);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void NullConditionalReads_MatchFiniteDifferences(bool weighted, bool scaled)
    {
        double[]? weights = weighted ? [3, 0.5, 1.5, 9] : null;
        double[]? scale = scaled ? [0.25] : null;
        double[] prediction = [1, 2, -0.25];
        var gradient = new double[3];
        double value = OptionalArrays.WeightedAbsoluteGradient(prediction, Target, weights, scale, gradient);
        Assert.Equal(OptionalArrays.WeightedAbsolute(prediction, Target, weights, scale), value);
        Check(p => OptionalArrays.WeightedAbsolute(p, Target, weights, scale), prediction, gradient);
    }
}
