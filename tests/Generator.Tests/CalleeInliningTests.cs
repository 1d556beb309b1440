using System.Linq;
using System.Text.RegularExpressions;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// Which calls of <c>[Differentiable]</c> callees the parser lowers in the caller's gates (InlinableCallee) and
/// which stay calls of the callee's <c>Backward</c>; and that inlining changes no diagnostic. The gradients of
/// both kinds are checked by numbers in Gradients.Tests (InlinedCallees.cs).
/// </summary>
public class CalleeInliningTests
{
    /// <summary>The caller <c>F</c>'s generated code for <c>F(x, y) => {call}</c> next to <paramref name="callees"/>, which must give no diagnostic.</summary>
    static string Caller(string callees, string call, string modifiers = "static", bool checkOverflow = false)
    {
        var result = GeneratorHarness.Run($$"""
            using System;
            using SymbolicDiff;
            public {{modifiers}} partial class C
            {
                {{callees}}

                [Differentiable] public {{(modifiers.Contains("static") ? "static " : "")}}double F(double x, double y) => {{call}};
            }
            """, options: GeneratorHarness.CompilationOptions.WithOverflowChecks(checkOverflow));
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        return result.GeneratedSources.Single(s => s.Key.StartsWith("C.F.")).Value;
    }

    /// <summary>No call of another method's <c>Backward</c> (<c>global::C.GBackward(</c>, <c>this.GBackward(</c>; F's own is not qualified).</summary>
    static bool Inlined(string callees, string call = "G(x, y) * y", string modifiers = "static", bool checkOverflow = false) =>
        !Regex.IsMatch(Caller(callees, call, modifiers, checkOverflow), @"\.\w+Backward\(");

    [Theory]
    [InlineData("[Differentiable] static double G(double a, double b) => -b * Math.Sin(a) - 0.5 * a;")]
    [InlineData("[Differentiable] static double G(double a, double b) { return a / (1 + Math.Exp(-b)); }")]
    [InlineData("[Differentiable] static double G(double a, [NoDiff] double b) => a * b;", "G(x, 2.0) * y")]
    [InlineData("[Differentiable] static double G(double a, double b = 2) => a * b + Math.PI;", "G(x) * y")]
    [InlineData("[Differentiable] static double G(double a, double b) => a - b;", "G(b: x, a: y) * y")]
    [InlineData("[Differentiable] static double G(double a, double b) => H(a) * H(b); [Differentiable] static double H(double t) => Math.Tanh(t) + t;")]
    [InlineData("[Differentiable] static double G(double a, double b) => (double)((float)a * 2f) + b;")]
    [InlineData("[Differentiable] static float G(float a, float b) => MathF.Sqrt(a * a + b * b);", "G((float)x, 1f) * y")]
    [InlineData("[Differentiable] static double G(double a, double b) => double.Hypot(a, b) + Math.Max(a, b);")]
    [InlineData("[Differentiable] static double G(double a, double b) => a > b ? a : b;")]
    [InlineData("[Differentiable] static double G(double a, double b) => a > 0 && !(b < 0) || a == b ? a * b : -Math.Abs(a);")]
    public void OneExpressionOfScalarParametersIsInlined(string callees, string call = "G(x, y) * y") =>
        Assert.True(Inlined(callees, call));

    /// <summary>
    /// In a project compiled with overflow checks (<c>CheckForOverflowUnderflow</c>) every explicit conversion is a checked
    /// one; between float and double it cannot throw, so the callee is inlined as in any other project. (Found running
    /// the whole suite with checks on: these stayed calls.)
    /// </summary>
    [Theory]
    [InlineData("(double)((float)a * 2f) + b")]
    [InlineData("(double)(float)a + (float)b")]
    [InlineData("(float)(a * b)")]
    public void ACheckedConversionBetweenFloatingTypesIsInlined(string body) =>
        Assert.True(Inlined($"[Differentiable] static double G(double a, double b) => {body};", checkOverflow: true));

    /// <summary>Callees of another type, of a generic type (each instantiation), a partial method: their bodies read only their parameters and constants.</summary>
    [Fact]
    public void CalleesOfOtherAndGenericTypesAndPartialMethodsAreInlined()
    {
        var result = GeneratorHarness.Run("""
            using System;
            using SymbolicDiff;
            public partial class Box<T>
            {
                const double K = 2;
                [Differentiable] public static double G(double a) => a * Math.Exp(-a) + K;
            }
            public static partial class Parts
            {
                [Differentiable] public static partial double P(double a);
                public static partial double P(double a) => a * a;
            }
            public static partial class C
            {
                [Differentiable] public static double F(double x, double y) => Box<int>.G(x) * Box<string>.G(y) + Parts.P(x * y);
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        Assert.DoesNotMatch(@"\.\w+Backward\(", result.GeneratedSources.Single(s => s.Key.StartsWith("C.F.")).Value);
    }

    [Fact]
    public void AnInstanceCalleeCalledOnThisIsInlined() =>
        Assert.True(Inlined("[Differentiable] double G(double a, double b) => a * b;", "G(x, y) + this.G(y, x)", modifiers: ""));

    [Theory]
    [InlineData("[Differentiable] static double G(double a, double b) { double s = a * b; return s; }")]
    [InlineData("[Differentiable] static double G(double a, double b) { for (int i = 0; i < 2; i++) a *= b; return a; }")]
    [InlineData("[Differentiable] static double G(double a, double b) => a is > 0 ? a : b;")]
    [InlineData("[Differentiable] static double G(double a, double b) => a * b * K; static double K => 2;")]
    [InlineData("[Differentiable] static double G(double a, double b) => a * b * k; static double k = 2;")]
    [InlineData("[Differentiable] static double G(double a, double b) => a * Math.Floor(b) + b;")]
    [InlineData("[Differentiable] static double G(double a, double b) => Diff.Stop(a) * b;")]
    [InlineData("[Differentiable] static double G(double a, double b) => a * b * P(2.0); static double P(double t) => t;")]
    [InlineData("[Differentiable] static double G(double a, int n) => a * n;", "G(x, 3) * y")]
    [InlineData("[Differentiable] static double G(double a, double b) => H(a) + b; [Differentiable] static double H(double t) { double u = t * t; return u; }")]
    public void OtherCalleesStayCalls(string callees, string call = "G(x, y) * y") =>
        Assert.False(Inlined(callees, call));

    [Fact]
    public void ACalleeWithAnArrayParameterStaysACall()
    {
        var result = GeneratorHarness.Run("""
            using System;
            using SymbolicDiff;
            public static partial class C
            {
                [Differentiable] static double G(ReadOnlySpan<double> w, double b) => w[0] * b;
                [Differentiable] public static double F(double[] w, double y) => G(w, y) * y;
            }
            """);
        Assert.Empty(result.Diagnostics);
        Assert.Contains("GBackward(", result.GeneratedSources.Single(s => s.Key.StartsWith("C.F.")).Value);
    }

    [Fact]
    public void ACalleeWithAHandWrittenPullbackStaysACallOfIt() =>
        Assert.Contains("GPullback(", Caller("[Differentiable] static double G(double a, double b) => a * b; [DerivativeOf(typeof(C), nameof(G))] static double GPullback(double a, double b, double seed, ref double da, ref double db) { da += seed * b; db += seed * a; return a * b; }", "G(x, y) * y"));

    [Fact]
    public void ALargeExpressionStaysACall() =>
        Assert.False(Inlined("[Differentiable] static double G(double a, double b) => " + string.Join(" + ", Enumerable.Range(1, 9).Select(i => $"a * {i}.5")) + ";"));

    [Fact]
    public void NestedCalleesCountTowardsTheSize()
    {
        // 5 gates each; H twice in G (10 + 1) is small enough, G twice in K (22 + 1) is not.
        const string callees = """
            [Differentiable] static double H(double t) => Math.Sin(t) * t + t * t - 1;
            [Differentiable] static double G(double a, double b) => H(a) * H(b);
            [Differentiable] static double K(double a, double b) => G(a, b) + G(b, a);
            """;
        Assert.True(Inlined(callees, "G(x, y)"));
        string k = Caller(callees, "K(x, y)");
        Assert.Contains("KBackward(", k);
    }

    [Fact]
    public void AVirtualCalleeOrOneCalledOnAnotherObjectStaysACall()
    {
        Assert.False(Inlined("[Differentiable] public virtual double G(double a, double b) => a * b;", modifiers: ""));
        Assert.False(Inlined("[Differentiable] double G(double a, double b) => a * b; C Other => this;", "Other.G(x, y)", modifiers: ""));
    }

    /// <summary>Recursion is never inlined, directly or through another callee, and the generator stops.</summary>
    [Fact]
    public void RecursiveCalleesStayCalls()
    {
        Assert.False(Inlined("[Differentiable] static double G(double a, double b) => G(a, b) * 0.5 + b;"));
        string caller = Caller(
            "[Differentiable] static double G(double a, double b) => H(a) + b; [Differentiable] static double H(double t) => G(t, t) * 0.5;",
            "G(x, y) * y");
        Assert.Contains("GBackward(", caller);
    }

    /// <summary>The call is checked as any call: the mode the callee lacks, a differentiable value for its [NoDiff] parameter.</summary>
    [Fact]
    public void AnInlinedCallIsCheckedAsACall()
    {
        var modes = GeneratorHarness.Run("""
            using SymbolicDiff;
            public static partial class C
            {
                [Differentiable] public static double G(double a) => a * a;
                [Differentiable(Derivatives.Forward)] public static double F(double x) => G(x) + x;
            }
            """);
        Assert.Equal([("SDIFF0016", "G(x)")], modes.DiagnosticsWithText());

        var noDiff = GeneratorHarness.Run("""
            using SymbolicDiff;
            public static partial class C
            {
                [Differentiable] public static double G(double a, [NoDiff] double k) => a * k;
                [Differentiable] public static double F(double x) => G(x, x * 2);
            }
            """);
        Assert.Equal([("SDIFF0006", "x * 2")], noDiff.DiagnosticsWithText());
    }

    /// <summary>
    /// A callee that gets no companions (its type is not partial) fails its callers (SDIFF0013), inlinable or not;
    /// one whose body needs a diagnostic is not inlined, so the error is reported once, in the callee, never as the caller's.
    /// </summary>
    [Fact]
    public void ACalleeWithAnErrorGivesItsCallersTheSameErrorsAsBefore()
    {
        var notPartial = GeneratorHarness.Run("""
            using SymbolicDiff;
            public static class D
            {
                [Differentiable] public static double G(double a) => a * a;
            }
            public static partial class C
            {
                [Differentiable] public static double F(double x) => D.G(x) + x;
            }
            """);
        Assert.Equal([("SDIFF0001", "D"), ("SDIFF0013", "D.G(x)")], notPartial.DiagnosticsWithText().OrderBy(d => d.Id));

        var unsupported = GeneratorHarness.Run("""
            using SymbolicDiff;
            public static partial class C
            {
                [Differentiable] public static double G(double a) => (double)(object)a;
                [Differentiable] public static double F(double x) => G(x) + x;
            }
            """);
        Assert.Equal([("SDIFF0006", "(object)a"), ("SDIFF0013", "G(x)")], unsupported.DiagnosticsWithText().OrderBy(d => d.Id));
    }
}
