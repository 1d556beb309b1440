using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Model;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>Checks that a [Differentiable] method can get companions at all, and reads what the emitter needs.</summary>
internal static class SignatureReader
{
    public static MethodSignature? Read(IMethodSymbol method, Compilation compilation, List<DiagnosticInfo> diagnostics)
    {
        int errors = diagnostics.Count;
        string display = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);

        List<INamedTypeSymbol> types = [];
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            types.Insert(0, type);
            if (!IsPartial(type))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.NotPartial, type.Locations.FirstOrDefault(), type.Name, method.Name));
            }
        }

        if (method.ExplicitInterfaceImplementations.Length > 0)
        {
            // Its name (I.F) cannot be extended to I.FGradient, and I declares no companions to implement.
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethod, method.Locations.FirstOrDefault(), display, "an explicit interface implementation cannot get companions; implement the interface member by calling a [Differentiable] method of the type"));
        }

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethod, method.Locations.FirstOrDefault(), display, "generic methods are not supported"));
        }

        NumericType returnNumeric = Symbols.Numeric(method.ReturnType);
        if ((returnNumeric == NumericType.None && !method.ReturnsVoid) || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            Location? location = (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax)?.ReturnType.GetLocation();
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedReturnType, location, display, method.ReturnType.ToDisplayString()));
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    Descriptors.UnsupportedParameter, parameter.Locations.FirstOrDefault(), parameter.Name, display, "ref, out and in parameters are not supported"));
            }
            else if (parameter.Type is IArrayTypeSymbol && Symbols.ElementType(parameter.Type) is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    Descriptors.UnsupportedParameter, parameter.Locations.FirstOrDefault(), parameter.Name, display, "only one-dimensional arrays are supported"));
            }
        }

        if (diagnostics.Count > errors || CompanionDeclarations.Read(method, compilation, diagnostics) is not { } inheritance)
        {
            return null;
        }

        INamedTypeSymbol containing = method.ContainingType!;
        return new MethodSignature(
            method.Name,
            inheritance.ToDictionary(c => c.Key, c => Modifiers(method, c.Value)),
            Symbols.TypeText(method.ReturnType),
            returnNumeric,
            containing.ContainingNamespace.IsGlobalNamespace ? null : containing.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", ""),
            types.Select(DeclarationHead).ToList(),
            containing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", ""),
            AllowsFileScopedNamespace(method),
            HasVectorLanes(method, compilation));
    }

    /// <summary>
    /// <c>Vector256.Create(ReadOnlySpan&lt;T&gt;)</c> came with .NET 8, with the <c>LoadUnsafe</c>, <c>Shuffle</c> and
    /// <c>IsHardwareAccelerated</c> the vector loops use (.NET 7): its presence stands for all of them; and C# 9 for <c>nuint</c>.
    /// </summary>
    private static bool HasVectorLanes(IMethodSymbol method, Compilation compilation) =>
        method.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp9 }
        && compilation.GetTypeByMetadataName("System.Runtime.Intrinsics.Vector256") is { } vector
        && vector.GetMembers("Create").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 1 && m.Parameters[0].Type.Name == "ReadOnlySpan")
        && vector.GetMembers("LoadUnsafe").Length > 0 && vector.GetMembers("StoreUnsafe").Length > 0 && vector.GetMembers("Shuffle").Length > 0
        && compilation.GetTypeByMetadataName("System.Runtime.InteropServices.MemoryMarshal") is { } marshal && marshal.GetMembers("GetArrayDataReference").Length > 0;

    /// <summary>C# 10 or later (the generated file is parsed with the project's options, those of the method's file).</summary>
    private static bool AllowsFileScopedNamespace(IMethodSymbol method) =>
        method.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp10 };

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string DeclarationHead(INamedTypeSymbol type)
    {
        string keyword = (type.IsRecord, type.TypeKind) switch
        {
            (true, TypeKind.Struct) => "record struct",
            (true, _) => "record",
            (false, TypeKind.Struct) => "struct",
            (false, TypeKind.Interface) => "interface",
            _ => "class",
        };
        string typeParameters = type.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", type.TypeParameters.Select(p => Symbols.Identifier(p.Name))) + ">";
        return $"partial {keyword} {Symbols.Identifier(type.Name)}{typeParameters}";
    }

    /// <summary>Accessibility, then the companion's inheritance modifiers (<c>new</c>, <c>override</c>, …), then static or readonly.</summary>
    private static string Modifiers(IMethodSymbol method, string inheritance)
    {
        string access = method.DeclaredAccessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };
        string modifiers = inheritance.Length > 0 ? access + " " + inheritance : access;
        return method.IsStatic ? modifiers + " static" : method.IsReadOnly ? modifiers + " readonly" : modifiers;
    }
}
