using SymbolicDiff.Nn;
using SymbolicDiff.Optim;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>Learning-rate schedules and gradient clipping by norm.</summary>
public class ScheduleAndClippingTests
{
    [Fact]
    public void Step_decay_multiplies_by_the_factor_every_n_steps()
    {
        var schedule = new StepDecay(initial: 1.0, factor: 0.5, every: 10);

        Assert.Equal([1.0, 1.0, 0.5, 0.5, 0.25, 0.125], new[] { 0, 9, 10, 19, 20, 35 }.Select(schedule.At));
    }

    [Fact]
    public void Cosine_annealing_goes_from_initial_to_minimum_along_half_a_cosine()
    {
        var schedule = new CosineAnnealing(initial: 0.1, steps: 100, minimum: 0.01);

        Assert.Equal(0.1, schedule.At(0), 15);
        Assert.Equal(0.055, schedule.At(50), 15);            // halfway: the mean of the two
        Assert.Equal(0.01 + 0.045 * (1 + Math.Cos(Math.PI / 4)), schedule.At(25), 15);
        Assert.Equal(0.01, schedule.At(100), 15);
        Assert.Equal(0.01, schedule.At(1000), 15);          // stays at the minimum
    }

    [Fact]
    public void Apply_sets_the_optimizers_learning_rate()
    {
        var optimizer = new Sgd([new Parameter("w", 1, 1, regularized: false)], learningRate: 1);

        new StepDecay(0.2, 0.1, 5).Apply(optimizer, 5);

        Assert.Equal(0.02, optimizer.LearningRate, 15);
    }

    [Fact]
    public void Schedules_reject_bad_arguments_naming_them()
    {
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(1, 1.5, 10)).ParamName);
        Assert.Equal("every", Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(1, 0.5, 0)).ParamName);
        Assert.Equal("minimum", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealing(0.1, 10, 0.2)).ParamName);
        Assert.Equal("initial", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealing(double.NaN, 10)).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(1, 0.5, 1).At(-1)).ParamName);
    }

    [Fact]
    public void Clipping_scales_all_gradients_together_to_the_max_norm()
    {
        var a = new Parameter("a", 1, 2, regularized: false);
        var b = new Parameter("b", 1, 1, regularized: false);
        a.Gradient[0] = 3;
        a.Gradient[1] = 0;
        b.Gradient[0] = 4;                                   // joint norm 5

        double norm = GradientClipping.ClipByNorm([a, b], maxNorm: 1);

        Assert.Equal(5, norm, 15);
        double scale = 1 / (5 + 1e-6);
        TestAssert.AllClose([3 * scale, 0], a.Gradient);
        TestAssert.AllClose([4 * scale], b.Gradient);
    }

    [Fact]
    public void Clipping_leaves_a_gradient_within_the_norm_unchanged()
    {
        var a = new Parameter("a", 1, 2, regularized: false);
        a.Gradient[0] = 0.3;
        a.Gradient[1] = -0.4;

        Assert.Equal(0.5, GradientClipping.ClipByNorm([a], maxNorm: 1), 15);
        Assert.Equal([0.3, -0.4], a.Gradient);
    }

    [Fact]
    public void A_clipped_step_moves_the_parameters_by_at_most_lr_times_the_max_norm()
    {
        var w = new Parameter("w", 1, 2, regularized: false);
        w.Gradient[0] = 30;
        w.Gradient[1] = -40;

        GradientClipping.ClipByNorm([w], maxNorm: 2);
        new Sgd([w], learningRate: 0.1).Step();

        // the step is lr·2/(50 + 1e-6)·g
        TestAssert.AllClose([-0.1 * 2 * 30 / (50 + 1e-6), 0.1 * 2 * 40 / (50 + 1e-6)], w.Value);
    }

    [Fact]
    public void Clipping_a_NaN_gradient_names_the_parameter()
    {
        var w = new Parameter("dense1.W", 2, 2, regularized: true);
        w.Gradient[3] = double.NaN;

        var error = Assert.Throws<ArgumentException>(() => GradientClipping.ClipByNorm([w], maxNorm: 1));

        Assert.Contains("dense1.W", error.Message);
        Assert.Equal("maxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByNorm([w], 0)).ParamName);
    }
}
