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
    private static readonly HashSet<string> TapeTypes = ["double", "float", "int", "long", "short", "byte", "sbyte", "ushort", "uint", "ulong", "nint", "nuint", "char", "bool"];

    /// <summary>
    /// Fills each loop's <see cref="Loop.Counters"/>, <see cref="Loop.Recomputed"/> and <see cref="Loop.Saved"/>,
    /// inner loops first (an outer loop must keep what an inner one's recomputation reads). Returns the
    /// values that must be saved but cannot go on a tape of doubles. <paramref name="names"/> gets the variables
    /// the backward pass adds (<see cref="NestedSteps"/>).
    /// </summary>
    /// <param name="segmentable">
    /// The method, when its loops may keep saved values in tape blocks read by iteration and so run their reverse
    /// iterations first to last (<see cref="AdjointLoopOrder.Order"/>); null for the second-order pass, whose twins save more.
    /// </param>
    public static List<Value> Plan(List<ReverseStatement> reverse, BackwardNames names, MethodGraph? segmentable = null)
    {
        List<Value> unsupported = [];
        Dictionary<Value, Define>? methodDefinitions = segmentable is null ? null : Nesting.Definitions(segmentable.Body);
        Rematerialization? rematerialization = segmentable is null ? null : Rematerialization.For(segmentable);
        foreach (ReverseLoop reverseLoop in Enumerable.Reverse(AllLoops(reverse).ToList()))
        {
            Loop loop = reverseLoop.Loop;
            var referenced = new HashSet<Value>();
            CollectReferenced(reverseLoop.Body, referenced);
            List<Counter> stepping = loop.Carried.Select(c => AsCounter(c, loop.Body)).OfType<Counter>().ToList();
            loop.Counters.AddRange(stepping.Where(c => referenced.Contains(c.Carried.Header)));

            // A nested loop's count is defined, for this purpose, by its trip count when that is known before it runs.
            var defines = loop.Body.Statements.OfType<Define>().Where(d => d.Target.Inlined is null).ToDictionary(d => d.Target);
            List<Define> countable = loop.Body.Statements
                .Select(s => s switch
                {
                    Define { Target.Inlined: null } define => define,
                    Loop nested when TripCount.Of(nested, defines) is { } count => new Define(nested.Count, count),
                    _ => null,
                })
                .OfType<Define>()
                .ToList();
            var definitions = countable.ToDictionary(d => d.Target);
            HashSet<Value> inLoop = MadeByAnIteration(loop);
            var counters = new HashSet<Value>(loop.Counters.Select(c => c.Carried.Header));
            var recompute = new HashSet<Value>();
            var free = new Dictionary<Value, bool>();
            var rematerialized = new Dictionary<Value, Define>();

            // An int advanced only by a nested loop's counter is taken back by its trip count (computed, not saved).
            foreach (Carried carried in loop.Carried.Where(c => referenced.Contains(c.Header) && !counters.Contains(c.Header)))
            {
                if (NestedSteps.Of(loop, carried, countable) is { } step && IsFree(step.Count))
                {
                    AddWithDependencies(step.Count);
                    counters.Add(carried.Header);
                    reverseLoop.SteppedBack.Add(step);
                    names.SteppedBack.Add(step.Back);
                }
            }

            foreach (Value value in inLoop.Where(v => referenced.Contains(v) && !counters.Contains(v)))
            {
                if (IsFree(value))
                {
                    AddWithDependencies(value);
                }
                else
                {
                    loop.Saved.Add(value);
                    if (!TapeTypes.Contains(value.TypeName))
                    {
                        unsupported.Add(value);
                    }
                }
            }

            loop.Recomputed.AddRange(InBodyOrder(loop.Body, countable.Where(d => recompute.Contains(d.Target)), rematerialized.Where(r => recompute.Contains(r.Key)).ToDictionary(r => r.Key, r => r.Value)));
            AdjointLoopOrder.Order(reverseLoop, methodDefinitions, names);

            // Available without the tape: made before the loop, a counter, or cheap arithmetic of those.
            bool IsFree(Value value)
            {
                if (!inLoop.Contains(value) || counters.Contains(value))
                {
                    return true;
                }

                // A counter the reverse body reads only through what it computes (a foreach's hidden index, read by
                // its variable, models[index]) is stepped back too, so that those are computed again, not saved.
                if (stepping.FirstOrDefault(c => c.Carried.Header == value) is { } counter)
                {
                    loop.Counters.Add(counter);
                    counters.Add(value);
                    return true;
                }

                if (free.TryGetValue(value, out bool known))
                {
                    return known;
                }

                free[value] = false; // no cycles in SSA, but stay safe
                bool result = definitions.TryGetValue(value, out Define? definition)
                    && definition.Expression.IsPure
                    && !definition.Expression.Walk().Any(e => e is CallExpr)
                    && DeepUses(definition.Expression).All(IsFree);
                if (!result && rematerialization?.Of(value, loop, inLoop, IsFree) is { } again)
                {
                    rematerialized[value] = again;
                    result = true;
                }

                free[value] = result;
                return result;
            }

            void AddWithDependencies(Value value)
            {
                if (inLoop.Contains(value) && !counters.Contains(value) && recompute.Add(value))
                {
                    foreach (Value dependency in DeepUses((rematerialized.TryGetValue(value, out Define? again) ? again : definitions[value]).Expression))
                    {
                        AddWithDependencies(dependency);
                    }
                }
            }
        }

        return unsupported;
    }

    /// <summary>
    /// The recomputed definitions and the rematerialized values (<see cref="Rematerialization"/>) in the order the body
    /// defines them, so that each follows what it reads.
    /// </summary>
    private static IEnumerable<Define> InBodyOrder(Block body, IEnumerable<Define> recomputed, Dictionary<Value, Define> rematerialized)
    {
        if (rematerialized.Count == 0)
        {
            return recomputed;
        }

        var byTarget = recomputed.ToDictionary(d => d.Target);
        var targets = body.Statements.SelectMany(s => s switch
        {
            Define define => [define.Target],
            Loop nested => [nested.Count],
            Branch branch => branch.Merges.Select(m => m.Target),
            _ => [],
        });
        return targets.Select(t => rematerialized.TryGetValue(t, out Define? again) ? again : byTarget.TryGetValue(t, out Define? define) ? define : null).OfType<Define>();
    }

    /// <summary>The values one iteration of <paramref name="loop"/> makes: its carried variables' headers and what its body declares; a reverse iteration has them only from the tape or by computing them again.</summary>
    public static HashSet<Value> MadeByAnIteration(Loop loop) => [.. loop.Carried.Select(c => c.Header).Concat(Declarations.Of(loop.Body))];

    /// <summary>The values an expression reads, looking through inlined temporaries to what they read.</summary>
    public static IEnumerable<Value> DeepUses(Expr expr) =>
        expr.Uses().SelectMany(u => u.Inlined is { } inlined ? DeepUses(inlined) : [u]);

    /// <summary>Every loop of the pass, outer loops before the loops they contain.</summary>
    public static IEnumerable<ReverseLoop> AllLoops(IEnumerable<ReverseStatement> statements) =>
        statements.SelectMany(s => (s is ReverseLoop loop ? [loop] : Enumerable.Empty<ReverseLoop>()).Concat(s.Nested.SelectMany(AllLoops)));

    private static void CollectReferenced(List<ReverseStatement> statements, HashSet<Value> referenced)
    {
        foreach (ReverseStatement statement in statements)
        {
            // A nested loop, already planned, reads its count and what its counters and recomputations start from.
            referenced.UnionWith(statement.Reads.SelectMany(DeepUses));
            foreach (List<ReverseStatement> nested in statement.Nested)
            {
                CollectReferenced(nested, referenced);
            }
        }
    }

    /// <summary>An int whose value at the end of the body is, on every path, its value at the start plus a constant step.</summary>
    public static Counter? AsCounter(Carried carried, Block body) =>
        carried.Header.TypeName != "int" ? null
        : body.Statements.OfType<Define>()
            .Where(d => d.Target == carried.Final && d.Expression is BinaryExpr { Operator: "+", Left: UseExpr left } && left.Value == carried.Header)
            .Select(d => ((BinaryExpr)d.Expression).Right is TextExpr step && int.TryParse(step.Text, out int k) ? new Counter(carried, k) : null)
            .FirstOrDefault();
}
