using SymbolicDiff.Data;
using SymbolicDiff.Nn;
using SymbolicDiff.Nn.Kernels;
using SymbolicDiff.Numerics;
using SymbolicDiff.Optim;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>Wrong shapes name the argument and both sizes; NaN losses are reported; misuse is explained.</summary>
public class ErrorTests
{
    [Fact]
    public void Dense_forward_with_a_wrong_input_size_names_the_input_and_both_sizes()
    {
        var layer = new Dense(2, 3, WeightInit.He, new GaussianRandom(0));

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new double[5], batch: 3));

        Assert.Equal("input", error.ParamName);
        Assert.Contains("has 5 elements", error.Message);
        Assert.Contains("expected 6 (3 examples × 2 inputs)", error.Message);
    }

    [Fact]
    public void Backward_with_a_wrong_gradient_size_names_the_gradient()
    {
        var relu = new ReLU(4);
        relu.Forward(new double[8], batch: 2);

        var error = Assert.Throws<ArgumentException>(() => relu.Backward(new double[4]));

        Assert.Equal("outputGradient", error.ParamName);
        Assert.Contains("expected 8", error.Message);
    }

    [Fact]
    public void Backward_before_forward_is_an_invalid_operation()
    {
        Assert.Throws<InvalidOperationException>(() => new Tanh(2).Backward(new double[2]));
        Assert.Throws<InvalidOperationException>(() => new Dense(1, 1, WeightInit.He, new GaussianRandom(0)).Backward(new double[1]));
        Assert.Throws<InvalidOperationException>(() => new SoftmaxCrossEntropy(2).Backward());
    }

    [Fact]
    public void Sequential_rejects_neighbours_whose_sizes_differ()
    {
        var random = new GaussianRandom(0);

        var error = Assert.Throws<ArgumentException>(() => new Sequential(new Dense(2, 5, WeightInit.He, random), new ReLU(4)));

        Assert.Equal("layers", error.ParamName);
        Assert.Contains("takes 4 inputs; expected 5", error.Message);
    }

    [Fact]
    public void Kernels_name_the_short_span()
    {
        var error = Assert.Throws<ArgumentException>(
            () => DenseKernels.Forward(new double[4], new double[6], new double[3], new double[5], new double[6], 2, 2, 3));

        Assert.Equal("y", error.ParamName);
        Assert.Contains("expected 6 (2 examples × 3 outputs)", error.Message);
    }

    [Fact]
    public void Softmax_cross_entropy_checks_logit_count_and_label_range()
    {
        var loss = new SoftmaxCrossEntropy(3);

        Assert.Equal("logits", Assert.Throws<ArgumentException>(() => loss.Forward(new double[5], new[] { 0, 1 })).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentOutOfRangeException>(() => loss.Forward(new double[6], new[] { 0, 3 })).ParamName);
    }

    [Fact]
    public void Nan_in_any_loss_throws_NonFiniteLossException()
    {
        Assert.Throws<NonFiniteLossException>(() => new SoftmaxCrossEntropy(2).Forward(new[] { 1.0, double.NaN }, new[] { 0 }));
        Assert.Throws<NonFiniteLossException>(() => new MeanSquaredError().Forward(new[] { 1.0 }, new[] { double.NaN }));
        var weights = new Parameter("w", 1, 1, regularized: true);
        weights.Value[0] = double.PositiveInfinity;
        Assert.Throws<NonFiniteLossException>(() => new L2Regularization(1).Penalty([weights]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Leaky_relu_rejects_a_slope_outside_0_to_1(double slope)
    {
        Assert.Equal("slope", Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyReLU(2, slope)).ParamName);
        Assert.Equal("slope", Assert.Throws<ArgumentOutOfRangeException>(
            () => ActivationKernels.LeakyReluForward(new double[2], slope, new double[2])).ParamName);
    }

    [Fact]
    public void Trainer_rejects_a_model_that_does_not_fit_the_data()
    {
        ClassificationData data = Spiral.Generate(5, 3, new GaussianRandom(0));
        var model = new Dense(2, 4, WeightInit.He, new GaussianRandom(0));

        var error = Assert.Throws<ArgumentException>(
            () => new ClassifierTrainer(model, new Sgd(model.Parameters, 1), new L2Regularization(0), data));

        Assert.Equal("model", error.ParamName);
    }
}
