using System.Linq;
using System.Text.RegularExpressions;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// Where a reverse loop runs in two versions chosen by <c>IsFinite</c> of a local gradient computed before it
/// (FiniteVersion): the version without per-element zero tests, and the loop as it was. Declined where the local
/// gradient is the iteration's own, where a test would be left in the untested version, and where the body nests a
/// statement. The gradients of these shapes are checked by numbers in Gradients.Tests (FiniteVersions.cs).
/// </summary>
public class FiniteVersionTests
{
    /// <summary>The <c>FBackward</c> of <c>F(x, w)</c> with <paramref name="body"/>, which fills <c>y</c> (length n) from <c>x</c>, <c>w</c>; <c>F</c> returns Σ y².</summary>
    static string Backward(string body, string type = "double")
    {
        var result = GeneratorHarness.Run($$"""
            using System;
            using SymbolicDiff;
            public static partial class C
            {
                [Differentiable]
                public static {{type}} F(ReadOnlySpan<{{type}}> x, ReadOnlySpan<{{type}}> w)
                {
                    int n = x.Length;
                    Span<{{type}}> y = stackalloc {{type}}[n];
                    {{body}}
                    {{type}} s = 0;
                    for (int i = 0; i < n; i++)
                    {
                        s += y[i] * y[i];
                    }

                    return s;
                }
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        string code = result.GeneratedSources.Single(s => s.Key.StartsWith("C.F.")).Value;
        return code[code.IndexOf(" FBackward(global::", System.StringComparison.Ordinal)..];
    }

    const string Triangle = """
        for (int i = 0; i < n; i++) y[i] = x[i];
        int l = 0;
        for (int i = 0; i < n; i++)
        {
            double z = Math.Exp(x[i]);
            for (int j = i + 1; j < n; j++)
            {
                y[j] += w[l] * z;
                l++;
            }
        }
        """;

    [Fact]
    public void TriangleTestsTheRowsGradientOnce()
    {
        string code = Backward(Triangle);
        Assert.Contains("if (double.IsFinite(z))", code);
        // The untested loop, then the loop as it was.
        Assert.Matches(@"IsFinite\(z\)\)\s*\{\s*for \([^\n]*\n\s*\{\s*double (\w+) = dy\[j\w*\];\s*\n[^\n]*\n\s*dw\[\w+\] \+= \1 \* z;", code);
        Assert.Matches(@"else\s*\{\s*for \([^\n]*\n\s*\{[^}]*dw\[\w+\] \+= (\w+) is 0\.0 \? 0\.0 : \1 \* z;", code);
    }

    [Fact]
    public void FloatTestsWithFloatIsFinite()
    {
        string code = Backward("""
            float z = MathF.Exp(w[0]);
            for (int i = 0; i < n; i++) y[i] = x[i] * z;
            """, "float");
        Assert.Contains("if (float.IsFinite(z))", code);
    }

    [Fact]
    public void DeclinesTheIterationsOwnGradient()
    {
        string code = Backward("for (int i = 0; i < n; i++) y[i] = w[i] * Math.Exp(x[i]);");
        Assert.DoesNotContain("IsFinite", code);
        Assert.Contains("is 0.0 ? 0.0 :", code);
    }

    /// <summary>Two tests, one of the iteration's own gradient: the untested version would still branch per element.</summary>
    [Fact]
    public void DeclinesWhereATestWouldBeLeft()
    {
        string code = Backward("""
            double z = Math.Exp(w[0]);
            for (int i = 0; i < n; i++) y[i] = x[i] * z + Math.Exp(x[i]) * w[1];
            """);
        Assert.DoesNotContain("IsFinite", code);
    }

    /// <summary>A test of z at the top of the body, next to a branch: versioning would write the branch twice too.</summary>
    [Fact]
    public void DeclinesANestedStatement()
    {
        string code = Backward("""
            double z = Math.Exp(w[0]);
            for (int i = 0; i < n; i++)
            {
                y[i] = x[i] * z;
                if (x[i] > w[1]) y[i] += x[i];
            }
            """);
        Assert.Contains("if (c", code);
        Assert.DoesNotContain("IsFinite", code);
    }
}
