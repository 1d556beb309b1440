using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// Every diagnostic links to its page in docs/diagnostics, and each page's examples are true: the
/// "Wrong" code gets exactly that diagnostic, the "Right" code none, and compiles without warnings.
/// </summary>
public class DiagnosticHelpPageTests
{
    const string HelpBase = "https://github.com/symbolicdiff/SymbolicDiff/blob/main/docs/diagnostics/";

    static string PagesFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "docs", "diagnostics"));

    public static TheoryData<string> Ids() =>
        [.. typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id).Order()];

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryDescriptorLinksToItsPage(string id)
    {
        var descriptor = typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!).Single(d => d.Id == id);
        Assert.Equal(HelpBase + id + ".md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(PagesFolder(), id + ".md")), $"docs/diagnostics/{id}.md is missing");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void TheWrongExampleGetsTheDiagnosticAndTheRightOneCompilesCleanly(string id)
    {
        string page = File.ReadAllText(Path.Combine(PagesFolder(), id + ".md"));
        if (id == Descriptors.InternalError.Id)
        {
            // A generator bug has no example; the page says where to report it, as the message does.
            Assert.DoesNotContain("## Wrong", page);
            Assert.Contains("https://github.com/symbolicdiff/SymbolicDiff/issues", page);
            Assert.Contains("https://github.com/symbolicdiff/SymbolicDiff/issues", Descriptors.InternalError.MessageFormat.ToString());
            return;
        }

        var wrong = GeneratorHarness.Run(Example(page, "Wrong"));
        Assert.Contains(wrong.Diagnostics, d => d.Id == id);
        // SDIFF0013 is always the consequence of another error, at the callee, which the example shows too.
        Assert.All(wrong.Diagnostics, d => Assert.True(d.Id == id || id == Descriptors.CalleeFailed.Id, $"{d.Id}: {d.GetMessage()}"));

        var right = GeneratorHarness.Run(Example(page, "Right"));
        Assert.Empty(right.Diagnostics);
        right.AssertCompilesCleanly();
    }

    /// <summary>The first csharp block under the page's "## <paramref name="section"/>" heading.</summary>
    static string Example(string page, string section)
    {
        var match = Regex.Match(page, $@"^## {section}\s*\n+```csharp\n(.*?)\n```", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(match.Success, $"no ```csharp block under '## {section}'");
        return match.Groups[1].Value;
    }
}
