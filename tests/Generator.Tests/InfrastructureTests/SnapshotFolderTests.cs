using System;
using System.Collections.Generic;
using System.IO;
using SymbolicDiff.Generator.Tests.Infrastructure;
using Xunit.Sdk;

namespace SymbolicDiff.Generator.Tests.InfrastructureTests;

public sealed class SnapshotFolderTests : IDisposable
{
    static readonly SnapshotMode Check = new(Accept: false, IsCi: false);
    static readonly SnapshotMode Accept = new(Accept: true, IsCi: false);
    static readonly SnapshotMode AcceptOnCi = new(Accept: true, IsCi: true);

    readonly string folder = Path.Combine(Path.GetTempPath(), "sdiff-snapshots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    SnapshotFolder Folder(SnapshotMode mode) => new(folder, "Tests.M", mode);

    void WriteVerified(string? hintName, string text)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Folder(Check).VerifiedPath(hintName), text);
    }

    [Fact]
    public void FileNamesFollowVerify()
    {
        var snapshots = Folder(Check);

        Assert.Equal(Path.Combine(folder, "Tests.M.verified.cs"), snapshots.VerifiedPath(null));
        Assert.Equal(Path.Combine(folder, "Tests.M#C.F.g.verified.cs"), snapshots.VerifiedPath("C.F.g.cs"));
        Assert.Equal(Path.Combine(folder, "Tests.M#helper.received.cs"), snapshots.ReceivedPath("helper"));
    }

    [Fact]
    public void MatchingTextPassesAndRemovesAnOldReceivedFile()
    {
        WriteVerified(null, "class C { }\n");
        File.WriteAllText(Folder(Check).ReceivedPath(null), "old");

        Folder(Check).Verify("class C { }\n");

        Assert.False(File.Exists(Folder(Check).ReceivedPath(null)));
    }

    [Fact]
    public void LineEndingsDoNotMatter()
    {
        WriteVerified(null, "a\r\nb\r\n");

        Folder(Check).Verify("a\nb\n");
    }

    [Fact]
    public void DifferenceFailsWithDiffAndWritesReceivedFile()
    {
        WriteVerified(null, "class C\n{\n    int x;\n}\n");

        var failure = Assert.ThrowsAny<XunitException>(() => Folder(Check).Verify("class C\r\n{\r\n    long x;\r\n}\r\n"));

        Assert.Contains("Snapshot differs", failure.Message);
        Assert.Contains("-     int x;\n+     long x;", failure.Message);
        Assert.Contains("  {", failure.Message);
        Assert.Contains("SDIFF_ACCEPT=1 dotnet test tests/Generator.Tests", failure.Message);
        Assert.Equal("class C\n{\n    long x;\n}\n", File.ReadAllText(Folder(Check).ReceivedPath(null)));
        Assert.Equal("class C\n{\n    int x;\n}\n", File.ReadAllText(Folder(Check).VerifiedPath(null)));
    }

    [Fact]
    public void WhitespaceOnlyDifferenceFails()
    {
        WriteVerified(null, "a\n    b\n");

        var failure = Assert.ThrowsAny<XunitException>(() => Folder(Check).Verify("a\n  b\n"));

        Assert.Contains("-     b\n+   b", failure.Message);
    }

    [Fact]
    public void FinalNewlineDifferenceFailsWithAnExplanation()
    {
        WriteVerified(null, "a\n");

        var failure = Assert.ThrowsAny<XunitException>(() => Folder(Check).Verify("a"));

        Assert.Contains("  a\n- \n(verified ends with a newline, received does not)", failure.Message);
    }

    [Fact]
    public void DiffShowsOnlyLinesNearTheChange()
    {
        var lines = new List<string>();
        for (var i = 1; i <= 20; i++)
            lines.Add($"line {i}");
        WriteVerified(null, string.Join("\n", lines));
        lines[9] = "changed";

        var failure = Assert.ThrowsAny<XunitException>(() => Folder(Check).Verify(string.Join("\n", lines)));

        Assert.Contains("@@ verified line 7, received line 7 @@\n  line 7\n  line 8\n  line 9\n- line 10\n+ changed\n  line 11\n  line 12\n  line 13\n", failure.Message);
        Assert.DoesNotContain("line 6\n", failure.Message);
        Assert.DoesNotContain("line 14", failure.Message);
    }

    [Fact]
    public void MissingFileFailsWithTheTextAndIsNotCreated()
    {
        var failure = Assert.ThrowsAny<XunitException>(() => Folder(Check).Verify("class C { }\n"));

        Assert.Contains("Missing snapshot", failure.Message);
        Assert.Contains("+ class C { }", failure.Message);
        Assert.False(File.Exists(Folder(Check).VerifiedPath(null)));
        Assert.True(File.Exists(Folder(Check).ReceivedPath(null)));
    }

    [Fact]
    public void AcceptModeOverwritesTheVerifiedFile()
    {
        WriteVerified(null, "old\n");

        Folder(Accept).Verify("new\r\n");

        Assert.Equal("new\n", File.ReadAllText(Folder(Check).VerifiedPath(null)));
        Assert.False(File.Exists(Folder(Check).ReceivedPath(null)));
    }

    [Fact]
    public void AcceptModeCreatesAMissingFile()
    {
        Folder(Accept).Verify("new\n", "C.F.g.cs");

        Assert.Equal("new\n", File.ReadAllText(Path.Combine(folder, "Tests.M#C.F.g.verified.cs")));
    }

    [Fact]
    public void AcceptModeOnCiNeverCreatesAMissingFile()
    {
        var failure = Assert.ThrowsAny<XunitException>(() => Folder(AcceptOnCi).Verify("new\n"));

        Assert.Contains("ignored because CI=true", failure.Message);
        Assert.False(File.Exists(Folder(Check).VerifiedPath(null)));
    }

    [Fact]
    public void AcceptModeOnCiNeverOverwrites()
    {
        WriteVerified(null, "old\n");

        Assert.ThrowsAny<XunitException>(() => Folder(AcceptOnCi).Verify("new\n"));

        Assert.Equal("old\n", File.ReadAllText(Folder(Check).VerifiedPath(null)));
    }

    [Fact]
    public void VerifyAllChecksEveryFileAndReportsAllDifferences()
    {
        WriteVerified("A.g.cs", "a\n");
        WriteVerified("B.g.cs", "b\n");

        var failure = Assert.ThrowsAny<XunitException>(() =>
            Folder(Check).VerifyAll(new Dictionary<string, string> { ["A.g.cs"] = "a2\n", ["B.g.cs"] = "b2\n" }));

        Assert.Contains("Tests.M#A.g.verified.cs", failure.Message);
        Assert.Contains("Tests.M#B.g.verified.cs", failure.Message);
    }

    [Fact]
    public void VerifyAllFailsOnStaleFilesOfThisTestOnly()
    {
        WriteVerified("A.g.cs", "a\n");
        WriteVerified("Gone.g.cs", "gone\n");
        File.WriteAllText(Path.Combine(folder, "Tests.M2#Other.g.verified.cs"), "another test's file\n");

        var failure = Assert.ThrowsAny<XunitException>(() =>
            Folder(Check).VerifyAll(new Dictionary<string, string> { ["A.g.cs"] = "a\n" }));

        Assert.Contains("Stale snapshot", failure.Message);
        Assert.Contains("Tests.M#Gone.g.verified.cs", failure.Message);
        Assert.DoesNotContain("Tests.M2", failure.Message);
        Assert.DoesNotContain("Tests.M#A.g", failure.Message);
    }

    [Fact]
    public void AcceptModeDeletesStaleFiles()
    {
        WriteVerified("Gone.g.cs", "gone\n");

        Folder(Accept).VerifyAll(new Dictionary<string, string>());

        Assert.False(File.Exists(Folder(Check).VerifiedPath("Gone.g.cs")));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void EnvironmentSwitches(string? value, bool on) => Assert.Equal(on, SnapshotMode.IsOn(value));
}
