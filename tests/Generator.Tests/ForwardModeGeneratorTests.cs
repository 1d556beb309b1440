using System.Linq;
using System.Runtime.CompilerServices;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// Forward mode, Jacobians and second order: their diagnostics (SDIFF0015, SDIFF0016) with exact locations,
/// snapshots of one companion of each kind, and a compilation full of them that builds with no warnings.
/// </summary>
public class ForwardModeGeneratorTests
{
    const string Usings = "using System;\nusing SymbolicDiff;\n";

    static void Expect(string source, params (string Id, string Text)[] expected)
    {
        var result = GeneratorHarness.Run(Usings + source);
        Assert.Equal(expected, result.DiagnosticsWithText());
        Assert.DoesNotContain(result.GeneratedSources, s => s.Key.Contains(".F."));
    }

    static void Verify(string source, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var result = GeneratorHarness.Run(Usings + source);
        result.AssertCompilesCleanly();
        Assert.Empty(result.Diagnostics);
        Snapshot.VerifyGenerated(result, testFile, testMethod);
    }

    // ---- SDIFF0015: the Derivatives value

    [Theory]
    [InlineData("(Derivatives)0")]
    [InlineData("(Derivatives)8")]
    [InlineData("(Derivatives)(-1)")]
    public void DerivativesThatNameNoMode(string value) => Expect(
        $"public static partial class C {{ [Differentiable({value})] public static double F(double x) => x * x; }}",
        ("SDIFF0015", $"Differentiable({value})"));

    [Fact]
    public void HessianOfAVectorValuedMethod() => Expect(
        "public static partial class C { [Differentiable(Derivatives.Hessian)] public static void F(ReadOnlySpan<double> x, Span<double> y) { y[0] = x[0] * x[0]; } }",
        ("SDIFF0015", "Differentiable(Derivatives.Hessian)"));

    // ---- SDIFF0016: a call the mode cannot chain through

    [Fact]
    public void ForwardModeCallsAMethodWithoutTangent() => Expect(
        """
        public static partial class C
        {
            [Differentiable] public static double G(double x) => x * x;
            [Differentiable(Derivatives.Forward)] public static double F(double x) => 2 * G(x);
        }
        """,
        ("SDIFF0016", "G(x)"));

    [Fact]
    public void ForwardModeCallsAMethodCoveredByAPullback() => Expect(
        """
        public static partial class C
        {
            public static double G(double x) => x * x;
            [DerivativeOf(typeof(C), nameof(G))] public static double GPullback(double x, double seed, ref double dx) { dx += seed * 2 * x; return x * x; }
            [Differentiable(Derivatives.Forward)] public static double F(double x) => 2 * G(x);
        }
        """,
        ("SDIFF0016", "G(x)"));

    [Fact]
    public void ATangentWithAnotherSignatureIsNotTaken() => Expect(
        """
        public static partial class C
        {
            public static double G(double x) => x * x;
            [DerivativeOf(typeof(C), nameof(G))] public static double GPullback(double x, double seed, ref double dx) { dx += seed * 2 * x; return x * x; }
            [TangentOf(typeof(C), nameof(G))] public static double GForward(double x, double tx, ref double tangent) { tangent = 2 * x * tx; return x * x; }
            [Differentiable(Derivatives.Forward)] public static double F(double x) => 2 * G(x);
        }
        """,
        ("SDIFF0011", "GForward"),
        ("SDIFF0016", "G(x)"));

    // ---- SDIFF0011: a [TangentOf] method must have the signature of the Tangent it stands for

    [Fact]
    public void ATangentWithAnotherSignatureSaysWhichItNeeds()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                public static double G(double x) => x * x;
                [TangentOf(typeof(C), nameof(G))] public static double GForward(double x, double tx, ref double tangent) { tangent = 2 * x * tx; return x * x; }
            }
            """);
        Assert.Equal(
            "'GForward' is marked [TangentOf] for 'C.G' but its signature is not the tangent's; expected: double GTangent(double x, double tx, out double tangent)",
            result.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void ATangentOfAVectorValuedMethodWithAnotherSignatureSaysWhichItNeeds()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                public static void V(ReadOnlySpan<double> x, double a, Span<double> y) { for (int i = 0; i < x.Length; i++) y[i] = a * x[i]; }
                [TangentOf(typeof(C), nameof(V))] public static void VForward(ReadOnlySpan<double> x, double a, Span<double> y, ReadOnlySpan<double> tx, Span<double> ty) { }
            }
            """);
        Assert.Equal(
            "'VForward' is marked [TangentOf] for 'C.V' but its signature is not the tangent's; expected: void VTangent(System.ReadOnlySpan<double> x, double a, System.Span<double> y, System.ReadOnlySpan<double> tx, double ta, System.Span<double> ty)",
            result.Diagnostics.Single().GetMessage());
    }

    /// <summary>The signature the message asks for is the one forward mode calls: written so, it is taken, and the whole compiles cleanly.</summary>
    [Fact]
    public void ATangentOfAVectorValuedMethodWithTheSignatureAskedForIsCalled()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                public static void V(ReadOnlySpan<double> x, double a, Span<double> y) { for (int i = 0; i < x.Length; i++) y[i] = a * x[i]; }
                [DerivativeOf(typeof(C), nameof(V))] public static void VPullback(ReadOnlySpan<double> x, double a, Span<double> y, Span<double> dx, ref double da, Span<double> dy) { }
                [TangentOf(typeof(C), nameof(V))] public static void VForward(ReadOnlySpan<double> x, double a, Span<double> y, ReadOnlySpan<double> tx, double ta, Span<double> ty)
                {
                    for (int i = 0; i < x.Length; i++) { y[i] = a * x[i]; ty[i] = ta * x[i] + a * tx[i]; }
                }
                [Differentiable(Derivatives.Forward)] public static double F(double[] x, double a)
                {
                    Span<double> y = stackalloc double[2];
                    V(x, a, y);
                    return y[0] * y[1];
                }
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        Assert.Contains(result.GeneratedSources, s => s.Value.Contains("global::C.VForward("));
    }

    [Fact]
    public void ATangentOfAMethodThatDoesNotExist() => Expect(
        """
        public static partial class C
        {
            [TangentOf(typeof(C), "Missing")] public static double MissingForward(double x, double tx, out double tangent) { tangent = tx; return x; }
        }
        """,
        ("SDIFF0011", "MissingForward"));

    [Fact]
    public void ForwardModeCallsTheTangentOfTheCallee()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                public static double G(double x) => x * x;
                [DerivativeOf(typeof(C), nameof(G))] public static double GPullback(double x, double seed, ref double dx) { dx += seed * 2 * x; return x * x; }
                [TangentOf(typeof(C), nameof(G))] public static double GForward(double x, double tx, out double tangent) { tangent = 2 * x * tx; return x * x; }
                [Differentiable(Derivatives.Forward | Derivatives.Reverse)] public static double F(double x) => 2 * G(x);
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        Assert.Contains(result.GeneratedSources, s => s.Value.Contains("global::C.GForward(x, tx, out ") && s.Value.Contains("global::C.GPullback("));
    }

    [Theory]
    [InlineData("Derivatives.Hessian")]
    [InlineData("Derivatives.Forward")]
    [InlineData("Derivatives.Reverse")]
    public void SecondOrderCallsAMethodWithoutForwardAndHessian(string modes) => Expect(
        $$"""
        public static partial class C
        {
            [Differentiable({{modes}})] public static double G(double x) => x * x;
            [Differentiable(Derivatives.Hessian)] public static double F(double x) => 2 * G(x);
        }
        """,
        ("SDIFF0016", "G(x)"));

    [Fact]
    public void SecondOrderCallsAMethodCoveredByAPullback() => Expect(
        """
        public static partial class C
        {
            public static double G(double x) => x * x;
            [DerivativeOf(typeof(C), nameof(G))] public static double GPullback(double x, double seed, ref double dx) { dx += seed * 2 * x; return x * x; }
            [Differentiable(Derivatives.Hessian)] public static double F(double x) => 2 * G(x);
        }
        """,
        ("SDIFF0016", "G(x)"));

    [Fact]
    public void SecondOrderMessageNamesTheModesTheCalleeNeeds()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                [Differentiable(Derivatives.Hessian)] public static double G(double x) => x * x;
                [Differentiable(Derivatives.Hessian)] public static double F(double x) => 2 * G(x);
            }
            """);
        Assert.Equal(
            "Second order (Derivatives.Hessian) cannot differentiate this: it calls 'GTangent' and 'GBackwardTangent', which 'G' gets only with [Differentiable(Derivatives.Forward | Derivatives.Hessian)]; add those modes to the [Differentiable] of 'G'",
            result.Diagnostics.Single().GetMessage());
    }

    /// <summary>Scalars, whole parameter arrays, slices and a constant array, in a loop and a branch, through two levels of calls.</summary>
    [Fact]
    public void SecondOrderThroughCallsBuildsCleanly()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                [Differentiable(Derivatives.Forward | Derivatives.Hessian)] public static double Square(double r) => r * r;
                [Differentiable(Derivatives.Forward | Derivatives.Hessian)] public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
                {
                    double s = 0;
                    for (int i = 0; i < a.Length; i++) s += Square(a[i]) * b[i];
                    return s;
                }
                [Differentiable(Derivatives.Hessian)] public static double F(double x, double[] w, [NoDiff] double[] data)
                {
                    double s = Dot(w, data) + Dot(w.AsSpan(1), w.AsSpan(0, w.Length - 1));
                    for (int i = 0; i < w.Length; i++)
                        s += w[i] > 0 ? Square(w[i] * x) : x;
                    return s;
                }
                [Differentiable(Derivatives.Hessian)] public static double G(double x, double[] w)
                {
                    Span<double> v = stackalloc double[2];
                    double[] u = { x, x * x };
                    double s = 0;
                    for (int i = 0; i < w.Length; i++)
                    {
                        v[0] = w[i] * x;
                        v[1] = v[0] * v[0];
                        s += Dot(v, u) + Dot(u.AsSpan(1), v.Slice(0, 1));
                    }
                    return s;
                }
                [Differentiable(Derivatives.Forward | Derivatives.Hessian)] public static float SquareF(float r) => r * r;
                [Differentiable(Derivatives.Hessian)] public static float H(float x) => SquareF(x * x) * x;
            }
            public partial class Model
            {
                public double Scale = 2;
                [Differentiable(Derivatives.Forward | Derivatives.Hessian)] public virtual double Energy(double x) => Scale * x * x * x;
                [Differentiable(Derivatives.Hessian)] public double Total(double x, double y) => Energy(x * y) + Energy(y);
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
    }

    [Fact]
    public void ReverseModeCallsAForwardOnlyMethod() => Expect(
        """
        public static partial class C
        {
            [Differentiable(Derivatives.Forward)] public static double G(double x) => x * x;
            [Differentiable] public static double F(double x) => 2 * G(x);
        }
        """,
        ("SDIFF0016", "G(x)"));

    [Fact]
    public void MessageNamesTheModeAndWhatIsMissing()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                [Differentiable] public static double G(double x) => x * x;
                [Differentiable(Derivatives.Forward)] public static double F(double x) => 2 * G(x);
            }
            """);
        Assert.Equal(
            "Forward mode (Derivatives.Forward) cannot differentiate this: it calls 'GTangent', which 'G' gets only with [Differentiable(Derivatives.Forward)]; add Derivatives.Forward to the [Differentiable] of 'G'",
            result.Diagnostics.Single().GetMessage());
    }

    // ---- SDIFF0012: a member the user declared takes a further companion's name

    [Fact]
    public void UserMemberNamedLikeTheTangent() => Expect(
        """
        public static partial class C
        {
            [Differentiable(Derivatives.Forward)] public static double F(double x) => x * x;
            public static double FTangent(double x, double tx, out double tangent) { tangent = 2 * x * tx; return x * x; }
        }
        """,
        ("SDIFF0012", "FTangent"));

    [Fact]
    public void UserPropertyNamedLikeTheHessian() => Expect(
        """
        public static partial class C
        {
            [Differentiable(Derivatives.Hessian)] public static double F(double x) => x * x;
            public static int FHessian => 2;
        }
        """,
        ("SDIFF0012", "FHessian"));

    [Fact]
    public void UserMethodNamedLikeTheBackwardTangent() => Expect(
        """
        public static partial class C
        {
            [Differentiable(Derivatives.Hessian)] public static double F(double x) => x * x;
            public static double FBackwardTangent(double x, double vx, double seed, double vseed, ref double dx, ref double hvx) => x;
        }
        """,
        ("SDIFF0012", "FBackwardTangent"));

    // ---- snapshots

    [Fact]
    public void TangentOfBranchesAndALoop() => Verify("""
        public static partial class Model
        {
            [Differentiable(Derivatives.Forward)]
            public static double Energy(double k, double[] x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    double d = x[i] > 0 ? x[i] * x[i] : Math.Exp(x[i]) - 1;
                    s += k * d;
                }
                return s;
            }
        }
        """);

    [Fact]
    public void JacobianOfTwoExponentials() => Verify("""
        public static partial class Model
        {
            [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
            public static void TwoExponentials(ReadOnlySpan<double> p, [NoDiff] ReadOnlySpan<double> t, Span<double> y)
            {
                for (int i = 0; i < t.Length; i++)
                    y[i] = p[0] * Math.Exp(-p[1] * t[i]) + p[2] * Math.Exp(-p[3] * t[i]);
            }
        }
        """);

    [Fact]
    public void HessianOfRosenbrock() => Verify("""
        public static partial class Model
        {
            [Differentiable(Derivatives.Hessian)]
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
        }
        """);

    // ---- every kind of method and companion in one compilation, no warnings

    [Fact]
    public void ManyModesCompileCleanly()
    {
        var result = GeneratorHarness.Run("""
            #nullable enable
            using System;
            using SymbolicDiff;

            namespace Models
            {
                public partial struct Spring
                {
                    public double Stiffness;
                    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
                    public readonly double Energy(double x, [NoDiff] double rest) => 0.5 * Stiffness * (x - rest) * (x - rest);
                }

                public partial class Shapes
                {
                    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
                    public virtual double Area(double w, double h) => w * h;
                }

                public partial class Circle : Shapes
                {
                    // overrides a method that has forward mode too: its companions override
                    [Differentiable(Derivatives.Forward | Derivatives.Reverse)]
                    public override double Area(double w, double h) => Math.PI * w * h / 4;
                }

                public partial class Plain
                {
                    [Differentiable]
                    public virtual double Cost(double x) => x * x;
                }

                public partial class Refined : Plain
                {
                    // the base has no FTangent: this one starts a virtual one, while FBackward overrides
                    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
                    public override double Cost(double x) => x * x * x;
                }

                public sealed partial class Final : Refined
                {
                    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
                    public sealed override double Cost(double x) => x * x * x * x;
                }

                internal static partial class Kernels
                {
                    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
                    internal static float Single(float x, float[] w)
                    {
                        float s = 0;
                        foreach (float v in w)
                            s += MathF.Sin(v * x);
                        return s * s;
                    }

                    [Differentiable(Derivatives.Forward)]
                    public static void Softmax(ReadOnlySpan<double> z, Span<double> p)
                    {
                        double m = z[0];
                        for (int i = 1; i < z.Length; i++)
                            m = Math.Max(m, z[i]);
                        double sum = 0;
                        for (int i = 0; i < z.Length; i++)
                            sum += Math.Exp(z[i] - m);
                        for (int i = 0; i < z.Length; i++)
                            p[i] = Math.Exp(z[i] - m) / sum;
                    }

                    [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
                    public static double Loss(double[] z, int label)
                    {
                        Span<double> scratch = stackalloc double[z.Length];
                        double[] pair = { z[0], z[^1] };
                        for (int i = 0; i < z.Length; i++)
                            scratch[i] = z[i] * pair[0];
                        ref double first = ref scratch[0];
                        first *= pair[1];
                        double s = 0;
                        switch (label)
                        {
                            case 0: s = scratch[label]; break;
                            default: s = -scratch[label] * scratch[label]; break;
                        }
                        return s;
                    }

                    [Differentiable(Derivatives.Forward)]
                    public static double UsesSoftmax(double[] z)
                    {
                        double[] p = new double[z.Length];
                        Softmax(z, p);
                        return p[0] + Loss(z, 0);
                    }
                }
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        Assert.Contains(result.GeneratedSources, s => s.Value.Contains("public static void SoftmaxJacobian("));
        Assert.Contains(result.GeneratedSources, s => s.Value.Contains("public readonly double EnergyHessianVectorProduct("));
        Assert.Contains(result.GeneratedSources, s => s.Value.Contains("public override double AreaTangent("));
        Assert.Contains(result.GeneratedSources, s => s.Value.Contains("public virtual double CostTangent(") && s.Value.Contains("public override double CostBackward("));
        Assert.Contains(result.GeneratedSources, s => s.Value.Contains("public sealed override double CostTangent("));
    }
}
