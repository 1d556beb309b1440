using SymbolicDiff.Nn;
using SymbolicDiff.Optim;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>
/// Three steps of every optimizer against the documented (PyTorch) formulas, worked out by hand
/// below for θ₀ = (1, −2) and the gradients g₁ = (0.5, −1), g₂ = (0.2, 0.4), g₃ = (−0.3, 0.1).
/// </summary>
public class OptimizerTests
{
    private static readonly double[][] Gradients = [[0.5, -1.0], [0.2, 0.4], [-0.3, 0.1]];

    [Fact]
    public void Sgd_steps_theta_minus_lr_times_g()
    {
        double[][] thetas = Run(p => new Sgd(p, learningRate: 0.1));

        // θ ← θ − lr·g
        TestAssert.AllClose([1 - 0.1 * 0.5, -2 - 0.1 * -1.0], thetas[0]);
        TestAssert.AllClose([0.95 - 0.1 * 0.2, -1.9 - 0.1 * 0.4], thetas[1]);
        TestAssert.AllClose([0.93 - 0.1 * -0.3, -1.94 - 0.1 * 0.1], thetas[2]);
    }

    [Fact]
    public void Momentum_keeps_a_velocity_that_starts_at_the_first_gradient()
    {
        double[][] thetas = Run(p => new Sgd(p, learningRate: 0.1, momentum: 0.9));

        // b ← 0.9·b + g; θ ← θ − 0.1·b
        // b₁ = (0.5, −1)                                   θ₁ = (0.95, −1.9)
        // b₂ = (0.45 + 0.2, −0.9 + 0.4) = (0.65, −0.5)      θ₂ = (0.885, −1.85)
        // b₃ = (0.585 − 0.3, −0.45 + 0.1) = (0.285, −0.35)  θ₃ = (0.8565, −1.815)
        TestAssert.AllClose([0.95, -1.9], thetas[0]);
        TestAssert.AllClose([0.885, -1.85], thetas[1]);
        TestAssert.AllClose([0.8565, -1.815], thetas[2]);
    }

    [Fact]
    public void Nesterov_steps_along_the_gradient_plus_momentum_times_the_new_velocity()
    {
        double[][] thetas = Run(p => new Sgd(p, learningRate: 0.1, momentum: 0.9, nesterov: true));

        // b ← 0.9·b + g; θ ← θ − 0.1·(g + 0.9·b), with b as in the momentum test:
        // u₁ = (0.5 + 0.45, −1 − 0.9) = (0.95, −1.9)            θ₁ = (0.905, −1.81)
        // u₂ = (0.2 + 0.585, 0.4 − 0.45) = (0.785, −0.05)        θ₂ = (0.8265, −1.805)
        // u₃ = (−0.3 + 0.2565, 0.1 − 0.315) = (−0.0435, −0.215)  θ₃ = (0.83085, −1.7835)
        TestAssert.AllClose([0.905, -1.81], thetas[0]);
        TestAssert.AllClose([0.8265, -1.805], thetas[1]);
        TestAssert.AllClose([0.83085, -1.7835], thetas[2]);
    }

    [Fact]
    public void RmsProp_divides_by_the_root_of_the_squared_gradient_average()
    {
        double[][] thetas = Run(p => new RmsProp(p, learningRate: 0.01, alpha: 0.99, epsilon: 1e-8));

        // v ← 0.99·v + 0.01·g²; θ ← θ − 0.01·g / (√v + 1e-8)
        // v₁ = (0.0025, 0.01)
        double[] theta1 = [1 - 0.01 * 0.5 / (Math.Sqrt(0.0025) + 1e-8), -2 - 0.01 * -1.0 / (Math.Sqrt(0.01) + 1e-8)];
        // v₂ = (0.99·0.0025 + 0.01·0.04, 0.99·0.01 + 0.01·0.16) = (0.002875, 0.0115)
        double[] theta2 = [theta1[0] - 0.01 * 0.2 / (Math.Sqrt(0.002875) + 1e-8), theta1[1] - 0.01 * 0.4 / (Math.Sqrt(0.0115) + 1e-8)];
        // v₃ = (0.99·0.002875 + 0.01·0.09, 0.99·0.0115 + 0.01·0.01) = (0.00374625, 0.011485)
        double[] theta3 = [theta2[0] - 0.01 * -0.3 / (Math.Sqrt(0.00374625) + 1e-8), theta2[1] - 0.01 * 0.1 / (Math.Sqrt(0.011485) + 1e-8)];
        TestAssert.AllClose(theta1, thetas[0]);
        TestAssert.AllClose(theta2, thetas[1]);
        TestAssert.AllClose(theta3, thetas[2]);
    }

    [Fact]
    public void Adam_uses_bias_corrected_moment_estimates()
    {
        double[][] thetas = Run(p => new Adam(p, learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8));

        // m ← 0.9·m + 0.1·g; v ← 0.999·v + 0.001·g²; θ ← θ − 0.1·(m / (1 − 0.9ᵗ)) / (√(v / (1 − 0.999ᵗ)) + 1e-8)
        // t = 1: m = (0.05, −0.1), v = (0.00025, 0.001)
        double[] theta1 =
        [
            1 - 0.1 * (0.05 / 0.1) / (Math.Sqrt(0.00025 / 0.001) + 1e-8),
            -2 - 0.1 * (-0.1 / 0.1) / (Math.Sqrt(0.001 / 0.001) + 1e-8),
        ];
        // t = 2: m = (0.045 + 0.02, −0.09 + 0.04) = (0.065, −0.05); v = (0.00024975 + 0.00004, 0.000999 + 0.00016) = (0.00028975, 0.001159)
        double[] theta2 =
        [
            theta1[0] - 0.1 * (0.065 / 0.19) / (Math.Sqrt(0.00028975 / 0.001999) + 1e-8),
            theta1[1] - 0.1 * (-0.05 / 0.19) / (Math.Sqrt(0.001159 / 0.001999) + 1e-8),
        ];
        // t = 3: m = (0.0585 − 0.03, −0.045 + 0.01) = (0.0285, −0.035);
        //        v = (0.00028946025 + 0.00009, 0.001157841 + 0.00001) = (0.00037946025, 0.001167841)
        //        1 − 0.9³ = 0.271, 1 − 0.999³ = 0.002997001
        double[] theta3 =
        [
            theta2[0] - 0.1 * (0.0285 / 0.271) / (Math.Sqrt(0.00037946025 / 0.002997001) + 1e-8),
            theta2[1] - 0.1 * (-0.035 / 0.271) / (Math.Sqrt(0.001167841 / 0.002997001) + 1e-8),
        ];
        TestAssert.AllClose(theta1, thetas[0]);
        TestAssert.AllClose(theta2, thetas[1]);
        TestAssert.AllClose(theta3, thetas[2]);
    }

    [Fact]
    public void Invalid_hyper_parameters_are_rejected()
    {
        Parameter[] parameters = [new Parameter("p", 1, 2, regularized: false)];
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(parameters, learningRate: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(parameters, learningRate: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(parameters, 0.1, momentum: 1));
        Assert.Throws<ArgumentException>(() => new Sgd(parameters, 0.1, momentum: 0, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp(parameters, alpha: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(parameters, epsilon: 0));
    }

    [Fact]
    public void AdamW_shrinks_theta_by_one_minus_lr_times_decay_before_the_adam_step()
    {
        double[][] thetas = Run(p => new AdamW(p, learningRate: 0.1, weightDecay: 0.5));

        // θ ← θ·(1 − 0.1·0.5), then the Adam step of the first test: m̂ = g, v̂ = g², so the step is lr·g/(|g| + ε)
        double[] theta1 =
        [
            1 * 0.95 - 0.1 * 0.5 / (0.5 + 1e-8),
            -2 * 0.95 - 0.1 * -1.0 / (1.0 + 1e-8),
        ];
        TestAssert.AllClose(theta1, thetas[0]);
    }

    [Fact]
    public void AdamW_without_decay_is_adam()
    {
        double[][] adam = Run(p => new Adam(p, learningRate: 0.1));
        double[][] adamW = Run(p => new AdamW(p, learningRate: 0.1, weightDecay: 0));

        for (int step = 0; step < adam.Length; step++)
        {
            Assert.Equal(adam[step], adamW[step]);
        }
    }

    [Fact]
    public void AdamW_rejects_a_negative_decay()
    {
        var parameters = new[] { new Parameter("theta", 1, 1, regularized: false) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW(parameters, weightDecay: -0.1));

        Assert.Equal("weightDecay", error.ParamName);
    }

    /// <summary>Three steps from θ₀ = (1, −2) with <see cref="Gradients"/>; θ after each step.</summary>
    private static double[][] Run(Func<Parameter[], Optimizer> create)
    {
        var parameter = new Parameter("theta", 1, 2, regularized: false);
        parameter.Value[0] = 1;
        parameter.Value[1] = -2;
        Optimizer optimizer = create([parameter]);
        var thetas = new double[Gradients.Length][];
        for (int step = 0; step < Gradients.Length; step++)
        {
            Gradients[step].CopyTo(parameter.Gradient, 0);
            optimizer.Step();
            thetas[step] = (double[])parameter.Value.Clone();
        }

        return thetas;
    }
}
