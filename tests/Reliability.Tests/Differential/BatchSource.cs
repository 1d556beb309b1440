using System.Collections.Generic;
using System.Linq;
using System.Text;
using SymbolicDiff.Reliability.Tests.Programs;

namespace SymbolicDiff.Reliability.Tests.Differential;

/// <summary>
/// One C# source for a batch of programs. Program k becomes <c>Fuzz.P{k}</c> (the user's code: the
/// [Differentiable] methods, plus wrappers that call the primal, Gradient, Backward and Tangent with
/// <c>double[]</c> vectors) and <c>Fuzz.D{k}</c> (the oracle: the dual-number print of the same
/// methods, plus a wrapper that seeds one input), and for a program checked in second order
/// <c>Fuzz.HD{k}</c> (the hyper-dual print, with its wrapper). The wrappers exist because spans cannot
/// pass through reflection.
/// </summary>
public static class BatchSource
{
    public const string Namespace = "Fuzz";

    public static string PrimalClass(int k) => $"P{k}";

    public static string DualClass(int k) => $"D{k}";

    public static string HyperDualClass(int k) => $"HD{k}";

    const string Header = """
        using System;
        using System.Diagnostics;
        using System.Linq;
        using SymbolicDiff;
        using static System.Math;
        using SymbolicDiff.Reliability.Tests.Differential;
        using SymbolicDiff.Reliability.Tests.Programs.Extensions;
        using SymbolicDiff.Reliability.Tests.Oracle;

        namespace Fuzz;

        """;

    /// <summary>What the user's code of a program needs, without the oracle's: a repro's usings, and those of programs generated on their own.</summary>
    public const string UserUsings = "using System;\nusing System.Diagnostics;\nusing System.Linq;\nusing SymbolicDiff;\nusing static System.Math;\nusing SymbolicDiff.Reliability.Tests.Programs.Extensions;\n\n";

    /// <summary>The user's code alone (no oracle, no wrappers): what a repro shows.</summary>
    public static string UserCode(RandomProgram program) =>
        UserUsings + "public static partial class Repro\n{\n" + ProgramPrinter.Primal(program, indent: 1) + "}\n";

    /// <summary>The batch's source; without wrappers (which call the companions) it must compile without the generator.</summary>
    public static string Build(IReadOnlyList<RandomProgram> programs, bool withWrappers = true)
    {
        var text = new StringBuilder(Header);
        for (var k = 0; k < programs.Count; k++)
        {
            var program = programs[k];
            text.Append($"public static partial class {PrimalClass(k)}\n{{\n").Append(ProgramPrinter.Primal(program, indent: 1));
            if (withWrappers)
                Wrappers(text, program);
            text.Append("}\n\n");
            text.Append($"public static class {DualClass(k)}\n{{\n").Append(ProgramPrinter.Dual(program, indent: 1));
            DualWrapper(text, program);
            text.Append("}\n\n");
            if (program.SecondOrder)
            {
                text.Append($"public static class {HyperDualClass(k)}\n{{\n").Append(ProgramPrinter.HyperDual(program, indent: 1));
                HyperDualWrapper(text, program);
                text.Append("}\n\n");
            }
        }
        return text.ToString();
    }

    /// <summary>The number of input slots of the entry method: one per scalar, one per array element.</summary>
    public static int InputCount(RandomProgram program) =>
        program.Entry.Parameters.Sum(p => p.Kind switch { ParameterKind.Scalar => 1, ParameterKind.Output => 0, _ => program.ArrayLength });

    /// <summary>The number of outputs: 1 for a scalar-valued entry, the output's length for a vector-valued one.</summary>
    public static int OutputCount(RandomProgram program) => program.Entry.IsVectorValued ? program.ArrayLength : 1;

    static IEnumerable<(Parameter Parameter, int Offset)> Slots(RandomProgram program)
    {
        var offset = 0;
        foreach (var p in program.Entry.Parameters.Where(p => p.Kind != ParameterKind.Output))
        {
            yield return (p, offset);
            offset += p.Kind == ParameterKind.Scalar ? 1 : program.ArrayLength;
        }
    }

    static void Wrappers(StringBuilder text, RandomProgram program)
    {
        var t = ProgramPrinter.ScalarType(program.IsFloat);
        var entry = program.Entry;
        var length = program.ArrayLength;
        string Load(string source) => string.Concat(Slots(program).Select(s => s.Parameter.Kind == ParameterKind.Scalar
            ? $"        var {s.Parameter.Name} = Io.Scalar<{t}>({source}, {s.Offset});\n"
            : $"        var {s.Parameter.Name} = Io.Array<{t}>({source}, {s.Offset}, {length});\n"));
        string LoadAdjoints(string source) => string.Concat(Slots(program).Select(s => s.Parameter.Kind == ParameterKind.Scalar
            ? $"        var d{s.Parameter.Name} = Io.Scalar<{t}>({source}, {s.Offset});\n"
            : $"        var d{s.Parameter.Name} = Io.Array<{t}>({source}, {s.Offset}, {length});\n"));
        string StoreAdjoints(string target) => string.Concat(Slots(program).Select(s =>
            $"        Io.Store<{t}>(d{s.Parameter.Name}, {target}, {s.Offset});\n"));
        var outputs = string.Concat(entry.Parameters.Where(p => p.Kind == ParameterKind.Output).Select(p => $"        var {p.Name} = new {t}[{length}];\n"));
        var args = string.Join(", ", entry.Parameters.Select(p => p.Name));
        var output = entry.Parameters.FirstOrDefault(p => p.Kind == ParameterKind.Output)?.Name;
        string Result(string call) => output is null ? $"        Io.Store<{t}>({call}, output, 0);\n" : $"        {call};\n        Io.Store<{t}>({output}, output, 0);\n";
        var inputs = Slots(program).ToList();

        text.Append($"\n    public static void Value(double[] input, double[] output)\n    {{\n{Load("input")}{outputs}{Result($"{entry.Name}({args})")}    }}\n");
        if (output is null)
        {
            var gradientArgs = string.Join(", ", inputs.Select(s => s.Parameter.Kind == ParameterKind.Scalar ? $"out var d{s.Parameter.Name}" : $"d{s.Parameter.Name}"));
            var zeros = string.Concat(inputs.Where(s => s.Parameter.Kind != ParameterKind.Scalar).Select(s => $"        var d{s.Parameter.Name} = new {t}[{length}];\n"));
            text.Append($"\n    public static void Gradient(double[] input, double[] output, double[] gradient)\n    {{\n{Load("input")}{zeros}{Result($"{entry.Name}Gradient({args}, {gradientArgs})")}{StoreAdjoints("gradient")}    }}\n");
        }
        var adjointArgs = string.Join(", ", inputs.Select(s => s.Parameter.Kind == ParameterKind.Scalar ? $"ref d{s.Parameter.Name}" : $"d{s.Parameter.Name}"));
        var backward = output is null
            ? $"        var seed = Io.Scalar<{t}>(upstream, 0);\n{Result($"{entry.Name}Backward({args}, seed, {adjointArgs})")}"
            : $"        var d{output} = Io.Array<{t}>(upstream, 0, {length});\n{Result($"{entry.Name}Backward({args}, {adjointArgs}, d{output})")}";
        text.Append($"\n    public static void Backward(double[] input, double[] upstream, double[] output, double[] adjoint)\n    {{\n{Load("input")}{outputs}{LoadAdjoints("adjoint")}{backward}{StoreAdjoints("adjoint")}    }}\n");

        // forward mode: the inputs' tangents come from direction; the value goes to output, the outputs' tangents to tangent
        var loadTangents = string.Concat(inputs.Select(s => s.Parameter.Kind == ParameterKind.Scalar
            ? $"        var v_{s.Parameter.Name} = Io.Scalar<{t}>(direction, {s.Offset});\n"
            : $"        var v_{s.Parameter.Name} = Io.Array<{t}>(direction, {s.Offset}, {length});\n"));
        var tangentArgs = string.Join(", ", inputs.Select(s => $"v_{s.Parameter.Name}"));
        tangentArgs = tangentArgs.Length == 0 ? "" : ", " + tangentArgs;
        var tangentCall = output is null
            ? $"        Io.Store<{t}>({entry.Name}Tangent({args}{tangentArgs}, out var v_result), output, 0);\n        Io.Store<{t}>(v_result, tangent, 0);\n"
            : $"        var v_{output} = new {t}[{length}];\n        {entry.Name}Tangent({args}{tangentArgs}, v_{output});\n        Io.Store<{t}>({output}, output, 0);\n        Io.Store<{t}>(v_{output}, tangent, 0);\n";
        text.Append($"\n    public static void Tangent(double[] input, double[] direction, double[] output, double[] tangent)\n    {{\n{Load("input")}{outputs}{loadTangents}{tangentCall}    }}\n");

        // second order along a direction: the value goes to output, the gradient to gradient, H·direction to product
        if (program.SecondOrder)
        {
            var arrays = string.Concat(inputs.Where(s => s.Parameter.Kind != ParameterKind.Scalar).Select(s =>
                $"        var d{s.Parameter.Name} = new {t}[{length}];\n        var hv_{s.Parameter.Name} = new {t}[{length}];\n"));
            var products = string.Join(", ", inputs.Select(s => s.Parameter.Kind == ParameterKind.Scalar ? $"out var hv_{s.Parameter.Name}" : $"hv_{s.Parameter.Name}"));
            var storeProducts = string.Concat(inputs.Select(s => $"        Io.Store<{t}>(hv_{s.Parameter.Name}, product, {s.Offset});\n"));
            var call = $"{entry.Name}HessianVectorProduct({args}{tangentArgs}, {string.Join(", ", inputs.Select(s => s.Parameter.Kind == ParameterKind.Scalar ? $"out var d{s.Parameter.Name}" : $"d{s.Parameter.Name}"))}, {products})";
            text.Append($"\n    public static void HessianVectorProduct(double[] input, double[] direction, double[] output, double[] gradient, double[] product)\n    {{\n{Load("input")}{loadTangents}{arrays}{Result(call)}{StoreAdjoints("gradient")}{storeProducts}    }}\n");
        }
    }

    static void DualWrapper(StringBuilder text, RandomProgram program)
    {
        var t = ProgramPrinter.ScalarType(program.IsFloat);
        var entry = program.Entry;
        var length = program.ArrayLength;
        var loads = string.Concat(Slots(program).Select(s => s.Parameter.Kind == ParameterKind.Scalar
            ? $"        var {s.Parameter.Name} = Io.DualScalar<{t}>(input, {s.Offset}, seed);\n"
            : $"        var {s.Parameter.Name} = Io.DualArray<{t}>(input, {s.Offset}, {length}, seed);\n"));
        var output = entry.Parameters.FirstOrDefault(p => p.Kind == ParameterKind.Output)?.Name;
        var args = string.Join(", ", entry.Parameters.Select(p => p.Name));
        var run = output is null
            ? $"        Io.StoreDual<{t}>([{entry.Name}({args})], output, tangent);\n"
            : $"        var {output} = new Dual<{t}>[{length}];\n        {entry.Name}({args});\n        Io.StoreDual<{t}>({output}, output, tangent);\n";
        text.Append($"\n    public static void Tangent(double[] input, int seed, double[] output, double[] tangent)\n    {{\n{loads}{run}    }}\n");
    }

    /// <summary>The hyper-dual run: ε1 seeded with direction, ε2 with the unit vector of slot seed; parts = value, ε1, ε2, ε1ε2.</summary>
    static void HyperDualWrapper(StringBuilder text, RandomProgram program)
    {
        var t = ProgramPrinter.ScalarType(program.IsFloat);
        var entry = program.Entry;
        var loads = string.Concat(Slots(program).Select(s => s.Parameter.Kind == ParameterKind.Scalar
            ? $"        var {s.Parameter.Name} = Io.HyperDualScalar<{t}>(input, direction, {s.Offset}, seed);\n"
            : $"        var {s.Parameter.Name} = Io.HyperDualArray<{t}>(input, direction, {s.Offset}, {program.ArrayLength}, seed);\n"));
        var args = string.Join(", ", entry.Parameters.Select(p => p.Name));
        text.Append($"\n    public static void Hessian(double[] input, double[] direction, int seed, double[] parts)\n    {{\n{loads}        Io.StoreHyperDual<{t}>({entry.Name}({args}), parts);\n    }}\n");
    }
}
