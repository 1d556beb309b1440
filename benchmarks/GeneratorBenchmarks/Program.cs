using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SymbolicDiff.GeneratorBenchmarks;

/// <summary>
/// <c>dotnet run -c Release -- --filter '*'</c>: the BenchmarkDotNet runs. <c>dotnet run -c Release -- size 1000</c>:
/// one run on the synthetic project, with its time and the generated code's size against the methods' own.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["size", var count])
        {
            PrintSize(int.Parse(count));
            return;
        }

        if (args is ["warm", var warmCount, var runs])
        {
            PrintWarmRuns(int.Parse(warmCount), int.Parse(runs));
            return;
        }

        if (args is ["dump", var dumpCount, var folder])
        {
            Dump(int.Parse(dumpCount), folder);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    /// <summary>Wall-clock and CPU seconds (this process, all threads): on a shared machine the CPU time is the steadier figure.</summary>
    static (T Result, double Seconds, double CpuSeconds) Timed<T>(Func<T> work)
    {
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        T result = work();
        return (result, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>Writes the generated sources of the synthetic project into a folder, to read what the size is made of.</summary>
    static void Dump(int methods, string folder)
    {
        var compilation = SyntheticProject.Compilation(SyntheticProject.Sources(methods));
        GeneratorRunResult run = SyntheticProject.Driver().RunGenerators(compilation).GetRunResult().Results.Single();
        System.IO.Directory.CreateDirectory(folder);
        foreach (GeneratedSourceResult source in run.GeneratedSources)
            System.IO.File.WriteAllText(System.IO.Path.Combine(folder, source.HintName), source.SourceText.ToString());
        Console.WriteLine($"{run.GeneratedSources.Length} sources written to {folder}");
    }

    /// <summary>
    /// Several fresh runs in a warm process (after one that JIT-compiles Roslyn and the generator): the least CPU of them is the
    /// steadiest figure on a shared machine, to compare two builds of the generator. Each is followed by an unrelated edit (a new
    /// file), a keystroke inside a method body (<see cref="SyntheticProject.WithKeystroke"/>), and by a fresh run of <see cref="RoslynShare"/> on another new compilation: Roslyn's own part, the floor under the run.
    /// </summary>
    static void PrintWarmRuns(int methods, int runs)
    {
        var sources = SyntheticProject.Sources(methods);
        SyntheticProject.Driver().RunGenerators(SyntheticProject.Compilation(sources));
        SyntheticProject.RoslynShareDriver().RunGenerators(SyntheticProject.Compilation(sources));
        var cpus = new List<double>();
        var roslynCpus = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            var compilation = SyntheticProject.Compilation(sources);
            GC.Collect();
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            TimeSpan paused = GC.GetTotalPauseDuration();
            int collections = GC.CollectionCount(0);
            var (driver, wall, cpu) = Timed(() => SyntheticProject.Driver().RunGenerators(compilation));
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            paused = GC.GetTotalPauseDuration() - paused;
            collections = GC.CollectionCount(0) - collections;
            cpus.Add(cpu);
            long editAllocated = GC.GetTotalAllocatedBytes(precise: true);
            var withFile = SyntheticProject.WithUnrelatedFile(compilation);
            var (edited, editWall, editCpu) = Timed(() => driver.RunGenerators(withFile));
            editAllocated = GC.GetTotalAllocatedBytes(precise: true) - editAllocated;
            var (_, keystrokeWall, keystrokeCpu) = Timed(() => edited.RunGenerators(SyntheticProject.WithKeystroke(withFile)));
            var other = SyntheticProject.Compilation(sources);
            GC.Collect();
            long roslynAllocated = GC.GetTotalAllocatedBytes(precise: true);
            var (_, roslynWall, roslynCpu) = Timed(() => SyntheticProject.RoslynShareDriver().RunGenerators(other));
            roslynAllocated = GC.GetTotalAllocatedBytes(precise: true) - roslynAllocated;
            roslynCpus.Add(roslynCpu);
            Console.WriteLine($"warm fresh run {run + 1}: {wall:F2} s (CPU {cpu:F2} s, {cpu * 1000 / methods:F2} ms/method; {allocated / methods / 1024:N0} KB allocated per method, {collections} collections pausing {paused.TotalSeconds:F2} s); "
                + $"then an unrelated edit {editWall:F2} s (CPU {editCpu:F2} s; {editAllocated / methods / 1024:N0} KB allocated per method), "
                + $"then a keystroke in a body {keystrokeWall:F2} s (CPU {keystrokeCpu:F2} s); "
                + $"Roslyn's share alone {roslynWall:F2} s (CPU {roslynCpu:F2} s, {roslynCpu * 1000 / methods:F2} ms/method; {roslynAllocated / methods / 1024:N0} KB allocated per method)");
        }

        Console.WriteLine($"least CPU {cpus.Min() * 1000 / methods:F2} ms/method, median {cpus.Order().ElementAt(runs / 2) * 1000 / methods:F2} ms/method; "
            + $"Roslyn's share alone: least {roslynCpus.Min() * 1000 / methods:F2} ms/method, median {roslynCpus.Order().ElementAt(runs / 2) * 1000 / methods:F2} ms/method");
    }

    static void PrintSize(int methods)
    {
        var compilation = SyntheticProject.Compilation(SyntheticProject.Sources(methods));
        var (driver, fresh, freshCpu) = Timed(() => SyntheticProject.Driver().RunGenerators(compilation));
        var (_, incremental, incrementalCpu) = Timed(() => driver.RunGenerators(SyntheticProject.WithUnrelatedFile(compilation)));
        // The first run also pays for JIT-compiling Roslyn's binder and the generator; a compiler server or an IDE
        // has done that long before. A new compilation of the same sources, with a new driver, is fresh but warm.
        var again = SyntheticProject.Compilation(SyntheticProject.Sources(methods));
        var (_, warm, warmCpu) = Timed(() => SyntheticProject.Driver().RunGenerators(again));

        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        long generated = run.GeneratedSources.Sum(s => (long)Encoding.UTF8.GetByteCount(s.SourceText.ToString()));
        long user = compilation.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            .Where(m => m.AttributeLists.Any(l => l.Attributes.Any(a => a.Name.ToString() == "Differentiable")))
            .Sum(m => (long)Encoding.UTF8.GetByteCount(m.ToFullString()));
        Console.WriteLine($"{methods} methods: fresh run {fresh:F2} s ({fresh * 1000 / methods:F2} ms/method; CPU {freshCpu:F2} s), after an unrelated edit {incremental:F2} s (CPU {incrementalCpu:F2} s)");
        Console.WriteLine($"fresh run in a warm process {warm:F2} s (CPU {warmCpu:F2} s, {warmCpu * 1000 / methods:F2} ms/method)");
        Console.WriteLine($"diagnostics: {run.Diagnostics.Length}, sources: {run.GeneratedSources.Length}");
        Console.WriteLine($"generated {generated:N0} bytes, methods {user:N0} bytes: {(double)generated / user:F1}x ({generated / Math.Max(1, run.GeneratedSources.Length):N0} bytes per method)");
    }
}
