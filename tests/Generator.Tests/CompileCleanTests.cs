using Microsoft.CodeAnalysis.CSharp;
using System.Linq;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>Many [Differentiable] methods in one compilation: user + generated code compiles without warnings, and the output is deterministic.</summary>
public class CompileCleanTests
{
    const string Source = """
        #nullable enable
        using System;
        using SymbolicDiff;

        namespace Models.Deep
        {
            public static partial class Circuits
            {
                [Differentiable] public static double AddMul(double x, double y, double z) => (x + y) * z;
                [Differentiable] public static double Neuron(double w0, double x0, double w1, double x1, double w2)
                    => 1.0 / (1.0 + Math.Exp(-(w0 * x0 + w1 * x1 + w2)));
                [Differentiable] public static double MaxGate(double x, double y, double z, double w) => 2 * (x * y + Math.Max(z, w));
                [Differentiable] public static double Everything(double x, double y)
                    => Math.Exp(x) + Math.Log(y) + Math.Log(y, 3) + Math.Log10(y) + Math.Log2(y) + Math.Sqrt(y) + Math.Cbrt(x)
                     + Math.Pow(y, x) + Math.Sin(x) + Math.Cos(x) + Math.Tan(x) + Math.Asin(x / 4) + Math.Acos(x / 4) + Math.Atan(x)
                     + Math.Atan2(y, x) + Math.Sinh(x) + Math.Cosh(x) + Math.Tanh(x) + Math.Abs(x) + Math.Min(x, y)
                     + Math.Clamp(x, -1, y) + Math.FusedMultiplyAdd(x, y, x) + Math.Floor(x) + Math.Ceiling(y)
                     + Math.Round(x) + Math.Truncate(y) + Math.Sign(x);
                [Differentiable] public static double Branchy(double x, double y)
                {
                    double r = x * y;
                    if (x > 0 && !(y < 0)) r += x;
                    else if (x < -1 || y > 2) { r *= y; }
                    else { r -= y; r /= 2; }
                    if (r > 100) return r;
                    return r > 0 ? r * r : -r;
                }
                [Differentiable] public static double UsesOthers(double x, double y) => AddMul(x, y, 2) + Helpers.Softplus(x) + Neuron(x, y, 1, 2, 3);
            }

            public partial struct Layer
            {
                public double Gain;
                const double Bias = 0.1;
                public Layer(double gain) => Gain = gain;
                [Differentiable] public readonly double Forward(double x, [NoDiff] double scale, int n) => Gain * Math.Tanh(x) * scale / n + Bias;
                [Differentiable] public readonly double ReadOnlyForward(double x) => Forward(x, 1, 1) * Gain;
            }

            internal static partial class Helpers
            {
                [Differentiable] internal static double Softplus(double x) => Math.Log(1 + Math.Exp(x));
                internal partial class Nested<T> where T : notnull
                {
                    public T? Tag { get; set; }
                    [Differentiable] private static float Single(float a, float b) => MathF.Exp(a) * MathF.Max(a, b) - MathF.Sqrt(b * b + 1f);
                    public static float UseSingle(float a) => Single(a, a);
                }
            }
        }

        public partial record Point(double X, double Y)
        {
            [Differentiable] public double Dist(double px, double py) => Math.Sqrt((px - X) * (px - X) + (py - Y) * (py - Y));
        }
        """;

    [Fact]
    public void ManyMethodsCompileWithoutWarnings()
    {
        var result = GeneratorHarness.Run(Source);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(11, result.GeneratedSources.Count);
        result.AssertCompilesCleanly();
    }

    /// <summary>
    /// The generated code needs C# 8 and no more: its zero tests are constant patterns (<c>dt is 0.0</c>, C# 7), not
    /// <c>is not</c> or relational patterns (C# 9), and its nullable directive is C# 8's.
    /// </summary>
    [Fact]
    public void CSharp8CompilesWithoutWarnings()
    {
        const string source = """
            using System;
            using SymbolicDiff;

            public static partial class Eight
            {
                [Differentiable] public static double Mixed(double x, double y, double[] w)
                {
                    double s = 0;
                    for (int i = 0; i < w.Length; i++)
                        s += Math.Sqrt(w[i] * w[i] + x * x) * Math.Log(y);
                    return Math.Max(s, x) / (1 + Math.Exp(-y)) + Inner(x, y);
                }

                [Differentiable] public static float Single(float a, float b) => MathF.Cbrt(a * b) + MathF.Abs(a);

                [Differentiable] public static double Inner(double x, double y)
                {
                    double t = Math.Tanh(x * y);
                    if (t > 0.5) t = t * t;
                    return t * Math.Sin(x);
                }
            }
            """;
        var result = GeneratorHarness.Run(source, parseOptions: GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp8));

        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        Assert.Contains("is 0.0 ? 0.0 :", string.Concat(result.GeneratedSources.Values));
        Assert.Contains("is 0f ? 0f :", string.Concat(result.GeneratedSources.Values));
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        var first = GeneratorHarness.Run(Source).GeneratedSources;
        var second = GeneratorHarness.Run(Source).GeneratedSources;

        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        foreach (var (hint, text) in first)
            Assert.Equal(text, second[hint]);
    }

    [Fact]
    public void OutputDoesNotDependOnFileOrder()
    {
        const string other = "using SymbolicDiff; public static partial class Other { [Differentiable] public static double G(double x) => x * x * x; }";
        var forward = GeneratorHarness.Run(Source, [other]).GeneratedSources;
        var backward = GeneratorHarness.Run(other, [Source]).GeneratedSources;

        Assert.Equal(forward.Keys.Order(), backward.Keys.Order());
        foreach (var (hint, text) in forward)
            Assert.Equal(text, backward[hint]);
    }
}
