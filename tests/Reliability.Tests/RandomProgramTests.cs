using SymbolicDiff.Reliability.Tests.Differential;
using Xunit.Abstractions;

namespace SymbolicDiff.Reliability.Tests;

/// <summary>
/// The random-program differential tester (issue 7, section 4): random [Differentiable] programs,
/// compiled with the generator, against a forward-mode dual-number oracle. 500 programs per run by
/// default; see <see cref="FuzzSettings"/> for the seed, soak and reproduction variables.
/// </summary>
public class RandomProgramTests(ITestOutputHelper output)
{
    [Fact]
    public void GeneratedGradientsMatchTheDualNumberOracle()
    {
        var settings = FuzzSettings.FromEnvironment(defaultPrograms: 500);
        var log = settings.Log(output.WriteLine);
        log($"SDIFF_FUZZ_SEED={settings.Seed}");
        var run = new DifferentialRun(settings, log);
        run.Run();
        var summary = run.Summary(nameof(GeneratedGradientsMatchTheDualNumberOracle));
        log(summary);
        Assert.True(run.Findings.Count == 0, summary);
    }
}
