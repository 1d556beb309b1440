using System;
using System.Linq;
using SymbolicDiff;
using static Gradients.Tests.Numeric;
using static Gradients.Tests.VectorValuedTests;

namespace Gradients.Tests;

/// <summary>Differentiable methods that pass arrays, spans and slices to other differentiable methods.</summary>
public static partial class Net
{
    [Differentiable]
    public static double SoftmaxCrossEntropy(ReadOnlySpan<double> scores, int label)
    {
        double sum = 0;
        for (int k = 0; k < scores.Length; k++)
        {
            sum += Math.Exp(scores[k]);
        }
        return Math.Log(sum) - scores[label];
    }

    /// <summary>Loss over the output of the affine map, for one point; x is data (scratch adjoint for the callee).</summary>
    [Differentiable]
    public static double Loss(ReadOnlySpan<double> W, ReadOnlySpan<double> b, [NoDiff] ReadOnlySpan<double> x, int label)
    {
        Span<double> scores = stackalloc double[3];
        Vec.Affine(W, x, b, scores);
        return SoftmaxCrossEntropy(scores, label);
    }

    /// <summary>Mean loss over a mini-batch: the same stackalloc buffer is overwritten for every point.</summary>
    [Differentiable]
    public static double BatchLoss(ReadOnlySpan<double> W, ReadOnlySpan<double> b, [NoDiff] ReadOnlySpan<double> xs, int[] labels)
    {
        Span<double> scores = stackalloc double[3];
        double total = 0;
        for (int p = 0; p < labels.Length; p++)
        {
            Vec.Affine(W, xs.Slice(2 * p, 2), b, scores);
            total += SoftmaxCrossEntropy(scores, labels[p]);
        }
        return total / labels.Length;
    }

    /// <summary>As <see cref="BatchLoss"/>, but the data points are differentiable too (the slice gets a gradient).</summary>
    [Differentiable]
    public static double BatchLossWithInputs(ReadOnlySpan<double> W, ReadOnlySpan<double> b, ReadOnlySpan<double> xs, int[] labels)
    {
        Span<double> scores = stackalloc double[3];
        double total = 0;
        for (int p = 0; p < labels.Length; p++)
        {
            Vec.Affine(W, xs.Slice(2 * p, 2), b, scores);
            total += SoftmaxCrossEntropy(scores, labels[p]);
        }
        return total / labels.Length;
    }

    /// <summary>A two-layer MLP: Affine → ReLU → Affine → softmax cross-entropy, averaged over points.</summary>
    [Differentiable]
    public static double Mlp(
        ReadOnlySpan<double> W1, ReadOnlySpan<double> b1, ReadOnlySpan<double> W2, ReadOnlySpan<double> b2,
        [NoDiff] ReadOnlySpan<double> xs, int[] labels)
    {
        Span<double> hidden = stackalloc double[4];
        Span<double> activation = stackalloc double[4];
        Span<double> scores = stackalloc double[3];
        double total = 0;
        for (int p = 0; p < labels.Length; p++)
        {
            Vec.Affine(W1, xs.Slice(2 * p, 2), b1, hidden);
            Vec.Relu(hidden, activation);
            Vec.Affine(W2, activation, b2, scores);
            total += SoftmaxCrossEntropy(scores, labels[p]);
        }
        return total / labels.Length;
    }

    /// <summary>A constant array literal for a differentiable callee parameter.</summary>
    [Differentiable]
    public static double ConstantInput(ReadOnlySpan<double> W, ReadOnlySpan<double> b)
    {
        double[] x = new double[] { 0.5, -1.0 };
        Span<double> scores = stackalloc double[3];
        Vec.Affine(W, x, b, scores);
        return SoftmaxCrossEntropy(scores, 2);
    }
}

public class ArrayCallsTests
{
    [Fact]
    public void SoftmaxCrossEntropy_KnownValue()
    {
        // scores log(0.2, 0.3, 0.5), label 1 → gradient (0.2, −0.7, 0.5)
        double[] scores = [Math.Log(0.2), Math.Log(0.3), Math.Log(0.5)];
        double[] d = new double[3];
        double loss = Net.SoftmaxCrossEntropyGradient(scores, 1, d);
        Close(-Math.Log(0.3), loss);
        Agree([0.2, -0.7, 0.5], d, 1e-12, "dscores");
    }

    [Fact]
    public void LossOverAffineOutput_SinglePoint()
    {
        double[] W = Random(6, 31), b = Random(3, 32);
        double[] x = [0.4, -1.3];
        double[] dW = new double[6], db = new double[3];
        double loss = Net.LossGradient(W, b, x, 2, dW, db);
        Close(Net.Loss(W, b, x, 2), loss);
        Check(p => Net.Loss(p[..6], p[6..], x, 2), [.. W, .. b], [.. dW, .. db]);

        // by hand: dscores = softmax − onehot; dW = dscores xᵀ; db = dscores
        double[] s = new double[3];
        Vec.Affine(W, x, b, s);
        double z = s.Sum(Math.Exp);
        double[] ds = s.Select((v, i) => Math.Exp(v) / z - (i == 2 ? 1 : 0)).ToArray();
        Agree(ds, db, 1e-12, "db");
        Agree(Enumerable.Range(0, 6).Select(k => ds[k / 2] * x[k % 2]).ToArray(), dW, 1e-12, "dW");
    }

    static readonly double[] Xs = [0.4, -1.3, 1.1, 0.2, -0.6, 0.9, 0.05, -0.8, 1.7, 1.2];
    static readonly int[] Labels = [0, 2, 1, 2, 0];

    [Fact]
    public void MiniBatchLoopOverNoDiffData_WithSlices()
    {
        double[] W = Random(6, 33), b = Random(3, 34);
        double[] dW = new double[6], db = new double[3];
        double loss = Net.BatchLossGradient(W, b, Xs, Labels, dW, db);
        Close(Net.BatchLoss(W, b, Xs, Labels), loss);
        Check(p => Net.BatchLoss(p[..6], p[6..], Xs, Labels), [.. W, .. b], [.. dW, .. db]);

        // the batch gradient is the mean of the single-point gradients
        double[] sumW = new double[6], sumB = new double[3];
        for (int p = 0; p < Labels.Length; p++)
        {
            double[] gW = new double[6], gB = new double[3];
            Net.LossGradient(W, b, Xs.AsSpan(2 * p, 2), Labels[p], gW, gB);
            for (int k = 0; k < 6; k++) sumW[k] += gW[k] / Labels.Length;
            for (int k = 0; k < 3; k++) sumB[k] += gB[k] / Labels.Length;
        }
        Agree(sumW, dW, 1e-12, "dW");
        Agree(sumB, db, 1e-12, "db");
    }

    [Fact]
    public void MiniBatchLoop_GradientWithRespectToTheSlicedInputs()
    {
        double[] W = Random(6, 35), b = Random(3, 36);
        double[] dW = new double[6], db = new double[3], dxs = new double[Xs.Length];
        double loss = Net.BatchLossWithInputsGradient(W, b, Xs, Labels, dW, db, dxs);
        Close(Net.BatchLoss(W, b, Xs, Labels), loss);
        Check(p => Net.BatchLossWithInputs(p[..6], p[6..9], p[9..], Labels), [.. W, .. b, .. Xs], [.. dW, .. db, .. dxs]);
    }

    [Fact]
    public void TwoLayerMlp_EveryWeightMatchesFiniteDifferences()
    {
        double[] W1 = Random(8, 40), b1 = Random(4, 41), W2 = Random(12, 42), b2 = Random(3, 43);
        double[] dW1 = new double[8], db1 = new double[4], dW2 = new double[12], db2 = new double[3];
        double loss = Net.MlpGradient(W1, b1, W2, b2, Xs, Labels, dW1, db1, dW2, db2);
        Close(Net.Mlp(W1, b1, W2, b2, Xs, Labels), loss);
        Check(
            p => Net.Mlp(p[..8], p[8..12], p[12..24], p[24..], Xs, Labels),
            [.. W1, .. b1, .. W2, .. b2],
            [.. dW1, .. db1, .. dW2, .. db2]);
        Assert.Contains(dW1, g => g != 0);
    }

    [Fact]
    public void MlpBackward_AccumulatesSeedTimesGradient()
    {
        double[] W1 = Random(8, 44), b1 = Random(4, 45), W2 = Random(12, 46), b2 = Random(3, 47);
        double[] gW1 = new double[8], gb1 = new double[4], gW2 = new double[12], gb2 = new double[3];
        Net.MlpGradient(W1, b1, W2, b2, Xs, Labels, gW1, gb1, gW2, gb2);

        double[] dW1 = Enumerable.Repeat(1.0, 8).ToArray(), db1 = Enumerable.Repeat(1.0, 4).ToArray();
        double[] dW2 = Enumerable.Repeat(1.0, 12).ToArray(), db2 = Enumerable.Repeat(1.0, 3).ToArray();
        Net.MlpBackward(W1, b1, W2, b2, Xs, Labels, 0.5, dW1, db1, dW2, db2);
        Agree(gW1.Select(g => 1 + 0.5 * g).ToArray(), dW1, 1e-12, "dW1");
        Agree(gb1.Select(g => 1 + 0.5 * g).ToArray(), db1, 1e-12, "db1");
        Agree(gW2.Select(g => 1 + 0.5 * g).ToArray(), dW2, 1e-12, "dW2");
        Agree(gb2.Select(g => 1 + 0.5 * g).ToArray(), db2, 1e-12, "db2");
    }

    [Fact]
    public void ConstantArrayForADifferentiableCalleeParameter()
    {
        double[] W = Random(6, 52), b = Random(3, 53);
        double[] dW = new double[6], db = new double[3];
        double loss = Net.ConstantInputGradient(W, b, dW, db);
        Close(Net.ConstantInput(W, b), loss);
        Check(p => Net.ConstantInput(p[..6], p[6..]), [.. W, .. b], [.. dW, .. db]);
    }
}
