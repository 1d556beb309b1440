using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// The backward pass's twin of <see cref="VersionCoalescing"/>. Each version of a user's variable has an adjoint of its
/// own, so a loop's backward pass copies adjoints in and out (<c>double ds_2 = ds; … ds = ds_2;</c>) and updates one
/// through another (<c>double dt_3 = dt_2 * x; …; dt_2 = dt_3;</c>). The adjoints of versions of one variable that are
/// never live at the same time in the backward pass share one adjoint variable instead: the first declares it, the
/// others assign it, and a copy between two of them disappears (<c>dt = dt * x;</c>). Only names and copies change: every
/// statement computes what it computed, in the same order.
/// </summary>
/// <remarks>
/// The adjoints a fused loop touches are left alone: its body is written inside the forward loop, before the rest of
/// the backward pass, and its vector lanes keep an adjoint per lane (<see cref="Vectorization"/>).
/// </remarks>
internal static class AdjointCoalescing
{
    public static void Plan(List<ReverseStatement> reverse)
    {
        var flow = new AdjointFlow();
        flow.Statements(reverse);
        HashSet<Value> fused = [.. WrittenByFusedLoops(reverse).SelectMany(s => Defines(s).Concat(Reads(s)))];
        flow.Coalesce(
            flow.Defined.Where(v => v.IsVariableVersion && !v.IsTangent && !fused.Contains(v)),
            v => (v.BaseName, v.TypeName),
            (adjoint, first) => adjoint.AdjointSharesWith = first);
    }

    /// <summary>True when <paramref name="amount"/> is the adjoint variable of <paramref name="target"/> itself: assigning it is no statement.</summary>
    public static bool IsOwnVariable(Expr amount, Value target) =>
        amount is AdjointExpr { Index: null } read && (read.Value.AdjointSharesWith ?? read.Value) == (target.AdjointSharesWith ?? target);

    /// <summary>The backward pass as <see cref="CompanionWriter"/> writes it after the forward pass, with the adjoints each statement assigns and reads.</summary>
    private sealed class AdjointFlow : FlowGraph
    {
        public void Statements(List<ReverseStatement> statements)
        {
            foreach (ReverseStatement statement in statements)
            {
                switch (statement)
                {
                    case ReverseLoop { Fused: true }:
                        break; // written inside its forward loop
                    case ReverseLoop loop:
                        Loop(loop);
                        break;
                    case ReverseBranch branch:
                        Branch(branch);
                        break;
                    default:
                        Add(Defines(statement), Reads(statement), CopyOf(statement));
                        break;
                }
            }
        }

        /// <summary><c>if (condition) { then } else { else }</c>, each side a scope of its own.</summary>
        private void Branch(ReverseBranch branch)
        {
            int outer = Scope;
            Node test = Add([], Reads(branch));
            Scope = NewScope();
            Statements(branch.Then);
            Node thenEnd = Last;
            Scope = outer;
            Last = test;
            Scope = NewScope();
            Statements(branch.Else);
            Scope = outer;
            Node join = NewNode();
            thenEnd.Next.Add(join);
            Add(join, [], []);
        }

        /// <summary>
        /// The reverse iterations, run zero or more times, each a scope of its own; under a guard, maybe not at all; with
        /// a finite version (<see cref="ReverseLoop.Finite"/>), one of the two loops.
        /// </summary>
        private void Loop(ReverseLoop loop)
        {
            int outer = Scope;
            Node entry = Add([], Reads(loop));
            List<Node> tops = [];
            foreach (List<ReverseStatement> body in loop.Finite is null ? [loop.Body] : new[] { loop.Untested, loop.Body })
            {
                Last = entry;
                Scope = NewScope();
                Node top = Add([], []);
                Statements(body);
                Last.Next.Add(top);
                tops.Add(top);
                Scope = outer;
            }

            Node exit = NewNode();
            tops.ForEach(top => top.Next.Add(exit));
            if (loop.Guard is not null)
            {
                entry.Next.Add(exit);
            }

            Last = exit;
        }
    }

    /// <summary>The local scalar adjoints a statement assigns (an accumulation reads and assigns its target).</summary>
    private static List<Value> Defines(ReverseStatement statement)
    {
        var assigned = new List<Value>();
        switch (statement)
        {
            case Accumulate { Index: null } accumulate:
                AddIfVariable(assigned, accumulate.Target);
                break;
            case DeclareAdjoint declare:
                AddIfVariable(assigned, declare.Target);
                break;
            case SetAdjoint set:
                AddIfVariable(assigned, set.Target);
                break;
            case BackwardCall call:
                AddVariables(assigned, call.Contributed);
                break;
        }

        return assigned;
    }

    /// <summary>The local scalar adjoints a statement's own expressions read, and the one a <c>+=</c> or a <c>ref</c> adds to.</summary>
    /// <remarks>In lists, with <see cref="Expr.Visit"/>: the flow graph asks this of every statement of the backward pass.</remarks>
    private static List<Value> Reads(ReverseStatement statement)
    {
        var read = new List<Value>();
        foreach (Expr expr in statement.Reads)
        {
            expr.Visit(read, static (node, values) =>
            {
                if (node is AdjointExpr { Index: null } adjoint)
                {
                    AddIfVariable(values, adjoint.Value);
                }
            });
        }

        switch (statement)
        {
            case Accumulate { Index: null, Declares: false } accumulate:
                AddIfVariable(read, accumulate.Target);
                break;
            case BackwardCall call:
                AddVariables(read, call.Contributed);
                break;
        }

        return read;
    }

    private static void AddVariables(List<Value> values, IReadOnlyList<Value> candidates)
    {
        foreach (Value value in candidates)
        {
            AddIfVariable(values, value);
        }
    }

    private static void AddIfVariable(List<Value> values, Value value)
    {
        if (HasVariable(value))
        {
            values.Add(value);
        }
    }

    /// <summary>For <c>dA = dB</c>: dB, which may share dA's variable though it is live there.</summary>
    private static Value? CopyOf(ReverseStatement statement) => statement switch
    {
        Accumulate { Declares: true, Amount: AdjointExpr { Index: null } read } => read.Value,
        SetAdjoint { Amount: AdjointExpr { Index: null } read } => read.Value,
        _ => null,
    };

    /// <summary>Parameters' adjoints are parameters of Backward, arrays' are spans: neither is a local variable.</summary>
    private static bool HasVariable(Value value) => value.Kind != ValueKind.Parameter && !value.IsArray;

    /// <summary>
    /// Every statement a fused loop writes: before, in and after the forward loop. A nested loop's finite version
    /// (<see cref="ReverseLoop.Untested"/>) touches the adjoints its body does, so the bodies say which those are.
    /// </summary>
    private static IEnumerable<ReverseStatement> WrittenByFusedLoops(List<ReverseStatement> statements) =>
        TapePlanner.AllLoops(statements).Where(r => r.Fused)
            .SelectMany(fused => new[] { fused.Hoisted, fused.Body, fused.Untested, fused.After })
            .SelectMany(ElementCarry.FlattenAll);
}
