using System.Collections.Generic;
using System.Linq;

namespace SymbolicDiff.Generator.Graph;

/// <summary>Walks over a block and everything nested in it (branches and loop bodies).</summary>
internal static class Nesting
{
    /// <summary>Every loop in the block, outer loops before the loops they contain.</summary>
    public static IEnumerable<Loop> Loops(Block block) => block.Statements.SelectMany(s => s switch
    {
        Loop loop => Loops(loop.Body).Prepend(loop),
        Branch branch => Loops(branch.Then).Concat(Loops(branch.Else)),
        _ => [],
    });

    /// <summary>The block and every block nested in it: branches' sides and loops' bodies, outer before inner.</summary>
    public static IEnumerable<Block> Blocks(Block block) => block.Statements.SelectMany(s => s switch
    {
        Loop loop => Blocks(loop.Body),
        Branch branch => Blocks(branch.Then).Concat(Blocks(branch.Else)),
        _ => [],
    }).Prepend(block);

    /// <summary>The definition of every value defined in the block, at any depth.</summary>
    public static Dictionary<Value, Define> Definitions(Block block)
    {
        // Sized before it is filled: several phases ask for it, and growing it was a fiftieth of what a method allocates.
        var definitions = new Dictionary<Value, Define>(CountDefinitions(block));
        Collect(block, definitions);
        return definitions;
    }

    private static int CountDefinitions(Block block) => Blocks(block).Sum(nested => nested.Statements.Count(s => s is Define));

    /// <summary>
    /// Every value the block gives a value to, at any depth: not only the gates' <see cref="Define"/>s, but a call's
    /// result, a branch's merges (the values a <c>?:</c> or a switch expression chooses between) and the values a nested
    /// loop carries. What a pass must take as changing from one iteration of the loop around the block to the next.
    /// </summary>
    public static HashSet<Value> DefinedValues(Block block)
    {
        var values = new HashSet<Value>();
        foreach (Block nested in Blocks(block))
        {
            foreach (Statement statement in nested.Statements)
            {
                switch (statement)
                {
                    case Define define:
                        values.Add(define.Target);
                        break;
                    case CallDefine { Target: { } result }:
                        values.Add(result);
                        break;
                    case Allocate allocate:
                        values.Add(allocate.Target);
                        break;
                    case Branch branch:
                        values.UnionWith(branch.Merges.Select(m => m.Target));
                        break;
                    case Loop loop:
                        values.Add(loop.Count);
                        values.UnionWith(loop.Carried.Concat(loop.BreakFlag is { } flag ? [flag] : []).SelectMany(c => new[] { c.Storage, c.Header, c.Final }));
                        break;
                }
            }
        }

        return values;
    }

    private static void Collect(Block block, Dictionary<Value, Define> definitions)
    {
        foreach (Statement statement in block.Statements)
        {
            switch (statement)
            {
                case Define define:
                    definitions[define.Target] = define;
                    break;
                case Loop loop:
                    Collect(loop.Body, definitions);
                    break;
                case Branch branch:
                    Collect(branch.Then, definitions);
                    Collect(branch.Else, definitions);
                    break;
            }
        }
    }
}
