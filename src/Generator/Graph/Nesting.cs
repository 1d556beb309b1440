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
        var definitions = new Dictionary<Value, Define>();
        Collect(block, definitions);
        return definitions;
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
