using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests.InfrastructureTests;

/// <summary>The snapshot facade against files committed in InfrastructureTests/Snapshots/.</summary>
public class SnapshotConventionTests
{
    // reads SnapshotConventionTests.VerifiedFileBesideTheTestIsFound.verified.cs
    [Fact]
    public void VerifiedFileBesideTheTestIsFound() =>
        Snapshot.Verify("""
            namespace Example;

            public static class Committed
            {
                public static double Twice(double x) => 2 * x;
            }

            """);

    // reads SnapshotConventionTests.GeneratedFilesAreVerifiedPerHintName#Generated.g.verified.cs
    [Fact]
    public void GeneratedFilesAreVerifiedPerHintName() =>
        Snapshot.VerifyGenerated(GeneratorHarness.Run("class C { }", generator: new ReportingGenerator()));
}
