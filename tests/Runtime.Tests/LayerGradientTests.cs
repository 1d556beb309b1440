using SymbolicDiff.GradCheck;
using SymbolicDiff.Nn;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>Every layer's backward pass against central differences (cs231n's relative error).</summary>
public class LayerGradientTests
{
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData(2, 100, 5)] // more outputs than inputs: the row-combination path
    [InlineData(100, 3, 5)] // more inputs than outputs: the transposed path
    [InlineData(7, 7, 3)]
    [InlineData(1, 1, 1)]
    [InlineData(9, 5, 4)]
    public void Dense_passes_the_gradient_check(int inputs, int outputs, int batch)
    {
        var layer = new Dense(inputs, outputs, WeightInit.Xavier, new GaussianRandom(1));
        TestValues.Gaussian(outputs, 2).CopyTo(layer.Biases.Value, 0);

        GradientCheckResult worst = GradientCheck.CheckLayer(layer, TestValues.Gaussian(batch * inputs, 3), batch);

        Assert.True(worst.Passes(Tolerance), worst.ToString());
    }

    [Fact]
    public void Dense_without_input_gradient_still_checks_its_parameters()
    {
        var layer = new Dense(3, 4, WeightInit.He, new GaussianRandom(1)) { ComputesInputGradient = false };

        GradientCheckResult worst = GradientCheck.CheckLayer(layer, TestValues.Gaussian(6, 3), batch: 2);

        Assert.True(worst.Passes(Tolerance), worst.ToString());
        Assert.NotEqual("input", worst.Target);
        Assert.True(layer.Backward(new double[8]).IsEmpty);
    }

    public static TheoryData<string> Activations => ["relu", "leaky", "sigmoid", "tanh", "softmax"];

    [Theory]
    [MemberData(nameof(Activations))]
    public void Activation_passes_the_gradient_check(string name)
    {
        ILayer layer = name switch
        {
            "relu" => new ReLU(6),
            "leaky" => new LeakyReLU(6, slope: 0.1),
            "sigmoid" => new Sigmoid(6),
            "tanh" => new Tanh(6),
            _ => new Softmax(6),
        };

        // Away from the kinks of (leaky) ReLU at 0.
        GradientCheckResult worst = GradientCheck.CheckLayer(layer, TestValues.AwayFromZero(4 * 6, 5), batch: 4);

        Assert.True(worst.Passes(Tolerance), worst.ToString());
    }

    [Fact]
    public void Sequential_passes_the_gradient_check_through_every_layer()
    {
        var random = new GaussianRandom(7);
        var network = new Sequential(
            new Dense(3, 8, WeightInit.Xavier, random, "d1"),
            new Tanh(8),
            new Dense(8, 5, WeightInit.Xavier, random, "d2"),
            new Sigmoid(5),
            new Dense(5, 2, WeightInit.Xavier, random, "d3"));

        GradientCheckResult worst = GradientCheck.CheckLayer(network, TestValues.Gaussian(4 * 3, 8), batch: 4);

        Assert.True(worst.Passes(Tolerance), worst.ToString());
    }

    [Fact]
    public void Relu_gradient_is_zero_where_the_output_is_zero_and_one_elsewhere()
    {
        var relu = new ReLU(4);
        relu.Forward(new double[] { -2, 0, 0.5, 3 }, batch: 1);

        double[] gradient = relu.Backward(new double[] { 10, 20, 30, 40 }).ToArray();

        Assert.Equal(new double[] { 0, 0, 30, 40 }, gradient);
    }

    [Fact]
    public void Activations_compute_their_textbook_values()
    {
        double[] x = [-2, 0.5];
        Assert.Equal(new[] { 0.0, 0.5 }, new ReLU(2).Forward(x, 1).ToArray());
        Assert.Equal(new[] { -0.2, 0.5 }, new LeakyReLU(2, 0.1).Forward(x, 1).ToArray());
        double[] sigmoid = new Sigmoid(2).Forward(x, 1).ToArray();
        Assert.Equal(1 / (1 + Math.Exp(2)), sigmoid[0], 15);
        Assert.Equal(1 / (1 + Math.Exp(-0.5)), sigmoid[1], 15);
        double[] tanh = new Tanh(2).Forward(x, 1).ToArray();
        Assert.Equal(Math.Tanh(-2), tanh[0], 15);
        Assert.Equal(Math.Tanh(0.5), tanh[1], 15);
    }

    [Fact]
    public void Softmax_rows_are_positive_sum_to_one_and_survive_logits_of_1000()
    {
        double[] probabilities = new Softmax(3).Forward(new double[] { 1000, -1000, 0, 1, 2, 3 }, batch: 2).ToArray();

        Assert.Equal(new[] { 1.0, 0.0, 0.0 }, probabilities[..3]);
        double normalizer = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        TestAssert.AllClose([Math.Exp(1) / normalizer, Math.Exp(2) / normalizer, Math.Exp(3) / normalizer], probabilities[3..], 1e-15);
    }
}
