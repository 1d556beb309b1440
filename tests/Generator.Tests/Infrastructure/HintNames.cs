using System.Text.RegularExpressions;

namespace SymbolicDiff.Generator.Tests.Infrastructure;

/// <summary>
/// The generator's hint names end in a hash of the method's id (<c>C.F.1a2b3c4d.g.cs</c>), which keeps
/// them unique; tests and snapshot files name a file by its readable part (<c>C.F.g.cs</c>).
/// </summary>
public static class HintNames
{
    static readonly Regex Hash = new(@"\.[0-9a-f]{8}(?=\.g\.cs$)");

    public static string Readable(string hintName) => Hash.Replace(hintName, "");
}
