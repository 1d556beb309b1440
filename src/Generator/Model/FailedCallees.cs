using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using SymbolicDiff.Generator.Diagnostics;

namespace SymbolicDiff.Generator.Model;

/// <summary>
/// A method whose generated code calls the companion of a method that got none (it has an error) would
/// not compile. Such a caller gets no source either, and one SDIFF0013 per call naming the callee; its
/// own callers are stopped in turn, until nothing changes.
/// </summary>
internal static class FailedCallees
{
    public static ImmutableArray<GeneratedMethod> Apply(ImmutableArray<GeneratedMethod> methods)
    {
        var failed = new HashSet<string>(methods.Where(m => m.Source is null).Select(m => m.MethodId));
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (GeneratedMethod method in methods.Where(m => m.Source is not null && !failed.Contains(m.MethodId)))
            {
                if (method.Calls.Any(c => failed.Contains(c.CalleeId)))
                {
                    failed.Add(method.MethodId);
                    changed = true;
                }
            }
        }

        return methods.Select(m => m.Source is null || !failed.Contains(m.MethodId) ? m : Stopped(m, failed)).ToImmutableArray();
    }

    private static GeneratedMethod Stopped(GeneratedMethod method, HashSet<string> failed)
    {
        IEnumerable<DiagnosticInfo> callErrors = method.Calls
            .Where(c => failed.Contains(c.CalleeId))
            .Distinct()
            .Select(c => new DiagnosticInfo(Descriptors.CalleeFailed, c.Location, new[] { c.CalleeName }.ToEquatableArray()));
        return method with { Source = null, Diagnostics = method.Diagnostics.Concat(callErrors).ToEquatableArray() };
    }
}
