using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Parsing;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// Forward mode: <c>FTangent</c> (a scalar method: the value, and the tangent through <c>out</c>) or
/// <c>GTangent</c> (a vector-valued one: the outputs and their tangent spans), one pass over the graph with
/// the tangent statements <see cref="TangentSweep"/> inserted; no tape.
/// </summary>
internal sealed partial class CompanionWriter
{
    /// <param name="graph">The method's graph with the tangent statements in it, primals and tangents named.</param>
    /// <param name="tangentOut">The name of the <c>out</c> tangent of a scalar method.</param>
    public static void WriteTangent(IndentedWriter writer, MethodSignature signature, MethodGraph graph, BackwardNames names, TangentSweep sweep, string tangentOut) =>
        new CompanionWriter(signature, graph, names, writer, writesAdjoints: false).WriteTangentCompanion(sweep, tangentOut);

    /// <summary>The modifiers of a further companion (<c>Tangent</c>, <c>Jacobian</c>, …), decided with its inheritance by the builder.</summary>
    private string ModifiersOf(string companion) => signature.Modifiers[signature.Name + companion];

    private void WriteTangentCompanion(TangentSweep sweep, string tangentOut)
    {
        TangentMap map = sweep.Map;
        var inputs = Differentiable.Where(p => !p.IsOutput).ToList();
        var outputs = Differentiable.Where(p => p.IsOutput).ToList();
        var parameters = graph.Parameters.Select(p => $"{p.TypeName} {p.Name}")
            .Concat(inputs.Concat(outputs).Select(p => $"{map[p].TypeName} {map[p].Name}"))
            .Concat(graph.Result is null ? [] : [$"out {signature.ReturnType} {tangentOut}"]);
        writer.Separate();
        WriteHeader(graph.Result is null
            ? $"Forward mode (Jacobian-vector product) of the vector-valued <c>{signature.Name}</c>: runs it and writes into"
                + $" {string.Join(", ", outputs.Select(p => $"<c>{map[p].Name}</c>"))} the tangents of the elements of {string.Join(", ", outputs.Select(p => $"<c>{p.Name}</c>"))} it writes"
                + $" along the input tangents {TangentList(inputs, map)} (the others keep theirs, as the elements keep their values)."
            : $"Forward mode (Jacobian-vector product) of <c>{signature.Name}</c>: returns <c>{Call(signature.Name)}</c> and sets"
                + $" <c>{tangentOut}</c> to the derivative along the input tangents {TangentList(inputs, map)}.");
        writer.Line($"{ModifiersOf("Tangent")} {signature.ReturnType} {signature.Name}Tangent({string.Join(", ", parameters)})");
        using (writer.Block())
        {
            foreach (Value array in inputs.Concat(outputs).Where(p => p.IsArray))
            {
                WriteLengthCheck(map[array].Name, "tangent", $"{array.BaseName} has length", $"{array.Name}.Length");
            }

            // An element the method does not write keeps its value, and its tangent keeps the tangent of that
            // value: a caller whose array was written before the call chains through exactly.
            WithScratch(usesTape: false, sweep.UsesWorkspace, () =>
            {
                WriteForward(graph.Body, hoisted: false);
                if (graph.Result is { } value)
                {
                    Expr tangent = map.Of(value) ?? new LiteralExpr(0, value.Numeric);
                    writer.Line($"{tangentOut} = {tangent};");
                    writer.Line("return " + ExprPrinter.Print(new UseExpr(value)) + ";");
                }
            });
        }
    }

    private static string TangentList(System.Collections.Generic.IEnumerable<Value> inputs, TangentMap map)
    {
        string list = string.Join(", ", inputs.Select(p => $"<c>{map[p].Name}</c>"));
        return list.Length > 0 ? list : "(none: no parameter is differentiable)";
    }
}
