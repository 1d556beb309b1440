using System;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// A companion file writes <c>Math.Exp(x)</c> through an alias it declares (<c>using Math = global::System.Math;</c>)
/// wherever nothing nearer than that alias is named Math or MathF, and <c>global::System.Math.Exp(x)</c> elsewhere. Each
/// case that takes the name compiles cleanly with the names in full; each case that leaves it free gets the alias.
/// </summary>
public class MathAliasTests
{
    const string Body = """
        [Differentiable] public static double F(double x, double y) => Math.Exp(x) * Math.Sin(y) + Math.Max(x, y);
        """;

    static GeneratorResult Run(string source, params string[] moreSources) => Run(source, moreSources, GeneratorHarness.ParseOptions);

    static GeneratorResult Run(string source, string[] moreSources, CSharpParseOptions options)
    {
        GeneratorResult result = GeneratorHarness.Run(source, moreSources, parseOptions: options);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        return result;
    }

    static string Generated(GeneratorResult result, string method) =>
        result.GeneratedSources.Single(s => s.Key.Contains("." + method + ".", StringComparison.Ordinal)).Value;

    static void AssertAliased(string generated)
    {
        Assert.Contains("using Math = global::System.Math;\n", generated);
        Assert.DoesNotContain("global::System.Math.", generated);
        Assert.Contains(" Math.Exp(x)", generated);
    }

    static void AssertInFull(string generated)
    {
        Assert.DoesNotContain("using Math", generated);
        Assert.Contains("global::System.Math.Exp(x)", generated);
    }

    [Fact]
    public void InANamespaceTheFileDeclaresTheAliasAndTheGradientIsExact()
    {
        GeneratorResult result = Run($$"""
            using System;
            using SymbolicDiff;
            namespace Models.Deep;
            public static partial class Functions
            {
                {{Body}}
            }
            """);
        string generated = Generated(result, "F");
        AssertAliased(generated);
        Assert.Contains("namespace Models.Deep;\n\nusing Math = global::System.Math;\n\npartial class Functions\n", generated);

        using var assembly = result.EmitAndLoad();
        object?[] args = [0.3, 1.1, null, null];
        double value = (double)assembly.Invoke("Models.Deep.Functions", "FGradient", args)!;
        Assert.Equal(Math.Exp(0.3) * Math.Sin(1.1) + 1.1, value);
        Assert.Equal(Math.Exp(0.3) * Math.Sin(1.1), (double)args[2]!);
        Assert.Equal(Math.Exp(0.3) * Math.Cos(1.1) + 1.0, (double)args[3]!);
    }

    /// <summary>Before C# 10 the companions' namespace is a block.</summary>
    [Fact]
    public void InABlockNamespaceTheAliasIsItsFirstLine()
    {
        GeneratorResult result = Run($$"""
            using System;
            using SymbolicDiff;
            namespace Models
            {
                public static partial class Functions
                {
                    {{Body}}
                    [Differentiable] public static float G(float x) => MathF.Exp(x) * x;
                }
            }
            """, [], GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp9));
        AssertAliased(Generated(result, "F"));
        Assert.Contains("namespace Models\n{\n\tusing Math = global::System.Math;\n\n\tpartial class Functions\n", Generated(result, "F"));
        string single = Generated(result, "G");
        Assert.Contains("\tusing MathF = global::System.MathF;\n\n", single);
        Assert.DoesNotContain("using Math =", single); // only the names the file uses
        Assert.Contains("MathF.Exp(x)", single);
    }

    /// <summary>
    /// In the global namespace the alias stands beside the usings of the file and the project's global usings: an
    /// import of System (ImplicitUsings) leaves the name free, a global alias of the same name would clash (CS1537).
    /// </summary>
    [Theory]
    [InlineData("using System;", "", true)]
    [InlineData("", "global using global::System;", true)]
    [InlineData("", "global using Math = System.Math;", false)]
    public void InTheGlobalNamespaceTheAliasStandsBesideTheUsings(string usings, string elsewhere, bool aliased)
    {
        GeneratorResult result = Run($$"""
            {{usings}}
            using SymbolicDiff;
            public static partial class Functions
            {
                {{Body}}
            }
            """, elsewhere.Length > 0 ? [elsewhere] : []);
        if (aliased)
            AssertAliased(Generated(result, "F"));
        else
            AssertInFull(Generated(result, "F"));
    }

    [Theory]
    [InlineData("a type of the namespace", "namespace Models { public class Math { } }", "")]
    [InlineData("a namespace inside the namespace", "namespace Models.MathF { public class Tools { } }", "")]
    [InlineData("a property of the class", "", "public static int Math => 1;")]
    [InlineData("a nested type", "", "private sealed class MathF { }")]
    [InlineData("a private field of a base class", "namespace Models { public class Root { private static int Math = 1; public static int Read() => Math; } }", "")]
    public void ANamesakeNearerThanTheAliasKeepsTheNamesInFull(string _, string elsewhere, string member)
    {
        string baseList = elsewhere.Contains("Root", StringComparison.Ordinal) ? " : Root" : "";
        GeneratorResult result = Run($$"""
            using SymbolicDiff;
            namespace Models;
            public partial class Functions{{baseList}}
            {
                {{member}}
                [Differentiable] public static double F(double x, double y) => System.Math.Exp(x) * System.Math.Sin(y) + System.Math.Max(x, y);
            }
            """, elsewhere.Length > 0 ? [elsewhere] : []);
        AssertInFull(Generated(result, "F"));
    }

    /// <summary>A name declared inside the namespace, nearer than the alias: a type parameter of the class, a local, a parameter.</summary>
    [Theory]
    [InlineData("partial class Box<Math>", "F(double x) => System.Math.Exp(x) * x;")]
    [InlineData("static partial class Functions", "F(double x) { double Math = x * 2; return System.Math.Exp(x) * Math; }")]
    [InlineData("static partial class Functions", "F(double x) { double MathF = System.Math.Exp(x); return MathF * x; }")]
    [InlineData("static partial class Functions", "F(double x, double Math) => System.Math.Exp(x) * Math;")]
    public void ANameDeclaredNearerKeepsTheNamesInFull(string type, string method)
    {
        GeneratorResult result = Run($$"""
            using SymbolicDiff;
            namespace Models;
            public {{type}}
            {
                [Differentiable] public static double {{method}}
            }
            """);
        AssertInFull(Generated(result, "F"));
    }

    /// <summary>Copied user code (a guard) names Math through the same alias, written out or imported by <c>using static</c>.</summary>
    [Fact]
    public void CopiedGuardsUseTheAliasToo()
    {
        GeneratorResult result = Run("""
            using System;
            using SymbolicDiff;
            using static System.Math;
            namespace Models;
            public static partial class Functions
            {
                [Differentiable]
                public static double F(double x)
                {
                    if (Math.Abs(x) > 1e6 || Abs(x) < -1) throw new ArgumentOutOfRangeException(nameof(x), $"{Math.Round(x)} is too large");
                    return Math.Exp(x) * x;
                }
            }
            """);
        string generated = Generated(result, "F");
        AssertAliased(generated);
        Assert.Contains("bool t4 = !(Math.Abs(x) > 1000000.0) ? Math.Abs(x) < -1.0 : true;", generated);
        Assert.Contains("throw new global::System.ArgumentOutOfRangeException(\"x\", $\"{(Math.Round(x))} is too large\");", generated);
    }
}
