using SymbolicDiff.GradCheck;
using SymbolicDiff.Nn;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>Loss values, gradients and numerical stability.</summary>
public class LossTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void Softmax_cross_entropy_passes_the_gradient_check()
    {
        var loss = new SoftmaxCrossEntropy(4);
        double[] logits = TestValues.Gaussian(5 * 4, 1);
        int[] labels = [0, 3, 1, 2, 3];
        loss.Forward(logits, labels);
        double[] analytic = loss.Backward().ToArray();

        GradientCheckResult worst = GradientCheck.Check(() => loss.Forward(logits, labels), logits, analytic, "logits");

        Assert.True(worst.Passes(Tolerance), worst.ToString());
    }

    [Fact]
    public void Softmax_cross_entropy_of_equal_logits_is_log_of_the_class_count()
    {
        var loss = new SoftmaxCrossEntropy(3);

        double value = loss.Forward(new double[] { 2, 2, 2, -1, -1, -1 }, new[] { 0, 2 });

        Assert.Equal(Math.Log(3), value, 14);
        Assert.Equal(new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3 }, loss.Probabilities.Span[..3].ToArray(), (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void Softmax_cross_entropy_is_finite_for_logits_of_plus_and_minus_1000()
    {
        var loss = new SoftmaxCrossEntropy(3);
        double[] logits = [1000, -1000, 0, 1000, -1000, 0];

        // Example 0 is labelled with its largest logit, example 1 with its smallest.
        double value = loss.Forward(logits, new[] { 0, 1 });
        double[] gradient = loss.Backward().ToArray();

        // −log softmax: ≈ 0 for the first example, 1000 − (−1000) = 2000 for the second; mean 1000.
        Assert.Equal(1000, value, 9);
        Assert.All(gradient, g => Assert.True(double.IsFinite(g)));
        // (p − onehot) / N with p ≈ (1, 0, 0) in both rows.
        Assert.Equal(new[] { 0.0, 0, 0, 0.5, -0.5, 0 }, gradient, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Mean_squared_error_is_the_mean_of_squares_and_passes_the_gradient_check()
    {
        var loss = new MeanSquaredError();
        double[] predictions = TestValues.Gaussian(6, 2);
        double[] targets = TestValues.Gaussian(6, 3);
        double expected = 0;
        for (int i = 0; i < 6; i++)
        {
            expected += (predictions[i] - targets[i]) * (predictions[i] - targets[i]) / 6;
        }

        Assert.Equal(expected, loss.Forward(predictions, targets), 14);
        double[] analytic = loss.Backward().ToArray();
        GradientCheckResult worst = GradientCheck.Check(() => loss.Forward(predictions, targets), predictions, analytic, "predictions");
        Assert.True(worst.Passes(Tolerance), worst.ToString());
    }

    [Fact]
    public void L2_penalty_is_half_strength_times_sum_of_squared_weights_and_skips_biases()
    {
        var layer = new Dense(2, 2, WeightInit.He, new GaussianRandom(1));
        double[] weights = [1, -2, 3, 0.5];
        weights.CopyTo(layer.Weights.Value, 0);
        layer.Biases.Value[0] = 100;
        var l2 = new L2Regularization(0.1);

        double penalty = l2.Penalty(layer.Parameters);

        Assert.Equal(0.5 * 0.1 * (1 + 4 + 9 + 0.25), penalty, 14);
        Array.Clear(layer.Weights.Gradient);
        Array.Clear(layer.Biases.Gradient);
        l2.AddGradient(layer.Parameters);
        GradientCheckResult worst = GradientCheck.Check(
            () => l2.Penalty(layer.Parameters), layer.Weights.Value, layer.Weights.Gradient, "W");
        Assert.True(worst.Passes(Tolerance), worst.ToString());
        Assert.All(layer.Biases.Gradient, g => Assert.Equal(0, g));
    }

    [Fact]
    public void A_classifier_loss_with_regularization_passes_the_gradient_check_for_every_parameter()
    {
        var random = new GaussianRandom(3);
        var network = new Sequential(new Dense(2, 6, WeightInit.He, random, "d1"), new Tanh(6), new Dense(6, 3, WeightInit.He, random, "d2"));
        double[] x = TestValues.Gaussian(4 * 2, 4);
        int[] labels = [2, 0, 1, 1];
        var loss = new SoftmaxCrossEntropy(3);
        var l2 = new L2Regularization(0.05);
        double Objective() => loss.Forward(network.Forward(x, 4), labels) + l2.Penalty(network.Parameters);

        Objective();
        network.Backward(loss.Backward());
        l2.AddGradient(network.Parameters);

        foreach (Parameter parameter in network.Parameters)
        {
            double[] analytic = (double[])parameter.Gradient.Clone();
            GradientCheckResult worst = GradientCheck.Check(Objective, parameter.Value, analytic, parameter.Name);
            Assert.True(worst.Passes(Tolerance), worst.ToString());
        }
    }
}
