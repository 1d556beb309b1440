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
}
