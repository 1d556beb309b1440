using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymbolicDiff.Generator.Incremental;
using SymbolicDiff.Generator.Model;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// Which methods an edit makes the generator differentiate again (issue 9 item 5): the expensive step
/// (<see cref="TrackingNames.Methods"/>) must be Cached for every method an edit does not concern, and must run
/// for the edited method, for the callers of a callee whose signature or differentiability changed, and for the
/// callers of a callee whose body they inline (InlinableCallee). After
/// every edit the incremental run's output must equal a fresh run's on the edited project.
/// </summary>
public class MethodCacheTests
{
    const string Callee = """
        using SymbolicDiff;
        public static partial class Callee
        {
            [Differentiable] public static double G(double x) { double g = x * x; return g * x; }
            [Differentiable] public static double S(double x) => x * x;
        }
        """;

    const string Caller = """
        using SymbolicDiff;
        public static partial class Caller
        {
            [Differentiable] public static double F(double x) => Callee.G(x) + Callee.S(x) + Constants.Scale * x;
        }
        """;

    const string Other = """
        using System;
        using SymbolicDiff;
        public static partial class Other
        {
            [Differentiable] public static double H(double x) => Math.Exp(x);
            [Differentiable] public static double K(double x) { double y = x * 3; return y * y; }
            [Differentiable] public static double Zero(double x) => 1.0;
            public static double Plain(double x) => x + 1;
        }
        public static class Constants
        {
            public const double Scale = 2.0;
        }
        """;

    static readonly string[] Project = [Callee, Caller, Other];

    /// <summary>
    /// Runs the generator on <paramref name="project"/> (<see cref="Project"/> if null), applies the edit, runs the same
    /// driver again and a fresh one on the edited project, parsed anew (so that it finds nothing kept from the first run).
    /// </summary>
    static (IncrementalRun Run, GeneratorRunResult Fresh) Edit(Func<Compilation, Compilation> edit, string[]? project = null)
    {
        Compilation compilation = GeneratorHarness.CreateCompilation(project ?? Project);
        var driver = GeneratorHarness.CreateDriver(new DifferentiableGenerator()).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Compilation edited = edit(compilation);
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var fresh = GeneratorHarness.CreateDriver(new DifferentiableGenerator()).RunGenerators(Reparsed(edited)).GetRunResult().Results.Single();
        AssertSameOutput(fresh, second);
        return (new IncrementalRun(first, second), fresh);
    }

    static Compilation Reparsed(Compilation compilation) =>
        compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees.Select(tree => CSharpSyntaxTree.ParseText(tree.GetText(), (CSharpParseOptions)tree.Options, tree.FilePath)));

    /// <summary>How many methods the edit's run read without binding them again (<see cref="ReadCache"/>).</summary>
    static int ReusedDuring(Action run)
    {
        int before = ReadCache.ReusedOnThisThread;
        run();
        return ReadCache.ReusedOnThisThread - before;
    }

    static Func<Compilation, Compilation> Replace(int file, string oldText, string newText) => compilation =>
    {
        SyntaxTree old = compilation.SyntaxTrees.ElementAt(file);
        string text = old.GetText().ToString();
        Assert.Contains(oldText, text);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text.Replace(oldText, newText), GeneratorHarness.ParseOptions, path: old.FilePath));
    };

    /// <summary>The reason of the expensive step's output for each method still there, by method name (<c>Callee.G</c>).</summary>
    static Dictionary<string, IncrementalStepRunReason> MethodReasons(IncrementalRun run) =>
        run.Second.TrackedSteps[TrackingNames.Methods]
            .SelectMany(step => step.Outputs)
            .Where(o => o.Reason != IncrementalStepRunReason.Removed)
            .ToDictionary(o => HintNames.Readable(((GeneratedMethod)o.Value).HintName).Replace(".g.cs", ""), o => o.Reason);

    static void AssertSameOutput(GeneratorRunResult expected, GeneratorRunResult actual)
    {
        Assert.Equal(
            expected.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName),
            actual.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName));
        Assert.Equal(
            expected.Diagnostics.Select(d => d.ToString()).Order(),
            actual.Diagnostics.Select(d => d.ToString()).Order());
    }

    static void AssertReasons(IncrementalRun run, params (string Method, IncrementalStepRunReason Reason)[] expected) =>
        Assert.Equal(expected.OrderBy(e => e.Method), MethodReasons(run).Select(r => (r.Key, r.Value)).OrderBy(r => r.Key));

    const IncrementalStepRunReason Cached = IncrementalStepRunReason.Cached;
    const IncrementalStepRunReason Modified = IncrementalStepRunReason.Modified;

    [Fact]
    public void AddingAFileDifferentiatesNoMethod()
    {
        var (run, _) = Edit(Incrementality.AddSource("public class Unrelated { public int Value => 42; }"));

        AssertReasons(run, ("Callee.G", Cached), ("Callee.S", Cached), ("Caller.F", Cached), ("Other.H", Cached), ("Other.K", Cached), ("Other.Zero", Cached));
        PipelineModelCheck.AssertNoRoslynObjects(run.Second);
    }

    /// <summary>
    /// A type named MathF declared in another file takes a name the companions' aliases use (MathAliases): the methods
    /// are differentiated again and write Math in full, as a fresh run does (whether the names are free is part of the
    /// fingerprint; without it, <c>Other.H</c> kept its alias, which would clash with the new type).
    /// </summary>
    [Fact]
    public void ATypeTakingTheNameOfAnAliasWritesMathInFull()
    {
        var (run, fresh) = Edit(Incrementality.AddSource("public class MathF { }"));

        Assert.Contains("using Math = global::System.Math;", Source(run.First, "Other.H"));
        Assert.Contains("global::System.Math.Exp(x)", Source(fresh, "Other.H"));
        Assert.Equal(Modified, MethodReasons(run)["Other.H"]);
    }

    static string Source(GeneratorRunResult result, string method) =>
        result.GeneratedSources.Single(s => HintNames.Readable(s.HintName) == method + ".g.cs").SourceText.ToString();

    [Fact]
    public void EditingAPlainMethodDifferentiatesNoMethod()
    {
        IncrementalRun run = null!;
        int reused = ReusedDuring(() => (run, _) = Edit(Replace(2, "x + 1;", "x * 3 + 1;")));

        AssertReasons(run, ("Callee.G", Cached), ("Callee.S", Cached), ("Caller.F", Cached), ("Other.H", Cached), ("Other.K", Cached), ("Other.Zero", Cached));

        // A keystroke inside a body leaves every file's declarations as they were: the methods of the files it did not
        // touch that read nothing from its file are not bound again (G and S); F reads Constants from it, and H, K and Zero live in it.
        Assert.Equal(2, reused);
    }

    /// <summary>
    /// A syntax error in the head of the class around a method (a base list being typed) leaves the method to the
    /// compiler although the method's own text is unchanged; mended, the method gets its companions again. (Found by
    /// EditSequenceTests when the heads were not part of the fingerprint: the companions of the first run stayed.)
    /// </summary>
    [Fact]
    public void AnErrorInTheHeadOfTheClassAroundAMethodIsSeenByIt()
    {
        var (run, fresh) = Edit(Replace(1, "partial class Caller", "partial class Caller :"));

        Assert.Equal(Modified, MethodReasons(run)["Caller.F"]);
        Assert.DoesNotContain(fresh.GeneratedSources, s => s.HintName.StartsWith("Caller.F"));
    }

    /// <summary>
    /// F calls GGradient, a companion the generator makes for G in another file: SDIFF0006 (GeneratedCompanionCalls).
    /// Once G is no longer [Differentiable], the name is the user's own error, left to the compiler; and back. Each run
    /// after the edit equals a fresh run.
    /// </summary>
    [Theory]
    [InlineData("[Differentiable] public static double G", "public static double G")]
    [InlineData("public static double G", "[Differentiable] public static double G")]
    public void ACallOfACompanionFollowsItsOwnersAttribute(string oldText, string newText)
    {
        string[] project =
        [
            "using SymbolicDiff;\npublic static partial class Owner { " + oldText + "(double x) => x * x; }",
            "using SymbolicDiff;\npublic static partial class Caller { [Differentiable] public static double F(double x) { Owner.GGradient(x, out double d); return d * x; } }",
        ];
        var (run, fresh) = Edit(Replace(0, oldText, newText), project);

        bool said = oldText.StartsWith("[Differentiable]");
        Assert.Equal(said, run.First.Diagnostics.Any(d => d.Id == "SDIFF0006"));
        Assert.Equal(!said, fresh.Diagnostics.Any(d => d.Id == "SDIFF0006"));
    }

    [Fact]
    public void ANewFileMayDeclareWhatAMethodBindsToSoEveryMethodIsReadAgain()
    {
        Assert.Equal(0, ReusedDuring(() => Edit(Incrementality.AddSource("public static class Math { public static double Exp(double x) => x; }"))));
    }

    /// <summary>
    /// F passes its arrays to Middle.Pass, which passes them to Inner.Fill: which of them F's callee writes (and F must
    /// save before the call, since F writes both after it) is read from Fill's body, two files away. An edit of that body (Fill writes the other span) must make F read again; a reused
    /// answer would keep F's old roles (the run after the edit must equal a fresh run).
    /// </summary>
    [Fact]
    public void AnEditOfABodyThatDecidesWhatACalleeWritesReadsTheCallersAgain()
    {
        string[] project =
        [
            """
            using System;
            using SymbolicDiff;
            public static partial class Inner { [Differentiable] public static void Fill(Span<double> a, Span<double> b) { b[0] = a[0] * a[0]; } }
            """,
            """
            using System;
            using SymbolicDiff;
            public static partial class Middle { [Differentiable] public static void Pass(Span<double> a, Span<double> b) { Inner.Fill(a, b); } }
            """,
            """
            using SymbolicDiff;
            public static partial class Outer
            {
                [Differentiable] public static double F(double x) { double[] u = { x }; double[] v = new double[1]; Middle.Pass(u, v); double r = v[0] + u[0]; u[0] = r; v[0] = r; return u[0] * v[0]; }
            }
            """,
        ];

        IncrementalRun run = null!;
        GeneratorRunResult fresh = default;
        int reused = ReusedDuring(() => (run, fresh) = Edit(Replace(0, "b[0] = a[0] * a[0];", "a[0] = b[0] * b[0];"), project));

        Assert.Equal(0, reused);
        static string F(GeneratorRunResult result) => result.GeneratedSources.Single(s => s.HintName.StartsWith("Outer.F")).SourceText.ToString();
        Assert.Contains("tape.Push(u);", F(run.First)); // what F saves before the call changes with what Fill writes
        Assert.Contains("tape.Push(v);", F(fresh));
    }

    [Fact]
    public void EditingACalleeBodyDifferentiatesOnlyIt()
    {
        // F calls G's Backward (G's body is a statement, so F does not inline it), whose signature did not change: F's code stays as it was.
        var (run, _) = Edit(Replace(0, "return g * x;", "return g * g;"));

        AssertReasons(run, ("Callee.G", Modified), ("Callee.S", Cached), ("Caller.F", Cached), ("Other.H", Cached), ("Other.K", Cached), ("Other.Zero", Cached));
    }

    [Fact]
    public void EditingTheBodyOfAnInlinedCalleeDifferentiatesItAndItsCallers()
    {
        // F lowers S's expression in its own gates (S is one expression of its parameter): F's code changes with it.
        var (run, fresh) = Edit(Replace(0, "S(double x) => x * x;", "S(double x) => x * x * x;"));

        AssertReasons(run, ("Callee.G", Cached), ("Callee.S", Modified), ("Caller.F", Modified), ("Other.H", Cached), ("Other.K", Cached), ("Other.Zero", Cached));
        string caller = fresh.GeneratedSources.Single(s => s.HintName.StartsWith("Caller.F")).SourceText.ToString();
        Assert.DoesNotContain("SBackward(", caller);
        Assert.Contains("GBackward(", caller);
    }

    [Fact]
    public void EditingAMethodDifferentiatesOnlyItEvenWhenTheMethodsAfterItMove()
    {
        // H's edit moves K and Zero down the file: Zero's warning (SDIFF0009) moves with it; their code does not change.
        var (run, fresh) = Edit(Replace(2, "Math.Exp(x);", "Math.Exp(x)\n        * 2;"));

        AssertReasons(run, ("Callee.G", Cached), ("Callee.S", Cached), ("Caller.F", Cached), ("Other.H", Modified), ("Other.K", Cached), ("Other.Zero", Cached));
        Assert.Equal(7, Assert.Single(fresh.Diagnostics, d => d.Id == "SDIFF0009").Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void ChangingACalleeSignatureDifferentiatesItsCallers()
    {
        // A second parameter: F's call to GBackward gains an adjoint.
        var (run, fresh) = Edit(Replace(0, "G(double x)", "G(double x, double z = 1)"));

        Assert.Equal(Modified, MethodReasons(run)["Caller.F"]);
        Assert.Contains("GBackward(x, 1", fresh.GeneratedSources.Single(s => s.HintName.StartsWith("Caller.F")).SourceText.ToString());
    }

    [Fact]
    public void MakingACalleeArgumentNoDiffDifferentiatesItsCallers()
    {
        var (run, fresh) = Edit(Replace(0, "G(double x)", "G([NoDiff] double x)"));

        Assert.Equal(Modified, MethodReasons(run)["Caller.F"]);
        Assert.Contains(fresh.Diagnostics, d => d.Id == "SDIFF0006" && d.Location.GetLineSpan().Path == "Source1.cs");
    }

    [Fact]
    public void RemovingDifferentiableFromACalleeDifferentiatesItsCallers()
    {
        var (run, fresh) = Edit(Replace(0, "[Differentiable] ", ""));

        Assert.Equal(Modified, MethodReasons(run)["Caller.F"]);
        Assert.Contains(fresh.Diagnostics, d => d.Id == "SDIFF0004");
    }

    [Fact]
    public void ChangingAConstantInAnotherFileDifferentiatesItsUsers()
    {
        var (run, fresh) = Edit(Replace(2, "Scale = 2.0", "Scale = 5.0"));

        AssertReasons(run, ("Callee.G", Cached), ("Callee.S", Cached), ("Caller.F", Modified), ("Other.H", Cached), ("Other.K", Cached), ("Other.Zero", Cached));
        Assert.Contains("5", fresh.GeneratedSources.Single(s => s.HintName.StartsWith("Caller.F")).SourceText.ToString());
    }

    [Fact]
    public void AddingACustomDerivativeForACalleeDifferentiatesItsCallers()
    {
        const string pullback = """
            using SymbolicDiff;
            public static class GPullback
            {
                [DerivativeOf(typeof(Callee), nameof(Callee.G))]
                public static double G(double x, double seed, ref double dx) { dx += seed * 2 * x; return x * x; }
            }
            """;
        var (run, fresh) = Edit(Incrementality.AddSource(pullback));

        Assert.Equal(Modified, MethodReasons(run)["Caller.F"]);
        Assert.Contains("GPullback.G(", fresh.GeneratedSources.Single(s => s.HintName.StartsWith("Caller.F")).SourceText.ToString());
    }

    /// <summary>
    /// A method the compiler comes to reject through an edit elsewhere (the constant it reads is renamed) loses its
    /// companions and gets no diagnostic of ours; renamed back, it gets them again. The generator asks the compiler
    /// only where the bound body shows an error, so the sign must be part of the fingerprint both ways.
    /// </summary>
    [Fact]
    public void AMethodBrokenAndMendedElsewhereLosesAndRegainsItsCompanions()
    {
        var (broken, fresh) = Edit(Replace(2, "Scale = 2.0", "Factor = 2.0"));

        AssertReasons(broken, ("Callee.G", Cached), ("Callee.S", Cached), ("Caller.F", Modified), ("Other.H", Cached), ("Other.K", Cached), ("Other.Zero", Cached));
        Assert.DoesNotContain(fresh.GeneratedSources, s => s.HintName.StartsWith("Caller.F"));
        Assert.DoesNotContain(fresh.Diagnostics, d => d.Location.GetLineSpan().Path == "Source1.cs");

        Compilation compilation = GeneratorHarness.CreateCompilation(Project);
        Compilation renamed = Replace(2, "Scale = 2.0", "Factor = 2.0")(compilation);
        var driver = GeneratorHarness.CreateDriver(new DifferentiableGenerator()).RunGenerators(renamed);
        var mended = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        AssertSameOutput(GeneratorHarness.CreateDriver(new DifferentiableGenerator()).RunGenerators(compilation).GetRunResult().Results.Single(), mended);
        Assert.Contains(mended.GeneratedSources, s => s.HintName.StartsWith("Caller.F"));
    }

    /// <summary>
    /// A method at the end of a class whose closing brace is gone: the compiler reports the brace at the method's end, so
    /// the method is left to it, without a diagnostic of ours. Closing the class again must bring the diagnostic back,
    /// though the method's text never changed: the fingerprint says whether a type around the method is unclosed (found by
    /// the typing tester, EditSequenceTests, seed 3126752579449210829).
    /// </summary>
    [Fact]
    public void AMethodAtTheEndOfAnUnclosedClassGetsItsDiagnosticBackWhenTheClassIsClosed()
    {
        const string users = """
            using SymbolicDiff;
            public static partial class Users
            {
                public static double Plain(double x) => x + 1;
                [Differentiable] public static double G(double x) => Plain(x) * x;
            }
            """;
        Compilation closed = GeneratorHarness.CreateCompilation([users]);
        Compilation unclosed = Replace(0, "* x;\n}", "* x;\n")(closed);
        var driver = GeneratorHarness.CreateDriver(new DifferentiableGenerator()).RunGenerators(unclosed);
        Assert.DoesNotContain(driver.GetRunResult().Results.Single().Diagnostics, d => d.Id == "SDIFF0004");

        var mended = driver.RunGenerators(Reparsed(closed)).GetRunResult().Results.Single();
        Assert.Contains(mended.Diagnostics, d => d.Id == "SDIFF0004");
        AssertSameOutput(GeneratorHarness.CreateDriver(new DifferentiableGenerator()).RunGenerators(Reparsed(closed)).GetRunResult().Results.Single(), mended);
    }

    /// <summary>
    /// The inputs hold the bound body, and through it the compilation, until the expensive step takes it: no pipeline
    /// value may keep an earlier run's compilation alive. Three runs on three compilations of the same project plus an
    /// unrelated class (the later runs' inputs equal the first's); after the third, the first two must be collectable.
    /// </summary>
    [Fact]
    public void NoRunKeepsAnEarlierCompilationAlive()
    {
        (GeneratorDriver driver, List<WeakReference> earlier) = RunThreeTimes();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(2, earlier.Count);
        Assert.All(earlier, compilation => Assert.False(compilation.IsAlive));
        GC.KeepAlive(driver);
    }

    /// <summary>The runs, in a method of their own: when it returns, only the weak references and the last driver are left.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static (GeneratorDriver Driver, List<WeakReference> Earlier) RunThreeTimes()
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new DifferentiableGenerator().AsSourceGenerator()],
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        List<WeakReference> earlier = [];
        for (int run = 0; run < 3; run++)
        {
            Compilation compilation = GeneratorHarness.CreateCompilation([.. Project, $"class Unrelated{run} {{ }}"]);
            driver = driver.RunGenerators(compilation);
            Assert.NotEmpty(driver.GetRunResult().GeneratedTrees);
            if (run < 2)
            {
                earlier.Add(new WeakReference(compilation));
            }
        }

        return (driver, earlier);
    }
}
