using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Parsing;

namespace SymbolicDiff.Generator.CustomDerivatives;

/// <summary>
/// The signature a hand-written tangent ([TangentOf]) of a method must have — exactly that of the
/// <c>FTangent</c> the generator would write: the method's parameters, one tangent per differentiable
/// input (<c>T</c>, or <c>ReadOnlySpan&lt;T&gt;</c> for arrays), the outputs' tangent spans, then
/// <c>out T tangent</c> for a method that returns a value.
/// </summary>
internal static class TangentSignature
{
    public static bool Matches(IMethodSymbol method, IMethodSymbol tangent, Compilation compilation) =>
        Expected(method, compilation).Select(p => p.Type).SequenceEqual(PullbackSignature.Actual(tangent))
        && SymbolEqualityComparer.Default.Equals(method.ReturnType, tangent.ReturnType);

    /// <summary>How a diagnostic shows the expected signature: <c>double FTangent(double x, double tx, out double tangent)</c>.</summary>
    public static string Describe(IMethodSymbol method, Compilation compilation)
    {
        string parameters = string.Join(", ", Expected(method, compilation).Select(p => p.Type + " " + p.Name));
        return $"{method.ReturnType.ToDisplayString()} {method.Name}Tangent({parameters})";
    }

    /// <summary>The expected parameters, each a type (as <see cref="PullbackSignature.Actual"/> spells it) and the name the generated <c>Tangent</c> gives it.</summary>
    private static List<(string Type, string Name)> Expected(IMethodSymbol method, Compilation compilation)
    {
        List<(string Type, string Name)> parameters = method.Parameters.Zip(PullbackSignature.Actual(method), (p, type) => (type, p.Name)).ToList();
        List<(CalleeParameter Role, string Name)> roles = Symbols.CalleeParameters(method, compilation).Zip(method.Parameters, (r, p) => (r, "t" + p.Name)).ToList();
        parameters.AddRange(roles.Where(r => r.Role.Role is ParameterRole.Scalar or ParameterRole.ArrayInput)
            .Select(r => (r.Role.Role == ParameterRole.Scalar ? r.Role.Type : $"System.ReadOnlySpan<{r.Role.Type}>", r.Name)));
        parameters.AddRange(roles.Where(r => r.Role.Role == ParameterRole.ArrayOutput).Select(r => ($"System.Span<{r.Role.Type}>", r.Name)));
        if (!method.ReturnsVoid)
        {
            parameters.Add(("out " + method.ReturnType.ToDisplayString(), "tangent"));
        }

        return parameters;
    }
}
