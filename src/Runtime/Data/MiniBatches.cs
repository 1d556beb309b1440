using System;
using System.Collections.Generic;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Data;

/// <summary>One mini-batch: <see cref="Count"/> points, their features (row-major) and labels.</summary>
/// <param name="Features">Count × dimensions values, row-major.</param>
/// <param name="Labels">Count class indices.</param>
/// <param name="Count">Number of points in this batch.</param>
public readonly record struct MiniBatch(ReadOnlyMemory<double> Features, ReadOnlyMemory<int> Labels, int Count);

/// <summary>
/// Mini-batches of a data set, reshuffled every epoch by a seeded random order (PyTorch's
/// <c>DataLoader(shuffle=True)</c> with a seeded generator): every point appears exactly once per
/// epoch, the last batch holds the remainder, and the same seed gives the same batches.
/// </summary>
/// <remarks>
/// A batch's memory is reused by the next batch: copy what must outlive it. After the first
/// epoch nothing is allocated except the enumerator.
/// </remarks>
public sealed class MiniBatches
{
    private readonly ClassificationData _data;
    private readonly Random _random;
    private readonly int[] _order;
    private readonly double[] _features;
    private readonly int[] _labels;

    /// <summary>Creates the sampler.</summary>
    /// <param name="data">The data set.</param>
    /// <param name="batchSize">Points per batch (at least 1; larger than the data set means one batch).</param>
    /// <param name="seed">Seed of the shuffling.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is less than 1.</exception>
    public MiniBatches(ClassificationData data, int batchSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        Shape.RequirePositive(batchSize, nameof(batchSize));
        _data = data;
        BatchSize = Math.Min(batchSize, data.Count);
        _random = new Random(seed);
        _order = new int[data.Count];
        _features = new double[BatchSize * data.Dimensions];
        _labels = new int[BatchSize];
    }

    /// <summary>Points per batch (the last batch of an epoch may hold fewer).</summary>
    public int BatchSize { get; }

    /// <summary>Batches per epoch: ⌈count / batch size⌉.</summary>
    public int BatchesPerEpoch => (_data.Count + BatchSize - 1) / BatchSize;

    /// <summary>Shuffles the points and returns the next epoch's batches.</summary>
    public IEnumerable<MiniBatch> NextEpoch()
    {
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        _random.Shuffle(_order);
        return Batches();
    }

    private IEnumerable<MiniBatch> Batches()
    {
        int dimensions = _data.Dimensions;
        for (int start = 0; start < _order.Length; start += BatchSize)
        {
            int count = Math.Min(BatchSize, _order.Length - start);
            for (int i = 0; i < count; i++)
            {
                int point = _order[start + i];
                _data.Features.AsSpan(point * dimensions, dimensions).CopyTo(_features.AsSpan(i * dimensions));
                _labels[i] = _data.Labels[point];
            }

            yield return new MiniBatch(_features.AsMemory(0, count * dimensions), _labels.AsMemory(0, count), count);
        }
    }
}
