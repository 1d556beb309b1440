using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Parsing;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// <c>GJacobian</c> of a vector-valued method: the dense Jacobian, rows the outputs flattened, columns the
/// differentiable inputs flattened. It is built from whichever companion needs fewer calls: one forward
/// column per input (<c>GTangent</c> along a unit direction) or one reverse row per output element
/// (<c>GBackward</c> with a unit upstream gradient). Both exist only when both modes were asked for; then
/// the choice is made at run time, from the lengths.
/// </summary>
internal sealed partial class CompanionWriter
{
    /// <param name="graph">The method's graph, parameters named (only the signature is read).</param>
    public static void WriteJacobian(IndentedWriter writer, MethodSignature signature, MethodGraph graph, BackwardNames names, NameAllocator allocator, bool columns, bool rows) =>
        new CompanionWriter(signature, graph, names, writer).WriteJacobianCompanion(allocator, columns, rows);

    private void WriteJacobianCompanion(NameAllocator allocator, bool columns, bool rows)
    {
        var inputs = Differentiable.Where(p => !p.IsOutput).ToList();
        var outputs = Differentiable.Where(p => p.IsOutput).ToList();
        string element = ElementType(outputs[0]);
        string jacobian = allocator.Claim("jacobian");
        string inputCount = allocator.Claim("inputs");
        string outputCount = allocator.Claim("outputs");
        List<string> inputOffsets = Offsets(inputs);
        List<string> outputOffsets = Offsets(outputs);
        string row = allocator.Claim("row");
        string k = allocator.Claim("k");

        writer.Separate();
        WriteHeader($"Jacobian of the vector-valued <c>{signature.Name}</c>: runs it and OVERWRITES <c>{jacobian}</c> with ∂({string.Join(", ", outputs.Select(p => p.Name))})/∂({string.Join(", ", inputs.Select(p => p.Name))}),"
            + " row-major: one row per output element, one column per differentiable input element, in parameter order.");
        writer.Line($"{ModifiersOf("Jacobian")} void {signature.Name}Jacobian({ParameterList}, global::System.Span<{element}> {jacobian})");
        using (writer.Block())
        {
            writer.Line($"int {inputCount} = {Total(inputs)};");
            writer.Line($"int {outputCount} = {Total(outputs)};");
            WriteLengthCheck(jacobian, "jacobian", "outputs × inputs is", $"{outputCount} * {inputCount}");
            writer.Line($"if ({inputCount} == 0 || {outputCount} == 0)");
            using (writer.Block())
            {
                writer.Line($"{Call(signature.Name)};");
                writer.Line("return;");
            }

            WithScratch(usesTape: false, usesWork: true, () =>
            {
                if (columns && rows)
                {
                    writer.Line($"if ({inputCount} <= {outputCount})");
                    using (writer.Block())
                    {
                        WriteColumns();
                    }

                    writer.Line("else");
                    using (writer.Block())
                    {
                        WriteRows();
                    }
                }
                else if (columns)
                {
                    WriteColumns();
                }
                else
                {
                    WriteRows();
                }
            });
        }

        // One GTangent call per input element: the column is the outputs' tangents along that unit direction.
        void WriteColumns()
        {
            Dictionary<Value, string> tangent = Differentiable.ToDictionary(p => p, p => allocator.Claim("t" + p.BaseName));
            foreach (Value parameter in Differentiable)
            {
                writer.Line(parameter.IsArray
                    ? $"global::System.Span<{ElementType(parameter)}> {tangent[parameter]} = {names.Work}.{Take(parameter)}({parameter.Name}.Length);"
                    : $"{parameter.TypeName} {tangent[parameter]} = 0;");
            }

            string column = allocator.Claim("column");
            string call = $"{signature.Name}Tangent({string.Join(", ", graph.Parameters.Select(p => p.Name).Concat(inputs.Concat(outputs).Select(p => tangent[p])))});";
            writer.Line($"int {column} = 0;");
            foreach (Value input in inputs)
            {
                string unit = input.IsArray ? $"{tangent[input]}[{k}]" : tangent[input];
                if (input.IsArray)
                {
                    writer.Line($"for (int {k} = 0; {k} < {input.Name}.Length; {k}++)");
                }

                using (input.IsArray ? writer.Block() : null)
                {
                    writer.Line($"{unit} = 1;");
                    writer.Line(call);
                    writer.Line($"{unit} = 0;");
                    for (int o = 0; o < outputs.Count; o++)
                    {
                        writer.Line($"for (int {row} = 0; {row} < {outputs[o].Name}.Length; {row}++)");
                        using (writer.Block())
                        {
                            string outputRow = outputOffsets[o] == "0" ? row : $"({Plus(outputOffsets[o], row)})";
                            writer.Line($"{jacobian}[{outputRow} * {inputCount} + {column}] = {tangent[outputs[o]]}[{row}];");
                        }
                    }

                    writer.Line($"{column}++;");
                }
            }
        }

        // One GBackward call per output element: the row is the inputs' adjoints for that unit upstream gradient.
        void WriteRows()
        {
            Dictionary<Value, string> upstream = outputs.ToDictionary(p => p, p => allocator.Claim("d" + p.BaseName));
            foreach (Value output in outputs)
            {
                writer.Line($"global::System.Span<{ElementType(output)}> {upstream[output]} = {names.Work}.{Take(output)}({output.Name}.Length);");
            }

            string rowSpan = allocator.Claim("jacobianRow");
            Dictionary<Value, string> scalarAdjoint = inputs.Where(p => !p.IsArray).ToDictionary(p => p, p => allocator.Claim("d" + p.BaseName));
            writer.Line($"int {row} = 0;");
            foreach (Value output in outputs)
            {
                writer.Line($"for (int {k} = 0; {k} < {output.Name}.Length; {k}++)");
                using (writer.Block())
                {
                    writer.Line($"global::System.Span<{element}> {rowSpan} = {jacobian}.Slice({row} * {inputCount}, {inputCount});");
                    writer.Line($"{rowSpan}.Clear();");
                    foreach (Value other in outputs)
                    {
                        writer.Line($"{upstream[other]}.Clear();");
                    }

                    writer.Line($"{upstream[output]}[{k}] = 1;");
                    foreach (Value scalar in scalarAdjoint.Keys)
                    {
                        writer.Line($"{scalar.TypeName} {scalarAdjoint[scalar]} = 0;");
                    }

                    IEnumerable<string> adjoints = Differentiable.Select(p =>
                        p.IsOutput ? upstream[p]
                        : p.IsArray ? $"{rowSpan}.Slice({inputOffsets[inputs.IndexOf(p)]}, {p.Name}.Length)"
                        : "ref " + scalarAdjoint[p]);
                    writer.Line($"{signature.Name}Backward({string.Join(", ", graph.Parameters.Select(p => p.Name).Concat(adjoints))});");
                    foreach (Value scalar in scalarAdjoint.Keys)
                    {
                        writer.Line($"{rowSpan}[{inputOffsets[inputs.IndexOf(scalar)]}] = {scalarAdjoint[scalar]};");
                    }

                    writer.Line($"{row}++;");
                }
            }
        }
    }

    /// <summary>Where each parameter's entries start in the flattened list: <c>0</c>, <c>x.Length</c>, <c>x.Length + 1</c>, ….</summary>
    private static List<string> Offsets(List<Value> parameters)
    {
        List<string> offsets = [];
        string offset = "0";
        foreach (Value parameter in parameters)
        {
            offsets.Add(offset);
            offset = Plus(offset, parameter.IsArray ? parameter.Name + ".Length" : "1");
        }

        return offsets;
    }

    /// <summary>The number of flattened entries of the parameters: <c>x.Length + 1</c>.</summary>
    private static string Total(List<Value> parameters) =>
        parameters.Count == 0 ? "0" : Plus(Offsets(parameters).Last(), parameters.Last().IsArray ? parameters.Last().Name + ".Length" : "1");

    private static string Plus(string a, string b) => a == "0" ? b : b == "0" ? a : a + " + " + b;
}
