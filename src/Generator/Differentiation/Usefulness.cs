using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// The second half of activity analysis (as in Enzyme): a value is <em>useful</em> when the result or an
/// output can depend on it. <see cref="Value.IsActive"/> says a derivative can flow into a value (it
/// depends on an input); only values that are also useful get adjoint code. Without this, a value that
/// never reaches the result (a sum a loop computes and nobody reads) still gets a zero adjoint, and zero
/// times an infinite local gradient (an overflowed <c>Exp</c>) turns a live gradient into NaN.
/// An element of an array read at a constant index is useful on its own (<c>a[0] = Math.Exp(1000 * x);
/// return a[1];</c> needs no adjoint for <c>a[0]</c>); an element read at a computed index, or an array
/// passed to a call, makes the whole array useful.
/// </summary>
internal sealed class Usefulness
{
    /// <summary>Useful values; an array here is useful as a whole.</summary>
    private readonly HashSet<Value> useful = [];

    /// <summary>Elements read at a constant index (by the index's text) that are useful.</summary>
    private readonly HashSet<(Value Array, string Index)> usefulElements = [];

    private Usefulness()
    {
    }

    public static Usefulness Of(MethodGraph graph)
    {
        var analysis = new Usefulness();
        if (graph.Result is { } result)
        {
            analysis.useful.Add(result);
        }

        analysis.useful.UnionWith(graph.Parameters.Where(p => p.IsOutput));
        analysis.Walk(graph.Body);
        return analysis;
    }

    public bool Contains(Value value) => useful.Contains(value);

    /// <summary>True when something useful may read the element a store writes.</summary>
    public bool Needs(Store store) =>
        useful.Contains(store.Array)
        || (ConstantIndex(store.Index) is { } index ? usefulElements.Contains((store.Array, index)) : AnyElementUseful(store.Array));

    private bool AnyElementUseful(Value array) => useful.Contains(array) || usefulElements.Any(e => e.Array == array);

    /// <summary>True when a vector-valued call writes an array something useful reads.</summary>
    public bool Needs(CallDefine call) =>
        call.Target is { } target
            ? useful.Contains(target)
            : call.Arguments.Where((argument, k) => call.Callee.Parameters[k].Role == ParameterRole.ArrayOutput).Any(a => ArrayOf(a) is { } array && AnyElementUseful(array));

    /// <summary>Walks the block backwards, marking what the useful values it meets are computed from.</summary>
    private void Walk(Block block)
    {
        for (int i = block.Statements.Count - 1; i >= 0; i--)
        {
            switch (block.Statements[i])
            {
                case Define { Operands: { Count: 2 } operands } define
                    when define.Rule == GateRules.ElementRead && operands[0] is UseExpr { Value: var array } && useful.Contains(define.Target):
                    Expr index = operands[1];
                    MarkAll([index]);
                    if (ConstantIndex(index) is { } constant)
                    {
                        usefulElements.Add((array, constant));
                    }
                    else
                    {
                        useful.Add(array);
                    }

                    break;
                case Define { Rule: not null } define when useful.Contains(define.Target):
                    MarkAll(define.Operands);
                    break;
                case CallDefine call when Needs(call):
                    MarkAll(call.Arguments);
                    break;
                case Store store when Needs(store):
                    MarkAll([store.Value]);
                    break;
                case Branch branch:
                    foreach (Merge merge in branch.Merges.Where(m => useful.Contains(m.Target)))
                    {
                        useful.Add(merge.FromThen);
                        useful.Add(merge.FromElse);
                    }

                    Walk(branch.Then);
                    Walk(branch.Else);
                    break;
                case Loop loop:
                    WalkLoop(loop);
                    break;
            }
        }
    }

    /// <summary>
    /// A loop's body runs again after itself: what an iteration's header needs is needed of the previous
    /// iteration's final value, so the body is walked until nothing new is marked.
    /// </summary>
    private void WalkLoop(Loop loop)
    {
        int before;
        do
        {
            before = useful.Count + usefulElements.Count;
            foreach (Carried carried in loop.Carried.Where(c => useful.Contains(c.Storage)))
            {
                useful.Add(carried.Final);
                useful.Add(carried.Init); // the loop may run no iteration
            }

            Walk(loop.Body);
            foreach (Carried carried in loop.Carried.Where(c => useful.Contains(c.Header)))
            {
                useful.Add(carried.Storage);
                useful.Add(carried.Init);
            }
        }
        while (useful.Count + usefulElements.Count > before);
    }

    private void MarkAll(IEnumerable<Expr> expressions)
    {
        foreach (Expr expression in expressions)
        {
            useful.UnionWith(expression.Uses());
        }
    }

    /// <summary>An index written as a plain integer literal (as its text), or null: anything else may be any element.</summary>
    private static string? ConstantIndex(Expr index) =>
        index is TextExpr text && int.TryParse(text.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value.ToString(CultureInfo.InvariantCulture)
            : null;

    private static Value? ArrayOf(Expr argument) =>
        (argument is SliceExpr slice ? slice.Array : argument) is UseExpr { Value.IsArray: true } use ? use.Value : null;
}
