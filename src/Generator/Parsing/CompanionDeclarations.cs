using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.CustomDerivatives;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Model;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// How the companions <c>FGradient</c> and <c>FBackward</c> sit among the members around them: an error
/// when the user already declared one of that name and parameters, and the inheritance modifiers that
/// make them follow <c>F</c> — <c>virtual</c>/<c>override</c> as <c>F</c> is (so a call through the base
/// type differentiates the method that runs), <c>new</c> when they hide an inherited member.
/// </summary>
internal static class CompanionDeclarations
{
    /// <summary>A companion: its name, and its parameter types as overload resolution compares them.</summary>
    private sealed record Companion(string Name, List<string> Parameters);

    /// <summary>
    /// The modifiers each companion adds before its return type (<c>"override"</c>, <c>"new"</c>, …), keyed
    /// by companion name; null, with an error reported, when a member the user declared takes a companion's place.
    /// </summary>
    public static Dictionary<string, string>? Read(IMethodSymbol method, Compilation compilation, List<DiagnosticInfo> diagnostics)
    {
        List<Companion> companions = Companions(method, compilation);
        int errors = diagnostics.Count;
        foreach (Companion companion in companions)
        {
            foreach (ISymbol member in method.ContainingType.GetMembers(companion.Name).Where(m => Collides(m, companion)))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.CompanionNameTaken, member.Locations.FirstOrDefault(), member.Name, method.Name));
            }
        }

        if (diagnostics.Count > errors)
        {
            return null;
        }

        string inheritance = OverridesCompanions(method) is not null
            ? (method.IsSealed ? "sealed override" : "override")
            : method.IsVirtual || method.IsOverride && !method.IsSealed ? "virtual" : "";
        return companions.ToDictionary(
            c => c.Name,
            c => inheritance.StartsWith("sealed") || inheritance == "override" ? inheritance
                : HidesInherited(method, c, compilation) ? ("new " + inheritance).Trim()
                : inheritance);
    }

    private static List<Companion> Companions(IMethodSymbol method, Compilation compilation)
    {
        List<string> backward = PullbackSignature.Expected(method, compilation).Select(ByRefOrValue).ToList();
        List<Companion> companions = [new(method.Name + "Backward", backward)];
        if (!method.ReturnsVoid)
        {
            // Gradient: Backward's parameters without the seed; its out adjoints look like Backward's ref ones to overloading.
            companions.Insert(0, new(method.Name + "Gradient", backward.Where((_, i) => i != method.Parameters.Length).ToList()));
        }

        return companions;
    }

    /// <summary>A method cannot be overloaded on ref versus out: both read as "by reference".</summary>
    private static string ByRefOrValue(string parameterType) =>
        parameterType.StartsWith("ref ") || parameterType.StartsWith("out ") || parameterType.StartsWith("in ")
            ? "&" + parameterType.Substring(parameterType.IndexOf(' ') + 1)
            : parameterType;

    private static bool Collides(ISymbol member, Companion companion) =>
        member is not IMethodSymbol other
        || (other.TypeParameters.Length == 0 && PullbackSignature.Actual(other).Select(ByRefOrValue).SequenceEqual(companion.Parameters));

    /// <summary>The method whose companions this method's companions override: the overridden one, when it gets companions.</summary>
    public static IMethodSymbol? OverridesCompanions(IMethodSymbol method) =>
        method.IsOverride && WillHaveCompanions(method.OverriddenMethod) ? method.OverriddenMethod : null;

    /// <summary>True when the overridden method gets companions of its own: it is [Differentiable] and has a body.</summary>
    private static bool WillHaveCompanions(IMethodSymbol? overridden) =>
        overridden is { IsAbstract: false, IsExtern: false } && Symbols.HasAttribute(overridden, Symbols.DifferentiableAttribute);

    /// <summary>
    /// Whether a base type has an accessible member the companion would hide: one the user declared with
    /// its name and parameters, or the same companion generated for a [Differentiable] method there.
    /// </summary>
    private static bool HidesInherited(IMethodSymbol method, Companion companion, Compilation compilation)
    {
        // Members are looked up by name before their accessibility is asked: IsSymbolAccessibleWithin searches the
        // compilation's references for the member's assembly, and every base type ends in object, a metadata type.
        bool Accessible(ISymbol member) => compilation.IsSymbolAccessibleWithin(member, method.ContainingType);
        for (INamedTypeSymbol? type = method.ContainingType.BaseType; type is not null; type = type.BaseType)
        {
            if (type.GetMembers(companion.Name).Any(m => Collides(m, companion) && Accessible(m))
                || type.GetMembers(method.Name).OfType<IMethodSymbol>().Any(m => WillHaveCompanions(m) && Accessible(m)
                    && Companions(m, compilation).Any(c => c.Name == companion.Name && c.Parameters.SequenceEqual(companion.Parameters))))
            {
                return true;
            }
        }

        return false;
    }
}
