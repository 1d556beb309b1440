using System.Collections.Generic;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>What the emitter needs to know about the method and the types around it, as plain strings.</summary>
internal sealed class MethodSignature(
    string name,
    IReadOnlyDictionary<string, string> modifiers,
    string returnType,
    NumericType returnNumeric,
    string? namespaceName,
    IReadOnlyList<string> containingTypes,
    string containingTypeMetadataName,
    bool fileScopedNamespace,
    bool vectorLanes = false,
    bool mathAliases = false)
{
    public string Name { get; } = name;

    /// <summary>Per companion name (<c>FGradient</c>, <c>FBackward</c>): accessibility, <c>new</c>/<c>override</c>/… and <c>static</c>, as written before the return type.</summary>
    public IReadOnlyDictionary<string, string> Modifiers { get; } = modifiers;

    public string ReturnType { get; } = returnType;

    public NumericType ReturnNumeric { get; } = returnNumeric;

    public string? Namespace { get; } = namespaceName;

    /// <summary>Outermost first, each as a declaration head: <c>partial class Outer</c>, <c>partial struct Inner&lt;T&gt;</c>.</summary>
    public IReadOnlyList<string> ContainingTypes { get; } = containingTypes;

    public string ContainingTypeMetadataName { get; } = containingTypeMetadataName;

    /// <summary>
    /// Write <c>namespace N;</c> rather than a block around the types (C# 10 and later): one level less of
    /// indentation on every line.
    /// </summary>
    public bool FileScopedNamespace { get; } = fileScopedNamespace;

    /// <summary>
    /// The compilation has what a vectorized loop calls (<c>Vector256.LoadUnsafe</c>, <c>Shuffle</c>, the indexer: .NET 8 or
    /// later) and the language has <c>nuint</c> (C# 9): only then are loops given <c>Vector256</c> bodies
    /// (<see cref="Differentiation.Vectorization"/>); netstandard and .NET Framework users get scalar loops.
    /// </summary>
    public bool VectorLanes { get; } = vectorLanes;

    /// <summary>
    /// No type, namespace or member around the companions is named <c>Math</c> or <c>MathF</c>, so the file may declare
    /// them as aliases in its namespace and write <c>Math.Exp(x)</c>, unless a variable it declares takes the name
    /// (<see cref="SignatureReader"/> checks the first, the builder the second; <see cref="Emit.MathAliases"/> writes).
    /// </summary>
    public bool MathAliases { get; } = mathAliases;
}
