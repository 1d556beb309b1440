using SymbolicDiff.Data;
using SymbolicDiff.Nn;
using SymbolicDiff.Numerics;
using SymbolicDiff.Optim;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>Seeded mini-batches: coverage, reproducibility, reuse, and training with them.</summary>
public class MiniBatchTests
{
    /// <summary>10 points in 2 dimensions whose features encode their index: point i = (i, −i), label i % 3.</summary>
    private static ClassificationData Indexed(int count = 10) =>
        new([.. Enumerable.Range(0, count).SelectMany(i => new double[] { i, -i })], [.. Enumerable.Range(0, count).Select(i => i % 3)], 2, 3);

    /// <summary>The point indices of each batch of one epoch, read back from the features.</summary>
    private static List<int[]> Epoch(MiniBatches batches) =>
        [.. batches.NextEpoch().Select(b => Enumerable.Range(0, b.Count).Select(i => (int)b.Features.Span[2 * i]).ToArray())];

    [Fact]
    public void Every_point_appears_once_per_epoch_with_its_label_and_the_last_batch_holds_the_rest()
    {
        var data = Indexed();
        var batches = new MiniBatches(data, batchSize: 4, seed: 1);

        foreach (MiniBatch batch in batches.NextEpoch())
        {
            for (int i = 0; i < batch.Count; i++)
            {
                int point = (int)batch.Features.Span[2 * i];
                Assert.Equal(-point, batch.Features.Span[2 * i + 1]);
                Assert.Equal(point % 3, batch.Labels.Span[i]);
            }
        }

        List<int[]> epoch = Epoch(batches);
        Assert.Equal([4, 4, 2], epoch.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10), epoch.SelectMany(b => b).Order());
        Assert.Equal(3, batches.BatchesPerEpoch);
    }

    [Fact]
    public void The_same_seed_gives_the_same_batches_and_epochs_are_reshuffled()
    {
        var first = new MiniBatches(Indexed(), 4, seed: 7);
        var second = new MiniBatches(Indexed(), 4, seed: 7);
        var other = new MiniBatches(Indexed(), 4, seed: 8);

        int[] epoch1 = [.. Epoch(first).SelectMany(b => b)];
        int[] epoch2 = [.. Epoch(first).SelectMany(b => b)];

        Assert.Equal(epoch1, Epoch(second).SelectMany(b => b));
        Assert.Equal(epoch2, Epoch(second).SelectMany(b => b));
        Assert.NotEqual(epoch1, epoch2);
        Assert.NotEqual(epoch1, Epoch(other).SelectMany(b => b));
    }

    [Fact]
    public void A_batch_size_above_the_point_count_is_one_batch_and_zero_is_rejected()
    {
        Assert.Equal(10, new MiniBatches(Indexed(), 64, 0).BatchSize);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new MiniBatches(Indexed(), 0, 0)).ParamName);
    }

    [Fact]
    public void Mini_batch_adam_learns_the_spiral()
    {
        var random = new GaussianRandom(0);
        ClassificationData data = Spiral.Generate(100, 3, random);
        var network = new Sequential(new Dense(2, 100, WeightInit.He, random, "d1"), new ReLU(100), new Dense(100, 3, WeightInit.He, random, "d2"));
        var optimizer = new Adam(network.Parameters, learningRate: 0.01);
        var loss = new SoftmaxCrossEntropy(3);
        var batches = new MiniBatches(data, batchSize: 32, seed: 0);

        for (int epoch = 0; epoch < 200; epoch++)
        {
            foreach (MiniBatch batch in batches.NextEpoch())
            {
                loss.Forward(network.Forward(batch.Features, batch.Count), batch.Labels);
                network.Backward(loss.Backward());
                optimizer.Step();
            }
        }

        double accuracy = Classification.Accuracy(network.Forward(data.Features, data.Count).Span, data.Labels, 3);
        Assert.True(accuracy >= 0.95, $"training accuracy {accuracy:P1}");
    }
}
