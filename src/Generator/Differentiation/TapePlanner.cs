using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// Decides what each loop pushes on the tape: exactly the values defined in an iteration that its
/// reverse iteration reads (inputs of a product, a loop index, a branch taken, the old value of
/// <c>t</c> in <c>t *= x</c>). An accumulator <c>s += …</c> is read by no local gradient, so it is not saved.
/// </summary>
internal static class TapePlanner
{
    private static readonly HashSet<string> TapeTypes = ["double", "float", "int", "long", "short", "byte", "sbyte", "ushort", "uint", "bool"];

    /// <summary>Fills <see cref="Loop.Saved"/>; returns the values that must be saved but cannot go on a tape of doubles.</summary>
    public static List<Value> Plan(List<ReverseStatement> reverse)
    {
        List<Value> unsupported = [];
        List<ReverseLoop> loops = AllLoops(reverse).ToList();

        // Counters the backward pass does not read are dropped, inner loops first: an outer loop then
        // need not keep what only those counters' starting values would have read.
        foreach (ReverseLoop loop in Enumerable.Reverse(loops))
        {
            loop.Loop.Counters.AddRange(loop.Loop.Carried.Where(c => IsCounter(c, loop.Loop.Body)));
            var referenced = new HashSet<Value>();
            CollectReferenced(loop.Body, referenced);
            loop.Loop.Counters.RemoveAll(c => !referenced.Contains(c.Header));
        }

        foreach (ReverseLoop loop in loops)
        {
            var referenced = new HashSet<Value>();
            CollectReferenced(loop.Body, referenced);
            IEnumerable<Value> defined = loop.Loop.Carried.Except(loop.Loop.Counters).Select(c => c.Header).Concat(Declarations.Of(loop.Loop.Body));
            foreach (Value value in defined.Where(referenced.Contains).Distinct())
            {
                if (ConstantDefinition(loop.Loop.Body, value) is { } constant)
                {
                    loop.Loop.Constants.Add(constant);
                    continue;
                }

                loop.Loop.Saved.Add(value);
                if (!TapeTypes.Contains(value.TypeName))
                {
                    unsupported.Add(value);
                }
            }
        }

        return unsupported;
    }

    private static IEnumerable<ReverseLoop> AllLoops(IEnumerable<ReverseStatement> statements)
    {
        foreach (ReverseStatement statement in statements)
        {
            IEnumerable<ReverseStatement> inner = statement switch
            {
                ReverseBranch branch => [.. branch.Then, .. branch.Else],
                ReverseLoop loop => loop.Body,
                _ => [],
            };
            if (statement is ReverseLoop reverseLoop)
            {
                yield return reverseLoop;
            }

            foreach (ReverseLoop nested in AllLoops(inner))
            {
                yield return nested;
            }
        }
    }

    private static void CollectReferenced(List<ReverseStatement> statements, HashSet<Value> referenced)
    {
        foreach (ReverseStatement statement in statements)
        {
            IEnumerable<Expr> read = statement switch
            {
                Accumulate accumulate => accumulate.Index is null ? [accumulate.Amount] : [accumulate.Amount, accumulate.Index],
                BackwardCall call => call.Reads,
                ReverseBranch branch => [branch.Condition],
                SetAdjoint set => [set.Amount],
                ClearElement clear => [clear.Index],
                _ => [],
            };
            referenced.UnionWith(read.SelectMany(e => e.Uses()));
            switch (statement)
            {
                case ReverseBranch branch:
                    CollectReferenced(branch.Then, referenced);
                    CollectReferenced(branch.Else, referenced);
                    break;
                case ReverseLoop loop:
                    referenced.Add(loop.Loop.Count);
                    referenced.UnionWith(loop.Loop.Counters.Select(c => c.Init));
                    CollectReferenced(loop.Body, referenced);
                    break;
            }
        }
    }

    /// <summary>An int whose value at the end of the body is, on every path, its value at the start plus one.</summary>
    private static bool IsCounter(Carried carried, Block body) =>
        carried.Header.TypeName == "int"
        && body.Statements.OfType<Define>().Any(d => d.Target == carried.Final
            && d.Expression is BinaryExpr { Operator: "+", Left: UseExpr left, Right: TextExpr { Text: "1" } }
            && left.Value == carried.Header);

    /// <summary>The definition of a value set to a constant that reads no other value (so it is the same in every iteration).</summary>
    private static Define? ConstantDefinition(Block body, Value value) =>
        body.Statements.OfType<Define>().FirstOrDefault(d => d.Target == value && d.Rule is null && d.Expression.IsPure && !d.Expression.Uses().Any());
}
