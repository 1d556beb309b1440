using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SymbolicDiff.Generator.Tests.Infrastructure;

/// <summary>
/// The Roslyn cookbook's rule: pipeline models must not hold symbols, syntax, locations, semantic
/// models or compilations. Those compare by reference, so a model holding one is never equal to the
/// last run's and the cache never works; they also keep whole compilations alive.
/// </summary>
public static class PipelineModelCheck
{
    /// <summary>The named steps of our generator: every constant of <see cref="TrackingNames"/>.</summary>
    public static readonly IReadOnlyList<string> StepNames =
        [.. typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)];

    static readonly Type[] Forbidden =
    [
        typeof(ISymbol), typeof(IOperation), typeof(SyntaxNode), typeof(SyntaxToken), typeof(SyntaxTrivia),
        typeof(SyntaxTree), typeof(SyntaxReference), typeof(Location), typeof(SemanticModel), typeof(Compilation),
    ];

    // Deep enough for record -> EquatableArray -> ImmutableArray -> array -> element -> its fields.
    const int MaxDepth = 8;

    /// <summary>Fails if an output of any <see cref="StepNames"/> step holds a Roslyn object, or if none of them has an output to check.</summary>
    public static void AssertNoRoslynObjects(GeneratorRunResult run)
    {
        var outputs = StepNames
            .Where(run.TrackedSteps.ContainsKey)
            .SelectMany(name => run.TrackedSteps[name].SelectMany(step => step.Outputs).Select((output, i) => (Path: $"{name}[{i}]", output.Value)))
            .ToList();
        if (outputs.Count == 0)
            Assert.Fail($"Nothing to check: no output of the steps {string.Join(", ", StepNames)} in this run.");
        var found = outputs.SelectMany(o => Find(o.Value, o.Path)).ToList();
        if (found.Count > 0)
            Assert.Fail("Pipeline models hold Roslyn objects:\n" + string.Join("\n", found));
    }

    /// <summary>Paths (like <c>Methods[0].Item1.Symbol</c>) to every Roslyn object reachable through fields and array elements.</summary>
    public static IReadOnlyList<string> Find(object? value, string path)
    {
        var found = new List<string>();
        Walk(value, path, 0, new HashSet<object>(ReferenceEqualityComparer.Instance), found);
        return found;
    }

    static void Walk(object? value, string path, int depth, HashSet<object> seen, List<string> found)
    {
        if (value is null or string or decimal || value.GetType().IsPrimitive || value.GetType().IsEnum)
            return;
        if (Forbidden.FirstOrDefault(t => t.IsInstanceOfType(value)) is { } forbidden)
        {
            found.Add($"{path}: {value.GetType().Name} is a {forbidden.Name}");
            return;
        }
        if (depth == MaxDepth || (!value.GetType().IsValueType && !seen.Add(value)))
            return;
        // Fields, not IEnumerable: enumerating a default ImmutableArray throws; its array field does not.
        if (value is Array array)
        {
            var i = 0;
            foreach (var item in array)
                Walk(item, $"{path}[{i++}]", depth + 1, seen, found);
            return;
        }
        foreach (var field in InstanceFields(value.GetType()))
            Walk(field.GetValue(value), $"{path}.{ReadableName(field)}", depth + 1, seen, found);
    }

    // A record property's field is "<Symbol>k__BackingField"; the path should say "Symbol".
    static string ReadableName(FieldInfo field) =>
        field.Name.StartsWith('<') && field.Name.IndexOf('>') is > 0 and var end ? field.Name[1..end] : field.Name;

    // GetFields does not return the private fields of base types, such as those of a base record.
    static IEnumerable<FieldInfo> InstanceFields(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                yield return field;
    }
}
