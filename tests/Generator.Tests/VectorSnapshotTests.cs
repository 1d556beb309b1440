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
