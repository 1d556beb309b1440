using System;
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

    static void PrintSize(int methods)
    {
        var compilation = SyntheticProject.Compilation(SyntheticProject.Sources(methods));
        var (driver, fresh, freshCpu) = Timed(() => SyntheticProject.Driver().RunGenerators(compilation));
        var (_, incremental, incrementalCpu) = Timed(() => driver.RunGenerators(SyntheticProject.WithUnrelatedFile(compilation)));

        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        long generated = run.GeneratedSources.Sum(s => (long)Encoding.UTF8.GetByteCount(s.SourceText.ToString()));
        long user = compilation.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            .Where(m => m.AttributeLists.Any(l => l.Attributes.Any(a => a.Name.ToString() == "Differentiable")))
            .Sum(m => (long)Encoding.UTF8.GetByteCount(m.ToFullString()));
        Console.WriteLine($"{methods} methods: fresh run {fresh:F2} s ({fresh * 1000 / methods:F2} ms/method; CPU {freshCpu:F2} s), after an unrelated edit {incremental:F2} s (CPU {incrementalCpu:F2} s)");
        Console.WriteLine($"diagnostics: {run.Diagnostics.Length}, sources: {run.GeneratedSources.Length}");
        Console.WriteLine($"generated {generated:N0} bytes, methods {user:N0} bytes: {(double)generated / user:F1}x ({generated / Math.Max(1, run.GeneratedSources.Length):N0} bytes per method)");
    }
}
