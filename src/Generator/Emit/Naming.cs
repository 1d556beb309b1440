using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Parsing;

namespace SymbolicDiff.Generator.Emit;

/// <summary>Gives every value and adjoint its identifier, in program order, so the output is deterministic.</summary>
internal static class Naming
{
    public static void Assign(MethodGraph graph, BackwardNames backward, NameAllocator names)
    {
        NameParameters(graph);

        // Adjoint parameters first: their names are part of the public signature and should not depend on the body.
        foreach (Value parameter in graph.Parameters.Where(p => p.IsActive))
        {
            parameter.AdjointName = names.Claim("d" + parameter.BaseName);
        }

        List<Value> defined = [];
        CollectDefinitions(graph.Body, defined);
        Dictionary<Value, string> plainNames = [];
        foreach (Value value in defined)
        {
            string plain = value.Kind == ValueKind.Temporary ? names.ClaimNumbered(value.BaseName) : names.ClaimOwn(value.BaseName);
            plainNames[value] = plain;
            value.Name = Symbols.Identifier(plain); // a user's @int keeps its @
        }

        foreach (Value value in defined.Where(v => v.IsActive))
        {
            value.AdjointName = names.Claim("d" + plainNames[value]);
        }

        foreach (Value array in backward.ReplayArrays)
        {
            array.ReplayName = names.Claim(array.BaseName + "Replay");
        }
    }

    /// <summary>The parameters keep the user's names (claimed first of all by the builder).</summary>
    public static void NameParameters(MethodGraph graph)
    {
        foreach (Value parameter in graph.Parameters)
        {
            parameter.Name = Symbols.Identifier(parameter.BaseName);
        }
    }

    /// <summary>
    /// Every value the forward pass defines, in program order. Inlined temporaries are named too: their
    /// adjoints may still exist, and <c>dt3</c> should belong to <c>t3</c>.
    /// </summary>
    public static void CollectDefinitions(Block block, List<Value> defined)
    {
        foreach (Statement statement in block.Statements)
        {
            switch (statement)
            {
                case Define define:
                    defined.Add(define.Target);
                    break;
                case CallDefine { Target: { } target }:
                    defined.Add(target);
                    break;
                case Allocate allocate:
                    defined.Add(allocate.Target);
                    break;
                case Branch branch:
                    CollectDefinitions(branch.Then, defined);
                    CollectDefinitions(branch.Else, defined);
                    defined.AddRange(branch.Merges.Select(m => m.Target));
                    break;
                case Loop loop:
                    defined.AddRange(loop.Carried.Select(c => c.Storage));
                    defined.Add(loop.Count);
                    defined.AddRange(loop.Carried.Select(c => c.Header));
                    CollectDefinitions(loop.Body, defined);
                    break;
            }
        }
    }
}
