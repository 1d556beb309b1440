using System;

namespace Gradients.Tests;

/// <summary>After warm-up (ArrayPool's first rents allocate), a gradient call allocates nothing on the heap.</summary>
public class AllocationTests
{
    /// <summary>
    /// Bytes allocated by <paramref name="calls"/> calls, in the quietest of three windows: an allocation
    /// in every call shows in every window, while a one-off event in the process (other test classes
    /// run in parallel) can show in at most one.
    /// </summary>
    internal static long AllocatedBy(Action call, int calls = 1_000)
    {
        for (int i = 0; i < 20; i++) call(); // warm-up: JIT, first pool rents
        long quietest = long.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++) call();
            quietest = Math.Min(quietest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return quietest;
    }

    private static double[] Values(int n, int seed)
    {
        var rng = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rng.NextDouble() * 2 - 1;
        return v;
    }

    [Fact]
    public void DotProductOverASpan_AllocatesNothing()
    {
        double[] a = Values(100, 1), b = Values(100, 2), da = new double[100], db = new double[100];
        double sink = 0;
        Assert.Equal(0, AllocatedBy(() => sink += Lp.DotGradient(a, b.AsSpan(), da, db)));
        Assert.Equal(0, AllocatedBy(() => sink += Lp.DotBackward(a, b, 0.5, da, db)));
        Assert.True(double.IsFinite(sink));
    }

    [Fact]
    public void Rosenbrock_AllocatesNothing()
    {
        double[] x = Values(1_000, 3), dx = new double[1_000];
        double sink = 0;
        Assert.Equal(0, AllocatedBy(() => sink += Lp.RosenbrockGradient(x, dx)));
        Assert.True(double.IsFinite(sink));
    }

    [Theory]
    [InlineData(65)]     // one past the 64-entry stack buffer
    [InlineData(1_000)]
    [InlineData(100_000)] // the tape lives in a pooled array
    public void TapeGrowingPastItsStackBuffer_AllocatesNothing(int n)
    {
        double[] w = Values(n, 4), dw = new double[n];
        double sink = 0;
        Assert.Equal(0, AllocatedBy(() => sink += Lp.HornerGradient(0.999, w, out _, dw), calls: Math.Max(20, 2_000_000 / n)));
        Assert.True(double.IsFinite(sink));
    }

    [Fact]
    public void StackallocScratchOverwrittenPerPoint_AllocatesNothing()
    {
        var rng = new Random(5);
        double[] data = new double[3 * 200];
        for (int p = 0; p < 200; p++)
        {
            data[3 * p] = rng.NextDouble();
            data[3 * p + 1] = rng.NextDouble();
            data[3 * p + 2] = rng.Next(3);
        }
        double[] W = Values(6, 6), b = Values(3, 7), dW = new double[6], db = new double[3];
        double sink = 0;
        Assert.Equal(0, AllocatedBy(() => sink += Lp.LogLikelihoodGradient(W, b, data, dW, db)));
        Assert.True(double.IsFinite(sink));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(10_000)] // the local array's adjoint lives in a pooled workspace chunk
    public void LocalArrayAdjointFromTheWorkspace_AllocatesNothingButTheArrayItself(int n)
    {
        // LocalSized itself allocates `new double[n]`; the gradient must allocate that and nothing more.
        double[] w = Values(n, 8), dw = new double[n];
        long functionOnly = AllocatedBy(() => Arr.LocalSized(1.3, w), calls: 100);
        long gradient = AllocatedBy(() => Arr.LocalSizedGradient(1.3, w, out _, dw), calls: 100);
        Assert.Equal(functionOnly, gradient);
    }

    [Fact]
    public void SoftmaxCrossEntropy_AllocatesNothing()
    {
        double[] s = Values(1_000, 9), d = new double[1_000];
        double sink = 0;
        Assert.Equal(0, AllocatedBy(() => sink += Lp.SoftmaxCrossEntropyGradient(s, 17, d)));
        Assert.True(double.IsFinite(sink));
    }
}
