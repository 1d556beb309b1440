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
        Expected(method, compilation).SequenceEqual(PullbackSignature.Actual(tangent))
        && SymbolEqualityComparer.Default.Equals(method.ReturnType, tangent.ReturnType);

    private static List<string> Expected(IMethodSymbol method, Compilation compilation)
    {
        List<string> parameters = PullbackSignature.Actual(method);
        List<CalleeParameter> roles = Symbols.CalleeParameters(method, compilation);
        parameters.AddRange(roles.Where(r => r.Role is ParameterRole.Scalar or ParameterRole.ArrayInput)
            .Select(r => r.Role == ParameterRole.Scalar ? r.Type : $"System.ReadOnlySpan<{r.Type}>"));
        parameters.AddRange(roles.Where(r => r.Role == ParameterRole.ArrayOutput).Select(r => $"System.Span<{r.Type}>"));
        if (!method.ReturnsVoid)
        {
            parameters.Add("out " + method.ReturnType.ToDisplayString());
        }

        return parameters;
    }
}
