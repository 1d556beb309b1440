using System.Runtime.CompilerServices;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>Snapshots of the generated companions for loops over arrays and spans; each must also compile cleanly.</summary>
public class LoopSnapshotTests
{
    static void Verify(string body, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var result = GeneratorHarness.Run("using System;\nusing SymbolicDiff;\npublic static partial class Loops\n{\n" + body + "\n}\n");
        result.AssertCompilesCleanly();
        Assert.Empty(result.Diagnostics);
        Snapshot.VerifyGenerated(result, testFile, testMethod);
    }

    [Fact]
    public void DotProduct() => Verify("""
            [Differentiable]
            public static double Dot(double[] a, ReadOnlySpan<double> b)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++)
                    s += a[i] * b[i];
                return s;
            }
        """);

    /// <summary>A sum the result never reads gets no adjoint code: the reverse loop updates only dx from the live sum.</summary>
    [Fact]
    public void DeadSumGetsNoAdjoint() => Verify("""
            [Differentiable]
            public static double F(double x)
            {
                double dead = 0;
                double live = 0;
                for (int i = 0; i < 3; i++)
                {
                    dead += Math.Exp(x * 1000);
                    live += x * x;
                }
                return live;
            }
        """);

    [Fact]
    public void Rosenbrock() => Verify("""
            [Differentiable]
            public static double Rosenbrock(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < x.Length - 1; i++)
                {
                    double d = x[i + 1] - x[i] * x[i];
                    double e = 1 - x[i];
                    s += 100 * d * d + e * e;
                }
                return s;
            }
        """);

    /// <summary>
    /// The max loop pushes nothing: its reverse iterations take the old maximum from a trace made by running the
    /// loop's header again (a running minimum: the maximum of the negated values), so ties split as with a tape.
    /// </summary>
    [Fact]
    public void SoftmaxMaxAndRunningMinimumUseNoTape() => Verify("""
            [Differentiable]
            public static double SoftmaxCrossEntropy(ReadOnlySpan<double> scores, int label)
            {
                double m = scores[0];
                for (int i = 1; i < scores.Length; i++)
                {
                    m = Math.Max(m, scores[i]);
                }
                double sum = 0.0;
                for (int i = 0; i < scores.Length; i++)
                {
                    sum += Math.Exp(scores[i] - m);
                }
                return Math.Log(sum) - (scores[label] - m);
            }

            [Differentiable]
            public static float Smallest(float[] a, float x)
            {
                float m = x;
                for (int i = 0; i < a.Length; i++)
                    m = MathF.Min(a[i] * x, m);
                return m;
            }
        """);

    [Fact]
    public void NestedLoopsPow9() => Verify("""
            [Differentiable]
            public static double Pow9(double x)
            {
                double t = 1;
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++)
                        t *= x;
                return t;
            }
        """);

    [Fact]
    public void While() => Verify("""
            [Differentiable]
            public static double Halve(double x)
            {
                double y = 3 * x;
                while (y > 1)
                    y = y * 0.5;
                return y * y;
            }
        """);

    [Fact]
    public void BreakAndContinue() => Verify("""
            [Differentiable]
            public static double F(double x, double[] w)
            {
                double s = 0;
                for (int i = 0; i < w.Length; i++)
                {
                    if (w[i] < 0)
                        continue;
                    if (w[i] > 5)
                        break;
                    s += x * w[i] * w[i];
                }
                return s;
            }
        """);

    [Fact]
    public void ReturnInsideLoop() => Verify("""
            [Differentiable]
            public static double FirstAbove(ReadOnlySpan<double> w, [NoDiff] double threshold)
            {
                double s = 0;
                for (int i = 0; i < w.Length; i++)
                {
                    s += w[i];
                    if (w[i] > threshold)
                        return s * w[i];
                }
                return s;
            }
        """);

    [Fact]
    public void ForEach() => Verify("""
            [Differentiable]
            public static double F(double x, double[] w)
            {
                double s = 0;
                foreach (double v in w)
                    s += Math.Sin(v) * x;
                return s;
            }
        """);

    [Fact]
    public void StackallocScratch() => Verify("""
            [Differentiable]
            public static double LogLikelihood(ReadOnlySpan<double> W, [NoDiff] ReadOnlySpan<double> data)
            {
                Span<double> scores = stackalloc double[2];
                double ll = 0;
                for (int p = 0; p + 1 < data.Length; p += 2)
                {
                    for (int c = 0; c < 2; c++)
                        scores[c] = W[c] * data[p];
                    int label = (int)data[p + 1];
                    ll += scores[label] - Math.Log(Math.Exp(scores[0]) + Math.Exp(scores[1]));
                }
                return ll;
            }
        """);

    /// <summary>
    /// GMM's point loop: every iteration overwrites the scratch arrays before reading them, so its backward pass runs
    /// inside it, no tape between points (IterationLocalArrays); the helper's value comes from its pullback (ValueFromPullback).
    /// </summary>
    [Fact]
    public void ScratchPerPoint() => Verify("""
            [Differentiable]
            public static double Norm(ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++)
                    s += v[i] * v[i];
                return Math.Sqrt(s);
            }

            [Differentiable]
            public static double Spread(ReadOnlySpan<double> centre, [NoDiff] ReadOnlySpan<double> points)
            {
                int d = centre.Length;
                Span<double> diff = stackalloc double[d];
                double total = 0;
                for (int p = 0; p < points.Length / d; p++)
                {
                    for (int i = 0; i < d; i++)
                        diff[i] = points[p * d + i] - centre[i];
                    total += Norm(diff) + Math.Log(1 + diff[0] * diff[0]);
                }
                return total;
            }
        """);

    [Fact]
    public void ArrayInitializer() => Verify("""
            [Differentiable]
            public static double F(double x, double y)
            {
                double[] a = { x, y, x * y };
                double s = 0;
                for (int i = 0; i < a.Length; i++)
                    s += a[i] * a[i];
                return s;
            }
        """);

    /// <summary>
    /// GMM's Q·z: z[i] is the same in every iteration of the inner loop, so it is read once before it (under the
    /// loop's own condition), saved once per outer iteration, and its adjoint is added up in a register.
    /// </summary>
    [Fact]
    public void TriangularProductReadsTheInvariantElementOnce() => Verify("""
            [Differentiable]
            public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> l)
            {
                int n = x.Length;
                Span<double> z = stackalloc double[n];
                Span<double> m = stackalloc double[n];
                double s = 0;
                for (int r = 0; r < 2; r++)
                {
                    for (int i = 0; i < n; i++)
                    {
                        z[i] = x[i] - r;
                        m[i] = z[i];
                    }

                    int k = 0;
                    for (int i = 0; i < n; i++)
                    {
                        for (int j = i + 1; j < n; j++)
                        {
                            m[j] += l[k] * z[i];
                            k++;
                        }
                    }

                    for (int i = 0; i < n; i++)
                        s += m[i] * m[i];
                }
                return s;
            }
        """);

    /// <summary>
    /// Issue 9: a triangle loop from <c>i + 1</c> with a counter <c>k</c> carried through both loops is the user's
    /// <c>for (int j = i + 1; j &lt; n; j++) { …; k++; }</c>. Before, the start was a variable of its own that the backward
    /// pass computed again (<c>int j = i_1 + 1; while (j &lt; n) { int j_1 = j; … j = j_1 + 1; }</c>), and every version of
    /// <c>k</c> the backward pass declares again was a copy (<c>int k_2 = k_1; k_1 = k_2;</c>).
    /// </summary>
    [Fact]
    public void TriangleLoopFromTheOuterIndexIsTheUsersFor() => Verify("""
            [Differentiable]
            public static double F(ReadOnlySpan<double> x, ReadOnlySpan<double> l)
            {
                int n = x.Length;
                Span<double> m = stackalloc double[n];
                int k = 0;
                for (int i = 0; i < n; i++)
                {
                    for (int j = i + 1; j < n; j++)
                    {
                        m[j] += l[k] * x[i];
                        k++;
                    }
                }

                double s = 0;
                for (int i = 0; i < n; i++)
                    s += m[i] * Math.Sin(m[i]);
                return s;
            }
        """);

    /// <summary>
    /// Issue 9: an element stored and read back is the user's <c>m[i] = z[i] * z[i];</c>, each element read once. Before:
    /// <c>double t2 = z[i]; double t3 = z[i]; m[i] = t2 * t3;</c>.
    /// </summary>
    [Fact]
    public void StoredElementReadBackAsTheUserWroteIt() => Verify("""
            [Differentiable]
            public static double F(ReadOnlySpan<double> x)
            {
                int n = x.Length;
                Span<double> z = stackalloc double[n];
                Span<double> m = stackalloc double[n];
                double s = 0;
                for (int r = 0; r < 2; r++)
                {
                    for (int i = 0; i < n; i++)
                    {
                        z[i] = x[i] - r;
                        m[i] = z[i] * z[i];
                    }

                    for (int i = 0; i < n; i++)
                        s += Math.Exp(m[i]);
                }
                return s;
            }
        """);

    /// <summary>
    /// The first loop's counter is read after its step by the forward pass alone (<c>i++; if (i % 2 == 0) …</c>),
    /// so its step stays where the user wrote it; the second loop's step moves to the end of the iteration, a
    /// <c>for</c> loop's step.
    /// </summary>
    [Fact]
    public void CounterReadAfterItsStepKeepsTheStepInPlace() => Verify("""
            [Differentiable]
            public static double F(double[] x)
            {
                double s = 0;
                int i = 0;
                while (i < x.Length)
                {
                    i++;
                    if (i % 2 == 0)
                        s += x[0];
                }
                for (int j = 0; j < x.Length; j++)
                    s += x[j] * x[j];
                return s;
            }
        """);
}
