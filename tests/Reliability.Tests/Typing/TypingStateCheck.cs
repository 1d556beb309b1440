using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator;
using SymbolicDiff.Generator.Tests.Infrastructure;
using SymbolicDiff.Reliability.Tests.Differential;

namespace SymbolicDiff.Reliability.Tests.Typing;

/// <summary>
/// What the generator must survive in an editor: on any text, it does not throw and does not report
/// SDIFF0008 (internal failure); when the user's code has no error, the generated code has no error
/// and no warning; when it has errors, the generated code has none (it would repeat the user's).
/// </summary>
public static class TypingStateCheck
{
    /// <summary>Null if the text passes; otherwise the failure's class on the first line, then details.</summary>
    public static string? Problem(string text)
    {
        var compilation = GeneratorHarness.CreateCompilation([text], references: BatchCompiler.References);
        var driver = GeneratorHarness.CreateDriver(new DifferentiableGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var run = driver.GetRunResult().Results.Single();
        if (run.Exception is not null)
            return $"generator exception {run.Exception.GetType().Name}\n{run.Exception}";
        if (run.Diagnostics.FirstOrDefault(d => d.Id == "SDIFF0008") is { } internalFailure)
            return $"SDIFF0008\n{internalFailure}";
        // code the compiler rejects gets its errors and none in generated code (which would repeat them)
        var least = compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
        // only the generated trees: binding them alone is much cheaper than the whole compilation
        var userTrees = compilation.SyntaxTrees.ToHashSet();
        var inGenerated = output.SyntaxTrees.Where(t => !userTrees.Contains(t))
            .SelectMany(t => output.GetSemanticModel(t).GetDiagnostics())
            .Where(d => d.Severity >= least)
            .ToList();
        return inGenerated.Count == 0 ? null
            : $"generated code {inGenerated[0].Id}{(least == DiagnosticSeverity.Error ? " (the user's code has errors)" : "")}\n{DiagnosticText.Describe(inGenerated.Take(5), output)}";
    }
}
