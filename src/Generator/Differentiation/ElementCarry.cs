using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// In a fused loop that adds into <c>dx[i]</c> and <c>dx[i + 1]</c> (a stencil, as in Rosenbrock), each element
/// would be read and written twice, by two iterations. Instead the <c>dx[i + 1]</c> part is carried in a
/// register to the next iteration and added together with its <c>dx[i]</c> part, once, as a person writes it;
/// after the loop the last carry goes to the element after the last index.
/// </summary>
internal static class ElementCarry
{
    public static void Plan(ReverseLoop fused, BackwardNames names)
    {
        if (fused.Loop.Counters.FirstOrDefault(c => c.Step == 1) is not { } counter)
        {
            return;
        }

        Value index = counter.Carried.Header;
        foreach (Value array in fused.Body.OfType<Accumulate>().Where(a => a.Index is not null).Select(a => a.Target).Distinct().ToList())
        {
            List<Accumulate> here = [];
            List<Accumulate> next = [];
            bool elsewhere = false; // an addition at another index (w[(i + 1) % n]): no carry
            foreach (Accumulate accumulate in fused.Body.OfType<Accumulate>().Where(a => a.Target == array))
            {
                switch (Offset(accumulate.Index!, index))
                {
                    case 0:
                        here.Add(accumulate);
                        break;
                    case 1:
                        next.Add(accumulate);
                        break;
                    default:
                        elsewhere = true;
                        break;
                }
            }

            // Only when every addition into the array is one of these two, at the top of the body, and nothing in
            // the body reads or clears the element's adjoint (a local array of the iteration's own, IterationLocalArrays).
            int total = FlattenAll(fused.Body).Count(s => AddsInto(s, array));
            if (elsewhere || next.Count == 0 || here.Count + next.Count != total || FlattenAll(fused.Body).Any(s => ReadsOrClears(s, array)))
            {
                continue;
            }

            var carry = new Value(array.BaseName + "Next", array.Numeric == NumericType.Float ? "float" : "double", array.Numeric, isActive: true, ValueKind.Temporary);
            names.Carries.Add(carry);
            fused.Hoisted.Add(new DeclareAdjoint(carry));
            fused.Body.RemoveAll(s => here.Contains(s) || next.Contains(s));
            Expr carried = new AdjointExpr(carry);
            // Each iteration writes its own element once, the last carry the element after them: the loop
            // touches every element at most once (GradientOverwrite decides whether that is the first touch).
            fused.Body.Add(new Accumulate(array, here.Select(a => a.Amount).Aggregate(carried, AddOrSubtract), new UseExpr(index)) { Assigns = true });
            fused.Body.Add(new SetAdjoint(carry, next.Select(a => a.Amount).Aggregate(Build.Add)));

            // After the loop the counter is one past the last index: the last iteration's dx[i + 1].
            Expr ran = new BinaryExpr("!=", new UseExpr(counter.Carried.Storage), new UseExpr(counter.Carried.Init));
            fused.After.Add(new ReverseBranch(ran, [new Accumulate(array, carried, new UseExpr(counter.Carried.Storage)) { Assigns = true }], []));
        }
    }

    /// <summary><c>sum + amount</c>, or <c>sum - a</c> for a negated amount (<c>dx[i] -= dt1</c> becomes <c>dxNext - dt1</c>).</summary>
    private static Expr AddOrSubtract(Expr sum, Expr amount) =>
        amount is UnaryExpr { Operator: "-" } negated ? Build.Sub(sum, negated.Operand) : Build.Add(sum, amount);

    /// <summary>0 for <c>i</c>, 1 for <c>i + 1</c>, null for any other index.</summary>
    private static int? Offset(Expr index, Value counter)
    {
        while (index is UseExpr { Value.Inlined: { } inlined })
        {
            index = inlined;
        }

        return index switch
        {
            UseExpr use when use.Value == counter => 0,
            BinaryExpr { Operator: "+", Left: UseExpr use, Right: TextExpr { Text: "1" } } when use.Value == counter => 1,
            _ => null,
        };
    }

    public static bool AddsInto(ReverseStatement statement, Value array) => statement switch
    {
        Accumulate accumulate => accumulate.Target == array,
        BackwardCall call => call.AdjointArguments.SelectMany(a => a.Walk()).OfType<AdjointSpanExpr>().Any(s => s.Array == array),
        _ => false,
    };

    private static bool ReadsOrClears(ReverseStatement statement, Value array) =>
        statement is ClearElement clear && clear.Array == array
        || statement.Reads.SelectMany(e => e.Walk()).Any(e => e is AdjointExpr read && read.Value == array);

    /// <summary>The statement and every statement nested in it, each before those nested in it.</summary>
    /// <remarks>Into one list: the planning phases flatten every statement of the backward pass several times, and nested
    /// iterators copied each statement once per level above it.</remarks>
    public static IEnumerable<ReverseStatement> Flatten(ReverseStatement statement)
    {
        List<ReverseStatement> all = [statement];
        AddNested(statement, all);
        return all;
    }

    /// <summary>The statements and every statement nested in them, in the order of <see cref="Flatten"/>, in one list.</summary>
    public static List<ReverseStatement> FlattenAll(IEnumerable<ReverseStatement> statements)
    {
        List<ReverseStatement> all = [];
        foreach (ReverseStatement statement in statements)
        {
            all.Add(statement);
            AddNested(statement, all);
        }

        return all;
    }

    private static void AddNested(ReverseStatement statement, List<ReverseStatement> all)
    {
        foreach (List<ReverseStatement> list in statement.Nested)
        {
            foreach (ReverseStatement nested in list)
            {
                all.Add(nested);
                AddNested(nested, all);
            }
        }
    }
}
