using SymbolicDiff.Data;
using SymbolicDiff.Nn;
using SymbolicDiff.Numerics;
using SymbolicDiff.Optim;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>Training on the spiral: that it learns, that it does not allocate, and that NaN stops it.</summary>
public class TrainingTests
{
    [Fact]
    public void A_seeded_two_layer_network_learns_the_spiral_to_at_least_95_percent()
    {
        (ClassifierTrainer trainer, _) = TwoLayerNetwork(seed: 0, network => new Sgd(network.Parameters, 1.0));

        for (int i = 0; i < 2000; i++)
        {
            trainer.Step();
        }

        Assert.True(trainer.Accuracy() >= 0.95, $"training accuracy {trainer.Accuracy():P1}");
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("nesterov")]
    [InlineData("rmsprop")]
    [InlineData("adam")]
    public void A_training_step_allocates_nothing_in_steady_state(string optimizer)
    {
        (ClassifierTrainer trainer, _) = TwoLayerNetwork(seed: 1, network => optimizer switch
        {
            "sgd" => new Sgd(network.Parameters, 1.0),
            "nesterov" => new Sgd(network.Parameters, 0.1, momentum: 0.9, nesterov: true),
            "rmsprop" => new RmsProp(network.Parameters),
            _ => new Adam(network.Parameters),
        });
        // Steady state: the first steps may run code for the first time (type initializers, pooled
        // buffers). Of three windows of 20 steps the quietest must allocate nothing at all: an
        // allocation in every step would show in every window, while a one-off event in the process
        // (this assembly's other tests run in parallel) shows in at most one.
        for (int i = 0; i < 5; i++)
        {
            trainer.Step();
        }

        long quietest = long.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++)
            {
                trainer.Step();
            }

            quietest = Math.Min(quietest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, quietest);
    }

    [Fact]
    public void A_nan_feature_stops_training_with_NonFiniteLossException_before_any_update()
    {
        (ClassifierTrainer trainer, Sequential network) = TwoLayerNetwork(seed: 2, n => new Sgd(n.Parameters, 1.0), poison: true);
        double[][] before = network.Parameters.Select(p => (double[])p.Value.Clone()).ToArray();

        var error = Assert.Throws<NonFiniteLossException>(() => trainer.Step());

        Assert.True(double.IsNaN(error.Loss));
        Assert.Equal("softmax cross-entropy", error.LossName);
        for (int p = 0; p < before.Length; p++)
        {
            Assert.Equal(before[p], network.Parameters[p].Value);
        }
    }

    /// <summary>The case study's network (2 → 100 ReLU → 3) on 100 points per class, with cs231n's initialization.</summary>
    private static (ClassifierTrainer Trainer, Sequential Network) TwoLayerNetwork(
        int seed, Func<Sequential, Optimizer> optimizer, bool poison = false)
    {
        var random = new GaussianRandom(seed);
        ClassificationData data = Spiral.Generate(100, 3, random);
        if (poison)
        {
            data.Features[17] = double.NaN;
        }

        var network = new Sequential(
            new Dense(2, 100, WeightInit.Gaussian(0.01), random, "hidden") { ComputesInputGradient = false },
            new ReLU(100),
            new Dense(100, 3, WeightInit.Gaussian(0.01), random, "scores"));
        return (new ClassifierTrainer(network, optimizer(network), new L2Regularization(1e-3), data), network);
    }
}
