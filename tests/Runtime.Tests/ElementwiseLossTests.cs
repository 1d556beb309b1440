using SymbolicDiff.GradCheck;
using SymbolicDiff.Nn;
using SymbolicDiff.Optim;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>Binary cross-entropy, L1 and Huber: values from their definitions, the gradient check, one optimizer step.</summary>
public class ElementwiseLossTests
{
    private const double Tolerance = 1e-6;

    public static TheoryData<string> Losses() => ["bce", "l1", "huber"];

    private static ElementwiseLoss Create(string name) => name switch
    {
        "bce" => new BinaryCrossEntropy(),
        "l1" => new MeanAbsoluteError(),
        _ => new HuberLoss(delta: 0.7),
    };

    /// <summary>Targets the loss accepts: probabilities for binary cross-entropy.</summary>
    private static double[] Targets(string name, int count) =>
        name == "bce" ? [.. TestValues.Gaussian(count, 5).Select(v => 1 / (1 + Math.Exp(-v)))] : TestValues.Gaussian(count, 5);

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void Binary_cross_entropy_is_the_mean_negative_log_likelihood_of_the_sigmoid()
    {
        double[] logits = [0.5, -1.5, 2.0];
        double[] targets = [1, 0, 0.25];
        double expected = 0;
        for (int i = 0; i < 3; i++)
        {
            double p = Sigmoid(logits[i]);
            expected -= (targets[i] * Math.Log(p) + (1 - targets[i]) * Math.Log(1 - p)) / 3;
        }

        Assert.Equal(expected, new BinaryCrossEntropy().Forward(logits, targets), 14);
    }

    [Fact]
    public void Binary_cross_entropy_is_finite_for_logits_of_plus_and_minus_1000()
    {
        var loss = new BinaryCrossEntropy();

        // Both examples are confidently wrong: −log σ(−1000) ≈ 1000 each.
        double value = loss.Forward(new double[] { -1000, 1000 }, new double[] { 1, 0 });

        Assert.Equal(1000, value, 9);
        // (σ(z) − t)/n = (0 − 1)/2 and (1 − 0)/2
        Assert.Equal(new[] { -0.5, 0.5 }, loss.Backward().ToArray());
    }

    [Fact]
    public void L1_is_the_mean_absolute_error()
    {
        Assert.Equal((0.5 + 2 + 0) / 3, new MeanAbsoluteError().Forward(new double[] { 1, -1, 3 }, new double[] { 1.5, 1, 3 }), 14);
    }

    [Fact]
    public void Huber_is_quadratic_inside_delta_and_linear_outside()
    {
        // d = 0.5 (inside δ = 1): ½·0.25; d = −3 (outside): 1·(3 − ½)
        double value = new HuberLoss(1.0).Forward(new double[] { 1.5, -2 }, new double[] { 1, 1 });

        Assert.Equal((0.125 + 2.5) / 2, value, 14);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Passes_the_gradient_check(string name)
    {
        var loss = Create(name);
        // Away from the kinks of |d| (L1) and |d| = δ (Huber): predictions = targets ± at least 0.1, ≠ 0.7 apart.
        double[] targets = Targets(name, 8);
        double[] offsets = TestValues.AwayFromZero(8, 6);
        double[] predictions = [.. targets.Select((t, i) => t + (Math.Abs(Math.Abs(offsets[i]) - 0.7) < 0.05 ? offsets[i] * 1.2 : offsets[i]))];
        loss.Forward(predictions, targets);
        double[] analytic = loss.Backward().ToArray();

        GradientCheckResult worst = GradientCheck.Check(() => loss.Forward(predictions, targets), predictions, analytic, "predictions");

        Assert.True(worst.Passes(Tolerance), worst.ToString());
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void An_sgd_step_on_its_gradient_lowers_the_loss_by_about_lr_times_the_squared_gradient_norm(string name)
    {
        var loss = Create(name);
        var parameter = new Parameter("predictions", 1, 6, regularized: false);
        TestValues.AwayFromZero(6, 8).CopyTo(parameter.Value, 0);
        double[] targets = Targets(name, 6);
        double before = loss.Forward(parameter.Value, targets);
        loss.Backward().Span.CopyTo(parameter.Gradient);
        double squaredNorm = parameter.Gradient.Sum(g => g * g);
        double[] expectedValues = [.. parameter.Value.Zip(parameter.Gradient, (v, g) => v - 1e-3 * g)];

        new Sgd([parameter], learningRate: 1e-3).Step();
        double after = loss.Forward(parameter.Value, targets);

        TestAssert.AllClose(expectedValues, parameter.Value);
        // first order: Δloss ≈ −lr·‖g‖² (the step is small enough that the curvature term is below 1%)
        Assert.Equal(-1e-3 * squaredNorm, after - before, 1e-3 * squaredNorm * 0.01);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void A_wrong_number_of_targets_names_the_parameter_and_both_sizes(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Create(name).Forward(new double[3], new double[2]));

        Assert.Equal("targets", error.ParamName);
        Assert.Contains("2 elements; expected 3", error.Message);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void A_NaN_prediction_is_a_non_finite_loss(string name)
    {
        Assert.Throws<NonFiniteLossException>(() => Create(name).Forward(new double[] { double.NaN, 0 }, new double[] { 0, 1 }));
    }

    [Fact]
    public void Binary_cross_entropy_rejects_a_target_outside_0_1()
    {
        var error = Assert.Throws<ArgumentException>(() => new BinaryCrossEntropy().Forward(new double[] { 0, 0 }, new double[] { 0.5, 1.5 }));

        Assert.Equal("targets", error.ParamName);
        Assert.Contains("targets[1] is 1.5", error.Message);
    }

    [Fact]
    public void Huber_rejects_a_delta_that_is_not_positive()
    {
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => new HuberLoss(0)).ParamName);
    }
}
