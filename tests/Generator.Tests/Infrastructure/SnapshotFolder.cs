using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SymbolicDiff.Generator.Tests.Infrastructure;

/// <summary>
/// Compares texts with the verified snapshots of one test in one folder, with Verify's file convention:
/// <c>&lt;test&gt;.verified.cs</c> for a single text, and <c>&lt;test&gt;#&lt;hint&gt;.verified.cs</c> per
/// generated file, where <c>&lt;hint&gt;</c> is the hint name without a final ".cs" (hint
/// <c>C.F.g.cs</c> gives <c>&lt;test&gt;#C.F.g.verified.cs</c>, as Verify.SourceGenerators names it; the
/// generator's hash suffix is left out, see <see cref="HintNames"/>).
/// A mismatch writes <c>*.received.cs</c> beside the verified file and fails with a diff.
/// </summary>
public sealed class SnapshotFolder(string folder, string testName, SnapshotMode mode)
{
    const string Verified = ".verified.cs";
    const string Received = ".received.cs";

    // Git may check snapshots out with CRLF; the generator writes \n. Compare and store \n only.
    static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Checks one text against <c>&lt;test&gt;.verified.cs</c>, or <c>&lt;test&gt;#&lt;hint&gt;.verified.cs</c> when a hint name is given.</summary>
    public void Verify(string text, string? hintName = null)
    {
        if (Check(text, hintName) is { } failure)
            FailIfAny([failure]);
    }

    /// <summary>Checks every generated file, and fails on verified files of this test whose hint name was not generated.</summary>
    public void VerifyAll(IReadOnlyDictionary<string, string> sourcesByHintName)
    {
        var failures = sourcesByHintName.Select(s => Check(s.Value, s.Key)).OfType<string>().ToList();
        failures.AddRange(CheckStale(sourcesByHintName.Keys.Select(Stem).ToHashSet()));
        FailIfAny(failures);
    }

    public string VerifiedPath(string? hintName) => Path.Combine(folder, Stem(hintName) + Verified);

    public string ReceivedPath(string? hintName) => Path.Combine(folder, Stem(hintName) + Received);

    string Stem(string? hintName)
    {
        if (hintName is null)
            return testName;
        string readable = HintNames.Readable(hintName);
        return $"{testName}#{(readable.EndsWith(".cs") ? readable[..^3] : readable)}";
    }

    /// <summary>Null when the text matches (or was accepted); otherwise what to tell the user.</summary>
    string? Check(string text, string? hintName)
    {
        string verifiedPath = VerifiedPath(hintName), receivedPath = ReceivedPath(hintName);
        var received = Normalize(text);
        var verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (verified == received || mode.MayAccept)
        {
            if (verified != received)
                Write(verifiedPath, received);
            File.Delete(receivedPath);
            return null;
        }
        Write(receivedPath, received);
        var header = verified is null ? $"Missing snapshot {verifiedPath}" : $"Snapshot differs: {verifiedPath}";
        return $"{header}\nReceived: {receivedPath}\n(- verified, + received)\n{SnapshotDiff.Format(verified ?? "", received)}";
    }

    IEnumerable<string> CheckStale(HashSet<string> expectedStems)
    {
        if (!Directory.Exists(folder))
            yield break;
        foreach (var path in Directory.GetFiles(folder, $"{testName}#*{Verified}"))
        {
            if (expectedStems.Contains(Path.GetFileName(path)[..^Verified.Length]))
                continue;
            if (mode.MayAccept)
                File.Delete(path);
            else
                yield return $"Stale snapshot {path}: the generator no longer writes this file.";
        }
    }

    void FailIfAny(IReadOnlyList<string> failures)
    {
        if (failures.Count == 0)
            return;
        var howToAccept = mode.Accept
            ? "SDIFF_ACCEPT=1 is ignored because CI=true: snapshots are accepted by a person, then committed."
            : "If the new output is right: SDIFF_ACCEPT=1 dotnet test tests/Generator.Tests, then review `git diff`.";
        Assert.Fail(string.Join("\n\n", failures) + "\n\n" + howToAccept);
    }

    static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

    void Write(string path, string text)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(path, text, Utf8NoBom);
    }
}
