using System;
using System.Collections.Generic;
using System.Linq;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace SymbolicDiff.Generator.Tests.Infrastructure;

/// <summary>A unified line diff of two snapshot texts: "-" verified, "+" received, a few lines of context.</summary>
public static class SnapshotDiff
{
    const int Context = 3;

    public static string Format(string verified, string received)
    {
        // whitespace counts: indentation and spacing are part of what the generator promises
        var lines = InlineDiffBuilder.Diff(verified, received, ignoreWhiteSpace: false).Lines;
        var changed = lines.Select((line, i) => (line, i)).Where(x => x.line.Type != ChangeType.Unchanged).Select(x => x.i).ToList();
        var output = new List<string>();
        int verifiedLine = 0, receivedLine = 0, lastShown = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Type != ChangeType.Inserted) verifiedLine++;
            if (line.Type != ChangeType.Deleted) receivedLine++;
            if (!changed.Any(c => Math.Abs(c - i) <= Context))
                continue;
            if (i != lastShown + 1)
                output.Add($"@@ verified line {verifiedLine}, received line {receivedLine} @@");
            output.Add(Prefix(line.Type) + line.Text);
            lastShown = i;
        }
        // DiffPlex shows a final newline as an empty last line; say it in words, it is easy to miss
        if (verified.EndsWith('\n') != received.EndsWith('\n'))
            output.Add(received.EndsWith('\n') ? "(received ends with a newline, verified does not)" : "(verified ends with a newline, received does not)");
        return string.Join("\n", output);
    }

    static string Prefix(ChangeType type) => type switch
    {
        ChangeType.Deleted => "- ",
        ChangeType.Inserted => "+ ",
        _ => "  ",
    };
}
