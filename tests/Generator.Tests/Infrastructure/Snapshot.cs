using System.IO;
using System.Runtime.CompilerServices;

namespace SymbolicDiff.Generator.Tests.Infrastructure;

/// <summary>
/// Snapshot assertions for tests: the verified files live in <c>Snapshots/</c> beside the test's
/// source file and are named <c>&lt;TestClass&gt;.&lt;TestMethod&gt;…</c> as Verify names them (see
/// <see cref="SnapshotFolder"/>). The test class is taken from the file name, so keep one test
/// class per file, named as the file.
/// </summary>
public static class Snapshot
{
    /// <summary>Checks <paramref name="text"/> against <c>Snapshots/&lt;TestClass&gt;.&lt;TestMethod&gt;.verified.cs</c>.</summary>
    public static void Verify(string text, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "") =>
        FolderFor(testFile, testMethod).Verify(text);

    /// <summary>Checks each generated file against <c>Snapshots/&lt;TestClass&gt;.&lt;TestMethod&gt;#&lt;hint&gt;.verified.cs</c>, and that no verified file is stale.</summary>
    public static void VerifyGenerated(GeneratorResult result, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "") =>
        FolderFor(testFile, testMethod).VerifyAll(result.GeneratedSources);

    static SnapshotFolder FolderFor(string testFile, string testMethod)
    {
        var testDirectory = Path.GetDirectoryName(testFile);
        // a build with PathMap (e.g. ContinuousIntegrationBuild) hides the real source path
        if (!Directory.Exists(testDirectory))
            Assert.Fail($"The test's source folder '{testDirectory}' does not exist here; snapshots are read from the source tree.");
        return new SnapshotFolder(
            Path.Combine(testDirectory, "Snapshots"),
            $"{Path.GetFileNameWithoutExtension(testFile)}.{testMethod}",
            SnapshotMode.FromEnvironment());
    }
}
