using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>Diagnostics of vector-valued functions, array arguments and custom derivatives: id and the exact source text.</summary>
public class VectorDiagnosticTests
{
    const string Usings = "using System;\nusing SymbolicDiff;\n";

    /// <summary>Runs the generator and checks the diagnostics; an error means no source for the method it is in.</summary>
    static GeneratorResult Expect(string source, params (string Id, string Text)[] expected)
    {
        var result = GeneratorHarness.Run(Usings + source);
        Assert.Equal(expected, result.DiagnosticsWithText());
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        return result;
    }

    static string Message(GeneratorResult result) => result.Diagnostics.Single().GetMessage();

    // ---- SDIFF0010: only void methods write parameters; an output is read as a local array is, not passed on to be read

    /// <summary>F58: an output read after it is written (a dense layer's y[i] += w · x[j]) was SDIFF0010.</summary>
    [Fact]
    public void AnOutputIsReadAsALocalArrayIs() => Expect("""
        public static partial class C
        {
            [Differentiable]
            public static void F(ReadOnlySpan<double> x, Span<double> y)
            {
                y[0] = x[0] * x[1];
                y[1] = y[0] + x[1];
                y[0] *= y[1];
            }
        }
        """).AssertCompilesCleanly();

    /// <summary>
    /// An element the method may not have written first is what the caller's span held, which a pullback running the
    /// method again no longer sees as it was: read before any write, after a loop that may not write every element (its
    /// bound another array's length, or a break), through an alias, by a foreach, or after the index changed. Allowed
    /// (null): a read after the element's write in an else, and after a loop that writes every element (a throw in it
    /// leaves the method: nothing after the loop runs).
    /// </summary>
    [Theory]
    [InlineData("for (int i = 0; i < y.Length; i++) y[i] = y[i] * x[i];", "y[i]")]
    [InlineData("for (int i = 0; i < x.Length; i++) y[i] = x[i]; for (int i = 0; i < y.Length; i++) y[i] += x[0];", "y[i]")]
    [InlineData("for (int i = 0; i < y.Length; i++) { y[i] = x[i]; if (x[i] > 0) break; } y[1] *= x[0];", "y[1]")]
    [InlineData("int i = 0; y[i] = x[0]; i++; y[i] += x[1];", "y[i]")]
    [InlineData("y[0] = x[0]; ref double r = ref y[0]; y[1] = r * x[1];", "r")]
    [InlineData("y[0] = x[0]; y[1] = x[1]; double s = 0; foreach (double v in y) s += v; y[0] = s;", "y")]
    [InlineData("for (int i = 0; i < y.Length; i++) { y[i] = x[i]; if (x[i] > 0) y[i] = x[0]; else y[i] += x[1]; }", null)]
    [InlineData("for (int k = 0; k < y.Length; ++k) y[k] = 0; for (int i = 0; i + 1 < y.Length; i++) { y[i] += x[i]; y[i + 1] -= x[i] * y[i]; }", null)]
    [InlineData("for (int i = 0; i < y.Length; i++) y[i] = x[i] * x[i]; y[0] = y[1] * y[0];", null)]
    [InlineData("for (int i = (0); (i < (y).Length); i++) { (y[i]) = x[i]; } y[(0)] += (y[1]) * x[0];", null)]
    [InlineData("double[] c = y.ToArray(); for (int i = 0; i < y.Length; i++) y[i] = c[i] * x[i];", "y.ToArray()")]
    [InlineData("for (int i = 0; i < x.Length; i++) y[i] = x[i]; double[] c = y.ToArray(); y[0] = c[1];", "y.ToArray()")]
    [InlineData("for (int i = 0; i < y.Length; i++) y[i] = x[i]; double[] c = y.ToArray(); y[0] = c[1];", null)]
    [InlineData("for (int k = 0; k < y.Length; k++) { if (x[k] > 9) throw new ArgumentException(); y[k] = x[k]; } y[0] *= y[1];", null)]
    public void AnOutputReadBeforeThisMethodWroteItIsSaid(string body, string? text)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            public static partial class C
            {
                [Differentiable]
                public static void F(ReadOnlySpan<double> x, Span<double> y) { {{body}} }
            }
            """);
        if (text is null)
        {
            // y[i] after y[i] = x[i] in its block, through an else; any element after a loop that writes every one
            result.AssertCompilesCleanly();
            return;
        }

        Assert.Equal(("SDIFF0010", text), Assert.Single(result.DiagnosticsWithText()));
        Assert.Contains("may not have written that element first", Message(result));
    }

    [Fact]
    public void AnOutputPassedOnToBeReadIsSaid()
    {
        var result = Expect("""
            public static partial class C
            {
                [Differentiable]
                public static double G(ReadOnlySpan<double> v) => v[0] * v[1];

                [Differentiable]
                public static void F(ReadOnlySpan<double> x, Span<double> y)
                {
                    y[0] = x[0] * x[1];
                    y[1] = G(y);
                }
            }
            """,
            ("SDIFF0010", "y"));
        Assert.Contains("is both read and written", Message(result));
    }

    [Fact]
    public void NonVoidMethodWritingAParameter()
    {
        var result = Expect("""
            public static partial class C
            {
                [Differentiable]
                public static double F(Span<double> y, double x)
                {
                    y[0] = x * x;
                    return x;
                }
            }
            """,
            ("SDIFF0010", "y"));
        Assert.StartsWith("Parameter 'y' ", Message(result));
        Assert.Empty(result.GeneratedSources);
    }

    // ---- SDIFF0011: custom derivatives

    [Fact]
    public void PullbackWithTheWrongSignature()
    {
        var result = Expect("""
            public static partial class C
            {
                public static double Square(double x) => x * x;

                [DerivativeOf(typeof(C), nameof(Square))]
                public static double BadBackward(double x, ref double dx) { dx += 2 * x; return x * x; }
            }
            """,
            ("SDIFF0011", "BadBackward"));
        Assert.Equal("'BadBackward' is marked [DerivativeOf] for 'C.Square' but its signature is not the pullback's; expected: double SquareBackward(double x, double seed, ref double dx)", Message(result));
    }

    [Fact]
    public void PullbackWithTheWrongSignatureForASpanFunction()
    {
        var result = Expect("""
            public static partial class C
            {
                public static double SumSquares(ReadOnlySpan<double> x) => 0;

                [DerivativeOf(typeof(C), nameof(SumSquares))]
                public static double SumSquaresPullback(ReadOnlySpan<double> x, double seed, ref double dx) => 0;
            }
            """,
            ("SDIFF0011", "SumSquaresPullback"));
        Assert.Contains("System.Span<double> dx", Message(result));
    }

    [Fact]
    public void PullbackForAMethodThatDoesNotExist()
    {
        var result = Expect("""
            public static partial class C
            {
                [DerivativeOf(typeof(C), "Missing")]
                public static double MissingBackward(double x, double seed, ref double dx) => 0;
            }
            """,
            ("SDIFF0011", "MissingBackward"));
        Assert.Equal("'MissingBackward' is marked [DerivativeOf] for 'C.Missing' but no method of that name exists", Message(result));
    }

    // ---- SDIFF0003: a void method must write a span

    [Fact]
    public void VoidMethodThatWritesNothing() => Expect(
        "public static partial class C { [Differentiable] public static void F(ReadOnlySpan<double> x, Span<double> y) { double s = x[0] * x[0]; } }",
        ("SDIFF0003", "void"));

    // ---- SDIFF0006: where the output of a vector-valued call may go

    const string Affine = """
            [Differentiable]
            public static void Affine(ReadOnlySpan<double> W, ReadOnlySpan<double> x, ReadOnlySpan<double> b, Span<double> y)
            {
                for (int i = 0; i < b.Length; i++)
                {
                    double s = b[i];
                    for (int j = 0; j < x.Length; j++) s += W[i * x.Length + j] * x[j];
                    y[i] = s;
                }
            }
        """;

    [Fact]
    public void NoDiffArrayAsTheOutputOfAVectorValuedCall()
    {
        var result = Expect($$"""
            public static partial class C
            {
            {{Affine}}
                [Differentiable]
                public static double F(ReadOnlySpan<double> W, ReadOnlySpan<double> x, ReadOnlySpan<double> b, [NoDiff] double[] scores)
                {
                    Affine(W, x, b, scores);
                    return scores[0];
                }
            }
            """,
            ("SDIFF0010", "scores"));
        // Passing a parameter where a callee writes is writing it: only a void method may.
        Assert.Contains("only a void method", Message(result));
    }

    [Fact]
    public void InputParameterAsTheOutputOfAVectorValuedCall() => Expect($$"""
            public static partial class C
            {
            {{Affine}}
                [Differentiable]
                public static double F(double[] W, double[] x, double[] b, double[] scores)
                {
                    Affine(W, x, b, scores);
                    return scores[0] + W[0];
                }
            }
            """,
        ("SDIFF0010", "scores"));

    [Fact]
    public void FieldArrayAsTheOutputOfAVectorValuedCall()
    {
        var result = Expect($$"""
            public static partial class C
            {
            {{Affine}}
                static readonly double[] Scores = new double[3];

                [Differentiable]
                public static double F(ReadOnlySpan<double> W, ReadOnlySpan<double> x, ReadOnlySpan<double> b)
                {
                    Affine(W, x, b, Scores);
                    return W[0];
                }
            }
            """,
            ("SDIFF0006", "Scores"));
        Assert.Contains("must be a local array or an output span", Message(result));
    }

    [Fact]
    public void SliceOfADifferentiableArrayKeptInALocal()
    {
        var result = Expect("""
            public static partial class C
            {
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    var s = x.Slice(1);
                    return s[0] * s[1];
                }
            }
            """,
            ("SDIFF0006", "x.Slice(1)"));
        Assert.Empty(result.GeneratedSources);
    }
}
