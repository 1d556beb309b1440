using System;
using BenchmarkDotNet.Attributes;
using SymbolicDiff.Objectives;

namespace SymbolicDiff.Benchmarks;

/// <summary>
/// ADBench's bundle adjustment test instance (2 cameras, 10 points, 10 observations): the function is
/// every residual (20 reprojection, 10 weight); the "gradient" is the whole sparse Jacobian, one
/// generated reverse pass (<c>ReprojectionErrorBackward</c>) per reprojection row, so its ratio to the
/// function is that of 2 rows against one evaluation of both. The hand-written Jacobian
/// (<c>BundleAdjustmentHandWritten</c>) forms both rows of an observation at once.
/// </summary>
[Config(typeof(BenchConfig))]
public class BundleAdjustmentBenchmarks
{
    private BundleAdjustmentInstance ba = null!;
    private double[] reprojection = [], weights = [], jacobian = [], weightJacobian = [];

    [GlobalSetup]
    public void Setup()
    {
        ba = BundleAdjustmentInstance.Read("ba_test.txt");
        reprojection = new double[2 * ba.P];
        weights = new double[ba.P];
        jacobian = new double[2 * ba.P * BundleAdjustmentInstance.RowNonZeros];
        weightJacobian = new double[ba.P];

        double[] fd = new double[jacobian.Length], fdWeights = new double[ba.P];
        ba.Jacobian(jacobian, weightJacobian);
        FiniteDifferences.BundleAdjustmentJacobian(ba, fd, fdWeights);
        for (int i = 0; i < fd.Length; i++) Check.Close(jacobian[i], fd[i], 1e-6, "BA Jacobian vs central differences");
        for (int i = 0; i < ba.P; i++) Check.Close(weightJacobian[i], fdWeights[i], 1e-8, "BA weight Jacobian");
        double[] hand = new double[jacobian.Length], handWeights = new double[ba.P];
        BundleAdjustmentHandWritten.Jacobian(ba, hand, handWeights);
        for (int i = 0; i < hand.Length; i++) Check.Close(jacobian[i], hand[i], 1e-12, "BA Jacobian vs hand-written");
        for (int i = 0; i < ba.P; i++) Check.Close(weightJacobian[i], handWeights[i], 1e-15, "BA weight Jacobian vs hand-written");
    }

    [Benchmark(Baseline = true, Description = "function (all residuals)")]
    public double Function()
    {
        ba.Residuals(reprojection, weights);
        return reprojection[0] + weights[0];
    }

    [Benchmark(Description = "generated Jacobian (FBackward per row)")]
    public double Generated()
    {
        ba.Jacobian(jacobian, weightJacobian);
        return jacobian[^1];
    }

    [Benchmark(Description = "hand-written Jacobian")]
    public double HandWrittenJacobian()
    {
        BundleAdjustmentHandWritten.Jacobian(ba, jacobian, weightJacobian);
        return jacobian[^1];
    }

    [Benchmark(Description = "central differences")]
    public double CentralDifferences()
    {
        FiniteDifferences.BundleAdjustmentJacobian(ba, jacobian, weightJacobian);
        return jacobian[^1];
    }
}
