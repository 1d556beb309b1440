using System;
using BenchmarkDotNet.Attributes;
using SymbolicDiff.Nn.Kernels;

namespace KernelBenchmarks;

internal static class Data
{
    public static double[] Gaussian(int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        }

        return values;
    }
}

/// <summary>Element-wise activations over the hidden layer: 300 × 100.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ActivationBackward
{
    private const int N = 300 * 100;
    private readonly double[] _x = Data.Gaussian(N, 1);
    private readonly double[] _y = new double[N];
    private readonly double[] _dy = Data.Gaussian(N, 2);
    private readonly double[] _dx = new double[N];

    [GlobalSetup]
    public void Setup() => ActivationKernels.ReluForward(_x, _y);

    [Benchmark]
    public double ReluGenerated()
    {
        ActivationKernels.ReluBackward(_x, _y, _dx, _dy);
        return _dx[7];
    }

    [Benchmark]
    public double ReluPullbackWithForward()
    {
        ActivationKernels.ReluPullback(_x, _y, _dx, _dy);
        return _dx[7];
    }

    [Benchmark]
    public double SigmoidGenerated()
    {
        ActivationKernels.SigmoidBackward(_x, _y, _dx, _dy);
        return _dx[7];
    }

    [Benchmark]
    public double SigmoidPullbackWithForward()
    {
        ActivationKernels.SigmoidPullback(_x, _y, _dx, _dy);
        return _dx[7];
    }

    [Benchmark]
    public double TanhGenerated()
    {
        ActivationKernels.TanhBackward(_x, _y, _dx, _dy);
        return _dx[7];
    }

    [Benchmark]
    public double LeakyReluGenerated()
    {
        double dslope = 0;
        ActivationKernels.LeakyReluBackward(_x, 0.01, _y, _dx, ref dslope, _dy);
        return _dx[7];
    }
}

/// <summary>The dense layers' backward passes: 300 × 2 → 100 and 300 × 100 → 3.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DenseBackward
{
    [Params(2, 100)]
    public int Inputs { get; set; }

    private int Outputs => Inputs == 2 ? 100 : 3;

    private const int Batch = 300;
    private double[] _x = [], _w = [], _b = [], _y = [], _dy = [], _dx = [], _dw = [], _db = [], _scratch = [];

    [GlobalSetup]
    public void Setup()
    {
        _x = Data.Gaussian(Batch * Inputs, 1);
        _w = Data.Gaussian(Inputs * Outputs, 2);
        _b = Data.Gaussian(Outputs, 3);
        _dy = Data.Gaussian(Batch * Outputs, 4);
        _y = new double[Batch * Outputs];
        _dx = new double[Batch * Inputs];
        _dw = new double[Inputs * Outputs];
        _db = new double[Outputs];
        _scratch = new double[Inputs * Outputs];
    }

    [Benchmark]
    public double Generated()
    {
        DenseKernels.AffineBackward(_x, _w, _b, _y, Batch, Inputs, Outputs, _dx, _dw, _db, _dy);
        return _dw[1];
    }

    [Benchmark]
    public double PullbackWithForward()
    {
        DenseKernels.AffinePullback(_x, _w, _b, _y, Batch, Inputs, Outputs, _dx, _dw, _db, _dy);
        return _dw[1];
    }

    [Benchmark]
    public double LayerBackward()
    {
        DenseKernels.Backward(_x, _w, _dy, _dw, _db, _dx, _scratch, Batch, Inputs, Outputs);
        return _dw[1];
    }
}

/// <summary>The losses at the spiral's sizes: 300 × 3 logits, and the L2 penalty of W (2 × 100) and W2 (100 × 3).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class LossBackward
{
    private const int Batch = 300, Classes = 3;
    private readonly double[] _logits = Data.Gaussian(Batch * Classes, 1);
    private readonly double[] _targets = Data.Gaussian(Batch * Classes, 2);
    private readonly int[] _labels = new int[Batch];
    private readonly double[] _probabilities = new double[Batch * Classes];
    private readonly double[] _gradient = new double[Batch * Classes];
    private readonly double[] _targetGradient = new double[Batch * Classes];
    private readonly double[] _softmaxGradient = new double[Batch * Classes];
    private readonly double[] _w1 = Data.Gaussian(200, 3), _w2 = Data.Gaussian(300, 4);
    private readonly double[] _dw1 = new double[200], _dw2 = new double[300];

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < Batch; i++)
        {
            _labels[i] = i % Classes;
        }
    }

    [Benchmark]
    public double SoftmaxCrossEntropyGenerated() =>
        LossKernels.SoftmaxCrossEntropyGradient(_logits, _labels, Classes, _gradient) + _gradient[1];

    [Benchmark]
    public double MeanSquaredErrorGenerated() => LossKernels.MeanSquaredErrorGradient(_logits, _targets, _gradient, _targetGradient) + _gradient[1];

    [Benchmark]
    public double L2Generated()
    {
        double penalty = LossKernels.L2Penalty(_w1, 1e-3) + LossKernels.L2Penalty(_w2, 1e-3);
        double dstrength = 0;
        LossKernels.L2PenaltyBackward(_w1, 1e-3, 1.0, _dw1, ref dstrength);
        LossKernels.L2PenaltyBackward(_w2, 1e-3, 1.0, _dw2, ref dstrength);
        return penalty + _dw1[1];
    }

    [Benchmark]
    public double SoftmaxLayerGenerated()
    {
        Array.Clear(_softmaxGradient);
        ActivationKernels.SoftmaxBackward(_logits, Classes, _probabilities, _softmaxGradient, _targets);
        return _softmaxGradient[1];
    }
}
