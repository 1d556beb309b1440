using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Emit;

/// <summary>A loop's <c>Vector256</c> body, written before its scalar loop (<see cref="Vectorization"/>).</summary>
internal sealed partial class CompanionWriter
{
    /// <summary>
    /// <c>for (; i &lt; a.Length - k - (W - 1); i += W)</c> over lanes, under <c>Vector256.IsHardwareAccelerated</c> (otherwise
    /// it runs no iteration and the scalar loop after it runs them all). Each statement of the body, forward and fused
    /// adjoint, is the scalar one on lanes; a sum adds its lanes' terms in iteration order. Nothing is written when a
    /// statement has no lane form (after the seed is written in), so the loop keeps its scalar loop only.
    /// </summary>
    private void WriteVectorLoop(VectorLoop plan, IndentedWriter body)
    {
        string counter = plan.Counter.Storage.Name;
        Expr limit = new BinaryExpr("-", plan.Limit, new TextExpr((plan.Margin + plan.Width - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), isPure: true));
        writer.Line($"// {plan.Width} iterations at a time: each lane computes what the scalar loop below computes, bit for bit, and the scalar loop runs the rest.");
        writer.Line($"if ({VectorPrinter.Vector256}.IsHardwareAccelerated)");
        using (writer.Block())
        {
            writer.Line($"for (; {counter} < {limit}; {counter} += {plan.Width})");
            using (writer.Block())
            {
                writer.Append(body);
            }
        }
    }

    /// <summary>The vector loop's body, indented to <paramref name="depth"/>; null when a statement has no lane form.</summary>
    private IndentedWriter? VectorBody(Loop loop, VectorLoop plan, ReverseLoop? fused, int depth)
    {
        var printer = new VectorPrinter(plan);
        var body = new IndentedWriter(depth);
        return VectorForward(loop, plan, printer, body) && (fused is null || VectorReverse(fused.Body, plan, printer, body)) ? body : null;
    }

    private bool VectorForward(Loop loop, VectorLoop plan, VectorPrinter printer, IndentedWriter body)
    {
        foreach (Define define in loop.Body.Statements.Cast<Define>().Where(d => d.Target.Inlined is null))
        {
            if (plan.Sums.TryGetValue(define, out (Value Terms, Value Storage) sum))
            {
                (Value terms, Value storage) = sum;
                var update = (BinaryExpr)define.Expression;
                if (printer.Print(update.Right) is not { } lanes)
                {
                    return false;
                }

                body.Line($"{printer.Lanes} {terms.Name} = {lanes};");
                body.Line(string.Join(" ", Enumerable.Range(0, plan.Width).Select(k => $"{storage.Name} {update.Operator}= {terms.Name}[{k}];")));
            }
            else if (printer.Print(define.Expression) is { } lanes)
            {
                body.Line(define.Target.SharesNameWith is null ? $"{printer.Lanes} {define.Target.Name} = {lanes};" : $"{define.Target.Name} = {lanes};");
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private bool VectorReverse(List<ReverseStatement> statements, VectorLoop plan, VectorPrinter printer, IndentedWriter body)
    {
        for (int s = 0; s < statements.Count; s++)
        {
            switch (statements[s])
            {
                case Accumulate { Index: not null } element:
                    printer.CarryUpdate = statements.ElementAtOrDefault(s + 1) is SetAdjoint next && next.Target == plan.Carry ? printer.Print(WithSeed(next.Amount)) : null;
                    Expr amount = WithSeed(element.Amount);
                    string target = printer.Reference(new AdjointSpanExpr(element.Target), 0);
                    string? lanes = element.Assigns && assigning ? printer.Print(amount)
                        : amount is UnaryExpr { Operator: "-" } negated ? Combine(printer, target, "-", negated.Operand)
                        : Combine(printer, target, "+", amount);
                    printer.CarryUpdate = null;
                    if (lanes is null)
                    {
                        return false;
                    }

                    body.Line($"{VectorPrinter.Vector256}.StoreUnsafe({lanes}, {target});");
                    break;
                case Accumulate { Declares: true } declaration:
                    if (printer.Print(WithSeed(declaration.Amount)) is not { } declared)
                    {
                        return false;
                    }

                    body.Line($"{printer.Lanes} {declaration.Target.AdjointName} = {declared};");
                    break;
                case Accumulate accumulate:
                    Expr added = WithSeed(accumulate.Amount);
                    string op = added is UnaryExpr { Operator: "-" } ? "-" : "+";
                    if (printer.Print(added is UnaryExpr { Operator: "-" } minus ? minus.Operand : added) is not { } addend)
                    {
                        return false;
                    }

                    body.Line($"{accumulate.Target.AdjointName} {op}= {addend};");
                    break;
                case DeclareAdjoint declare:
                    body.Line($"{printer.Lanes} {declare.Target.AdjointName} = {printer.Lanes}.Zero;");
                    break;
                case SetAdjoint { Amount: AdjointExpr same } set when same.Value == set.Target:
                    break; // not written in the scalar loop either
                case SetAdjoint set when set.Target == plan.Carry:
                    if (printer.Print(WithSeed(set.Amount)) is not { } update)
                    {
                        return false;
                    }

                    body.Line($"{set.Target.AdjointName} = {printer.LastLane(update)};");
                    break;
                case ReverseBranch branch:
                    bool onlyElse = branch.Then.Count == 0;
                    body.Line($"if ({WithSeed(onlyElse ? new UnaryExpr("!", branch.Condition) : branch.Condition)})");
                    using (body.Block())
                    {
                        if (!VectorReverse(onlyElse ? branch.Else : branch.Then, plan, printer, body))
                        {
                            return false;
                        }
                    }

                    if (!onlyElse && branch.Else.Count > 0)
                    {
                        body.Line("else");
                        using (body.Block())
                        {
                            if (!VectorReverse(branch.Else, plan, printer, body))
                            {
                                return false;
                            }
                        }
                    }

                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary><c>dx[i] += amount</c> on lanes: the elements loaded, the amount added (or subtracted), as the scalar <c>+=</c> does.</summary>
    private static string? Combine(VectorPrinter printer, string target, string op, Expr amount) =>
        printer.Operand(amount, 70, rightSide: true) is { } lanes ? $"{VectorPrinter.Vector256}.LoadUnsafe({target}) {op} {lanes}" : null;
}
