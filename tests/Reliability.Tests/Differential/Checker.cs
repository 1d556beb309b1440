using System;
using System.Linq;
using System.Reflection;
using System.Text;
using SymbolicDiff.Generator.Tests.Infrastructure;
using SymbolicDiff.Reliability.Tests.Oracle;

namespace SymbolicDiff.Reliability.Tests.Differential;

/// <summary>What checking one program found.</summary>
public abstract record Verdict;

public sealed record Passed : Verdict;

/// <summary>The oracle's value or derivatives (or the terms they were summed from) are not finite or above 1e10: nothing to compare.</summary>
public sealed record NotFinite : Verdict;

/// <summary>A failure; <see cref="Kind"/> is its class (e.g. "Backward does not accumulate"), <see cref="Detail"/> the numbers.</summary>
public sealed record Failed(string Kind, string Detail) : Verdict;

/// <summary>
/// Checks a compiled program against the oracle: the primal's, Gradient's and Backward's value
/// equal the dual value bitwise; each Gradient entry equals the dual tangent of its seeded input;
/// Backward, called with nonzero adjoints and an upstream gradient ≠ 1, adds exactly
/// upstream·Jacobian to them; Tangent, along a direction, returns the value bitwise and
/// Jacobian·direction; for a program checked in second order, <see cref="SecondOrderChecker"/>.
/// </summary>
public static class Checker
{
    internal const double Huge = 1e10;

    /// <param name="overflowAllowed">The grammar has the Overflow construct: a program whose values overflow somewhere is checked, not skipped.</param>
    public static Verdict Check(InMemoryAssembly assembly, int slot, ProgramCase c, bool overflowAllowed)
    {
        var primal = Type(assembly, BatchSource.PrimalClass(slot));
        var dual = Type(assembly, BatchSource.DualClass(slot));
        var program = c.Program;
        int inputs = c.Inputs.Length, outputs = c.Upstream.Length;
        var tolerance = Tolerance.For(program.IsFloat);

        // the oracle: one forward run per input (every entry method has a scalar input), seeded with tangent 1 on that input
        var value = new double[outputs];
        var jacobian = new double[outputs, inputs];
        NonFiniteWatch.Seen = false;
        TangentWatch.Reset();
        try
        {
            for (var j = 0; j < inputs; j++)
            {
                double[] t = new double[outputs];
                Invoke(dual, "Tangent", c.Inputs, j, value, t);
                for (var i = 0; i < outputs; i++)
                    jacobian[i, j] = t[i];
            }
        }
        catch (Exception) when (NonFiniteWatch.Seen)
        {
            // Math.Sign of a NaN the program computed, or a guard of the program that throws on a value
            // that is not finite: it throws in the user's own code too
            return new NotFinite();
        }
        catch (Exception e)
        {
            return new Failed("tester: the program throws", e.ToString());
        }
        if (value.Concat(jacobian.Cast<double>()).Any(x => !double.IsFinite(x) || Math.Abs(x) > Huge)
            || TangentWatch.Largest > Huge
            || (!overflowAllowed && NonFiniteWatch.Seen))
            return new NotFinite();
        // The derivatives, and the terms they were summed from: a sum of large terms that cancel is exact only to ε of them.
        var scale = 1 + Math.Max(jacobian.Cast<double>().Select(Math.Abs).DefaultIfEmpty(0).Max(), TangentWatch.Largest);

        try
        {
            var primalValue = new double[outputs];
            Invoke(primal, "Value", c.Inputs, primalValue);
            if (Differs(primalValue, value) is { } primalDiff)
                return new Failed("tester: primal value differs from the dual value", primalDiff);

            if (!program.Entry.IsVectorValued)
            {
                double[] gradientValue = new double[1], gradient = new double[inputs];
                Invoke(primal, "Gradient", c.Inputs, gradientValue, gradient);
                if (Differs(gradientValue, value) is { } valueDiff)
                    return new Failed("Gradient returns a different value", valueDiff);
                var expected = Enumerable.Range(0, inputs).Select(j => jacobian[0, j]).ToArray();
                if (Mismatch(gradient, expected, scale, tolerance) is { } gradientDiff)
                    return new Failed("Gradient differs from the oracle", gradientDiff);
            }

            var backwardValue = new double[outputs];
            var adjoints = (double[])c.Adjoints.Clone();
            Invoke(primal, "Backward", c.Inputs, c.Upstream, backwardValue, adjoints);
            if (Differs(backwardValue, value) is { } backwardValueDiff)
                return new Failed("Backward returns a different value", backwardValueDiff);
            var accumulated = Enumerable.Range(0, inputs)
                .Select(j => c.Adjoints[j] + Enumerable.Range(0, outputs).Sum(i => c.Upstream[i] * jacobian[i, j])).ToArray();
            var backwardScale = scale * (1 + c.Upstream.Sum(Math.Abs)) + c.Adjoints.Select(Math.Abs).DefaultIfEmpty(0).Max();
            if (Mismatch(adjoints, accumulated, backwardScale, tolerance) is { } backwardDiff)
                return new Failed(program.Entry.IsVectorValued ? "vector Backward differs from the oracle" : "Backward does not add upstream·gradient to the adjoints", backwardDiff);

            // forward mode along a direction (the adjoints above, nonzero random numbers): Jacobian·direction
            double[] tangentValue = new double[outputs], tangent = new double[outputs];
            Invoke(primal, "Tangent", c.Inputs, c.Adjoints, tangentValue, tangent);
            if (Differs(tangentValue, value) is { } tangentValueDiff)
                return new Failed("Tangent returns a different value", tangentValueDiff);
            var directional = Enumerable.Range(0, outputs).Select(i => Enumerable.Range(0, inputs).Sum(j => jacobian[i, j] * c.Adjoints[j])).ToArray();
            var tangentScale = scale * (1 + c.Adjoints.Select(Math.Abs).DefaultIfEmpty(0).Sum());
            if (Mismatch(tangent, directional, tangentScale, tolerance) is { } tangentDiff)
                return new Failed("Tangent differs from the oracle", tangentDiff);
        }
        catch (Exception e)
        {
            return new Failed($"generated code throws {e.GetType().Name}", e.ToString());
        }
        return program.SecondOrder ? SecondOrderChecker.Check(primal, Type(assembly, BatchSource.HyperDualClass(slot)), c, value[0], scale, overflowAllowed) : new Passed();
    }

    internal static Type Type(InMemoryAssembly assembly, string name) =>
        assembly.Assembly.GetType($"{BatchSource.Namespace}.{name}") ?? throw new ArgumentException($"no type {name}");

    internal static void Invoke(Type type, string method, params object[] args) =>
        type.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, BindingFlags.DoNotWrapExceptions, null, args, null);

    /// <summary>Null if bitwise equal; otherwise the entries that differ.</summary>
    internal static string? Differs(double[] got, double[] expected)
    {
        var diff = Enumerable.Range(0, got.Length).Where(i => BitConverter.DoubleToInt64Bits(got[i]) != BitConverter.DoubleToInt64Bits(expected[i])).ToList();
        return diff.Count == 0 ? null : string.Join("\n", diff.Select(i => $"[{i}] got {got[i]:R}, oracle {expected[i]:R}"));
    }

    internal static string? Mismatch(double[] got, double[] expected, double scale, Tolerance tolerance)
    {
        var diff = Enumerable.Range(0, got.Length).Where(i => !tolerance.Close(got[i], expected[i], scale)).ToList();
        if (diff.Count == 0)
            return null;
        var text = new StringBuilder();
        foreach (var i in diff)
            text.Append($"[{i}] got {got[i]:R}, oracle {expected[i]:R}\n");
        return text.Append($"(all got: {string.Join(", ", got.Select(g => g.ToString("R")))}; oracle: {string.Join(", ", expected.Select(g => g.ToString("R")))})").ToString();
    }
}
