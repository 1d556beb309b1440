using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Parsing;

namespace SymbolicDiff.Generator.CustomDerivatives;

/// <summary>
/// The signature a pullback of a method must have — exactly that of the <c>FBackward</c> the generator
/// would write: the method's parameters, then the seed (for a method that returns a value), then one
/// adjoint per differentiable parameter (<c>ref T</c>, or <c>Span&lt;T&gt;</c> for arrays: an input's is accumulated
/// into, an output's upstream gradient is consumed — the pullback clears the elements it wrote).
/// </summary>
internal static class PullbackSignature
{
    /// <summary>The expected parameter types, as C# spells them (ref types with their <c>ref</c>).</summary>
    public static List<string> Expected(IMethodSymbol method, Compilation compilation) =>
        ExpectedParameters(method, compilation).Select(p => p.Type).ToList();

    /// <summary>The expected parameters, each a type and the name the generated <c>Backward</c> gives it.</summary>
    private static List<(string Type, string Name)> ExpectedParameters(IMethodSymbol method, Compilation compilation)
    {
        List<(string Type, string Name)> parameters = method.Parameters.Select(p => (Spell(p.RefKind, p.Type), p.Name)).ToList();
        if (!method.ReturnsVoid)
        {
            parameters.Add((Spell(RefKind.None, method.ReturnType), "seed"));
        }

        foreach ((IParameterSymbol parameter, CalleeParameter role) in method.Parameters.Zip(Symbols.CalleeParameters(method, compilation), (p, r) => (p, r)))
        {
            string? adjoint = role.Role switch
            {
                ParameterRole.Scalar => "ref " + role.Type,
                ParameterRole.ArrayInput => $"System.Span<{role.Type}>",
                ParameterRole.ArrayOutput => $"System.Span<{role.Type}>",
                _ => null,
            };
            if (adjoint is not null)
            {
                parameters.Add((adjoint, "d" + parameter.Name));
            }
        }

        return parameters;
    }

    /// <summary>The actual parameter types of a candidate pullback, spelled the same way.</summary>
    public static List<string> Actual(IMethodSymbol pullback) => pullback.Parameters.Select(p => Spell(p.RefKind, p.Type)).ToList();

    /// <summary>True when <paramref name="pullback"/> can stand for <c>FBackward</c> of <paramref name="method"/>.</summary>
    public static bool Matches(IMethodSymbol method, IMethodSymbol pullback, Compilation compilation) =>
        Expected(method, compilation).SequenceEqual(Actual(pullback))
        && SymbolEqualityComparer.Default.Equals(method.ReturnType, pullback.ReturnType);

    /// <summary>How a diagnostic shows the expected signature: <c>double FBackward(double x, double seed, ref double dx)</c>.</summary>
    public static string Describe(IMethodSymbol method, Compilation compilation)
    {
        string parameters = string.Join(", ", ExpectedParameters(method, compilation).Select(p => p.Type + " " + p.Name));
        return $"{method.ReturnType.ToDisplayString()} {method.Name}Backward({parameters})";
    }

    private static string Spell(RefKind refKind, ITypeSymbol type)
    {
        string text = type.ToDisplayString();
        return refKind switch
        {
            RefKind.Ref => "ref " + text,
            RefKind.Out => "out " + text,
            RefKind.In => "in " + text,
            _ => text,
        };
    }
}
