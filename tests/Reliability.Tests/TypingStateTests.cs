using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CsCheck;
using SymbolicDiff.Reliability.Tests.Differential;
using SymbolicDiff.Reliability.Tests.Programs;
using SymbolicDiff.Reliability.Tests.Typing;
using Xunit.Abstractions;

namespace SymbolicDiff.Reliability.Tests;

/// <summary>
/// IDE typing states (issue 7, section 4): the Generator.Tests sources and random programs, cut and
/// edited at random. 300 variants by default, SDIFF_TYPING_VARIANTS for a soak; SDIFF_FUZZ_SEED
/// fixes the seed, SDIFF_FUZZ_ONLY runs one variant.
/// </summary>
public class TypingStateTests(ITestOutputHelper output)
{
    [Fact]
    public void TheGeneratorSurvivesEveryTypingState()
    {
        var settings = FuzzSettings.FromEnvironment(defaultPrograms: 0);
        var variants = Environment.GetEnvironmentVariable("SDIFF_TYPING_VARIANTS") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : 300;
        var log = settings.Log(output.WriteLine);
        log($"SDIFF_FUZZ_SEED={settings.Seed}");
        // one source in three is a random program, so the edits also reach loops, arrays and calls
        List<string> sources = [.. TypingStateSources.FromGeneratorTests()];
        var fromTests = sources.Count;
        sources.AddRange(Enumerable.Range(0, fromTests / 2).Select(i => BatchSource.UserCode(ProgramCase.Create(settings.Seed, i, Grammar.Ci).Program)));
        var variant = TypingEdits.Variant(sources);

        var failures = new List<(int Index, string Problem, string Text)>();
        IEnumerable<int> indices = settings.Only is { } only ? [only] : Enumerable.Range(0, variants);
        foreach (var i in indices)
        {
            var text = variant.Generate(new PCG((uint)i, settings.Seed), null, out _);
            if (TypingStateCheck.Problem(text) is { } problem)
                failures.Add((i, problem, text));
            if ((i + 1) % 1000 == 0)
                log($"{i + 1} typing states, {failures.Count} failed");
        }

        var summary = $"seed {settings.Seed}: {variants} typing states of {fromTests} test sources and {sources.Count - fromTests} random programs, {failures.Count} failed\n"
            + string.Concat(failures.GroupBy(f => f.Problem.Split('\n')[0]).Select(g =>
                $"\n=== {g.Key}: {g.Count()} variant(s)\nreproduce: SDIFF_FUZZ_SEED={settings.Seed} SDIFF_FUZZ_ONLY={g.First().Index} dotnet test tests/Reliability.Tests --filter {nameof(TheGeneratorSurvivesEveryTypingState)}\n{g.First().Text}\n{g.First().Problem}\n"));
        log(summary);
        Assert.True(failures.Count == 0, summary);
    }
}
