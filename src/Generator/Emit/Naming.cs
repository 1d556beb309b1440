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

        foreach (AdjointSum sum in backward.AdjointSums)
        {
            sum.Name = names.Claim(sum.Parameter.AdjointName + "Sum");
        }

        List<Value> defined = [];
        CollectDefinitions(graph.Body, defined);
        defined.RemoveAll(v => v.IsTangent); // forward mode's, named by TangentNaming after their primals
        Dictionary<Value, string> plainNames = [];

        // A version that shares its variable with an earlier one takes that one's name (VersionCoalescing); a
        // user's constant written in place of its variable (a for loop's start) comes last, so the variable's
        // own versions get the user's name.
        foreach (Value value in defined.Where(v => v.SharesNameWith is null).OrderBy(v => v.IsVariableVersion && v.Inlined is not null))
        {
            string plain = value.Kind == ValueKind.Temporary ? names.ClaimNumbered(value.BaseName) : names.ClaimOwn(value.BaseName);
            plainNames[value] = plain;
            value.Name = Symbols.Identifier(plain); // a user's @int keeps its @
        }

        foreach (Value value in defined.Where(v => v.SharesNameWith is not null))
        {
            plainNames[value] = plainNames[value.SharesNameWith!];
            value.Name = value.SharesNameWith!.Name;
        }

        // The backward pass's own variable for a version it declares again where the forward name is taken.
        foreach (Value value in defined.Where(v => v.RenamedBackward))
        {
            value.BackwardName = Symbols.Identifier(value.Kind == ValueKind.Temporary ? names.ClaimNumbered(value.BaseName) : names.ClaimOwn(value.BaseName));
        }

        // An adjoint variable is numbered from the user's name (versions may share one variable, so their own names need
        // not differ); a temporary's belongs to it (dt3 to t3). Adjoints of versions may share one too (AdjointCoalescing):
        // such a variable stands for the user's variable in the backward pass, so it is named first (ds, not ds_1).
        var sharedAdjoints = new HashSet<Value>(defined.Select(v => v.AdjointSharesWith).OfType<Value>());
        foreach (Value value in defined.Where(v => v.IsActive && v.AdjointSharesWith is null).OrderBy(v => !sharedAdjoints.Contains(v)))
        {
            value.AdjointName = names.Claim("d" + (value.Kind == ValueKind.Local ? value.BaseName : plainNames[value]));
        }

        foreach (Value value in defined.Where(v => v.AdjointSharesWith is not null))
        {
            value.AdjointName = value.AdjointSharesWith!.AdjointName;
        }

        foreach (Value carry in backward.Carries)
        {
            carry.AdjointName = names.Claim("d" + carry.BaseName);
        }

        foreach (TracedExtremum trace in backward.Traces)
        {
            trace.Name = names.Claim(trace.Carried.Storage.BaseName + "Trace");
        }

        foreach (TapeSegment segment in backward.Segments)
        {
            segment.Name = names.Claim(backward.Tape + "Segment");
            segment.BackName = names.Claim(backward.Tape + "Segment");
            List<TapeSegment> parts = segment.Nested.Count > 0 ? [segment, .. segment.Nested.Select(l => l.Segment!).Where(part => !part.StartsItsIteration)] : [];
            parts.ForEach(part => part.StartName = names.Claim(backward.Tape + "At"));
            parts.ForEach(part => part.BackStartName = names.Claim(backward.Tape + "At"));
        }

        foreach (Value back in backward.SteppedBack)
        {
            back.Name = names.Claim(back.BaseName);
        }

        foreach (Value terms in backward.VectorTerms)
        {
            terms.Name = names.Claim(terms.BaseName);
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
                    if (define.Expression is TupleExpr { Items.Count: > 0 } tuple && tuple.Items[0] is CallExpr call)
                    {
                        // the variables a call's out arguments declare, in the statement that makes the tuple
                        defined.AddRange(call.Arguments.OfType<OutExpr>().Select(o => o.Variable).OfType<Value>());
                    }

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
                    if (loop.Step is { } step)
                    {
                        defined.Add(step.Target);
                    }

                    break;
            }
        }
    }
}
