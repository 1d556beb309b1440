using System.Linq;
using System.Threading.Tasks;
using static SymbolicDiff.CodeFixes.Tests.CodeFixRunner;

namespace SymbolicDiff.CodeFixes.Tests;

public class AddNoDiffCodeFixTests
{
    [Fact]
    public async Task MarksAParameterThatOnlyReachesAnOpaqueCall()
    {
        var document = CreateDocument("""
            using SymbolicDiff;

            public static partial class C
            {
                static double Lookup(double key) => key > 0 ? 2.0 : 3.0;

                [Differentiable]
                public static double F(double x, double key) => x * Lookup(key);
            }
            """);

        var action = Assert.Single(await Actions(new AddNoDiffCodeFix(), document, "SDIFF0004"));
        Assert.Equal("Mark parameter 'key' [NoDiff]", action.Title);
        var fixedDocument = await Apply(action, document);

        Assert.Equal("""
            using SymbolicDiff;

            public static partial class C
            {
                static double Lookup(double key) => key > 0 ? 2.0 : 3.0;

                [Differentiable]
                public static double F(double x, [NoDiff] double key) => x * Lookup(key);
            }
            """, await Text(fixedDocument));
        Assert.Empty(await GeneratorDiagnostics(fixedDocument));
    }

    [Fact]
    public async Task WritesTheQualifiedNameWithoutTheUsing()
    {
        var document = CreateDocument("""
            public static partial class C
            {
                static double Lookup(double key) => key;

                [SymbolicDiff.Differentiable]
                public static double F(double x, double key) => x * Lookup(key);
            }
            """);

        var fixedDocument = await Apply(Assert.Single(await Actions(new AddNoDiffCodeFix(), document, "SDIFF0004")), document);

        Assert.Contains("public static double F(double x, [SymbolicDiff.NoDiff] double key)", await Text(fixedDocument));
        Assert.Empty(await GeneratorDiagnostics(fixedDocument));
    }

    [Fact]
    public async Task NotOfferedWhenTheParameterAlsoFeedsTheResult()
    {
        // [NoDiff] on x would silently drop the gradient of the x * ... term: no single obvious fix.
        var document = CreateDocument("""
            using SymbolicDiff;

            public static partial class C
            {
                static double Lookup(double key) => key;

                [Differentiable]
                public static double F(double x) => x * Lookup(x);
            }
            """);

        Assert.Empty(await Actions(new AddNoDiffCodeFix(), document, "SDIFF0004"));
    }

    [Fact]
    public async Task OfferedWhenEveryUseIsInsideOpaqueCallsEvenThroughMath()
    {
        var document = CreateDocument("""
            using System;
            using SymbolicDiff;

            public static partial class C
            {
                static double Lookup(double key) => key;

                [Differentiable]
                public static double F(double x, double key)
                {
                    double a = Lookup(Math.Exp(key));
                    return x * a + Lookup(key);
                }
            }
            """);

        var action = Assert.Single(await Actions(new AddNoDiffCodeFix(), document, "SDIFF0004"));
        var fixedDocument = await Apply(action, document);

        Assert.Contains("F(double x, [NoDiff] double key)", await Text(fixedDocument));
        Assert.Empty(await GeneratorDiagnostics(fixedDocument));
    }

    [Fact]
    public void FixesTheGeneratorsNotDifferentiableCallDiagnostic() =>
        Assert.Equal(SymbolicDiff.Generator.Diagnostics.Descriptors.NotDifferentiableCall.Id, Assert.Single(new AddNoDiffCodeFix().FixableDiagnosticIds));
}
