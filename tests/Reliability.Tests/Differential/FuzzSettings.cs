using System;
using System.Globalization;
using SymbolicDiff.Reliability.Tests.Programs;

namespace SymbolicDiff.Reliability.Tests.Differential;

/// <summary>
/// The run's settings, from environment variables so CI, a reproduction and a soak run are the same
/// test with different numbers:
/// <list type="bullet">
/// <item><c>SDIFF_FUZZ_SEED</c>: the run's seed (default: a new one, printed);</item>
/// <item><c>SDIFF_FUZZ_PROGRAMS</c>: how many programs (default 500);</item>
/// <item><c>SDIFF_FUZZ_ONLY</c>: run only program number N of the seed (a reproduction);</item>
/// <item><c>SDIFF_FUZZ_GRAMMAR</c>: <c>ci</c> (default) or <c>all</c>, which adds the constructs of known, unfixed bugs (<see cref="Grammar.Soak"/>);</item>
/// <item><c>SDIFF_FUZZ_BATCH</c>: programs per compilation (default 100);</item>
/// <item><c>SDIFF_FUZZ_HESSIAN_EVERY</c>: check every N-th program in second order too, when it can be (default 3; 1 checks all);</item>
/// <item><c>SDIFF_FUZZ_PROGRESS</c>: a file that each batch's progress line is appended to (a long soak's test output shows only at its end).</item>
/// </list>
/// </summary>
public sealed record FuzzSettings(ulong Seed, int Programs, int? Only, Grammar Grammar, string GrammarName, int BatchSize)
{
    /// <summary>How long to shrink each failure class: a minute, or SDIFF_FUZZ_SHRINK_SECONDS.</summary>
    public TimeSpan ShrinkTime { get; init; } = TimeSpan.FromSeconds(Int("SDIFF_FUZZ_SHRINK_SECONDS") ?? 60);

    /// <summary>
    /// Which programs are also checked in second order: every N-th (by index) whose entry is scalar-valued and
    /// calls no vector-valued method. Default 5: the Hessian-vector product and its hyper-dual oracle add to a
    /// batch's compilation (checking half of those programs cost about 10–20% more time), and about 65% of the
    /// programs are eligible, so CI checks a fifth of them (some 65 of 500, as a third did when only programs
    /// without calls were).
    /// </summary>
    public int HessianEvery { get; init; } = Math.Max(1, Int("SDIFF_FUZZ_HESSIAN_EVERY") ?? 5);

    /// <summary>Where to append progress lines as they come, or null.</summary>
    public string? ProgressFile { get; init; } = Environment.GetEnvironmentVariable("SDIFF_FUZZ_PROGRESS") is { Length: > 0 } p ? p : null;

    /// <summary>Writes <paramref name="line"/> to the test's output, and to <see cref="ProgressFile"/> if set.</summary>
    public Action<string> Log(Action<string> output) => line =>
    {
        output(line);
        if (ProgressFile is { } file)
            System.IO.File.AppendAllText(file, $"{DateTime.UtcNow:HH:mm:ss} {line}\n");
    };

    public static FuzzSettings FromEnvironment(int defaultPrograms)
    {
        var seed = Environment.GetEnvironmentVariable("SDIFF_FUZZ_SEED") is { Length: > 0 } s
            ? ulong.Parse(s, CultureInfo.InvariantCulture)
            : (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        var grammarName = Environment.GetEnvironmentVariable("SDIFF_FUZZ_GRAMMAR") is { Length: > 0 } g ? g : "ci";
        return new FuzzSettings(
            seed,
            Int("SDIFF_FUZZ_PROGRAMS") ?? defaultPrograms,
            Int("SDIFF_FUZZ_ONLY"),
            grammarName switch
            {
                "ci" => Grammar.Ci,
                "all" => Grammar.Soak,
                _ => throw new ArgumentException($"SDIFF_FUZZ_GRAMMAR is '{grammarName}': use ci or all."),
            },
            grammarName,
            Int("SDIFF_FUZZ_BATCH") ?? 100);
    }

    static int? Int(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } s ? int.Parse(s, CultureInfo.InvariantCulture) : null;

    /// <summary>The command that runs program <paramref name="index"/> of this run again.</summary>
    public string Reproduce(string testName, int index) =>
        $"SDIFF_FUZZ_SEED={Seed} SDIFF_FUZZ_ONLY={index} SDIFF_FUZZ_GRAMMAR={GrammarName} dotnet test tests/Reliability.Tests --filter {testName}";
}
