using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;

namespace SymbolicDiff.Reliability.Tests.Differential;

/// <summary>One failing program: what failed, and the smallest program found that fails the same way.</summary>
public sealed record Finding(ProgramCase Case, string Kind, string Detail)
{
    public ProgramCase? Reduced { get; set; }

    public string? ReducedDetail { get; set; }
}

/// <summary>
/// Runs the random programs of a seed in batches: compile a batch; if it does not compile cleanly,
/// bisect it to the programs that do not; check each compiled program against the oracle; then
/// shrink the first failure of each class.
/// </summary>
public sealed class DifferentialRun(FuzzSettings settings, Action<string> log)
{
    public int Tried { get; private set; }

    public int Agreed { get; private set; }

    /// <summary>Of <see cref="Agreed"/>, the programs whose Hessian-vector product was checked too.</summary>
    public int AgreedInSecondOrder { get; private set; }

    /// <summary>Programs whose oracle value or derivatives overflowed: nothing to compare.</summary>
    public int Skipped { get; private set; }

    public List<Finding> Findings { get; } = [];

    public void Run()
    {
        // the programs log their values (Console.WriteLine): thousands of runs of them are noise
        var console = Console.Out;
        Console.SetOut(System.IO.TextWriter.Null);
        try
        {
            RunBatches();
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    void RunBatches()
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<int> indices = settings.Only is { } only ? [only] : [.. Enumerable.Range(0, settings.Programs)];
        foreach (var chunk in indices.Chunk(settings.BatchSize))
        {
            CheckBatch([.. chunk.Select(i => ProgramCase.Create(settings.Seed, i, settings.Grammar, settings.HessianEvery))]);
            log($"{Tried} programs, {Findings.Count} failing, {Skipped} not finite, {clock.Elapsed.TotalSeconds:F0} s (compiling {compiling.Elapsed.TotalSeconds:F0} s, checking {checking.Elapsed.TotalSeconds:F0} s)");
        }
        // a tester failure is the tester's bug, not the generator's: show it as generated
        foreach (var first in Findings.GroupBy(f => f.Kind).Select(g => g.First()).Where(f => !f.Kind.StartsWith("tester")))
            Shrink(first);
    }

    readonly Stopwatch compiling = new(), checking = new();

    void CheckBatch(IReadOnlyList<ProgramCase> cases)
    {
        compiling.Start();
        var outcome = BatchCompiler.Compile([.. cases.Select(c => c.Program)]);
        compiling.Stop();
        if (outcome.Assembly is null)
        {
            if (cases.Count == 1)
            {
                Tried++;
                Findings.Add(new Finding(cases[0], outcome.Kind!, outcome.Problem!));
                return;
            }
            CheckBatch([.. cases.Take(cases.Count / 2)]);
            CheckBatch([.. cases.Skip(cases.Count / 2)]);
            return;
        }
        using var assembly = outcome.Assembly;
        using var timing = new Timing(checking);
        for (var slot = 0; slot < cases.Count; slot++)
        {
            Tried++;
            switch (Checker.Check(assembly, slot, cases[slot], settings.Grammar.Overflow))
            {
                case Passed:
                    Agreed++;
                    AgreedInSecondOrder += cases[slot].Program.SecondOrder ? 1 : 0;
                    break;
                case NotFinite:
                    Skipped++;
                    break;
                case Failed f:
                    Findings.Add(new Finding(cases[slot], f.Kind, f.Detail));
                    break;
            }
        }
    }

    /// <summary>What checking this one program alone finds (its class), or null if it passes.</summary>
    Failed? Verdict(ProgramCase c)
    {
        var outcome = BatchCompiler.Compile([c.Program]);
        if (outcome.Assembly is null)
            return new Failed(outcome.Kind!, outcome.Problem!);
        using var assembly = outcome.Assembly;
        return Checker.Check(assembly, 0, c, settings.Grammar.Overflow) as Failed;
    }

    void Shrink(Finding finding)
    {
        var clock = Stopwatch.StartNew();
        var reduced = Reducer.Reduce(finding.Case.Program, p => clock.Elapsed < settings.ShrinkTime && Verdict(finding.Case.WithProgram(p))?.Kind == finding.Kind);
        finding.Reduced = finding.Case.WithProgram(reduced);
        finding.ReducedDetail = Verdict(finding.Reduced)?.Detail;
    }

    /// <summary>Counts, then each failure class: how many, how to reproduce, the smallest failing program and its numbers.</summary>
    public string Summary(string testName)
    {
        var text = new StringBuilder(
            $"seed {settings.Seed}, grammar {settings.GrammarName}: {Tried} programs, {Agreed} passed ({AgreedInSecondOrder} of them also in second order), {Skipped} not finite (skipped), {Findings.Count} failed\n");
        foreach (var group in Findings.GroupBy(f => f.Kind))
        {
            var first = group.First();
            text.Append($"\n=== {group.Key}: {group.Count()} program(s), e.g. #{string.Join(", #", group.Take(5).Select(f => f.Case.Index))}\n");
            text.Append($"reproduce: {settings.Reproduce(testName, first.Case.Index)}\n");
            var shown = first.Reduced ?? first.Case;
            text.Append($"inputs: {string.Join(", ", shown.Inputs.Select(v => v.ToString("R")))}; upstream: {string.Join(", ", shown.Upstream.Select(v => v.ToString("R")))}; adjoints before Backward: {string.Join(", ", shown.Adjoints.Select(v => v.ToString("R")))}\n");
            text.Append(first.Reduced is null ? "program:\n" : "smallest failing program found:\n");
            text.Append(BatchSource.UserCode(shown.Program));
            text.Append(first.ReducedDetail ?? first.Detail).Append('\n');
        }
        return text.ToString();
    }
}

/// <summary>Runs a stopwatch for the length of a using block.</summary>
sealed class Timing : IDisposable
{
    readonly Stopwatch watch;

    public Timing(Stopwatch watch)
    {
        this.watch = watch;
        watch.Start();
    }

    public void Dispose() => watch.Stop();
}
