using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Model;

namespace SymbolicDiff.Generator.CustomDerivatives;

/// <summary>Checks each [DerivativeOf] method against the signature its target's Backward would have.</summary>
internal static class PullbackValidator
{
    public static EquatableArray<DiagnosticInfo> Validate(GeneratorAttributeSyntaxContext context)
    {
        var pullback = (IMethodSymbol)context.TargetSymbol;
        Compilation compilation = context.SemanticModel.Compilation;
        List<DiagnosticInfo> diagnostics = [];
        foreach (AttributeData attribute in context.Attributes)
        {
            List<IMethodSymbol> targets = CustomDerivativeIndex.Targets(attribute).ToList();
            string named = CustomDerivativeIndex.Named(attribute) is (INamedTypeSymbol type, string name) ? $"{type.ToDisplayString()}.{name}" : "?";
            if (targets.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.PullbackSignature, pullback.Locations.FirstOrDefault(), pullback.Name, named, "no method of that name exists"));
            }
            else if (!targets.Any(t => PullbackSignature.Matches(t, pullback, compilation)))
            {
                string expected = string.Join(" or ", targets.Select(t => PullbackSignature.Describe(t, compilation)));
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.PullbackSignature, pullback.Locations.FirstOrDefault(), pullback.Name, named, "its signature is not the pullback's; expected: " + expected));
            }
        }

        return diagnostics.ToEquatableArray();
    }
}
