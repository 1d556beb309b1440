using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Emit;

/// <summary>The forward pass: the method's own computation, as gates, with what the backward pass needs saved.</summary>
internal sealed partial class CompanionWriter
{
    /// <param name="hoisted">Inside a branch: values were declared before the outermost if, so only assign them.</param>
    private void WriteForward(Block block, bool hoisted)
    {
        foreach (Statement statement in block.Statements)
        {
            switch (statement)
            {
                case Define { Target.Inlined: null, Expression: BinaryExpr { Operator: "+" or "-" or "*" or "/", Left: UseExpr { Value.Inlined: null } old } update } define
                    when old.Value.Name == define.Target.Name:
                    // A later version of the variable computed from the one before: s += …, as the user wrote it (k++ for a step of an int).
                    writer.Line(define.Target.TypeName == "int" && update is { Operator: "+" or "-", Right: TextExpr { Text: "1" } }
                        ? Increment(define.Target.Name, update.Operator == "+" ? 1 : -1) + ";"
                        : $"{define.Target.Name} {update.Operator}= {ExprPrinter.Print(update.Right)};");
                    break;
                case Define { ComputedWith: not null } define:
                    if (SinCosPairs.IsFirst(define, block.Statements))
                    {
                        WriteSinCos(define, hoisted);
                    }

                    break;
                case Define { Target.Inlined: null } define:
                    Assign(define.Target, ExprPrinter.Print(define.Expression), hoisted);
                    break;
                case CallDefine call:
                    WriteCall(call, hoisted);
                    break;
                case Branch branch:
                    WriteForwardBranch(branch, hoisted);
                    break;
                case Loop loop:
                    WriteForwardLoop(loop, hoisted);
                    break;
                case Allocate allocate:
                    WriteAllocate(allocate);
                    break;
                case Store store:
                    WriteStore(store);
                    break;
                case SideEffect effect:
                    writer.Line(ExprPrinter.Print(effect.Statement) + ";");
                    break;
            }
        }
    }

    /// <summary>
    /// <c>a[i] = v;</c>, or <c>a[i] += v;</c> where the value adds to the element it overwrites, read in place
    /// (<see cref="Simplification.ForwardInliner.InlineLate"/>): as the user wrote it.
    /// </summary>
    private void WriteStore(Store store)
    {
        string element = $"{store.Array.Name}[{ExprPrinter.Print(store.Index)}]";
        if (store.Value is UseExpr { Value.Inlined: BinaryExpr { Operator: "+" or "-" or "*" or "/" } update } && ExprPrinter.Print(update.Left) == element)
        {
            writer.Line($"{element} {update.Operator}= {update.Right};");
            return;
        }

        writer.Line($"{element} = {store.Value};");
    }

    /// <summary>A call; local arrays it reads are saved first if its pullback needs them as they are now.</summary>
    private void WriteCall(CallDefine call, bool hoisted)
    {
        foreach (Expr snapshot in call.Snapshots)
        {
            writer.Line($"{names.Tape}.Push({snapshot});");
        }

        string expression = ExprPrinter.Print(new CallExpr(call.Callee.Receiver, call.Callee.Name, call.Arguments, isPure: false));
        if (call.Pullback is { } pullback)
        {
            // The pullback gives the value too: where it runs, the call need not (ValueFromPullback).
            (string backward, string? test) = PullbackCall(pullback);
            expression = test is null ? backward : $"{test} ? {backward} : {expression}";
        }

        if (call.Target is null)
        {
            writer.Line(expression + ";");
        }
        else
        {
            Assign(call.Target, expression, hoisted);
        }
    }

    /// <summary>
    /// A Sin gate and a Cos gate of one operand, written as one call when the first of the two comes
    /// (<see cref="SinCosPairs"/>): <c>(double t0, double cos0) = global::System.Math.SinCos(x);</c>. Math.SinCos returns
    /// exactly Math.Sin and Math.Cos, bit for bit (checked on every float and 2.9·10⁸ doubles: README, decisions where the spec is silent), so
    /// the forward value stays the user's. A variable declared before (a branch, a later version) is assigned;
    /// C# 8 cannot mix declarations and assignments in one deconstruction, so such a pair declares its new one first.
    /// </summary>
    private void WriteSinCos(Define first, bool hoisted)
    {
        (CallExpr call, Value sine, Value cosine) = SinCosPairs.Call(first);
        bool declareSine = !hoisted && sine.SharesNameWith is null;
        bool declareCosine = !hoisted && cosine.SharesNameWith is null;
        if (declareSine && declareCosine)
        {
            writer.Line($"({sine.TypeName} {sine.Name}, {cosine.TypeName} {cosine.Name}) = {call};");
            return;
        }

        if (declareSine || declareCosine)
        {
            Value declared = declareSine ? sine : cosine;
            writer.Line($"{declared.TypeName} {declared.Name};");
        }

        writer.Line($"({sine.Name}, {cosine.Name}) = {call};");
    }

    /// <summary>
    /// Declares <paramref name="target"/>, or assigns it where it was declared before: inside a branch, or as a
    /// later version of a variable (<see cref="Value.SharesNameWith"/>); nothing when it already holds the value.
    /// </summary>
    private void Assign(Value target, string expression, bool hoisted)
    {
        if (expression == target.Name)
        {
            return;
        }

        writer.Line(hoisted || target.SharesNameWith is not null ? $"{target.Name} = {expression};" : $"{target.TypeName} {target.Name} = {expression};");
    }

    /// <summary>
    /// Values defined inside a branch are read by the backward pass outside it, so they are declared before
    /// the outermost if and assigned inside.
    /// </summary>
    private void WriteForwardBranch(Branch branch, bool hoisted)
    {
        if (branch.Merges.Count == 1 && branch.Then.Statements.Concat(branch.Else.Statements).All(s => s is Define { Target.Inlined: not null }))
        {
            Merge choice = branch.Merges[0];
            // Each side only gives one value, written in the merge: the branch is a choice, x = c ? a : b.
            Assign(choice.Target, ExprPrinter.Print(new ConditionalExpr(branch.Condition, new UseExpr(choice.FromThen), new UseExpr(choice.FromElse))), hoisted);
            return;
        }

        if (!hoisted)
        {
            foreach (Value value in Declarations.Of(new Block { Statements = { branch } }).Where(v => v.SharesNameWith is null))
            {
                writer.Line($"{value.TypeName} {value.Name} = {DefaultValue(value)};");
            }
        }

        writer.Line($"if ({branch.Condition})");
        using (writer.Block())
        {
            WriteForward(branch.Then, hoisted: true);
            branch.Merges.ForEach(m => Assign(m.Target, ExprPrinter.Print(new UseExpr(m.FromThen)), hoisted: true));
        }

        // A merge whose else side is the value the target already holds (i stays i) writes nothing: no empty else.
        List<(Value Target, string Expression)> fromElse = [.. branch.Merges
            .Select(m => (m.Target, ExprPrinter.Print(new UseExpr(m.FromElse))))
            .Where(m => m.Item2 != m.Target.Name)];
        if (branch.Else.Statements.Count > 0 || fromElse.Count > 0)
        {
            writer.Line("else");
            using (writer.Block())
            {
                WriteForward(branch.Else, hoisted: true);
                fromElse.ForEach(m => Assign(m.Target, m.Expression, hoisted: true));
            }
        }
    }

    /// <summary>A local array, and next to it the zeroed span that will hold its adjoint.</summary>
    private void WriteAllocate(Allocate allocate)
    {
        Value array = allocate.Target;
        string creation = allocate.OnStack ? "stackalloc" : "new";
        writer.Line($"{array.TypeName} {array.Name} = {creation} {allocate.ElementType}[{allocate.Length}];");
        if (array.IsActive && writesAdjoints)
        {
            string take = array.Numeric == NumericType.Float ? "TakeSingle" : "Take";
            writer.Line($"global::System.Span<{allocate.ElementType}> {array.AdjointName} = {names.Work}.{take}({array.Name}.Length);");
        }
    }

    /// <summary>
    /// A loop as <c>while</c> (or <c>do … while</c>): count the iteration, copy the carried values in, run the
    /// body, copy them back, save what the backward pass needs, step the counter, and leave after a break. A
    /// user's <c>for</c> whose counter is one variable is a <c>for</c> again (see <see cref="VersionCoalescing"/>).
    /// </summary>
    private void WriteForwardLoop(Loop loop, bool hoisted)
    {
        Carried? counter = loop.StepCarried;
        foreach (Carried carried in loop.Carried.Where(c => !(loop.DeclaresCounter && c == counter)))
        {
            Assign(carried.Storage, ExprPrinter.Print(new UseExpr(carried.Init)), hoisted);
        }

        if (loop.IsCounted)
        {
            Assign(loop.Count, "0", hoisted);
        }

        if (tracedLoops.TryGetValue(loop, out ReverseLoop? traced))
        {
            WriteTraceStarts(traced);
        }

        if (loop.Segment is { Enclosing: null } segment)
        {
            writer.Line($"global::System.Span<double> {segment.Name} = {names.Tape}.Reserve({SegmentLength(loop, ExprPrinter.Print(segment.Iterations))});");
        }

        fusedAdjoints.TryGetValue(loop, out ReverseLoop? fused);
        if (fused is not null)
        {
            WriteReverse(fused.Hoisted);
        }

        System.IDisposable? counterScope = null;

        // The step goes into the for statement when the counter is one variable throughout.
        string? step = counter is not null && loop.Step is { } stepped && counter.Header.Name == counter.Storage.Name && stepped.Target.Name == counter.Storage.Name
            ? Increment(counter.Storage.Name, loop.StepSize)
            : null;
        if (loop.WrittenAsFor && counter is not null && (step is not null || loop.DeclaresCounter))
        {
            string start = loop.DeclaresCounter ? $"{counter.Storage.TypeName} {counter.Storage.Name} = {ExprPrinter.Print(new UseExpr(counter.Init))}" : "";
            if (loop.Vector is { } vector && step is not null && writesAdjoints && VectorBody(loop, vector, fused, writer.Depth + (start.Length > 0 ? 3 : 2)) is { } lanes)
            {
                if (start.Length > 0)
                {
                    // The scalar loop goes on from where the vector loop stopped: the counter is declared before both, in a block of their own.
                    counterScope = writer.Block();
                    writer.Line(start + ";");
                    start = "";
                }

                WriteVectorLoop(vector, lanes);
            }

            writer.Line($"for ({start}; {loop.Condition};{(step is null ? "" : " " + step)})");
        }
        else
        {
            writer.Line(loop.TestFirst ? $"while ({ExprPrinter.Print(loop.Condition)})" : "do");
        }

        using (writer.Block())
        {
            if (loop.IsCounted)
            {
                writer.Line($"{loop.Count.Name}++;");
            }

            if (loop.Segment is { } block)
            {
                EnterBlock(loop, ExprPrinter.Print(block.IterationIn(loop)), backward: false);
            }

            foreach (Carried carried in loop.Carried)
            {
                Assign(carried.Header, carried.Storage.Name, hoisted: false);
            }

            WriteForward(loop.Body, hoisted: false);
            if (fused is not null)
            {
                // The iteration's adjoints, right after its values: its counters and recomputed values are in scope.
                using (BackwardNames(fused.Body))
                {
                    WriteReverse(fused.Body);
                }
            }

            foreach (Carried carried in loop.Carried.Where(c => c != counter))
            {
                Assign(carried.Storage, ExprPrinter.Print(new UseExpr(carried.Final)), hoisted: true);
            }

            for (int i = 0; i < loop.Saved.Count; i++)
            {
                Value saved = loop.Saved[i];
                string value = saved.TypeName == "bool" ? saved.Name + " ? 1.0 : 0.0" : saved.Name;
                writer.Line(loop.Segment is { } written ? $"{written.Name}[{SegmentIndex(loop, i)}] = {value};" : $"{names.Tape}.Push({value});");
            }

            if (loop.Step is { } last && (step is null || !loop.WrittenAsFor))
            {
                // The counter's step, after everything that reads the counter's value of this iteration.
                if (step is not null)
                {
                    writer.Line(step + ";");
                }
                else
                {
                    Assign(last.Target, ExprPrinter.Print(last.Expression), hoisted: false);
                    Assign(counter!.Storage, ExprPrinter.Print(new UseExpr(counter.Final)), hoisted: true);
                }
            }

            if (loop.BreakFlag is { } flag)
            {
                writer.Line($"if ({flag.Storage.Name})");
                using (writer.Block())
                {
                    writer.Line("break;");
                }
            }
        }

        if (!loop.TestFirst)
        {
            writer.Line($"while ({loop.Condition});");
        }

        counterScope?.Dispose();

        if (fused is not null)
        {
            WriteReverse(fused.After);
        }
    }

    private static string Increment(string counter, int step) => step switch
    {
        1 => counter + "++",
        -1 => counter + "--",
        < 0 => $"{counter} -= {-step}",
        _ => $"{counter} += {step}",
    };

    private static string DefaultValue(Value value) =>
        value.Numeric != NumericType.None ? "0" : value.TypeName == "bool" ? "false" : $"default({value.TypeName})";
}
