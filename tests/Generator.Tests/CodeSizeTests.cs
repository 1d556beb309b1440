using System.Linq;
using System.Text;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// Generated code grows linearly with the method: exits on some paths of an if once copied the rest of
/// the method into both sides (2ⁿ copies for n such ifs), and every early return nested the rest deeper.
/// </summary>
public class CodeSizeTests
{
    /// <summary>A method <c>F(x, y)</c> that starts with <c>double r = x;</c>, runs <paramref name="body"/> and returns <c>r</c>.</summary>
    internal static string Method(string body) => $$"""
        using System;
        using SymbolicDiff;
        public static partial class C
        {
            [Differentiable]
            public static double F(double x, double y)
            {
                double r = x;
        {{body}}
                return r;
            }
        }
        """;

    /// <summary><c>if (r &gt; i) { if (r &gt; i + 0.5) return …; r = …; } r = …;</c> repeated.</summary>
    static string PartialExits(int n) => Method(string.Concat(Enumerable.Range(0, n).Select(i =>
        $"if (r > {i}) {{ if (r > {i}.5) return r * {i}; r = r * y; }}\nr = r * y + Math.Sin(r);\n")));

    /// <summary><c>if (r &gt; i) return …; r = …;</c> repeated.</summary>
    static string GuardReturns(int n) => Method(string.Concat(Enumerable.Range(0, n).Select(i =>
        $"if (r > {i}) return r * {i};\nr = r * y + Math.Sin(r);\n")));

    /// <summary>The same inside a loop, with continue and break.</summary>
    static string LoopExits(int n) => Method("for (int i = 0; i < 10; i++)\n{\n" + string.Concat(Enumerable.Range(0, n).Select(i =>
        $"if (r > {i}) {{ if (r > {i}.5) continue; r = r * y; }}\nif (r < -{i}) break;\nr = r * y + Math.Sin(r);\n")) + "}\n");

    /// <summary>A switch with a returning section, a falling-out one and a default, repeated.</summary>
    static string SwitchExits(int n) => Method(string.Concat(Enumerable.Range(0, n).Select(i =>
        $"switch ((int)r) {{ case {i}: return r * {i}; case {-i - 1}: r = r * y; break; default: r = r + y; break; }}\nr = r * y + Math.Sin(r);\n")));

    static int GeneratedLength(string source)
    {
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        return result.GeneratedSources.Values.Sum(s => s.Length);
    }

    static void AssertLinear(System.Func<int, string> source)
    {
        int small = GeneratedLength(source(20));
        int large = GeneratedLength(source(40));
        // Twice the statements: about twice the code (up to 2.3: longer numbered names, the first exits nest).
        Assert.True(large < 2.3 * small, $"20 exits: {small} characters, 40 exits: {large}");
        Assert.True(large < 60 * source(40).Length, $"40 exits: {large} characters of generated code for {source(40).Length} of source");
    }

    [Fact]
    public void ExitsOnSomePathsOfAnIf_Linear() => AssertLinear(PartialExits);

    [Fact]
    public void GuardReturns_Linear() => AssertLinear(GuardReturns);

    [Fact]
    public void ContinueAndBreakInALoop_Linear() => AssertLinear(LoopExits);

    [Fact]
    public void SwitchSectionsThatReturn_Linear() => AssertLinear(SwitchExits);
}
