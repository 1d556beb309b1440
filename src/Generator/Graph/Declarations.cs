using System.Collections.Generic;
using System.Linq;

namespace SymbolicDiff.Generator.Graph;

/// <summary>The values a block declares in its own scope.</summary>
internal static class Declarations
{
    /// <summary>
    /// Values defined in <paramref name="block"/> and its branches (which share its scope in the generated
    /// code), including merges and a nested loop's count (if it counts) and storages, but not what a nested loop body
    /// declares (its own scope) nor inlined temporaries (never declared).
    /// </summary>
    public static IEnumerable<Value> Of(Block block)
    {
        foreach (Statement statement in block.Statements)
        {
            switch (statement)
            {
                case Define { Target.Inlined: null } define:
                    yield return define.Target;
                    break;
                case CallDefine { Target: { } target }:
                    yield return target;
                    break;
                case Allocate allocate:
                    yield return allocate.Target;
                    break;
                case Branch branch:
                    foreach (Value value in Of(branch.Then).Concat(Of(branch.Else)).Concat(branch.Merges.Select(m => m.Target)))
                    {
                        yield return value;
                    }

                    break;
                case Loop loop:
                    if (loop.IsCounted)
                    {
                        yield return loop.Count;
                    }

                    foreach (Carried carried in loop.Carried.Where(c => !(loop.DeclaresCounter && c == loop.StepCarried)))
                    {
                        yield return carried.Storage; // not a counter its for statement declares
                    }

                    break;
            }
        }
    }
}
