using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SymbolicDiff.Generator.Tests.Infrastructure;

/// <summary>The generator's run before and after an edit (see <see cref="Incrementality"/>).</summary>
public sealed record IncrementalRun(GeneratorRunResult First, GeneratorRunResult Second)
{
    /// <summary>
    /// Why each output of the step was produced in the second run. <paramref name="stepName"/> is a
    /// <see cref="TrackingNames"/> constant or an output kind such as <see cref="WellKnownGeneratorOutputs.SourceOutput"/>.
    /// </summary>
    public IReadOnlyList<IncrementalStepRunReason> Reasons(string stepName) =>
        [.. Steps(stepName).SelectMany(step => step.Outputs).Select(output => output.Reason)];

    /// <summary>
    /// Fails unless the step ran with at least one output and every output was reused (Cached) or
    /// recomputed to an equal value (Unchanged), the promise an unrelated edit must keep.
    /// </summary>
    public void AssertCachedOrUnchanged(string stepName)
    {
        var reasons = Reasons(stepName);
        if (reasons.Count == 0)
            Assert.Fail($"Step '{stepName}' has no outputs in the second run, so nothing shows it was cached. Tracked: {string.Join(", ", TrackedNames)}");
        if (reasons.Any(r => r is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)))
            Assert.Fail($"Step '{stepName}' recomputed outputs after the edit: {string.Join(", ", reasons)}");
    }

    IEnumerable<string> TrackedNames => Second.TrackedSteps.Keys.Concat(Second.TrackedOutputSteps.Keys);

    ImmutableArray<IncrementalGeneratorRunStep> Steps(string stepName) =>
        Second.TrackedSteps.TryGetValue(stepName, out var steps) ? steps
        : Second.TrackedOutputSteps.TryGetValue(stepName, out var outputs) ? outputs
        : [];
}
