using SymbolicDiff.Data;
using SymbolicDiff.Nn;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>The seeded Gaussian, the weight initializations and the spiral data set.</summary>
public class DataTests
{
    [Fact]
    public void Gaussian_samples_have_mean_0_and_standard_deviation_1_and_repeat_for_a_seed()
    {
        double[] samples = TestValues.Gaussian(200_000, 42);

        double mean = samples.Average();
        double deviation = Math.Sqrt(samples.Sum(s => (s - mean) * (s - mean)) / samples.Length);

        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(deviation, 0.99, 1.01);
        Assert.Equal(samples.Take(10), TestValues.Gaussian(10, 42));
        Assert.NotEqual(samples.Take(10), TestValues.Gaussian(10, 43));
    }

    [Theory]
    [InlineData("he", 400, 300)]
    [InlineData("xavier", 400, 300)]
    [InlineData("fixed", 400, 300)]
    public void Dense_weights_have_the_initialization_standard_deviation_and_zero_biases(string kind, int inputs, int outputs)
    {
        (WeightInit init, double expected) = kind switch
        {
            "he" => (WeightInit.He, Math.Sqrt(2.0 / inputs)),
            "xavier" => (WeightInit.Xavier, Math.Sqrt(2.0 / (inputs + outputs))),
            _ => (WeightInit.Gaussian(0.01), 0.01),
        };

        var layer = new Dense(inputs, outputs, init, new GaussianRandom(1));
        double[] w = layer.Weights.Value;
        double deviation = Math.Sqrt(w.Sum(v => v * v) / w.Length);

        Assert.InRange(deviation / expected, 0.98, 1.02);
        Assert.All(layer.Biases.Value, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Spiral_points_lie_on_the_cs231n_arms()
    {
        const int N = 100;
        const int K = 3;
        ClassificationData data = Spiral.Generate(N, K, new GaussianRandom(0));

        Assert.Equal(N * K, data.Count);
        Assert.Equal(2, data.Dimensions);
        Assert.Equal(K, data.Classes);
        var residuals = new List<double>();
        for (int j = 0; j < K; j++)
        {
            for (int i = 0; i < N; i++)
            {
                int row = j * N + i;
                double x = data.Features[2 * row];
                double y = data.Features[2 * row + 1];
                Assert.Equal(j, data.Labels[row]);
                // r = linspace(0, 1, N)
                Assert.Equal(i / (N - 1.0), Math.Sqrt(x * x + y * y), 1e-12);
                if (i > 0)
                {
                    // (r sin t, r cos t): t = atan2(x, y), up to whole turns, minus linspace(4j, 4(j+1), N).
                    double offset = Math.Atan2(x, y) - (4 * j + 4.0 * i / (N - 1));
                    residuals.Add(Math.IEEERemainder(offset, 2 * Math.PI));
                }
            }
        }

        // The residual is the 0.2·randn noise.
        double deviation = Math.Sqrt(residuals.Sum(r => r * r) / residuals.Count);
        Assert.InRange(deviation, 0.17, 0.23);
        Assert.All(residuals, r => Assert.InRange(r, -1.2, 1.2));
    }

    [Fact]
    public void Spiral_is_reproducible_for_a_seed_and_differs_between_seeds()
    {
        double[] first = Spiral.Generate(20, 3, new GaussianRandom(5)).Features;

        Assert.Equal(first, Spiral.Generate(20, 3, new GaussianRandom(5)).Features);
        Assert.NotEqual(first, Spiral.Generate(20, 3, new GaussianRandom(6)).Features);
    }
}
