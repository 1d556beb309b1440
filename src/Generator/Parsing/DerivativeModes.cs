using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Model;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>The generator's copy of the runtime's <c>SymbolicDiff.Derivatives</c> flags: which companions a method gets.</summary>
[Flags]
internal enum DerivativeModes
{
    None = 0,
    Reverse = 1,
    Forward = 2,
    Hessian = 4,
}

/// <summary>Reads the <c>Derivatives</c> argument of <c>[Differentiable]</c> (none means Reverse).</summary>
internal static class DerivativeModesReader
{
    private const DerivativeModes All = DerivativeModes.Reverse | DerivativeModes.Forward | DerivativeModes.Hessian;

    /// <summary>
    /// The modes of a method's <c>[Differentiable]</c>, with Reverse added when Hessian is asked for (second
    /// order runs the reverse pass); null, with an error at the attribute, when the value names no mode or
    /// one the method cannot have. <paramref name="explicitly"/> tells whether the attribute had an argument.
    /// </summary>
    public static DerivativeModes? Read(IMethodSymbol method, AttributeData? attribute, List<DiagnosticInfo> diagnostics, out bool explicitly)
    {
        explicitly = attribute is { ConstructorArguments.Length: 1 };
        if (!explicitly || attribute!.ConstructorArguments[0].Value is not int raw)
        {
            return DerivativeModes.Reverse;
        }

        Location? location = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? method.Locations.FirstOrDefault();
        var modes = (DerivativeModes)raw;
        if (modes == DerivativeModes.None || (modes & ~All) != 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidDerivatives, location, method.Name, $"{raw} is not a combination of Derivatives.Reverse, Derivatives.Forward and Derivatives.Hessian"));
            return null;
        }

        if (modes.HasFlag(DerivativeModes.Hessian) && method.ReturnsVoid)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidDerivatives, location, method.Name, "second order (Derivatives.Hessian) is for methods that return a double or float; a vector-valued method has no single Hessian"));
            return null;
        }

        return modes.HasFlag(DerivativeModes.Hessian) ? modes | DerivativeModes.Reverse : modes;
    }

    /// <summary>The modes a [Differentiable] callee gets (Reverse for a method without the attribute's argument).</summary>
    public static DerivativeModes Of(IMethodSymbol callee) => Of(callee, out _);

    /// <param name="explicitly">The attribute names the modes.</param>
    public static DerivativeModes Of(IMethodSymbol method, out bool explicitly)
    {
        AttributeData? attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == Symbols.DifferentiableAttribute);
        explicitly = attribute is { ConstructorArguments.Length: 1 };
        if (!explicitly || attribute!.ConstructorArguments[0].Value is not int raw)
        {
            return DerivativeModes.Reverse;
        }

        var modes = (DerivativeModes)raw;
        return modes.HasFlag(DerivativeModes.Hessian) ? modes | DerivativeModes.Reverse : modes;
    }

    /// <summary>The suffixes of every companion a method gets (<c>Gradient</c>, <c>Backward</c>, …): none unless it is [Differentiable].</summary>
    public static List<string> Companions(IMethodSymbol method)
    {
        if (!Symbols.HasAttribute(method, Symbols.DifferentiableAttribute))
        {
            return [];
        }

        List<string> companions = method.ReturnsVoid ? ["Backward"] : ["Gradient", "Backward"];
        companions.AddRange(MoreCompanions(Of(method, out bool explicitly), explicitly, method.ReturnsVoid));
        return companions;
    }

    /// <summary>
    /// The companions beyond <c>FGradient</c>/<c>FBackward</c> that a method with these modes gets, by suffix: <c>Tangent</c>
    /// (forward mode), <c>Jacobian</c> (a vector-valued method whose modes are named), <c>HessianVectorProduct</c> and <c>Hessian</c>.
    /// </summary>
    public static List<string> MoreCompanions(DerivativeModes modes, bool explicitly, bool returnsVoid)
    {
        List<string> companions = [];
        if (modes.HasFlag(DerivativeModes.Forward))
        {
            companions.Add("Tangent");
        }

        if (explicitly && returnsVoid)
        {
            companions.Add("Jacobian");
        }

        if (modes.HasFlag(DerivativeModes.Hessian))
        {
            companions.AddRange(["HessianVectorProduct", "BackwardTangent", "Hessian"]);
        }

        return companions;
    }
}
