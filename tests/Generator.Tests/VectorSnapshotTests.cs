using System.Runtime.CompilerServices;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>Snapshots of vector-valued functions, calls with arrays and custom derivative call sites; each must compile cleanly.</summary>
public class VectorSnapshotTests
{
    static void Verify(string source, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var result = GeneratorHarness.Run(source);
        result.AssertCompilesCleanly();
        Assert.Empty(result.Diagnostics);
        Snapshot.VerifyGenerated(result, testFile, testMethod);
    }

    const string Affine = """
        using System;
        using SymbolicDiff;
        public static partial class Layers
        {
            /// <summary>y = W x + b, W row-major m×n.</summary>
            [Differentiable]
            public static void Affine(ReadOnlySpan<double> W, ReadOnlySpan<double> x, ReadOnlySpan<double> b, Span<double> y)
            {
                int n = x.Length;
                for (int i = 0; i < b.Length; i++)
                {
                    double s = b[i];
                    for (int j = 0; j < n; j++)
                    {
                        s += W[i * n + j] * x[j];
                    }
                    y[i] = s;
                }
            }

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
        }

        """;

    [Fact]
    public void AffineMap() => Verify(Affine);

    /// <summary>F67: an output cleared and accumulated into, and a stepper that copies its next state back: each bulk write is the loop one writes by hand.</summary>
    [Fact]
    public void BulkWrites() => Verify("""
        using System;
        using SymbolicDiff;
        public static partial class Layers
        {
            [Differentiable]
            public static void MatVec(ReadOnlySpan<double> a, ReadOnlySpan<double> x, Span<double> y)
            {
                y.Clear();
                for (int i = 0; i < y.Length; i++)
                {
                    for (int j = 0; j < x.Length; j++)
                    {
                        y[i] += a[i * x.Length + j] * x[j];
                    }
                }
            }

            [Differentiable]
            public static double Smooth(double[] u0, double k, int steps)
            {
                double[] current = new double[u0.Length];
                double[] next = new double[u0.Length];
                u0.CopyTo(current, 0);
                for (int s = 0; s < steps; s++)
                {
                    for (int i = 1; i < current.Length - 1; i++)
                    {
                        next[i] = current[i] + k * (current[i - 1] - 2 * current[i] + current[i + 1]);
                    }

                    next.AsSpan().CopyTo(current);
                }

                return current[0] * current[^1];
            }
        }

        """);

    [Fact]
    public void LossOverAffineOutput() => Verify(Affine + """
        public static partial class Model
        {
            [Differentiable]
            public static double Loss(ReadOnlySpan<double> W, ReadOnlySpan<double> b, [NoDiff] ReadOnlySpan<double> x, int label)
            {
                Span<double> scores = stackalloc double[3];
                Layers.Affine(W, x, b, scores);
                return Layers.SoftmaxCrossEntropy(scores, label);
            }
        }
        """);

    [Fact]
    public void MiniBatchLoopWithSlice() => Verify(Affine + """
        public static partial class Model
        {
            [Differentiable]
            public static double BatchLoss(ReadOnlySpan<double> W, ReadOnlySpan<double> b, [NoDiff] ReadOnlySpan<double> xs, int[] labels)
            {
                Span<double> scores = stackalloc double[3];
                double total = 0;
                for (int p = 0; p < labels.Length; p++)
                {
                    Layers.Affine(W, xs.Slice(2 * p, 2), b, scores);
                    total += Layers.SoftmaxCrossEntropy(scores, labels[p]);
                }
                return total / labels.Length;
            }
        }
        """);

    [Fact]
    public void CustomDerivativeCallSite() => Verify("""
        using System;
        using SymbolicDiff;
        public static partial class Kernels
        {
            public static double SumSquares(ReadOnlySpan<double> x)
            {
                double s = 0;
                foreach (double v in x) s += v * v;
                return s;
            }

            [DerivativeOf(typeof(Kernels), nameof(SumSquares))]
            public static double SumSquaresPullback(ReadOnlySpan<double> x, double seed, Span<double> dx)
            {
                for (int i = 0; i < x.Length; i++) dx[i] += 2 * seed * x[i];
                return SumSquares(x);
            }
        }
        public static partial class Model
        {
            [Differentiable]
            public static double Regularized(ReadOnlySpan<double> w, double lambda) => lambda * Kernels.SumSquares(w) + w[0];
        }
        """);
}
