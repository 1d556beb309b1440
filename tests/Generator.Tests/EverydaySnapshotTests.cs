using System.Runtime.CompilerServices;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>Snapshots of everyday C# beyond the core grammar (number-type functions, guards, …); each must also compile cleanly.</summary>
public class EverydaySnapshotTests
{
    static void Verify(string body, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var result = GeneratorHarness.Run("using System;\nusing SymbolicDiff;\npublic static partial class Everyday\n{\n" + body + "\n}\n");
        result.AssertCompilesCleanly();
        Assert.Empty(result.Diagnostics);
        Snapshot.VerifyGenerated(result, testFile, testMethod);
    }

    [Fact]
    public void NumberTypeFunctions() => Verify("""
            [Differentiable]
            public static double Distance(double x, double y) => double.Hypot(x, y) + Math.Asinh(x) + double.LogP1(x * x);
            [Differentiable]
            public static float Signed(float x, float y) => MathF.CopySign(x, y) * float.Exp2(y);
        """);

    /// <summary>A swap in parallel, a recurrence in a loop, and the pair of Math.SinCos deconstructed and read by name.</summary>
    [Fact]
    public void Deconstructions() => Verify("""
            [Differentiable]
            public static double Recurrence(double x, double c, int n)
            {
                double a = x, b = 1.0;
                for (int i = 0; i < n; i++)
                    (a, b) = (b, a + c * b);
                return a * b;
            }
            [Differentiable]
            public static double Rotate(double px, double py, double theta)
            {
                var (s, c) = Math.SinCos(theta);
                double x = c * px - s * py;
                return x * x + Math.SinCos(px).Cos;
            }
        """);

    [Fact]
    public void GuardsAndLogging() => Verify("""
            [Differentiable]
            public static double Checked(double x, double k)
            {
                if (x is <= 0 or double.NaN) throw new ArgumentOutOfRangeException(nameof(x), x, $"log of {x}");
                ArgumentOutOfRangeException.ThrowIfNegative(k);
                System.Diagnostics.Debug.Assert(x > 0);
                double y = x * x + k;
                Console.WriteLine($"y = {y:F3}");
                return k > 0 ? Math.Log(y) * k : throw new InvalidOperationException();
            }
        """);

    [Fact]
    public void LoopConditionsThatComputeAndWrite() => Verify("""
            [Differentiable]
            public static double Doubling(double x)
            {
                double s = x;
                while (Math.Exp(s) < 10) s *= 2;
                return s;
            }
            [Differentiable]
            public static double LeadingRun(double[] x, double limit, int n)
            {
                double s = 0;
                int i = 0;
                while (n-- > 0 && i < x.Length && x[i] < limit) s += x[i++];
                return s;
            }
        """);

    [Fact]
    public void SwitchStatementAndExpression() => Verify("""
            [Differentiable]
            public static double Activation(double x, int kind)
            {
                switch (kind)
                {
                    case 0:
                        return Math.Max(x, 0);
                    case 1:
                    case 2:
                        x = Math.Tanh(x);
                        break;
                }

                return x switch
                {
                    < -1 => -1,
                    var v when v > 1 => Math.Sqrt(v),
                    _ => x * x,
                };
            }
        """);

    [Fact]
    public void IndexFromEndAndRanges() => Verify("""
            [Differentiable]
            public static double Sum(ReadOnlySpan<double> v) { double s = 0; foreach (double e in v) s += e; return s; }
            [Differentiable]
            public static double Tails(double[] x, ReadOnlySpan<double> y) => x[^1] * Sum(x[1..^1]) + Sum(y[2..]);
        """);
}
