using System.Linq;
using Microsoft.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;
using SymbolicDiff.Generator;
using SymbolicDiff.Generator.Tests.Infrastructure;
using SymbolicDiff.Reliability.Tests.Differential;
using SymbolicDiff.Reliability.Tests.Programs;

namespace SymbolicDiff.Reliability.Tests;

/// <summary>
/// The random programs of a CI run contain the constructs added to the grammar for a bug class, so a
/// production that can never be drawn (an empty pool, a frequency of 0) is noticed here and not by its
/// absence from the soak's findings.
/// </summary>
public class GrammarCoverageTests
{
    private const ulong Seed = 20261130;

    /// <summary>The generator's run over <paramref name="programs"/>, each program a class of its own (P0, P1, …) in one compilation.</summary>
    private static GeneratorRunResult Generated(System.Collections.Generic.IReadOnlyList<RandomProgram> programs)
    {
        var source = new StringBuilder(BatchSource.UserUsings);
        for (int k = 0; k < programs.Count; k++)
            source.Append($"public static partial class P{k}\n{{\n").Append(ProgramPrinter.Primal(programs[k], indent: 1)).Append("}\n\n");
        return GeneratorHarness.CreateDriver(new DifferentiableGenerator())
            .RunGenerators(GeneratorHarness.CreateCompilation([source.ToString()], references: BatchCompiler.References)).GetRunResult().Results.Single();
    }

    private static string[] CiPrograms(int count) =>
        [.. Enumerable.Range(0, count).Select(i => ProgramPrinter.Primal(ProgramCase.Create(Seed, i, Grammar.Ci).Program))];

    [Fact]
    public void SwapsAreDrawn_InLoopsToo()
    {
        var swap = new Regex(@"(?<type>double|float) (?<temp>sw\w+) = (?<a>[^;]+);\s*\k<a> = (?<b>[^;]+);\s*\k<b> = \k<temp>;");
        // rarer inside a loop: counted over 1,000 programs
        string[] programs = CiPrograms(1000);
        int withSwap = programs.Count(p => swap.IsMatch(p));
        int inLoop = programs.Count(p => swap.Matches(p).Any(m => Regex.IsMatch(p[..m.Index], @"(for|while|foreach) \([^\n]*\)\s*\{?[^}]*$")));
        Assert.True(withSwap >= 50, $"{withSwap} of 1000 programs swap two values");
        Assert.True(inLoop >= 10, $"{inLoop} of 1000 programs swap two values inside a loop");
    }

    /// <summary>Deconstructions into variables (parallel, reading their own targets) and new ones, and SinCos's pair, in both forms.</summary>
    [Fact]
    public void DeconstructionsAreDrawn()
    {
        string[] programs = CiPrograms(500);
        var parallel = new Regex(@"^\s*\((?<a>\w+), (?<b>\w+)(, \w+)?\) = \((?=[^;]*\b(\k<a>|\k<b>)\b)", RegexOptions.Multiline);
        int reading = programs.Count(p => parallel.IsMatch(p));
        int declaring = programs.Count(p => Regex.IsMatch(p, @"\((double|float) \w+, (double|float) \w+\) = \("));
        int pairs = programs.Count(p => Regex.IsMatch(p, @"(var )?\(\w+, \w+\) = MathF?\.SinCos\("));
        int parts = programs.Count(p => Regex.IsMatch(p, @"MathF?\.SinCos\([^;]*\)\.(Sin|Cos|Item1|Item2)\b"));
        Assert.True(reading >= 25, $"{reading} of 500 programs assign in parallel values that read the targets");
        Assert.True(declaring >= 10, $"{declaring} of 500 programs declare by deconstruction");
        Assert.True(pairs >= 10, $"{pairs} of 500 programs deconstruct SinCos");
        Assert.True(parts >= 10, $"{parts} of 500 programs read a part of SinCos");
    }

    [Fact]
    public void PiFunctionsAreDrawn()
    {
        // one function among some fifty, drawn in about 1 % of programs: 1,000 of them, so a change elsewhere in the
        // grammar (which moves every later draw) does not bring the count under the bar by chance
        string[] programs = CiPrograms(1000);
        foreach (string function in new[] { "SinPi", "CosPi", "TanPi" })
        {
            int drawn = programs.Count(p => Regex.IsMatch(p, @"(double|float)\." + function + @"\("));
            Assert.True(drawn >= 5, $"{drawn} of 1,000 programs call {function}");
        }
    }

    /// <summary>F29: an enum constant as an argument (Round's midpoint mode), which the generator must write as the member.</summary>
    [Fact]
    public void EnumArgumentsAreDrawn()
    {
        int drawn = CiPrograms(500).Count(p => p.Contains(", MidpointRounding.AwayFromZero)"));
        Assert.True(drawn >= 5, $"{drawn} of 500 programs round away from zero");
    }

    /// <summary>
    /// F39: C# 14 extension members read from constants, in each form; the generated code must call them by their class
    /// (the batch compiles every program with the generator, so a miss fails the random-program tests).
    /// </summary>
    [Fact]
    public void ExtensionMembersAreDrawn()
    {
        string[] programs = CiPrograms(500);
        foreach (string form in new[] { @"\)\.Scaled\(\)", @"\)\.Halved\b", @"(double|float)\.ThreeQuarters\(" })
        {
            int drawn = programs.Count(p => Regex.IsMatch(p, form));
            Assert.True(drawn >= 10, $"{drawn} of 500 programs match {form}");
        }
    }

    /// <summary>F45: a function of .NET searching with a differentiable value, whose int result is a constant.</summary>
    [Fact]
    public void FrameworkStepsAreDrawn()
    {
        int drawn = CiPrograms(500).Count(p => p.Contains("System.Array.BinarySearch("));
        Assert.True(drawn >= 10, $"{drawn} of 500 programs search knots");
    }

    /// <summary>F47: optional constant arrays passed null or an array, read through each null test.</summary>
    [Fact]
    public void OptionalArraysAreDrawn()
    {
        string[] programs = CiPrograms(500);
        foreach (string form in new[] { "[NoDiff] double[]? c", "[NoDiff] float[]? c", "(c is null ? ", "(c != null ? ", "(c?[0] ?? ", "(c?.Length ?? 0)", ", null)" })
        {
            int drawn = programs.Count(p => p.Contains(form));
            Assert.True(drawn >= 10, $"{drawn} of 500 programs contain {form}");
        }
    }

    /// <summary>F48: a local declared by an out argument, in a loop too.</summary>
    [Fact]
    public void OutArgumentsAreDrawn()
    {
        string[] programs = CiPrograms(500);
        int drawn = programs.Count(p => p.Contains(".TryAt("));
        int inLoop = programs.Count(p => Regex.IsMatch(p, @"\.TryAt\(i\w*, out"));
        int before = programs.Count(p => Regex.IsMatch(p, @"\.TryAt\(\w+, out \w+\)"));
        Assert.True(drawn >= 25, $"{drawn} of 500 programs set a variable by an out argument");
        Assert.True(before >= 10, $"{before} of 500 programs set one declared before");
        Assert.True(inLoop >= 5, $"{inLoop} of 500 programs do it with a loop's index");
    }

    /// <summary>F27: a guard calling a function imported by <c>using static System.Math;</c>, which the generated file must qualify.</summary>
    [Fact]
    public void GuardsCallingImportedFunctionsAreDrawn()
    {
        int drawn = CiPrograms(500).Count(p => p.Contains("if (!(Abs("));
        Assert.True(drawn >= 10, $"{drawn} of 500 programs guard with an imported Abs");
    }

    /// <summary>F26 and F28: an interpolated string Debug.Assert takes by ref through its handler, and a const local read by the assert.</summary>
    [Fact]
    public void AssertMessagesWithHolesAreDrawn()
    {
        int drawn = CiPrograms(500).Count(p => Regex.IsMatch(p, @"const (double|float) (?<bound>assertBound\d+) = \w+\.MaxValue;\s*Debug\.Assert\([^;]*\k<bound>[^;]*, \$""never fails: \{[^;]*\{\k<bound>\}"));
        Assert.True(drawn >= 10, $"{drawn} of 500 programs assert with an interpolated message reading a const local");
    }

    /// <summary>The functions that joined the gate table with ScaleB; drawn in a slot of their own (ExpressionGen.Ieee754Functions).</summary>
    [Fact]
    public void Ieee754FunctionsAreDrawn()
    {
        // each of some fifty functions is drawn in about 1 % of programs: 1,000, so that a change elsewhere in the grammar
        // (which moves every later draw) does not bring one under the bar by chance
        string[] programs = CiPrograms(1000);
        string[] onNumberTypes = ["AsinPi", "AcosPi", "AtanPi", "Atan2Pi", "RootN", "MaxNumber", "MinNumber", "MaxMagnitudeNumber", "MinMagnitudeNumber", "Ieee754Remainder"];
        string[] onMath = ["ScaleB", "ReciprocalEstimate", "ReciprocalSqrtEstimate", "MaxMagnitude", "MinMagnitude", "IEEERemainder", "BitIncrement", "BitDecrement"];
        var drawn = onNumberTypes.Concat(onMath).ToDictionary(
            f => f,
            f => programs.Count(p => Regex.IsMatch(p, (onMath.Contains(f) ? "MathF?" : "(double|float)") + @"\." + f + @"\(")));
        Assert.True(drawn.Values.All(n => n >= 5), $"of 1,000 programs, so many call each: {string.Join(", ", drawn.Select(d => $"{d.Key} {d.Value}"))}");
    }

    [Fact]
    public void RemaindersAreDrawn()
    {
        int drawn = CiPrograms(500).Count(p => Regex.IsMatch(p, @" % "));
        Assert.True(drawn >= 25, $"{drawn} of 500 programs take a remainder");
    }

    /// <summary>F23: a literal switch selector, in switch statements and switch expressions.</summary>
    [Fact]
    public void LiteralSwitchSelectorsAreDrawn()
    {
        string[] programs = CiPrograms(500);
        int statements = programs.Count(p => Regex.IsMatch(p, @"switch \(\(?-?\d+(\.\d+)?f?\)?\)"));
        int expressions = programs.Count(p => Regex.IsMatch(p, @"\(\(?-?\d+(\.\d+)?f?\)? switch \{"));
        Assert.True(statements >= 5, $"{statements} of 500 programs switch on a literal");
        Assert.True(expressions >= 5, $"{expressions} of 500 programs have a switch expression on a literal");
    }

    /// <summary>GMM's triangle: a loop from i + 1 reading an element at the outer index, peeled out of it (InvariantReads).</summary>
    [Fact]
    public void TrianglesWithAnInvariantReadAreDrawn()
    {
        var triangle = new Regex(@"for \(int (?<i>\w+) = 0;[^\n]*\n\s*\{?\s*for \(int (?<j>\w+) = \k<i> \+ 1; \k<j> < \d+; \k<j>\+\+\)\s*\{?\s*\w+ \+= (?<w>w\w+)\[\k<j>\] \* \k<w>\[\k<i>\]");
        int drawn = CiPrograms(500).Count(p => triangle.IsMatch(p));
        Assert.True(drawn >= 5, $"{drawn} of 500 programs have a triangle loop from i + 1 reading w[i]");
    }

    [Fact]
    public void StencilsAreDrawn()
    {
        var stencil = new Regex(@"for \(int (?<i>\w+) = 0; \k<i> < \d+ - 1; \k<i>\+\+\)[^}]*\[\k<i> \+ 1\]");
        int drawn = CiPrograms(500).Count(p => stencil.IsMatch(p));
        Assert.True(drawn >= 25, $"{drawn} of 500 programs have a loop to n - 1 reading a[i + 1]");
    }

    /// <summary>The final stencil bounded by its own array's length, from which the generator proves its adjoint written whole.</summary>
    [Fact]
    public void StencilsBoundedByTheirArraysLengthAreDrawn()
    {
        var stencil = new Regex(@"for \(int (?<i>\w+) = 0; \k<i> < (?<a>\w+)\.Length - 1; \k<i>\+\+\)[^}]*\k<a>\[\k<i> \+ 1\]");
        int drawn = CiPrograms(500).Count(p => stencil.IsMatch(p));
        Assert.True(drawn >= 10, $"{drawn} of 500 programs have a loop to a.Length - 1 reading a[i + 1]");
    }

    /// <summary>Helpers the generator inlines (one expression of scalars, written either way), called by the entry.</summary>
    [Fact]
    public void HelpersOfOneExpressionAreDrawnAndCalled()
    {
        // declared as a method or a local function (before or after its calls), and called
        var expressionBodied = new Regex(@"(double|float) H\((double|float) u0[^)]*\) => [^\n]*;\n");
        var singleReturn = new Regex(@"(double|float) H\((double|float) u0[^)\[<]*\)\n\s*\{\n\s*return [^\n]*;\n\s*\}\n");
        static bool Called(string p) => Regex.Matches(p, @"\bH\(").Count >= 2;
        string[] programs = CiPrograms(500);
        int arrow = programs.Count(p => expressionBodied.IsMatch(p) && Called(p)), block = programs.Count(p => singleReturn.IsMatch(p) && Called(p));
        Assert.True(arrow >= 25, $"{arrow} of 500 programs call a helper H(…) => e");
        Assert.True(block >= 25, $"{block} of 500 programs call a helper H(…) {{ return e; }}");
    }

    /// <summary>F49: the helper as a local function of the entry, static after the return or not before the first statement, with ?: too.</summary>
    [Fact]
    public void LocalFunctionsAreDrawn()
    {
        var staticAfter = new Regex(@"return [^\n]*;\n\s*static (double|float) H\(");
        var instanceFirst = new Regex(@"public static \w+ F\([^\n]*\n\s*\{\n\s*(double|float) H\(");
        var conditional = new Regex(@"(double|float) H\((double|float) u0[^\n]*(=>|\{\n\s*return) [^\n]* \? [^\n]*;\n");
        string[] programs = CiPrograms(500);
        int after = programs.Count(p => staticAfter.IsMatch(p)), first = programs.Count(p => instanceFirst.IsMatch(p));
        int withConditional = programs.Count(p => conditional.IsMatch(p));
        // rarer (a helper of two expressions, both on the rule): counted over 1,000 programs
        int withLocals = CiPrograms(1000).Count(p => Regex.IsMatch(p, @"\n {4,}(static )?(double|float) H\([^\n]*\)\n\s*\{\n\s*(double|float) \w+ = "));
        Assert.True(withLocals >= 5, $"{withLocals} of 1000 programs declare a local function with locals before its return");
        Assert.True(after >= 10, $"{after} of 500 programs declare a static local function after the return");
        Assert.True(first >= 10, $"{first} of 500 programs declare a local function first");
        Assert.True(withConditional >= 10, $"{withConditional} of 500 programs have a helper H of one expression with ?:");
    }

    /// <summary>F52: foreach over a slice from the second element, by value and by ref readonly.</summary>
    [Fact]
    public void SliceLoopsAreDrawn()
    {
        var byValue = new Regex(@"foreach \((double|float) v\w* in \w+(\.AsSpan\(1(, \d+)?\)|\[1\.\.\]|\.Slice\(1, \d+\))\)");
        var byRef = new Regex(@"foreach \(ref readonly (double|float) v\w* in \w+(\.AsSpan\(1(, \d+)?\)|\[1\.\.\]|\.Slice\(1, \d+\))\)");
        // about one program in ten has a foreach, and a slice is one of many collections: counted over 2,000
        string[] programs = CiPrograms(2000);
        int values = programs.Count(p => byValue.IsMatch(p)), refs = programs.Count(p => byRef.IsMatch(p));
        Assert.True(values >= 15, $"{values} of 2000 programs loop over a slice by value");
        Assert.True(refs >= 10, $"{refs} of 2000 programs loop over a slice by ref readonly");
    }

    /// <summary>F54: local arrays made by collection expressions, arrays and spans.</summary>
    [Fact]
    public void CollectionExpressionsAreDrawn()
    {
        // one of eight ways to make a local array: counted over 1,000
        string[] programs = CiPrograms(1000);
        int arrays = programs.Count(p => Regex.IsMatch(p, @"(double|float)\[\] w\w* = \[[^\]\n]+\];"));
        int spans = programs.Count(p => Regex.IsMatch(p, @"Span<(double|float)> w\w* = \[[^\]\n]+\];"));
        Assert.True(arrays >= 25, $"{arrays} of 1000 programs make a local array by a collection expression");
        Assert.True(spans >= 25, $"{spans} of 1000 programs make a local span by a collection expression");
    }

    /// <summary>F60: local arrays copied from arrays (Clone, a range, AsSpan(…).ToArray()) and from spans (ToArray of the span or a slice).</summary>
    [Fact]
    public void ArrayCopiesAreDrawn()
    {
        string[] programs = CiPrograms(500);
        int arrays = programs.Count(p => Regex.IsMatch(p, @"(double|float)\[\] w\w* = (\((double|float)\[\]\)\w+\.Clone\(\)|\w+\[\.\.\d+\]|\w+\.AsSpan\(0, \d+\)\.ToArray\(\));"));
        int spans = programs.Count(p => Regex.IsMatch(p, @"(double|float)\[\] w\w* = \w+(\.Slice\(0, \d+\)|\[\.\.\d+\])?\.ToArray\(\);"));
        Assert.True(arrays >= 10, $"{arrays} of 500 programs copy an array into a local array");
        Assert.True(spans >= 10, $"{spans} of 500 programs copy a span into a local array");
    }

    /// <summary>F67: fills and clears of local arrays and outputs, copies into local arrays, an output cleared or filled before it is added to.</summary>
    [Fact]
    public void BulkWritesAreDrawn()
    {
        string[] programs = CiPrograms(500);
        int fills = programs.Count(p => Regex.IsMatch(p, @"(Array\.(Fill|Clear)\(\w+|\w+(\.(AsSpan|Slice)\(\d+, \d+\))?\.(Fill|Clear)\()"));
        int copies = programs.Count(p => Regex.IsMatch(p, @"(Array\.Copy\(\w+, \d+, \w+, \d+, \d+\)|\.CopyTo\(\w+)"));
        int shifts = programs.Count(p => Regex.Matches(p, @"Array\.Copy\((\w+), \d+, (\w+), ").Any(m => m.Groups[1].Value == m.Groups[2].Value)
            || Regex.Matches(p, @"(\w+)\.(AsSpan|Slice)\(\d+, \d+\)\.CopyTo\((\w+)").Any(m => m.Groups[1].Value == m.Groups[3].Value));
        int outputs = programs.Count(p => Regex.IsMatch(p, @"y\w*\.(Fill\(.+\)|Clear\(\));\s+for \(int (\w+) = 0; \2 < "));
        Assert.True(fills >= 50, $"{fills} of 500 programs fill or clear an array");
        Assert.True(copies >= 15, $"{copies} of 500 programs copy into a local array");
        Assert.True(shifts >= 5, $"{shifts} of 500 programs copy within one array");
        Assert.True(outputs >= 5, $"{outputs} of 500 programs clear or fill an output before adding to it");
    }

    /// <summary>F68: LINQ's Sum, Average, Max and Min of arrays.</summary>
    [Fact]
    public void SumsAreDrawn()
    {
        string[] programs = CiPrograms(500);
        int sums = programs.Count(p => Regex.IsMatch(p, @"\w+\.Sum\(\)"));
        int averages = programs.Count(p => Regex.IsMatch(p, @"\w+\.Average\(\)"));
        Assert.True(sums >= 15, $"{sums} of 500 programs sum an array");
        int extremes = programs.Count(p => Regex.IsMatch(p, @"\w+\.(Max|Min)\(\)"));
        Assert.True(averages >= 15, $"{averages} of 500 programs average an array");
        Assert.True(extremes >= 25, $"{extremes} of 500 programs take an array's maximum or minimum");
    }

    /// <summary>F63, F64: read-only tables made by stackalloc, and calls of a params helper with its values one by one.</summary>
    [Fact]
    public void ReadOnlyTablesAndParamsCallsAreDrawn()
    {
        string[] programs = CiPrograms(500);
        int tables = programs.Count(p => Regex.IsMatch(p, @"ReadOnlySpan<(double|float)> w\w* = stackalloc (double|float)\[\] \{ [^}\n]+ \};"));
        int calls = programs.Count(p => Regex.IsMatch(p, @"params (ReadOnlySpan<(double|float)>|(double|float)\[\]) b\)") && Regex.IsMatch(p, @"(double|float) p\w* = H\("));
        Assert.True(tables >= 20, $"{tables} of 500 programs make a read-only table");
        Assert.True(calls >= 10, $"{calls} of 500 programs call a params helper with its values");
    }

    /// <summary>F55, F56: a list's indexer as a constant, foreach over a list, foreach deconstructing pairs.</summary>
    [Fact]
    public void ListDataIsDrawn()
    {
        // a foreach is in about one program in ten, a list's or pairs' in a sixth of those: counted over 1,000
        string[] programs = CiPrograms(1000);
        int reads = programs.Count(p => Regex.IsMatch(p, @"StepKnots\.(Double|Single)List\[\w+ % 5\]"));
        int lists = programs.Count(p => Regex.IsMatch(p, @"foreach \((double|float) v\w* in [\w.]*StepKnots\.(Double|Single)List\)"));
        int pairs = programs.Count(p => Regex.IsMatch(p, @"foreach \(\((double|float) v\w*, (double|float) v\w*w\) in [\w.]*StepKnots\.(Double|Single)Pairs\)"));
        Assert.True(reads >= 40, $"{reads} of 1000 programs read a list by its indexer");
        Assert.True(lists >= 5, $"{lists} of 1000 programs loop over a list");
        Assert.True(pairs >= 3, $"{pairs} of 1000 programs deconstruct pairs in a foreach");
    }

    /// <summary>F58: an output read back after it is written, element by element or whole by a loop of its own.</summary>
    [Fact]
    public void OutputReadsAreDrawn()
    {
        string[] programs = CiPrograms(500);
        int drawn = programs.Count(p => Regex.IsMatch(p, @"(?<y>y\w*)\[(?<i>i\w+)\] (\+|-|\*)= \k<y>\[\k<i>\] \* "));
        int clearedFirst = programs.Count(p => Regex.IsMatch(p, @"for \(int (?<k>i\w+) = 0; \k<k> < (?<y>y\w*)\.Length; \k<k>\+\+\)\s*\{\s*\k<y>\[\k<k>\] = [^;]+;\s*\}\s*for \("));
        Assert.True(drawn >= 20, $"{drawn} of 500 programs read an output back after writing it");
        Assert.True(clearedFirst >= 5, $"{clearedFirst} of 500 programs write an output whole, then read it back");
    }

    /// <summary>F57: switch expressions and statements on a pair of conditions.</summary>
    [Fact]
    public void TupleSwitchesAreDrawn()
    {
        string[] programs = CiPrograms(500);
        int expressions = programs.Count(p => Regex.IsMatch(p, @"\) switch \{ \((true|false), (true|false)\) => "));
        int statements = programs.Count(p => Regex.IsMatch(p, @"case \((true|false), (true|false)\):"));
        Assert.True(expressions >= 10, $"{expressions} of 500 programs switch on a pair of conditions in an expression");
        Assert.True(statements >= 10, $"{statements} of 500 programs switch on a pair of conditions in a statement");
    }

    /// <summary>F53: the element-wise sum nested in a loop that carries it.</summary>
    [Fact]
    public void NestedVectorSumsAreDrawn()
    {
        var nested = new Regex(@"for \(int (?<p>p\w+) = 0; \k<p> < 2; \k<p>\+\+\)\s*\{\s*for \(int (?<i>i\w+) = 0; \k<i> < \w+\.Length[^)]*\)\s*\{?[^}]*(?<s>lanes\w*) [-+]= [^}]*\}?\s*\k<s> \*= (0\.5|Math\.Cos\(\w+\)|MathF\.Cos\(\w+\));");
        int drawn = CiPrograms(500).Count(p => nested.IsMatch(p));
        Assert.True(drawn >= 10, $"{drawn} of 500 programs have a vector sum nested in a loop");
    }

    [Fact]
    public void ScratchArraysAreDrawn()
    {
        var scratch = new Regex(@"for \(int (?<p>p\w+) = 0; \k<p> < \d+; \k<p>\+\+\)\s*\{\s*for \(int (?<i>\w+) = 0; \k<i> < \d+; \k<i>\+\+\)\s*\{?\s*(?<w>w\w+)\[\k<i>\] = [^}]*\}?\s*scratch\w* \+= [^;]*\k<w>\[");
        // 6 to 18 of 500 across seeds (a program draws it at most once, at its end): at least 5 says it is drawn
        int drawn = CiPrograms(500).Count(p => scratch.IsMatch(p));
        Assert.True(drawn >= 5, $"{drawn} of 500 programs have a loop over points writing a local array whole, then reading it");
    }

    [Fact]
    public void SquaredNormsOfScratchArraysAreDrawn()
    {
        var norm = new Regex(@"(?<w>w\w+)\[\w+\] = [^}]*\}?\s*(double|float) (?<q>q\w+) = 0[^;]*;\s*for \(int (?<j>j\w+) = 0; \k<j> < \d+; \k<j>\+\+\)\s*\{?\s*\k<q> \+= [^;]*\k<w>\[\k<j>\]");
        int drawn = CiPrograms(500).Count(p => norm.IsMatch(p));
        Assert.True(drawn >= 5, $"{drawn} of 500 programs have a squared norm of a scratch array in a nested loop (GMM's component)");
    }

    /// <summary>
    /// The squared norm's saved elements of GMM's component: a cheap stored expression (no call, at most two operations and
    /// two element reads) that the reverse pass computes again, and the look-alikes it must save: a call or more
    /// operations, or a store under a condition.
    /// </summary>
    [Fact]
    public void RecomputedAndDeclinedSavedElementsAreDrawn()
    {
        var norm = new Regex(@"for \(int (?<i>i\w*) = 0; \k<i> < \d+; \k<i>\+\+\)\s*\{?\s*(?<guard>if \([^
]*\)\s*\{?\s*)?(?<w>w\w+)\[\k<i>\] = (?<e>[^;]+);\s*\}?\s*\}?\s*(double|float) (?<q>q\w+) = 0[^;]*;\s*for \(int (?<j>j\w+) = 0; \k<j> < \d+; \k<j>\+\+\)\s*\{?\s*\k<q> \+= [^;]*\k<w>\[\k<j>\]");
        var norms = CiPrograms(1000).SelectMany(p => norm.Matches(p)).ToList();
        static bool Cheap(string e)
        {
            string values = Regex.Replace(e, @"\[[^\]]*\]", "[]");
            return !Regex.IsMatch(e, @"\w\(") && Regex.Matches(values, @" [-+*/] ").Count + Regex.Matches(values, @"(^|[(\s])-\w").Count <= 2 && e.Count(c => c == '[') <= 2;
        }

        int recomputed = norms.Count(m => !m.Groups["guard"].Success && Cheap(m.Groups["e"].Value));
        int costly = norms.Count(m => !m.Groups["guard"].Success && !Cheap(m.Groups["e"].Value));
        int conditional = norms.Count(m => m.Groups["guard"].Success);
        // rare (a program draws it at most once): counted over 1,000 programs, so a shift of the draws does not take a count below its bar by chance
        Assert.True(recomputed >= 10, $"{recomputed} of 1000 programs have a squared norm of an element stored as a cheap expression");
        Assert.True(costly >= 10, $"{costly} of 1000 programs have a squared norm of an element stored as a call or a costlier expression");
        Assert.True(conditional >= 6, $"{conditional} of 1000 programs have a squared norm of an element stored under a condition");
    }

    [Fact]
    public void RunningExtremaAreDrawn()
    {
        var extremum = new Regex(@"for \(int \w+ = 0; [^\n]*\)\s*\{?\s*(?<t>\w+) = Math(F)?\.(Max|Min)\((\k<t>, |[^;]*, \k<t>\);)");
        int drawn = CiPrograms(500).Count(p => extremum.IsMatch(p));
        Assert.True(drawn >= 25, $"{drawn} of 500 programs have a loop t = Math.Max(t, e) or Min");
    }

    /// <summary>
    /// Element-wise sums are drawn, and the generator gives many of them <c>Vector256</c> lanes, the carried
    /// <c>a[i + 1]</c> of Rosenbrock's shape among them: the random programs check the lanes against the oracle.
    /// </summary>
    [Fact]
    public void VectorLoopsAreDrawnAndVectorized()
    {
        var lanes = new Regex(@"for \(int (?<i>\w+) = 0; \k<i> < (?<a>\w+)\.Length( - 1)?; \k<i>\+\+\)\s*\{?[^}]*lanes\w* (\+|-)= ");
        var programs = Enumerable.Range(0, 300).Select(i => ProgramCase.Create(Seed, i, Grammar.Ci).Program).ToList();
        int drawn = programs.Count(p => lanes.IsMatch(ProgramPrinter.Primal(p)));
        Assert.True(drawn >= 40, $"{drawn} of 300 programs have an element-wise sum");

        var run = Generated(programs);
        var vectorized = run.GeneratedSources.Where(s => s.SourceText.ToString().Contains("Vector256.IsHardwareAccelerated")).ToList();
        int programsVectorized = vectorized.Select(s => s.HintName.Split('.')[0]).Distinct().Count();
        int carried = vectorized.Count(s => s.SourceText.ToString().Contains("Vector256.WithElement("));
        Assert.True(programsVectorized >= 20, $"{programsVectorized} of 300 programs have a loop with Vector256 lanes");
        Assert.True(carried >= 3, $"{carried} generated files carry an element's adjoint across lanes");
    }

    /// <summary>
    /// GMM's triangle (a row's <c>z = Exp(w[r])</c>, then <c>w[j] += e * z</c>) is drawn, and the generator versions the
    /// reverse inner loop of many on <c>IsFinite(z)</c> (FiniteVersion): the random programs check both versions against the oracle.
    /// </summary>
    [Fact]
    public void TrianglesAreDrawnAndVersioned()
    {
        var triangle = new Regex(@"(double|float) (?<z>z\w+) = (Math(F)?|DualMath)\.Exp\(\w+\[r\w+\]\);\s*for \(int (?<j>j\w+) = 0;[^\n]*\)\s*\{?\s*\w+\[\k<j>\] \+= [^;]*\k<z>;");
        var programs = Enumerable.Range(0, 300).Select(i => ProgramCase.Create(Seed, i, Grammar.Ci).Program).ToList();
        int drawn = programs.Count(p => triangle.IsMatch(ProgramPrinter.Primal(p)));
        Assert.True(drawn >= 10, $"{drawn} of 300 programs have GMM's triangle");

        var run = Generated(programs);
        int versioned = run.GeneratedSources.Count(s => Regex.IsMatch(s.SourceText.ToString(), @"if \((double|float)\.IsFinite\(z\w*\)"));
        Assert.True(versioned >= 4, $"{versioned} generated files version a loop on IsFinite of a triangle's z");
    }

    /// <summary>
    /// Loops whose reverse iterations run last to first around loops that save values with a trip count they do not
    /// change (GMM's components around a component's dimensions) reserve one block for them all (TapeSegments): the
    /// random programs check the nested blocks' indices against the oracle.
    /// </summary>
    [Fact]
    public void NestedTapeBlocksAreGenerated()
    {
        var programs = Enumerable.Range(0, 300).Select(i => ProgramCase.Create(Seed, i, Grammar.Ci).Program).ToList();
        var run = Generated(programs);
        int nested = run.GeneratedSources.Count(s => Regex.IsMatch(s.SourceText.ToString(), @"int tapeAt\w* = "));
        Assert.True(nested >= 10, $"{nested} generated files nest loops' tape blocks in an enclosing loop's");
    }

    [Fact]
    public void ShiftedSumsAreDrawn()
    {
        var shifted = new Regex(@"\w+ \+= (Math(F)?|DualMath)\.Exp\([^
]* - (?<t>\w+)\);\s*\}?\s*\w+ [-+]?= (Math(F)?|DualMath)\.Log\(\w+\) \+ \k<t>;");
        int drawn = CiPrograms(500).Count(p => shifted.IsMatch(p));
        Assert.True(drawn >= 10, $"{drawn} of 500 programs have a log-sum-exp shifted by a variable");
    }
}
