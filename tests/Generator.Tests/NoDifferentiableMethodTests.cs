using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

public class NoDifferentiableMethodTests
{
    [Fact]
    public void SourceWithoutDifferentiableMethodGeneratesAndReportsNothing()
    {
        var result = GeneratorHarness.Run("""
            public static class Plain
            {
                public static double Square(double x) => x * x;
            }
            """);

        Assert.Empty(result.GeneratedSources);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
    }
}
