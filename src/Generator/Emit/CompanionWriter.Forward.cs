using System.Linq;
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
                    writer.Line($"{store.Array.Name}[{ExprPrinter.Print(store.Index)}] = {ExprPrinter.Print(store.Value)};");
                    break;
                case SideEffect effect:
                    writer.Line(ExprPrinter.Print(effect.Statement) + ";");
                    break;
            }
        }
    }

    /// <summary>A call; local arrays it reads are saved first if its pullback needs them as they are now.</summary>
    private void WriteCall(CallDefine call, bool hoisted)
    {
        foreach (Expr snapshot in call.Snapshots)
        {
            writer.Line($"{names.Tape}.Push({ExprPrinter.Print(snapshot)});");
        }

        string expression = ExprPrinter.Print(new CallExpr(call.Callee.Receiver, call.Callee.Name, call.Arguments, isPure: false));
        if (call.Target is null)
        {
            writer.Line(expression + ";");
        }
        else
        {
            Assign(call.Target, expression, hoisted);
        }
    }

    private void Assign(Value target, string expression, bool hoisted) =>
        writer.Line(hoisted ? $"{target.Name} = {expression};" : $"{target.TypeName} {target.Name} = {expression};");

    /// <summary>
    /// Values defined inside a branch are read by the backward pass outside it, so they are declared before
    /// the outermost if and assigned inside.
    /// </summary>
    private void WriteForwardBranch(Branch branch, bool hoisted)
    {
        if (!hoisted)
        {
            foreach (Value value in Declarations.Of(new Block { Statements = { branch } }))
            {
                writer.Line($"{value.TypeName} {value.Name} = {DefaultValue(value)};");
            }
        }

        writer.Line($"if ({ExprPrinter.Print(branch.Condition)})");
        using (writer.Block())
        {
            WriteForward(branch.Then, hoisted: true);
            branch.Merges.ToList().ForEach(m => writer.Line($"{m.Target.Name} = {ExprPrinter.Print(new UseExpr(m.FromThen))};"));
        }

        if (branch.Else.Statements.Count > 0 || branch.Merges.Count > 0)
        {
            writer.Line("else");
            using (writer.Block())
            {
                WriteForward(branch.Else, hoisted: true);
                branch.Merges.ToList().ForEach(m => writer.Line($"{m.Target.Name} = {ExprPrinter.Print(new UseExpr(m.FromElse))};"));
            }
        }
    }

    /// <summary>A local array, and next to it the zeroed span that will hold its adjoint.</summary>
    private void WriteAllocate(Allocate allocate)
    {
        Value array = allocate.Target;
        string creation = allocate.OnStack ? "stackalloc" : "new";
        writer.Line($"{array.TypeName} {array.Name} = {creation} {allocate.ElementType}[{ExprPrinter.Print(allocate.Length)}];");
        if (array.IsActive && writesAdjoints)
        {
            string take = array.Numeric == NumericType.Float ? "TakeSingle" : "Take";
            writer.Line($"global::System.Span<{allocate.ElementType}> {array.AdjointName} = {names.Work}.{take}({array.Name}.Length);");
        }
    }

    /// <summary>
    /// A loop as <c>while</c> (or <c>do … while</c>): count the iteration, copy the carried values in, run the
    /// body, copy them back, save what the backward pass needs, and leave after a break.
    /// </summary>
    private void WriteForwardLoop(Loop loop, bool hoisted)
    {
        foreach (Carried carried in loop.Carried)
        {
            Assign(carried.Storage, ExprPrinter.Print(new UseExpr(carried.Init)), hoisted);
        }

        Assign(loop.Count, "0", hoisted);
        writer.Line(loop.TestFirst ? $"while ({ExprPrinter.Print(loop.Condition)})" : "do");
        using (writer.Block())
        {
            writer.Line($"{loop.Count.Name}++;");
            foreach (Carried carried in loop.Carried)
            {
                writer.Line($"{carried.Header.TypeName} {carried.Header.Name} = {carried.Storage.Name};");
            }

            WriteForward(loop.Body, hoisted: false);
            foreach (Carried carried in loop.Carried.Where(c => c.Final != c.Storage))
            {
                writer.Line($"{carried.Storage.Name} = {ExprPrinter.Print(new UseExpr(carried.Final))};");
            }

            foreach (Value saved in loop.Saved)
            {
                writer.Line($"{names.Tape}.Push({(saved.TypeName == "bool" ? saved.Name + " ? 1.0 : 0.0" : saved.Name)});");
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
            writer.Line($"while ({ExprPrinter.Print(loop.Condition)});");
        }
    }

    private static string DefaultValue(Value value) =>
        value.Numeric != NumericType.None ? "0" : value.TypeName == "bool" ? "false" : $"default({value.TypeName})";
}
