using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace SymbolicDiff.Reliability.Tests.Typing;

/// <summary>
/// The programs that typing states are cut from: every raw string literal holding a
/// [Differentiable] method in the Generator.Tests sources (read from the source tree).
/// </summary>
public static partial class TypingStateSources
{
    static string ThisFile([CallerFilePath] string path = "") => path;

    [GeneratedRegex("\"\"\"\\s*\\n(.*?)\\n\\s*\"\"\"", RegexOptions.Singleline)]
    private static partial Regex RawStringLiteral();

    public static IReadOnlyList<string> FromGeneratorTests()
    {
        var folder = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "Generator.Tests"));
        if (!Directory.Exists(folder))
            Assert.Fail($"The Generator.Tests sources are read from the source tree, at {folder}; it does not exist here.");
        return [.. Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Snapshots{Path.DirectorySeparatorChar}"))
            .SelectMany(f => RawStringLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(text => text.Contains("[Differentiable]"))];
    }
}
