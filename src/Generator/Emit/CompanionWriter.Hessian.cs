using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Parsing;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// Second order: <c>FHessianVectorProduct</c> — the forward pass with tangents along the direction, then
/// the backward pass with its tangent twins (<see cref="ReverseTangent"/>), seed 1 — and <c>FHessian</c>,
/// which assembles the dense Hessian from one product per unit direction.
/// </summary>
internal sealed partial class CompanionWriter
{
    /// <param name="graph">The method's graph with the tangent statements in it; primals, adjoints and tangents named.</param>
    /// <param name="reverse">The backward pass with its twins.</param>
    public static void WriteHessianVectorProduct(IndentedWriter writer, MethodSignature signature, MethodGraph graph, BackwardNames names, TangentSweep sweep, List<ReverseStatement> reverse, IReadOnlyList<Value> adjointTangentSpans) =>
        new CompanionWriter(signature, graph, names, writer).WriteHessianVectorProductCompanion(sweep, reverse, adjointTangentSpans);

    /// <param name="graph">The method's graph, parameters named (only the signature is read).</param>
    public static void WriteHessian(IndentedWriter writer, MethodSignature signature, MethodGraph graph, BackwardNames names, NameAllocator allocator) =>
        new CompanionWriter(signature, graph, names, writer).WriteHessianCompanion(allocator);

    private void WriteHessianVectorProductCompanion(TangentSweep sweep, List<ReverseStatement> reverse, IReadOnlyList<Value> adjointTangentSpans)
    {
        TangentMap map = sweep.Map;
        var parameters = graph.Parameters.Select(p => $"{p.TypeName} {p.Name}")
            .Concat(Differentiable.Select(p => $"{map[p].TypeName} {map[p].Name}"))
            .Concat(Differentiable.Select(p => AdjointParameter(p, "out").Substring(2)))
            .Concat(Differentiable.Select(p => p.IsArray ? $"global::System.Span<{ElementType(p)}> {map[p].AdjointName}" : $"out {p.TypeName} {map[p].AdjointName}"));
        writer.Separate();
        writer.Line("/// <summary>");
        writer.Line($"/// Hessian-vector product of <c>{signature.Name}</c>: returns <c>{Call(signature.Name)}</c>, sets the gradient"
            + $" {string.Join(", ", Differentiable.Select(p => $"<c>{p.AdjointName}</c>"))} (as <c>{signature.Name}Gradient</c>) and the product of the Hessian with the direction"
            + $" ({string.Join(", ", Differentiable.Select(p => $"<c>{map[p].Name}</c>"))}) in {string.Join(", ", Differentiable.Select(p => $"<c>{map[p].AdjointName}</c>"))} (forward over reverse).");
        writer.Line("/// </summary>");
        writer.Line(GeneratedCodeAttribute);
        writer.Line($"{ModifiersOf("HessianVectorProduct")} {signature.ReturnType} {signature.Name}HessianVectorProduct({string.Join(", ", parameters)})");
        using (writer.Block())
        {
            foreach (Value array in Differentiable.Where(p => p.IsArray))
            {
                WriteLengthCheck(map[array].Name, "direction", $"{array.BaseName} has length", $"{array.Name}.Length");
            }

            WriteLengthChecks();
            foreach (Value array in Differentiable.Where(p => p.IsArray))
            {
                WriteLengthCheck(map[array].AdjointName, "Hessian-vector product", $"{array.BaseName} has length", $"{array.Name}.Length");
            }

            foreach (Value parameter in Differentiable)
            {
                foreach (string overwritten in new[] { parameter.AdjointName, map[parameter].AdjointName })
                {
                    writer.Line(parameter.IsArray ? $"{overwritten}.Slice(0, {parameter.Name}.Length).Clear();" : $"{overwritten} = 0;");
                }
            }

            writer.Line($"{signature.ReturnType} {names.Seed} = {ExprPrinter.Literal(1, signature.ReturnNumeric)};");
            WithScratch(UsesTape(graph.Body), UsesWorkspace() || sweep.UsesWorkspace || adjointTangentSpans.Count > 0, () => WriteBackwardBody(reverse));
        }
    }

    /// <summary>
    /// One Hessian-vector product per unit direction gives one row of the (symmetric) Hessian, written in
    /// place; the gradient comes with it. The two triangles, equal in exact arithmetic, are then averaged,
    /// so the result is symmetric to the last bit.
    /// </summary>
    private void WriteHessianCompanion(NameAllocator allocator)
    {
        string element = signature.ReturnType;
        string gradient = allocator.Claim("gradient");
        string hessian = allocator.Claim("hessian");
        string size = allocator.Claim("size");
        string row = allocator.Claim("row");
        string i = allocator.Claim("i");
        string j = allocator.Claim("j");
        string value = allocator.Claim("value");
        List<Value> inputs = Differentiable.ToList();
        List<string> offsets = Offsets(inputs);
        Dictionary<Value, string> direction = inputs.ToDictionary(p => p, p => allocator.Claim("v" + p.BaseName));
        writer.Separate();
        writer.Line("/// <summary>");
        writer.Line($"/// Value, gradient and Hessian of <c>{signature.Name}</c>: returns <c>{Call(signature.Name)}</c> and OVERWRITES <c>{gradient}</c> with the gradient"
            + $" and <c>{hessian}</c> with the dense symmetric Hessian (row-major), over the differentiable inputs flattened in parameter order ({string.Join(", ", inputs.Select(p => p.Name))}).");
        writer.Line("/// </summary>");
        writer.Line(GeneratedCodeAttribute);
        writer.Line($"{ModifiersOf("Hessian")} {signature.ReturnType} {signature.Name}Hessian({ParameterList}{(graph.Parameters.Count > 0 ? ", " : "")}global::System.Span<{element}> {gradient}, global::System.Span<{element}> {hessian})");
        using (writer.Block())
        {
            writer.Line($"int {size} = {Total(inputs)};");
            WriteLengthCheck(gradient, "gradient", "the inputs flattened have length", size);
            WriteLengthCheck(hessian, "hessian", "size × size is", $"{size} * {size}");
            writer.Line($"if ({size} == 0)");
            using (writer.Block())
            {
                writer.Line($"return {Call(signature.Name)};");
            }

            WithScratch(usesTape: false, inputs.Any(p => p.IsArray), () =>
            {
                foreach (Value input in inputs)
                {
                    writer.Line(input.IsArray
                        ? $"global::System.Span<{ElementType(input)}> {direction[input]} = {names.Work}.{Take(input)}({input.Name}.Length);"
                        : $"{input.TypeName} {direction[input]} = 0;");
                }

                writer.Line($"{signature.ReturnType} {value} = 0;");
                writer.Line($"int {row} = 0;");
                foreach (Value input in inputs)
                {
                    string? k = input.IsArray ? allocator.Claim("k") : null;
                    string unit = k is null ? direction[input] : $"{direction[input]}[{k}]";
                    if (k is not null)
                    {
                        writer.Line($"for (int {k} = 0; {k} < {input.Name}.Length; {k}++)");
                    }

                    using (k is null ? null : writer.Block())
                    {
                        writer.Line($"{unit} = 1;");
                        IEnumerable<string> gradients = inputs.Select((p, n) => p.IsArray ? $"{gradient}.Slice({offsets[n]}, {p.Name}.Length)" : $"out {gradient}[{offsets[n]}]");
                        IEnumerable<string> products = inputs.Select((p, n) => p.IsArray ? $"{hessian}.Slice({Plus($"{row} * {size}", offsets[n])}, {p.Name}.Length)" : $"out {hessian}[{Plus($"{row} * {size}", offsets[n])}]");
                        string arguments = string.Join(", ", graph.Parameters.Select(p => p.Name).Concat(inputs.Select(p => direction[p])).Concat(gradients).Concat(products));
                        writer.Line($"{value} = {signature.Name}HessianVectorProduct({arguments});");
                        writer.Line($"{unit} = 0;");
                        writer.Line($"{row}++;");
                    }
                }

                writer.Line($"for (int {i} = 0; {i} < {size}; {i}++)");
                using (writer.Block())
                {
                    writer.Line($"for (int {j} = {i} + 1; {j} < {size}; {j}++)");
                    using (writer.Block())
                    {
                        string upper = $"{hessian}[{i} * {size} + {j}]";
                        string lower = $"{hessian}[{j} * {size} + {i}]";
                        writer.Line($"{upper} = {lower} = ({upper} + {lower}) / 2;");
                    }
                }

                writer.Line($"return {value};");
            });
        }
    }
}
