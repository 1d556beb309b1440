using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Simplification;

/// <summary>
/// Removes the backward pass's clear-and-add-back of an element that a store only adds to. The store of
/// <c>m[j] += e</c> (<c>m[j] = m[j] + e</c>) hands the element's adjoint to the stored value and clears it;
/// the read of <c>m[j]</c> then adds the same adjoint back:
/// <code>
/// double dt = dm[j];
/// dm[j] = 0;
/// de += dt * …;
/// dm[j] += dt;
/// </code>
/// The clear and the addition cancel when nothing between them touches <c>dm</c> or changes <c>dt</c>, so both go:
/// the element keeps its adjoint, one read instead of a read and two writes per term. A loop whose reverse
/// iterations only did that to the element no longer clears it (see <see cref="AdjointLoopOrder"/>).
/// </summary>
internal static class UnchangedElements
{
    public static void Remove(List<ReverseStatement> statements)
    {
        foreach (List<ReverseStatement> nested in statements.SelectMany(s => s.Nested))
        {
            Remove(nested);
        }

        for (int i = 0; i < statements.Count; i++)
        {
            if (statements[i] is Accumulate { Declares: true, Index: null, Amount: AdjointExpr { Index: { } index } element } taken
                && Comparable(index))
            {
                RemoveClearAndAddBack(statements, i + 1, element.Value, index, taken.Target);
            }
        }
    }

    /// <summary>From <paramref name="start"/>: <c>dArray[index] = 0</c>, then <c>dArray[index] += dTaken</c>, with nothing in between touching either.</summary>
    private static void RemoveClearAndAddBack(List<ReverseStatement> statements, int start, Value array, Expr index, Value taken)
    {
        int clear = -1;
        for (int k = start; k < statements.Count; k++)
        {
            ReverseStatement statement = statements[k];
            if (clear < 0 && statement is ClearElement cleared && cleared.Array == array && SameIndex(cleared.Index, index))
            {
                clear = k;
                continue;
            }

            if (clear >= 0 && statement is Accumulate { Declares: false, Assigns: false, Index: { } added, Amount: AdjointExpr { Index: null } amount } back
                && back.Target == array && amount.Value == taken && SameIndex(added, index))
            {
                statements.RemoveAt(k);
                statements.RemoveAt(clear);
                return;
            }

            if (Touches(statement, array, taken))
            {
                return;
            }
        }
    }

    /// <summary>True when the statement (or one inside it) reads or changes the array's adjoint, or changes the taken adjoint.</summary>
    private static bool Touches(ReverseStatement statement, Value array, Value taken)
    {
        bool changes = statement switch
        {
            Accumulate accumulate => accumulate.Target == array || accumulate.Target == taken,
            ClearElement clear => clear.Array == array,
            SetAdjoint set => set.Target == array || set.Target == taken,
            DeclareAdjoint declare => declare.Target == array || declare.Target == taken,
            BackwardCall call => call.Contributed.Contains(taken),
            _ => false,
        };
        return changes
            || statement.Reads.SelectMany(e => e.Walk()).Any(e => e is AdjointExpr { Value: var read } && read == array || e is AdjointSpanExpr span && span.Array == array)
            || statement.Nested.Any(list => list.Any(s => Touches(s, array, taken)));
    }

    /// <summary>An index <see cref="SameIndex"/> can recognise again: arithmetic of values and literals only.</summary>
    private static bool Comparable(Expr index) => SameIndex(index, index);

    /// <summary>The same index in the same iteration: the same arithmetic of the same values (no element read, no call).</summary>
    private static bool SameIndex(Expr a, Expr b) => (a, b) switch
    {
        (UseExpr x, UseExpr y) => x.Value == y.Value,
        (TextExpr x, TextExpr y) => x.IsPure && y.IsPure && x.Text == y.Text,
        (LiteralExpr x, LiteralExpr y) => x.Value == y.Value && x.Type == y.Type,
        (UnaryExpr x, UnaryExpr y) => x.Operator == y.Operator && SameIndex(x.Operand, y.Operand),
        (BinaryExpr x, BinaryExpr y) => x.Operator == y.Operator && SameIndex(x.Left, y.Left) && SameIndex(x.Right, y.Right),
        (CastExpr x, CastExpr y) => x.TypeName == y.TypeName && !x.IsChecked && !y.IsChecked && SameIndex(x.Operand, y.Operand),
        _ => false,
    };
}
