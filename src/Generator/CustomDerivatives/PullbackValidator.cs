using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Model;

namespace SymbolicDiff.Generator.CustomDerivatives;

/// <summary>
/// Checks each [DerivativeOf] method against the signature its target's Backward would have, and each
/// [TangentOf] method against its target's Tangent (SDIFF0011 at the marked method): a method that does not
/// match is never called, so without this error the call would only say that the derivative is missing.
/// </summary>
internal static class PullbackValidator
{
    public static EquatableArray<DiagnosticInfo> Validate(GeneratorAttributeSyntaxContext context) =>
        Validate(context, "[DerivativeOf]", "the pullback's", PullbackSignature.Matches, PullbackSignature.Describe);

    public static EquatableArray<DiagnosticInfo> ValidateTangent(GeneratorAttributeSyntaxContext context) =>
        Validate(context, "[TangentOf]", "the tangent's", TangentSignature.Matches, TangentSignature.Describe);

    /// <param name="companion">Whose signature it must have, for the message ("the pullback's").</param>
    private static EquatableArray<DiagnosticInfo> Validate(
        GeneratorAttributeSyntaxContext context,
        string attributeName,
        string companion,
        System.Func<IMethodSymbol, IMethodSymbol, Compilation, bool> matches,
        System.Func<IMethodSymbol, Compilation, string> describe)
    {
        var marked = (IMethodSymbol)context.TargetSymbol;
        Compilation compilation = context.SemanticModel.Compilation;
        List<DiagnosticInfo> diagnostics = [];
        foreach (AttributeData attribute in context.Attributes)
        {
            List<IMethodSymbol> targets = CustomDerivativeIndex.Targets(attribute).ToList();
            string named = CustomDerivativeIndex.Named(attribute) is (INamedTypeSymbol type, string name) ? $"{type.ToDisplayString()}.{name}" : "?";
            if (targets.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.PullbackSignature, marked.Locations.FirstOrDefault(), marked.Name, attributeName, named, "no method of that name exists"));
            }
            else if (!targets.Any(t => matches(t, marked, compilation)))
            {
                string expected = string.Join(" or ", targets.Select(t => describe(t, compilation)));
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.PullbackSignature, marked.Locations.FirstOrDefault(), marked.Name, attributeName, named, $"its signature is not {companion}; expected: " + expected));
            }
        }

        return diagnostics.ToEquatableArray();
    }
}
