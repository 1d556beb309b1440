using System.Linq;
using System.Threading.Tasks;
using static SymbolicDiff.CodeFixes.Tests.CodeFixRunner;

namespace SymbolicDiff.CodeFixes.Tests;

public class MakeTypesPartialCodeFixTests
{
    [Fact]
    public async Task MakesTheTypePartial()
    {
        string fixedText = await FixFirst("""
            using SymbolicDiff;

            public static class C
            {
                [Differentiable]
                public static double F(double x) => x * x;
            }
            """);

        Assert.Equal("""
            using SymbolicDiff;

            public static partial class C
            {
                [Differentiable]
                public static double F(double x) => x * x;
            }
            """, fixedText);
    }

    [Fact]
    public async Task MakesTheTypeAndEveryEnclosingTypePartialInOneStep()
    {
        string fixedText = await FixFirst("""
            using SymbolicDiff;

            /// <summary>Outer.</summary>
            class Outer
            {
                internal struct Inner
                {
                    [Differentiable]
                    public double F(double x) => x * x;
                }
            }
            """);

        Assert.Equal("""
            using SymbolicDiff;

            /// <summary>Outer.</summary>
            partial class Outer
            {
                internal partial struct Inner
                {
                    [Differentiable]
                    public double F(double x) => x * x;
                }
            }
            """, fixedText);
    }

    [Fact]
    public async Task TheFixedCodeHasNoGeneratorDiagnostics()
    {
        var document = CreateDocument("""
            using SymbolicDiff;
            public class Outer { public record Inner { [Differentiable] public static double F(double x) => x * x; } }
            """);
        Assert.Equal(2, (await GeneratorDiagnostics(document)).Count(d => d.Id == "SDIFF0001"));

        var action = Assert.Single(await Actions(new MakeTypesPartialCodeFix(), document, "SDIFF0001"));
        var fixedDocument = await Apply(action, document);

        Assert.Empty(await GeneratorDiagnostics(fixedDocument));
        Assert.Empty((await fixedDocument.Project.GetCompilationAsync())!.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }

    [Fact]
    public void FixesTheGeneratorsNotPartialDiagnostic() =>
        Assert.Equal(SymbolicDiff.Generator.Diagnostics.Descriptors.NotPartial.Id, Assert.Single(new MakeTypesPartialCodeFix().FixableDiagnosticIds));

    static async Task<string> FixFirst(string source)
    {
        var document = CreateDocument(source);
        var action = Assert.Single(await Actions(new MakeTypesPartialCodeFix(), document, "SDIFF0001"));
        return await Text(await Apply(action, document));
    }
}
