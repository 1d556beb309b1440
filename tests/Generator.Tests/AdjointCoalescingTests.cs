using System.Linq;
using System.Text.RegularExpressions;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// The adjoints of a variable's versions share one adjoint variable where they are never live at the same time in the
/// backward pass (AdjointCoalescing): no copy in and out of an inner loop, an update in place. Adjoints live at once
/// keep variables of their own. Their numbers are checked in Gradients.Tests (SharedAdjoints.cs).
/// </summary>
public class AdjointCoalescingTests
{
    /// <summary>The <c>FBackward</c> of the only method of <paramref name="type"/>.</summary>
    static string Backward(string type)
    {
        var result = GeneratorHarness.Run("using System;\nusing SymbolicDiff;\n" + type);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        string code = result.GeneratedSources.Single().Value;
        return code[code.IndexOf("Backward(", System.StringComparison.Ordinal)..];
    }

    /// <summary>Declarations of a numbered adjoint of <paramref name="name"/>'s versions (<c>double dt_2 = …</c>).</summary>
    static MatchCollection NumberedAdjoints(string code, string name) => Regex.Matches(code, $@"\b(double|float) d{name}_\d+ =");

    [Fact]
    public void AProductUpdatesItsAdjointInPlace()
    {
        string code = Backward("""
            public static partial class C
            {
                [Differentiable]
                public static double F(double x, int n)
                {
                    double t = 1;
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j < 3; j++)
                            t *= x;
                    return t;
                }
            }
            """);

        // as a person writes it: the other term reads the old adjoint, then the adjoint takes its new value
        Assert.Matches(@"dxSum \+= dt is 0\.0 \? 0\.0 : dt \* t_1;\s*\n\s*dt = dt \* x;", code);
        Assert.Empty(NumberedAdjoints(code, "t"));
    }

    [Fact]
    public void NoCopyInAndOutOfAnInnerLoop()
    {
        string code = Backward("""
            public static partial class C
            {
                [Differentiable]
                public static double F(ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int r = 0; r < 2; r++)
                        for (int i = 0; i < x.Length; i++)
                            s += Math.Exp(x[i] - r);
                    return s;
                }
            }
            """);

        Assert.Empty(NumberedAdjoints(code, "s"));
        Assert.DoesNotMatch(@"\bds = ds_\d+;", code);
        Assert.Contains("double ds = seed;", code);
    }

    [Fact]
    public void AFloatLoopsCarriedAdjointIsAssignedWhereItWasCopied()
    {
        string code = Backward("""
            public static partial class C
            {
                [Differentiable]
                public static float F(float x, int n)
                {
                    float y = 3 * x;
                    for (int k = 0; k < n; k++)
                        y = MathF.Sin(y) * 0.5f;
                    return y * y;
                }
            }
            """);

        Assert.Empty(NumberedAdjoints(code, "y"));
        Assert.Matches(@"\n\s*dy = (\w+) is 0f \? 0f : \1 \* cos0;", code);
    }

    /// <summary>A merge in the loop: the new adjoint is built from the old one on each side, so both are live at once and keep their own.</summary>
    [Fact]
    public void AdjointsLiveAtOnceKeepTheirOwn()
    {
        string code = Backward("""
            public static partial class C
            {
                [Differentiable]
                public static double F(double x, double[] w)
                {
                    double s = x;
                    for (int i = 0; i < w.Length; i++)
                    {
                        if (w[i] > 0)
                            s = s * 2;
                    }
                    return s;
                }
            }
            """);

        Assert.Matches(@"double (ds_\d+) = 0;[^}]*\1 \+= ds", code);
    }
}
