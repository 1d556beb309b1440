using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator.Emit;

/// <summary>The backward pass: adjoints flowing from the result back to the inputs, statement by statement.</summary>
internal sealed partial class CompanionWriter
{
    /// <summary>The iterations in reverse: pop what this iteration saved (last pushed first), then reverse its body.</summary>
    private void WriteReverseLoop(ReverseLoop reverse)
    {
        string count = reverse.Loop.Count.Name;
        WriteTraces(reverse);
        if (reverse.Loop.Segment is { Enclosing: null } segment)
        {
            // In forward order the count is not kept: the block's length is the trip count, known before the loop.
            string length = reverse.Forward is null ? count : ExprPrinter.Print(segment.Iterations);
            writer.Line($"global::System.ReadOnlySpan<double> {segment.BackName} = {names.Tape}.PopSegment({SegmentLength(reverse.Loop, length)});");
        }

        foreach (NestedStep stepped in reverse.SteppedBack)
        {
            writer.Line($"int {stepped.Back.Name} = {new UseExpr(stepped.StartOf(reverse))};");
        }

        if (reverse.Guard is { } guard)
        {
            writer.Line($"if ({guard})");
        }

        using System.IDisposable? guarded = reverse.Guard is null ? null : writer.Block();
        if (reverse.Finite is { } finite)
        {
            // Chosen once: the local gradients the tests guard against are finite, so the loop runs without them.
            writer.Line($"if ({finite})");
            using (writer.Block())
            {
                WriteIterations(reverse, reverse.Untested);
            }

            writer.Line("else");
            using (writer.Block())
            {
                WriteIterations(reverse, reverse.Body);
            }
        }
        else
        {
            WriteIterations(reverse, reverse.Body);
        }
    }

    /// <summary>The reverse iterations' loop, each iteration popping what it saved, then <paramref name="body"/>.</summary>
    private void WriteIterations(ReverseLoop reverse, List<ReverseStatement> body)
    {
        string count = reverse.Loop.Count.Name;
        if (reverse.Forward is { } forward)
        {
            WriteFirstToLast(forward);
        }
        else
        {
            writer.Line($"for (; {count} > 0; {count}--)");
        }

        using (writer.Block())
        {
            EnterBlock(reverse.Loop, Iteration(reverse), backward: true);

            foreach (Counter counter in reverse.Forward is null ? reverse.Loop.Counters : [])
            {
                string offset = counter.Step == 1 ? $"{count} - 1" : $"{counter.Step} * ({count} - 1)";
                string start = ExprPrinter.Print(new UseExpr(counter.Carried.Init));
                writer.Line($"int {counter.Carried.Header.Name} = {(start == "0" ? "" : start + " + ")}{offset};");
            }

            WriteRecomputed(reverse.Loop, reverse);

            for (int i = reverse.Loop.Saved.Count - 1; i >= 0; i--)
            {
                Value saved = reverse.Loop.Saved[i];
                string read = reverse.Loop.Segment is { } segment ? $"{segment.BackName}[{SegmentIndex(reverse.Loop, i)}]" : $"{names.Tape}.Pop()";
                string pop = saved.TypeName switch
                {
                    "double" => read,
                    "bool" => $"{read} != 0",
                    _ => $"({saved.TypeName}){read}",
                };
                writer.Line($"{saved.TypeName} {saved.Name} = {pop};");
            }

            foreach (TracedExtremum traced in reverse.Traced)
            {
                Value old = traced.Carried.Header;
                string before = $"{(traced.Maximum ? "" : "-")}{traced.Name}.Before({count})";
                writer.Line($"{old.TypeName} {old.Name} = {(old.TypeName == "double" ? before : $"({old.TypeName})({before})")};");
            }

            WriteReverse(body);
        }
    }

    /// <summary>A loop's tape block: what each iteration keeps (<see cref="SegmentWidth"/>) times <paramref name="iterations"/>.</summary>
    private static string SegmentLength(Loop loop, string iterations)
    {
        string width = SegmentWidth(loop);
        return width == "1" ? iterations : $"checked({Factor(width)} * {Factor(iterations)})";
    }

    /// <summary>What an iteration keeps in its loop's block: its saved values, then the whole block of each nested loop's.</summary>
    private static string SegmentWidth(Loop loop) => Sum([.. Offset(loop.Saved.Count), .. loop.Segment!.Nested.Select(NestedLength)]);

    /// <summary>A term of an index or a width: none for 0, so that no <c>+ 0</c> is written.</summary>
    private static string[] Offset(int count) => count == 0 ? [] : [count.ToString(CultureInfo.InvariantCulture)];

    /// <summary>The length of a nested loop's block, a part of the enclosing loop's (a term of a sum: a conditional count in parentheses).</summary>
    private static string NestedLength(Loop nested) => Times(SegmentWidth(nested), Factor(ExprPrinter.Print(nested.Segment!.Iterations)));

    /// <summary>
    /// As an iteration of <paramref name="loop"/> starts (<paramref name="iteration"/>, from 0): where it keeps its values
    /// in the loop's block. A loop holding nested blocks declares where its iteration's part starts, and where each
    /// nested block starts in it (<c>int tapeAt = 8 * (count0 - 1);</c>), so that every index inside reads a name.
    /// </summary>
    private void EnterBlock(Loop loop, string iteration, bool backward)
    {
        if (loop.Segment is not { } block)
        {
            return;
        }

        blockIterations[block] = iteration;
        if (block.Nested.Count == 0)
        {
            return;
        }

        string start = backward ? block.BackStartName : block.StartName;
        writer.Line($"int {start} = {Times(SegmentWidth(loop), iteration)};");
        blockStarts[block] = start;
        var offset = new List<string>(Offset(loop.Saved.Count));
        foreach (Loop nested in block.Nested)
        {
            TapeSegment part = nested.Segment!;
            if (part.StartsItsIteration)
            {
                blockStarts[part] = start;
            }
            else
            {
                string partStart = backward ? part.BackStartName : part.StartName;
                writer.Line($"int {partStart} = {Sum([start, .. offset])};");
                blockStarts[part] = partStart;
            }

            offset.Add(NestedLength(nested));
        }
    }

    /// <summary>
    /// Where the running iteration keeps its <paramref name="saved"/>-th value in its loop's block: for a loop holding
    /// nested blocks, from where its iteration's part starts (<see cref="blockStarts"/>); otherwise at its number
    /// (<see cref="blockIterations"/>) times what an iteration keeps, from the start of the block, or of the part of the
    /// enclosing loop's iteration that holds it.
    /// </summary>
    private string SegmentIndex(Loop loop, int saved)
    {
        TapeSegment block = loop.Segment!;
        List<string> place = block.Nested.Count > 0 ? [blockStarts[block]] : [Times(SegmentWidth(loop), blockIterations[block])];
        if (block.Enclosing is not null)
        {
            place.Insert(0, blockStarts[block]);
        }

        return Sum([.. place, .. Offset(saved)]);
    }

    /// <summary><paramref name="factor"/> times <paramref name="count"/>, as short as it reads: <c>count</c>, or <c>3 * (i - 1)</c>.</summary>
    private static string Times(string factor, string count) => factor == "1" ? count : $"{Factor(factor)} * {Factor(count)}";

    private static string Sum(IEnumerable<string> terms) => string.Join(" + ", terms);

    /// <summary>An int expression as the right operand of <c>*</c> or <c>-</c>: a name (or member) as it is, anything else in parentheses.</summary>
    private static string Factor(string expression) =>
        expression.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '@') || Parenthesized(expression) ? expression : $"({expression})";

    /// <summary>True for <c>(…)</c> whose first parenthesis closes at the end.</summary>
    private static bool Parenthesized(string expression)
    {
        if (!expression.StartsWith("(", System.StringComparison.Ordinal) || !expression.EndsWith(")", System.StringComparison.Ordinal))
        {
            return false;
        }

        int depth = 0;
        for (int i = 0; i < expression.Length; i++)
        {
            depth += expression[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return i == expression.Length - 1;
            }
        }

        return false;
    }

    /// <summary>
    /// The number of the iteration, from 0: its count less one, as the forward loop counted it; in forward order, how
    /// far the counter has come from its start (<c>for (i = start; …; i++)</c>, the only kind with a block there).
    /// </summary>
    private static string Iteration(ReverseLoop reverse)
    {
        if (reverse.Forward is not { } order)
        {
            return $"{reverse.Loop.Count.Name} - 1";
        }

        string start = ExprPrinter.Print(new UseExpr(order.Counter.Carried.Init));
        return start == "0" ? order.Counter.Carried.Header.Name : $"{order.Counter.Carried.Header.Name} - {Factor(start)}";
    }

    /// <summary>
    /// The values of an iteration the backward pass computes again instead of saving them; each int taken back by
    /// a nested loop's trip count right after that count (<see cref="NestedSteps"/>).
    /// </summary>
    private void WriteRecomputed(Loop loop, ReverseLoop? stepping = null)
    {
        foreach (Define recomputed in loop.Recomputed)
        {
            if (recomputed.Target.Inlined is null) // a constant is written where it is read
            {
                writer.Line($"{recomputed.Target.TypeName} {recomputed.Target.Name} = {recomputed.Expression};");
            }

            foreach (NestedStep stepped in stepping?.SteppedBack.Where(s => s.Count == recomputed.Target) ?? [])
            {
                string taken = ExprPrinter.Print(new UseExpr(stepped.Count));
                string amount = stepped.Step == 1 ? taken : $"{stepped.Step} * ({taken})";
                if (stepping!.Forward is null)
                {
                    writer.Line($"{stepped.Back.Name} -= {amount};");
                    writer.Line($"int {stepped.Carried.Header.Name} = {stepped.Back.Name};");
                }
                else
                {
                    writer.Line($"int {stepped.Carried.Header.Name} = {stepped.Back.Name};");
                    writer.Line($"{stepped.Back.Name} += {amount};");
                }
            }
        }
    }

    /// <summary><c>for (int i = init, k = start; condition; i++, k++)</c>: a loop's iterations, first to last, its counters stepping together.</summary>
    private void WriteFirstToLast(ForwardOrder order)
    {
        List<Counter> counters = [order.Counter, .. order.Alongside];
        string starts = string.Join(", ", counters.Select(c => $"{c.Carried.Header.Name} = {ExprPrinter.Print(new UseExpr(c.Carried.Init))}"));
        string steps = string.Join(", ", counters.Select(c => c.Step switch
        {
            1 => c.Carried.Header.Name + "++",
            -1 => c.Carried.Header.Name + "--",
            int k => $"{c.Carried.Header.Name} += {k}",
        }));
        writer.Line($"for (int {starts}; {order.Condition}; {steps})");
    }

    /// <summary>
    /// Before the forward loop: each running extremum's trace starts from its value before the loop (a running
    /// minimum is the maximum of the negated values: negation is exact and keeps NaN).
    /// </summary>
    private void WriteTraceStarts(ReverseLoop reverse)
    {
        foreach (TracedExtremum traced in reverse.Traced)
        {
            writer.Line($"global::SymbolicDiff.MaximumTrace {traced.Name} = new global::SymbolicDiff.MaximumTrace({(traced.Maximum ? "" : "-")}{traced.Carried.Storage.Name});");
        }
    }

    /// <summary>Before the reverse iterations: the loop's header again, first to last, giving each trace every candidate.</summary>
    private void WriteTraces(ReverseLoop reverse)
    {
        if (reverse.Traced.Count == 0)
        {
            return;
        }

        WriteFirstToLast(reverse.Traced[0].Order);
        using (writer.Block())
        {
            WriteRecomputed(reverse.Loop);
            foreach (TracedExtremum traced in reverse.Traced)
            {
                Expr candidate = traced.Maximum ? traced.Candidate : new UnaryExpr("-", traced.Candidate);
                writer.Line($"{traced.Name}.Next({candidate});");
            }
        }
    }

    private void WriteReverse(List<ReverseStatement> statements)
    {
        foreach (ReverseStatement statement in statements)
        {
            switch (statement)
            {
                case Accumulate { Declares: true } declaration when declaration.Target.AdjointSharesWith is not null:
                    if (!AdjointCoalescing.IsOwnVariable(declaration.Amount, declaration.Target))
                    {
                        writer.Line($"{declaration.Target.AdjointName} = {WithSeed(declaration.Amount)};"); // declared by an earlier version's adjoint
                    }

                    break;
                case Accumulate { Declares: true } declaration:
                    writer.Line($"{declaration.Target.TypeName} {declaration.Target.AdjointName} = {WithSeed(declaration.Amount)};");
                    break;
                case Accumulate { Assigns: true } assignment when assigning:
                    writer.Line($"{AdjointTarget(assignment)} = {WithSeed(assignment.Amount)};");
                    break;
                case Accumulate accumulate when WithSeed(accumulate.Amount) is UnaryExpr { Operator: "-" } negated:
                    writer.Line($"{AdjointTarget(accumulate)} -= {negated.Operand};");
                    break;
                case Accumulate accumulate:
                    writer.Line($"{AdjointTarget(accumulate)} += {WithSeed(accumulate.Amount)};");
                    break;
                case DeclareAdjoint declare when declare.Target.AdjointSharesWith is not null:
                    writer.Line($"{declare.Target.AdjointName} = 0;");
                    break;
                case DeclareAdjoint declare:
                    writer.Line($"{declare.Target.TypeName} {declare.Target.AdjointName} = 0;");
                    break;
                case BackwardCall call:
                    WriteBackwardCall(call);
                    break;
                case ReverseBranch branch:
                    WriteReverseBranch(branch);
                    break;
                case ReverseLoop { Fused: true }:
                    break; // written inside its forward loop
                case ReverseLoop loop:
                    WriteReverseLoop(loop);
                    break;
                case SetAdjoint set when AdjointCoalescing.IsOwnVariable(set.Amount, set.Target):
                    break;
                case SetAdjoint set:
                    writer.Line($"{set.Target.AdjointName} = {WithSeed(set.Amount)};");
                    break;
                case ClearUnwritten { WholeSpan: true } unwritten when assigning:
                    writer.Line($"if (!({WithSeed(unwritten.Written)})) global::SymbolicDiff.AdjointSpan.Clear({OwnPart(unwritten.Array.AdjointName, unwritten.Array)});");
                    break;
                case ClearUnwritten unwritten when assigning:
                    writer.Line($"global::SymbolicDiff.AdjointSpan.ClearUnwritten({OwnPart(unwritten.Array.AdjointName, unwritten.Array)}, "
                        + $"{WithSeed(unwritten.Written)}, {WithSeed(unwritten.Start)}, {WithSeed(unwritten.End)});");
                    break;
                case ClearElement clear:
                    writer.Line($"{clear.Array.AdjointName}[{clear.Index}] = 0;");
                    break;
            }
        }
    }

    /// <summary>
    /// In <c>FGradient</c>'s own body the seed is 1: written in, and folded (<c>seed == 0.0 ? 0.0 : seed * t</c>
    /// is <c>t</c>), so the body reads as a hand-written gradient. <c>FBackward</c> keeps its seed.
    /// </summary>
    private Expr WithSeed(Expr expr) => assigning ? SeedWrittenIn(expr) : expr;

    // Apart from WithSeed: its lambda's closure would be allocated on every call, assigning or not.
    private Expr SeedWrittenIn(Expr expr)
    {
        var one = new LiteralExpr(1, signature.ReturnNumeric);
        return ExprSimplifier.Simplify(ExprRewriter.Rewrite(expr, e => e is TextExpr text && text.Text == names.Seed ? one : e));
    }

    private static string AdjointTarget(Accumulate accumulate) =>
        accumulate.Index is null ? accumulate.Target.AdjointName : $"{accumulate.Target.AdjointName}[{ExprPrinter.Print(accumulate.Index)}]";

    /// <summary>
    /// The pullback of a call: local arrays it read come back from the tape into their replay buffers
    /// (last pushed first), then the pullback runs (and clears the adjoints of the elements it wrote); a scalar
    /// callee's only where its seed or the seed's tangent is not 0 (<see cref="BackwardCall"/>).
    /// </summary>
    private void WriteBackwardCall(BackwardCall call)
    {
        foreach (Expr restore in Enumerable.Reverse(call.Restores))
        {
            writer.Line($"{names.Tape}.Pop({restore});");
        }

        (string pullback, string? test) = PullbackCall(call);
        if (test is null)
        {
            writer.Line(pullback + ";");
            return;
        }

        writer.Line($"if ({test})");
        using (writer.Block())
        {
            writer.Line(pullback + ";");
        }
    }

    /// <summary>The call of a pullback, and the test that its seeds are not 0 (null where no seed can be).</summary>
    private (string Call, string? Test) PullbackCall(BackwardCall call)
    {
        List<Expr> seeds = [.. call.Seeds.Select(WithSeed)];
        var pullback = new CallExpr(call.Callee.PullbackReceiver, call.Callee.PullbackName, [.. call.Arguments, .. seeds, .. call.AdjointArguments], isPure: false);
        List<Expr> nonzero = [.. seeds.Where(s => s is not (LiteralExpr or TextExpr { Text: "0" }))];
        Expr zero = new TextExpr("0", isPure: true); // an int 0 compares with float and double alike
        return (ExprPrinter.Print(pullback), nonzero.Count == 0 ? null : ExprPrinter.Print(nonzero.Select(s => (Expr)new BinaryExpr("!=", s, zero)).Aggregate(Build.Or)));
    }

    private void WriteReverseBranch(ReverseBranch branch)
    {
        bool onlyElse = branch.Then.Count == 0;
        Expr condition = onlyElse ? new UnaryExpr("!", branch.Condition) : branch.Condition;
        writer.Line($"if ({WithSeed(condition)})");
        using (writer.Block())
        {
            WriteReverse(onlyElse ? branch.Else : branch.Then);
        }

        if (!onlyElse && branch.Else.Count > 0)
        {
            writer.Line("else");
            using (writer.Block())
            {
                WriteReverse(branch.Else);
            }
        }
    }
}
