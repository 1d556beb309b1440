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

        if (Symbols.IsExtensionBlock(method.ContainingType))
        {
            // The block is a type without a name, so there is nothing to declare companions in; its implementation
            // methods are the class's, but a companion there would not be called as the member is (y.CubedGradient()).
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethod, method.Locations.FirstOrDefault(), display,
                "a member of an extension block (C# 14) cannot get companions; declare it as an extension method of the static class, "
                + "static double F(this double x), whose companions are static methods beside it"));
            return null;
        }

        List<INamedTypeSymbol> types = [];
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            types.Insert(0, type);
            if (IsFileLocal(type))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethod, method.Locations.FirstOrDefault(), display,
                    $"'{type.Name}' is a file-local type (declared file), and the generated file's partial declaration would declare another type; make it internal"));
                return null;
            }

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

        if (method.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp8 } older)
        {
            // The generated file opens with a #nullable directive (C# 8), and the tests hold its code to C# 8, not less.
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedMethod, method.Locations.FirstOrDefault(), display,
                $"the project compiles C# {older.LanguageVersion.ToDisplayString()} and the generated code needs C# 8 or later; set <LangVersion> to 8.0 or later (net8.0's default is 12)"));
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
            else if (parameter.Type is IArrayTypeSymbol { Rank: > 1, ElementType: var element } && Symbols.Numeric(element) != NumericType.None
                && !Symbols.HasAttribute(parameter, Symbols.NoDiffAttribute))
            {
                // A double[,] would otherwise be a constant without a word: its gradient is not computed. Data (int[,], or
                // marked [NoDiff]) is a constant like any other.
                diagnostics.Add(DiagnosticInfo.Create(
                    Descriptors.UnsupportedParameter, parameter.Locations.FirstOrDefault(), parameter.Name, display,
                    "only one-dimensional arrays are differentiated; flatten it (a[i * columns + j]), or mark it [NoDiff] if it is constant data"));
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
            HasVectorLanes(method, compilation),
            MathNamesAreFree(method, compilation));
    }

    /// <summary>
    /// Whether the companions may call <c>Math</c> and <c>MathF</c> through aliases their file declares in the method's
    /// namespace (<see cref="Emit.MathAliases"/>). A simple name is looked up in the types around the method (with their
    /// bases and type parameters), then in the namespace's own members, and only then in the usings of that namespace's
    /// declaration, where the aliases are; the user's usings come later still (or, in the global namespace, beside the
    /// aliases), so nothing else can take the names. A namesake found first would win over the alias (or, in the
    /// namespace, clash with it); so would a local or parameter of the method, which the companions declare again (the
    /// builder checks those, <see cref="Emit.NameAllocator.HandedOut"/>, and the method's text is in the fingerprint).
    /// In the global namespace the aliases sit beside the project's global usings, and an alias of the same name there
    /// would be declared twice: what the name binds to in the method's own file shows whether there is one.
    /// </summary>
    private static bool MathNamesAreFree(IMethodSymbol method, Compilation compilation)
    {
        SyntaxReference? declaration = method.DeclaringSyntaxReferences.FirstOrDefault();
        SemanticModel? model = method.ContainingType.ContainingNamespace.IsGlobalNamespace && declaration is not null
            ? compilation.GetSemanticModel(declaration.SyntaxTree) : null;
        foreach (string name in Emit.MathAliases.Names)
        {
            if (model is not null && model.LookupNamespacesAndTypes(declaration!.Span.Start, name: name).Any(symbol => symbol is IAliasSymbol))
            {
                return false;
            }

            if (method.ContainingType.ContainingNamespace.GetMembers(name).Any())
            {
                return false;
            }

            for (INamedTypeSymbol? scope = method.ContainingType; scope is not null; scope = scope.ContainingType)
            {
                if (scope.TypeParameters.Any(p => p.Name == name)
                    || scope.AllInterfaces.Any(i => !i.GetMembers(name).IsEmpty))
                {
                    return false;
                }

                for (INamedTypeSymbol? type = scope; type is not null; type = type.BaseType)
                {
                    if (!type.GetMembers(name).IsEmpty)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
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

    /// <summary>
    /// A type declared <c>file</c> (C# 11): visible in its own file only, so a partial declaration in another file declares
    /// a type of its own. Read from the modifiers' text: the Roslyn this generator is built against (4.3) predates the keyword.
    /// </summary>
    private static bool IsFileLocal(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is BaseTypeDeclarationSyntax t && t.Modifiers.Any(m => m.ValueText == "file"));

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
