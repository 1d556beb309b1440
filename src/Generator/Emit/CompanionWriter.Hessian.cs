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
    /// <param name="seedTangent">The name of the seed's tangent, a parameter of <c>FBackwardTangent</c>.</param>
    public static void WriteSecondOrder(IndentedWriter writer, MethodSignature signature, MethodGraph graph, BackwardNames names, TangentSweep sweep, List<ReverseStatement> reverse, IReadOnlyList<Value> adjointTangentSpans, string seedTangent)
    {
        var companion = new CompanionWriter(signature, graph, names, writer);
        companion.WriteHessianVectorProductCompanion(sweep.Map, seedTangent);
        companion.WriteBackwardTangentCompanion(sweep, reverse, adjointTangentSpans, seedTangent);
    }

    /// <param name="graph">The method's graph, parameters named (only the signature is read).</param>
    public static void WriteHessian(IndentedWriter writer, MethodSignature signature, MethodGraph graph, BackwardNames names, NameAllocator allocator) =>
        new CompanionWriter(signature, graph, names, writer).WriteHessianCompanion(allocator);

    /// <summary>
    /// <c>FHessianVectorProduct</c> is <c>FBackwardTangent</c> with seed 1 (whose tangent is 0) into cleared
    /// outputs, as <c>FGradient</c> is <c>FBackward</c> with seed 1.
    /// </summary>
    private void WriteHessianVectorProductCompanion(TangentMap map, string seedTangent)
    {
        WriteSecondOrderHeader(
            "HessianVectorProduct",
            SecondOrderParameters(map, [], "out"),
            $"Hessian-vector product of <c>{signature.Name}</c>: returns <c>{Call(signature.Name)}</c>, sets the gradient {AdjointsListed(Differentiable)} (as <c>{signature.Name}Gradient</c>)"
                + $" and the product of the Hessian with the direction ({Listed(Differentiable.Select(p => map[p]))}) in {AdjointsListed(Differentiable.Select(p => map[p]))} (forward over reverse).");
        using (writer.Block())
        {
            WriteSecondOrderLengthChecks(map);
            foreach (Value parameter in Differentiable)
            {
                foreach (string overwritten in new[] { parameter.AdjointName, map[parameter].AdjointName })
                {
                    WriteClear(overwritten, parameter);
                }
            }

            IEnumerable<string> arguments = graph.Parameters.Select(p => p.Name)
                .Concat(Differentiable.Select(p => map[p].Name))
                .Concat([ExprPrinter.Literal(1, signature.ReturnNumeric), ExprPrinter.Literal(0, signature.ReturnNumeric)])
                .Concat(Differentiable.Select(p => p.IsArray ? p.AdjointName : "ref " + p.AdjointName))
                .Concat(Differentiable.Select(p => p.IsArray ? map[p].AdjointName : "ref " + map[p].AdjointName));
            writer.Line($"return {signature.Name}BackwardTangent({string.Join(", ", arguments)});");
        }
    }

    /// <summary>
    /// The tangent of the pullback along a direction: the forward pass with tangents, then the backward pass
    /// with its twins, from <c>seed</c> and its tangent. It adds <c>seed</c> times the gradient to the adjoints
    /// and <c>seedTangent</c> times the gradient plus <c>seed</c> times H·v to their tangents — what a caller's
    /// second order needs from a call, and, with seed 1, the Hessian-vector product.
    /// </summary>
    private void WriteBackwardTangentCompanion(TangentSweep sweep, List<ReverseStatement> reverse, IReadOnlyList<Value> adjointTangentSpans, string seedTangent)
    {
        TangentMap map = sweep.Map;
        string type = signature.ReturnType;
        WriteSecondOrderHeader(
            "BackwardTangent",
            SecondOrderParameters(map, [$"{type} {names.Seed}", $"{type} {seedTangent}"], "ref"),
            $"Tangent of the pullback of <c>{signature.Name}</c> (second order through calls): returns <c>{Call(signature.Name)}</c>, adds {names.Seed} times the gradient to {AdjointsListed(Differentiable)}"
                + $" and {seedTangent} times the gradient plus {names.Seed} times the Hessian times the direction ({Listed(Differentiable.Select(p => map[p]))}) to {AdjointsListed(Differentiable.Select(p => map[p]))} (accumulates).");
        using (writer.Block())
        {
            WriteSecondOrderLengthChecks(map);
            WithScratch(UsesTape(graph.Body), UsesWorkspace() || sweep.UsesWorkspace || adjointTangentSpans.Count > 0, () => WriteBackwardBody(reverse));
        }
    }

    /// <summary>The parameters, the directions, <paramref name="middle"/>, the adjoints and their tangents (passed <paramref name="passing"/> when scalar).</summary>
    private IEnumerable<string> SecondOrderParameters(TangentMap map, IEnumerable<string> middle, string passing) =>
        graph.Parameters.Select(p => $"{p.TypeName} {p.Name}")
            .Concat(Differentiable.Select(p => $"{map[p].TypeName} {map[p].Name}"))
            .Concat(middle)
            .Concat(Differentiable.Select(p => AdjointParameter(p, passing).Substring(2)))
            .Concat(Differentiable.Select(p => p.IsArray ? $"global::System.Span<{ElementType(p)}> {map[p].AdjointName}" : $"{passing} {p.TypeName} {map[p].AdjointName}"));

    private void WriteSecondOrderHeader(string companion, IEnumerable<string> parameters, string summary)
    {
        writer.Separate();
        WriteHeader(summary);
        writer.Line($"{ModifiersOf(companion)} {signature.ReturnType} {signature.Name}{companion}({string.Join(", ", parameters)})");
    }

    private static string Listed(IEnumerable<Value> values) => string.Join(", ", values.Select(v => $"<c>{v.Name}</c>"));

    private static string AdjointsListed(IEnumerable<Value> values) => string.Join(", ", values.Select(v => $"<c>{v.AdjointName}</c>"));

    private void WriteSecondOrderLengthChecks(TangentMap map)
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
        WriteHeader($"Value, gradient and Hessian of <c>{signature.Name}</c>: returns <c>{Call(signature.Name)}</c> and OVERWRITES <c>{gradient}</c> with the gradient"
            + $" and <c>{hessian}</c> with the dense symmetric Hessian (row-major), over the differentiable inputs flattened in parameter order ({string.Join(", ", inputs.Select(p => p.Name))}).");
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
