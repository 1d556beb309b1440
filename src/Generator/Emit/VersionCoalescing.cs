using System;
using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// Out of SSA, before naming: every assignment of a user's variable is a value of its own (<c>s</c>, <c>s_1</c>,
/// <c>s_2</c>, …), which would be written as that many variables with copies between them. Versions of one
/// variable that are never live at the same time in the generated code (<see cref="EmittedFlow"/>) share one
/// variable with the user's name instead — an earlier version declares it, the later ones assign it, and a
/// copy between two of them disappears. A loop's counter step moves to the end of the iteration, as a
/// <c>for</c> loop's step runs, so the counter is one variable too and the user's <c>for</c> is written as a
/// <c>for</c> again.
/// </summary>
internal static class VersionCoalescing
{
    /// <param name="readAtEnd">What the companion reads after its last statement besides the result (<see cref="EmittedFlow.Build"/>).</param>
    public static void Plan(MethodGraph graph, List<ReverseStatement> reverse, IReadOnlyList<Value>? readAtEnd = null)
    {
        // The flow is built once, after the steps sink. A step may sink only if nothing but the copy back into its
        // counter reads the stepped value; sinking moves the step and that copy, which read what they read wherever
        // they stand (and inlines a constant start, which no step reads), so the flow after the sinking counts each
        // stepped value's readers as the flow before it would have. The steps sink first as if none had another
        // reader; only when one has is the sinking undone, done again with the counts, and the flow built again.
        var redeclared = new HashSet<Value>(TapePlanner.AllLoops(reverse).SelectMany(EmittedFlow.RedeclaredBy));
        List<SunkStep> sunk = SinkSteps(graph, redeclared, readOnlyByItsCopy: _ => true);
        EmittedFlow flow = EmittedFlow.Build(graph, reverse, readAtEnd);
        if (sunk.Any(s => flow.ReadCount(s.Loop.StepCarried!.Final) != 1))
        {
            EmittedFlow counted = flow;
            for (int i = sunk.Count - 1; i >= 0; i--)
            {
                sunk[i].Undo();
            }

            SinkSteps(graph, redeclared, readOnlyByItsCopy: final => counted.ReadCount(final) == 1);
            flow = EmittedFlow.Build(graph, reverse, readAtEnd);
        }

        List<Loop> loops = Nesting.Loops(graph.Body).ToList();
        var declaredInFor = new HashSet<Loop>(loops.Where(l => l.WrittenAsFor && l.StepCarried is { } counter && flow.TryDeclareInFor(counter.Storage)));
        // A version joins the first variable of its name and type that is free while it is live (the backward pass declares
        // some values again inside its loops, under names of their own where the variable's is taken: RenameRedeclared).
        flow.Coalesce(
            flow.Defined.Where(v => v.IsVariableVersion && !v.IsArray && v.Inlined is null),
            v => (v.BaseName, v.TypeName, v.IsTangent),
            (version, first) => version.SharesNameWith = first);
        RenameRedeclared(flow);
        foreach (Loop loop in declaredInFor)
        {
            loop.DeclaresCounter = loop.StepCarried!.Storage.SharesNameWith is null;
        }
    }

    /// <summary>
    /// Moves each loop's counter step (<c>i_3 = i_2 + 1</c>) from the body to the end of the iteration, when
    /// nothing but the copy back into the counter reads the stepped value (<paramref name="readOnlyByItsCopy"/>)
    /// and no break can end the iteration early. A <c>for</c> loop's counter that starts from a constant
    /// (<c>int i = 0</c>) starts from the constant itself, so the counter's first version is the one the loop
    /// declares (and a reverse loop that would recompute the constant, or pop it from the tape, reads it too).
    /// </summary>
    private static List<SunkStep> SinkSteps(MethodGraph graph, HashSet<Value> redeclared, Func<Value, bool> readOnlyByItsCopy)
    {
        var sunk = new List<SunkStep>();
        Dictionary<Value, Define> definitions = Nesting.Definitions(graph.Body);
        List<Loop> loops = Nesting.Loops(graph.Body).ToList();
        foreach (Loop loop in loops.Where(l => l.TestFirst && l.BreakFlag is null))
        {
            HashSet<Value> tested = [.. EmittedFlow.ReadsOf(loop.Condition)];
            Counter? stepped = loop.Carried
                .Select(c => TapePlanner.AsCounter(c, loop.Body))
                .OfType<Counter>()
                .Where(c => c.Carried.Final.Inlined is null && !redeclared.Contains(c.Carried.Final) && readOnlyByItsCopy(c.Carried.Final))
                .OrderBy(c => tested.Contains(c.Carried.Storage) ? 0 : 1)
                .FirstOrDefault();
            if (stepped is null)
            {
                continue;
            }

            Carried counter = stepped.Carried;
            Define step = loop.Body.Statements.OfType<Define>().First(d => d.Target == counter.Final);
            var sinking = new SunkStep(loop, step, loop.Body.Statements.IndexOf(step));
            sunk.Add(sinking);
            loop.Body.Statements.RemoveAt(sinking.Index);
            loop.Step = step;
            loop.StepCarried = counter;
            loop.StepSize = stepped.Step;
            if (loop.WrittenAsFor && counter.Init is { IsVariableVersion: true, IsActive: false, Inlined: null } init
                && definitions.TryGetValue(init, out Define? start))
            {
                if (start.Expression is TextExpr { IsPure: true } constant && int.TryParse(constant.Text, out _))
                {
                    // a constant: an outer loop that saved it for the reverse loop's counters needs it no more
                    init.Inlined = start.Expression;
                    sinking.InlinedStart = init;
                    foreach (Loop saving in loops)
                    {
                        int at = saving.Saved.IndexOf(init);
                        if (at >= 0)
                        {
                            saving.Saved.RemoveAt(at);
                            sinking.UnsavedFrom.Add((saving, at));
                        }
                    }
                }
                else if (IsSmallStart(start.Expression) && !loops.Any(l => l.Saved.Contains(init)))
                {
                    // for (int j = i + 1; …): the user's start in the for statement. Whoever else reads the start (the
                    // backward pass, which computes it again from the same operands, or a guard read before the loop)
                    // reads the expression; the flow sees its operands read there, so no version of them is overwritten
                    // before. A start the tape saves is read where its operands may be gone: it keeps its variable.
                    init.Inlined = start.Expression;
                    sinking.InlinedStart = init;
                }
            }
        }

        return sunk;
    }

    /// <summary>
    /// A start cheap enough to write wherever it is read: a value, or one +, − or × of values and int literals, which
    /// throws nothing (an overflow of an unchecked int wraps).
    /// </summary>
    private static bool IsSmallStart(Expr start) => start switch
    {
        UseExpr { Value.IsArray: false } => true,
        BinaryExpr { Operator: "+" or "-" or "*" } binary => IsLeaf(binary.Left) && IsLeaf(binary.Right),
        _ => false,
    };

    private static bool IsLeaf(Expr expr) => expr is UseExpr { Value.IsArray: false } || expr is TextExpr { IsPure: true } text && int.TryParse(text.Text, out _);

    /// <summary>A step <see cref="SinkSteps"/> moved, with what it takes to put it back.</summary>
    private sealed class SunkStep(Loop loop, Define step, int index)
    {
        public Loop Loop { get; } = loop;

        /// <summary>Where the step stood in the loop's body.</summary>
        public int Index { get; } = index;

        /// <summary>The counter's constant start, when it was inlined.</summary>
        public Value? InlinedStart { get; set; }

        /// <summary>The loops that saved the start, and where in their lists.</summary>
        public List<(Loop Saving, int At)> UnsavedFrom { get; } = [];

        public void Undo()
        {
            for (int i = UnsavedFrom.Count - 1; i >= 0; i--)
            {
                UnsavedFrom[i].Saving.Saved.Insert(UnsavedFrom[i].At, InlinedStart!);
            }

            if (InlinedStart is not null)
            {
                InlinedStart.Inlined = null;
            }

            Loop.Body.Statements.Insert(Index, step);
            Loop.Step = null;
            Loop.StepCarried = null;
            Loop.StepSize = 0;
        }
    }

    /// <summary>
    /// The backward pass declares the values of <see cref="EmittedFlow.Redeclared"/> again, under their names. A shared
    /// variable's name is free for one of them when the variable is out of scope where the backward pass declares it: a
    /// variable declared inside a forward loop, for the backward pass after the forward one; one declared in a scope nested
    /// in a fused loop's iteration, for that iteration's backward part. The others are declared under a name of their own
    /// (<see cref="Value.RenamedBackward"/>), so versions the backward pass declares again share forward variables like any
    /// others: <c>for (int j = i + 1; j &lt; n; j++) { …; k++; }</c>, with no <c>int k_2 = k;</c> copies.
    /// </summary>
    private static void RenameRedeclared(EmittedFlow flow)
    {
        var shared = new HashSet<Value>(flow.Defined.Where(v => v.SharesNameWith is not null).Select(v => v.SharesNameWith!));
        IEnumerable<Value> redeclared = flow.Defined.Where(v => flow.Redeclared.Contains(v) || flow.FusedIterationOf.ContainsKey(v));
        foreach (IGrouping<Value, Value> variable in redeclared.GroupBy(v => v.SharesNameWith ?? v).Where(g => shared.Contains(g.Key)))
        {
            int scope = flow.DeclarationOf(variable.Key).Scope;
            bool nameFree = true;
            foreach (Value value in variable)
            {
                bool outOfScope = flow.FusedIterationOf.TryGetValue(value, out int iteration)
                    ? scope != iteration && flow.Within(scope, iteration)
                    : scope != 0;
                value.RenamedBackward = !(nameFree && outOfScope);
                nameFree &= !outOfScope;
            }
        }
    }
}
