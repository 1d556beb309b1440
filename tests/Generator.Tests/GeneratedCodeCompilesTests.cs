using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// User code that compiles and gets no SDIFF error must give generated code that compiles with no
/// warning either: one test per way it once did not (issue 7, section 2).
/// </summary>
public class GeneratedCodeCompilesTests
{
    const string Usings = "using System;\nusing SymbolicDiff;\n";

    static GeneratorResult Clean(string source)
    {
        var result = GeneratorHarness.Run(Usings + source);
        Assert.Equal([], result.DiagnosticsWithText());
        result.AssertCompilesCleanly();
        return result;
    }

    // ---- hint names: unique ignoring case, whatever the names read like

    [Theory]
    [InlineData("public static partial class C { [Differentiable] public static double F(double x) => x * x; [Differentiable] public static double f(double x) => x * x; }")]
    [InlineData("public partial class Model { [Differentiable] public static double F(double x) => x * x; } public partial class model { [Differentiable] public static double F(double x) => x * x; }")]
    [InlineData("public partial class A<T> { [Differentiable] public static double F(double x) => x * x; } public partial class A_T_ { [Differentiable] public static double F(double x) => x * x; }")]
    public void MethodsWhoseNamesReadAlikeEachGetAFile(string source)
    {
        var result = Clean(source);
        Assert.Equal(2, result.GeneratedSources.Count);
        Assert.Equal(2, result.GeneratedSources.Keys.Select(k => k.ToUpperInvariant()).Distinct().Count());
    }

    // ---- names the user wrote with @: parameters, locals, loop variables, arrays, types, namespaces

    const string KeywordNames = """
        namespace @namespace
        {
            public static partial class @class<@int>
            {
                [Differentiable]
                public static double @return(double @double, double @in, double[] @params, int @out)
                {
                    double @int = @double * @in;
                    double[] @new = { @int, @in };
                    for (int @for = 0; @for < @out; @for++)
                    {
                        @int += @params[@for] * @new[0];
                        @new[1] = @int * @double;
                    }
                    double @var = @new[1] + @this(@int);
                    return @var * @int;
                }

                [Differentiable] public static double @this(double @base) => @base * @base;

                public static double Gradient(double a, double b, double[] p, double[] dp, out double da, out double db) =>
                    @returnGradient(a, b, p, p.Length, out da, out db, dp);
            }
        }
        """;

    [Fact]
    public void KeywordNamesAreWrittenWithTheirAt()
    {
        var result = Clean(KeywordNames);
        Assert.Contains("double @int = @double * @in;", result.GeneratedSources.Single(s => s.Key.Contains(".return.")).Value);
    }
}
