using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using SymbolicDiff.Generator.CustomDerivatives;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Model;
using SymbolicDiff.Generator.Parsing;

namespace SymbolicDiff.Generator.Incremental;

/// <summary>
/// Everything a method's companions and diagnostics depend on, written out and hashed: the method's text
/// and its file, what the signature reader makes of it and the types
/// around it, and for every operation of the bound body its kind, type, constant and the declarations of
/// the symbols it uses — a callee's signature, attributes, the spans it writes and its [DerivativeOf]
/// pullback, a field's constant value; the body of a callee the parser inlines. A change elsewhere in the project that touches none of these
/// (another method's body, a new file) leaves the fingerprint, and so the generated code, as it was; a
/// callee whose signature or differentiability changes changes the fingerprint of each of its callers, and so
/// does an edit of the body of a callee they inline.
/// </summary>
internal sealed class MethodFingerprint
{
    private static readonly SymbolDisplayFormat Declaration = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType
            | SymbolDisplayMemberOptions.IncludeModifiers | SymbolDisplayMemberOptions.IncludeAccessibility | SymbolDisplayMemberOptions.IncludeRef
            | SymbolDisplayMemberOptions.IncludeConstantValue | SymbolDisplayMemberOptions.IncludeExplicitInterface)
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeParamsRefOut
            | SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeExtensionThis)
        .WithKindOptions(SymbolDisplayKindOptions.IncludeMemberKeyword | SymbolDisplayKindOptions.IncludeTypeKeyword);

    private readonly Compilation compilation;
    private readonly IMethodSymbol method;
    private readonly StringBuilder text = SpareText.Rent();
    private readonly Dictionary<ISymbol, bool> described = new(64, SymbolEqualityComparer.IncludeNullability); // a method of 20 statements describes about 40
    private readonly Dictionary<ITypeSymbol, string> typeNames = new(SymbolEqualityComparer.IncludeNullability);
    private readonly HashSet<IMethodSymbol> inlined = new(SymbolEqualityComparer.Default);
    private readonly HashSet<SyntaxTree> readFrom = [];

    /// <summary>What the signature reader made of the method (the expensive step uses it again).</summary>
    public MethodSignature? Signature { get; private set; }

    /// <summary>Its errors, and those of the attribute's modes.</summary>
    public List<DiagnosticInfo> Diagnostics { get; } = [];

    /// <summary>The companions <c>[Differentiable]</c> asks for (null: an error in <see cref="Diagnostics"/>), and whether it names them.</summary>
    public DerivativeModes? Modes { get; private set; }

    public bool ModesNamed { get; private set; }

    /// <summary>
    /// Whether the method shows a sign of code the compiler rejects: an operation of the body or of a body it inlines
    /// (<see cref="ShowsError"/>), an error in its declaration (<see cref="HasDeclarationError"/>), a method declared twice. Then the expensive
    /// step asks the compiler before it writes anything.
    /// </summary>
    public bool CompilerMayReject { get; private set; }

    /// <summary>
    /// The files whose text the fingerprint depends on: the method's own, those declaring a symbol it describes (a
    /// callee's body gives its written spans and, for one expression, its inlined gates), and those the written spans
    /// were read from. An edit elsewhere that leaves every file's declarations as they were cannot change it (<see cref="ReadCache"/>).
    /// </summary>
    public SyntaxTree[] ReadFrom => [.. readFrom];

    /// <summary>A syntax error in the method or in the heads around it (<see cref="HasSyntaxError"/>; part of the fingerprint): the method is left to the compiler.</summary>
    public bool SyntaxError { get; private set; }

    /// <summary>The hash of everything written out.</summary>
    public string Hash { get; private set; } = "";

    private MethodFingerprint(Compilation compilation, IMethodSymbol method)
    {
        this.compilation = compilation;
        this.method = method;
    }

    /// <param name="syntax">The declaration with the body (the implementation half of a partial method).</param>
    /// <param name="attributed">The declaration that carries [Differentiable], if another.</param>
    /// <param name="body">The bound body; null if the method has none.</param>
    /// <param name="attribute">The method's <c>[Differentiable]</c>.</param>
    public static MethodFingerprint Compute(Compilation compilation, IMethodSymbol method, SyntaxNode syntax, SyntaxNode attributed, AttributeData? attribute, IOperation? body, CancellationToken cancellationToken)
    {
        var fingerprint = new MethodFingerprint(compilation, method);

        // Asked first, with the model that bound the body: the signature reader and Describe ask for the method's
        // written spans too, and an answer found without it binds the body a second time.
        HashSet<string> written = Symbols.WrittenParameters(method, compilation, body?.SemanticModel);
        fingerprint.readFrom.Add(syntax.SyntaxTree);
        fingerprint.readFrom.Add(attributed.SyntaxTree);
        fingerprint.AddSyntax(syntax, withPosition: false);
        fingerprint.SyntaxError = HasSyntaxError(syntax);
        fingerprint.text.Append("syntax error ").Append(fingerprint.SyntaxError).AppendLine(); // from the heads around the method too
        // Not a syntax error of the method, but the compiler reports an unclosed type or namespace at its end, which can be
        // the method's: whether the compiler rejects the method (CompanionBuilder.CompilerRejects) depends on it.
        fingerprint.text.Append("unclosed ").Append(syntax.Ancestors().Any(IsUnclosed)).AppendLine();
        if (attributed != syntax)
        {
            // The declaring half of a partial method: diagnostics are moved with the half that has the body only.
            fingerprint.AddSyntax(attributed, withPosition: true);
        }

        // Project settings that change what the same text means (checked arithmetic, the language version).
        fingerprint.text.Append(compilation.Options.CheckOverflow).Append(' ').Append(syntax.SyntaxTree.Options.Kind).Append(' ')
            .Append((syntax.SyntaxTree.Options as Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)?.LanguageVersion).AppendLine();
        fingerprint.AddModes(attribute);
        if (fingerprint.Modes is not null)
        {
            // Wrong modes are reported alone, before the signature is read.
            fingerprint.AddSignature();
        }

        fingerprint.AddNamesakes();
        if (body?.SemanticModel is { } model && MayHaveDeclarationError(method, syntax) && HasDeclarationError(model, syntax, cancellationToken))
        {
            // The companions repeat the method's declaration (its modifiers, its parameters), and so its errors: an
            // instance method of a static class, a private override, virtual in a struct or a sealed class.
            fingerprint.MayBeRejected();
        }

        fingerprint.Describe(method);
        fingerprint.text.Append("writes ").Append(string.Join(",", written.OrderBy(n => n))).AppendLine();
        fingerprint.readFrom.UnionWith(Symbols.WrittenParametersReadFrom(method, compilation));
        if (body is not null)
        {
            foreach (IOperation operation in body.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                fingerprint.AddOperation(operation);
            }
        }

        fingerprint.Hash = Hex(HashOf(fingerprint.text));
        SpareText.Return(fingerprint.text);
        return fingerprint;
    }

    /// <summary>
    /// SHA-256 of the text's UTF-8, read from the builder a block at a time: the text (tens of KB a method, on every
    /// edit) is not copied whole into a string and then into bytes. The encoder keeps a surrogate pair that a block
    /// boundary splits, so the bytes are those of the whole string.
    /// </summary>
    internal static byte[] HashOf(StringBuilder text)
    {
        Hashing state = hashing ??= new Hashing();
        state.Encoder.Reset();
        for (int start = 0; start < text.Length; start += state.Chars.Length)
        {
            int count = System.Math.Min(state.Chars.Length, text.Length - start);
            text.CopyTo(start, state.Chars, 0, count);
            int bytes = state.Encoder.GetBytes(state.Chars, 0, count, state.Bytes, 0, flush: start + count == text.Length);
            state.Sha.TransformBlock(state.Bytes, 0, bytes, null, 0);
        }

        state.Sha.TransformFinalBlock(state.Bytes, 0, 0);
        return state.Sha.Hash!;
    }

    /// <summary>
    /// A hasher and its buffers per thread, kept: creating a hasher for every method was a twelfth of the fingerprint's
    /// time, and the step runs for every method on every edit. (A hasher is not safe to share between threads; the
    /// driver may run methods in parallel.)
    /// </summary>
    [System.ThreadStatic]
    private static Hashing? hashing;

    private sealed class Hashing
    {
        public SHA256 Sha { get; } = SHA256.Create();

        public Encoder Encoder { get; } = Encoding.UTF8.GetEncoder();

        public char[] Chars { get; } = new char[4096];

        public byte[] Bytes { get; } = new byte[Encoding.UTF8.GetMaxByteCount(4096)];
    }

    /// <summary>Lowercase hex, two digits a byte.</summary>
    internal static string Hex(byte[] bytes)
    {
        const string digits = "0123456789abcdef";
        var hex = new char[bytes.Length * 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            hex[2 * i] = digits[bytes[i] >> 4];
            hex[2 * i + 1] = digits[bytes[i] & 15];
        }

        return new string(hex);
    }

    /// <summary>
    /// The text with its trivia (doc comments are copied) and the file; not where in the file, unless asked:
    /// diagnostics are moved with the method (see <see cref="MethodPosition"/>).
    /// </summary>
    private void AddSyntax(SyntaxNode syntax, bool withPosition)
    {
        text.Append(syntax.SyntaxTree.FilePath);
        if (withPosition)
        {
            text.Append(' ').Append(syntax.FullSpan.Start).Append(' ').Append(syntax.GetLocation().GetLineSpan().StartLinePosition);
        }

        text.AppendLine().AppendLine(syntax.ToFullString());
    }

    /// <summary>What the signature reader makes of the method and its containing types: modifiers, heads, errors.</summary>
    private void AddSignature()
    {
        int first = Diagnostics.Count;
        MethodSignature? signature = Signature = SignatureReader.Read(method, compilation, Diagnostics);
        if (signature is not null)
        {
            text.Append(signature.Name).Append('|').Append(signature.ReturnType).Append('|').Append(signature.ReturnNumeric)
                .Append('|').Append(signature.Namespace).Append('|').Append(signature.ContainingTypeMetadataName)
                .Append('|').Append(string.Join(";", signature.ContainingTypes))
                .Append('|').Append(string.Join(";", signature.Modifiers.OrderBy(m => m.Key).Select(m => m.Key + "=" + m.Value)))
                .Append('|').Append(signature.VectorLanes ? "vector lanes" : "scalar") // the target framework decides which loops are vectorized
                .Append('|').Append(signature.MathAliases ? "Math aliases" : "Math in full").AppendLine(); // a namesake declared elsewhere decides
        }

        foreach (DiagnosticInfo diagnostic in Diagnostics.Skip(first))
        {
            text.Append(diagnostic.Descriptor.Id).Append(' ').Append(diagnostic.Location).Append(' ').Append(string.Join("|", diagnostic.Arguments)).AppendLine();
        }
    }

    /// <summary>The modes the attribute asks for; checked before the signature, as the expensive step reports them first.</summary>
    private void AddModes(AttributeData? attribute)
    {
        Modes = DerivativeModesReader.Read(method, attribute, Diagnostics, out bool named);
        ModesNamed = named;
        text.Append("modes ").Append(Modes).Append(' ').Append(named);
        foreach (DiagnosticInfo diagnostic in Diagnostics)
        {
            text.Append(' ').Append(diagnostic.Descriptor.Id).Append(' ').Append(diagnostic.Location).Append(' ').Append(string.Join("|", diagnostic.Arguments));
        }

        text.AppendLine();
    }

    /// <summary>
    /// Members of the type and its base types whose names start with the method's: a companion's name taken by one
    /// (FTangent, FHessian, …) is an error, one inherited makes the companion <c>new</c> or <c>override</c>.
    /// </summary>
    private void AddNamesakes()
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.BaseType)
        {
            foreach (ISymbol member in type.GetMembers().Where(m => m.Name.StartsWith(method.Name, System.StringComparison.Ordinal)))
            {
                Describe(member);
                if (type.Equals(method.ContainingType, SymbolEqualityComparer.Default) && IsDuplicate(member))
                {
                    MayBeRejected(); // declared twice: so would its companions be
                }
            }
        }
    }

    /// <summary>Another method of the same name and parameters (the compiler rejects both; the other half of a partial method is not another).</summary>
    private bool IsDuplicate(ISymbol member) =>
        member is IMethodSymbol other && other.Name == method.Name && other.Parameters.Length == method.Parameters.Length
        && !other.Equals(method, SymbolEqualityComparer.Default) && !method.Equals(other.PartialImplementationPart, SymbolEqualityComparer.Default)
        && !other.Equals(method.PartialDefinitionPart, SymbolEqualityComparer.Default)
        && other.Parameters.Zip(method.Parameters, (a, b) => a.RefKind == b.RefKind && a.Type.Equals(b.Type, SymbolEqualityComparer.Default)).All(same => same);

    private void AddOperation(IOperation operation)
    {
        if (ShowsError(operation))
        {
            MayBeRejected();
        }

        // The kind's number: an enum would be boxed, for every operation.
        text.Append((int)operation.Kind).Append(' ').Append(operation.Type is null ? "" : TypeName(operation.Type));
        if (operation.ConstantValue.HasValue)
        {
            text.Append(" = ").Append(operation.ConstantValue.Value?.ToString() ?? "null");
        }

        text.AppendLine();
        DescribeReferenced(operation);

        if (operation is IInvocationOperation invocation)
        {
            DescribeInlined(invocation.TargetMethod);
        }
        else if (operation is IConversionOperation conversion)
        {
            text.Append("conversion ").Append(conversion.Conversion.Exists).Append(conversion.Conversion.IsImplicit).Append(conversion.Conversion.IsNumeric)
                .Append(conversion.Conversion.IsUserDefined).Append(conversion.IsChecked).AppendLine();
        }
        else if (operation is ISwitchExpressionOperation)
        {
            // Whether a switch expression with no match can throw SwitchExpressionException depends on the references.
            text.Append(compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.SwitchExpressionException") is null).AppendLine();
        }
    }

    /// <summary>
    /// A syntax error in the method, or in the head of a type or namespace around it (a name being typed, a base list cut
    /// short): the companions repeat those heads, so they would repeat the error. Free to see: a tree without errors
    /// says so on its root. (The compiler's errors for the method's span do not cover the heads around it.)
    /// </summary>
    private static bool HasSyntaxError(SyntaxNode syntax)
    {
        if (!syntax.SyntaxTree.GetRoot().ContainsDiagnostics)
        {
            return false;
        }

        static bool IsError(SyntaxNodeOrToken part) => part.ContainsDiagnostics && part.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        return IsError(syntax) || syntax.Ancestors().Any(ancestor => ancestor is BaseTypeDeclarationSyntax or BaseNamespaceDeclarationSyntax
            && ancestor.ChildNodesAndTokens().Any(part => !part.IsKind(SyntaxKind.CloseBraceToken) && part.AsNode() is not MemberDeclarationSyntax && IsError(part)));
    }

    /// <summary>
    /// Whether the declaration has what the compiler checks against the method's type and bases: it is an instance
    /// method, or has a modifier beyond public, internal, private, static and partial (virtual, override, sealed, new,
    /// protected, readonly, extern, …), or its signature names a type that is not found. A plain static method, most
    /// of numerical code, has no declaration error the companions would repeat, and skips the question (about a tenth
    /// of a millisecond a method).
    /// </summary>
    private static bool MayHaveDeclarationError(IMethodSymbol method, SyntaxNode syntax) =>
        !method.IsStatic
        || IsOrHasErrorType(method.ReturnType) || method.Parameters.Any(p => IsOrHasErrorType(p.Type))
        || (syntax is MethodDeclarationSyntax declaration && declaration.Modifiers.Any(modifier => !IsPlainModifier(modifier)));

    private static bool IsPlainModifier(SyntaxToken modifier) =>
        modifier.IsKind(SyntaxKind.PublicKeyword) || modifier.IsKind(SyntaxKind.InternalKeyword) || modifier.IsKind(SyntaxKind.PrivateKeyword)
        || modifier.IsKind(SyntaxKind.StaticKeyword) || modifier.IsKind(SyntaxKind.PartialKeyword);

    /// <summary>A type the compiler could not find, or one built from such (<c>ReadOnlySpan&lt;doubledouble&gt;</c>, whose <c>Length</c> binds).</summary>
    private static bool IsOrHasErrorType(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => IsOrHasErrorType(array.ElementType),
        INamedTypeSymbol { IsGenericType: true } generic => generic.TypeArguments.Any(IsOrHasErrorType),
        _ => false,
    };

    /// <summary>
    /// An error the compiler reports on the method's declaration rather than its body. The compiler checks declarations
    /// once per compilation (and its own diagnostics reuse the result), but every question about them filters all of
    /// a file's: asked for each method it was a sixth of a fresh run, so the errors' places are kept per file.
    /// </summary>
    private static bool HasDeclarationError(SemanticModel model, SyntaxNode syntax, CancellationToken cancellationToken)
    {
        ConcurrentDictionary<SyntaxTree, TextSpan[]> byFile = DeclarationErrors.GetValue(model.Compilation, static _ => new());
        TextSpan[] errors = byFile.GetOrAdd(syntax.SyntaxTree, _ => model.GetDeclarationDiagnostics(null, cancellationToken)
            .Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Location.SourceSpan).ToArray());
        return errors.Any(error => syntax.Span.IntersectsWith(error));
    }

    /// <summary>Where each file of a compilation has declaration errors (weak in the compilation: each edit makes a new one).</summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxTree, TextSpan[]>> DeclarationErrors = new();

    private static bool IsUnclosed(SyntaxNode ancestor) => ancestor switch
    {
        BaseTypeDeclarationSyntax type => type.CloseBraceToken.IsMissing,
        NamespaceDeclarationSyntax space => space.CloseBraceToken.IsMissing,
        _ => false,
    };

    private void MayBeRejected()
    {
        if (!CompilerMayReject)
        {
            CompilerMayReject = true;
            text.AppendLine("shows an error");
        }
    }

    /// <summary>
    /// A sign in the bound tree that the compiler rejects the code: an operation it could not bind, a value or a local of
    /// a type it does not know or built from one (<c>List&lt;Foo&gt;</c>, <c>Foo[]</c>), a conversion that does not exist or that is not implicit where none is written, constant
    /// operands without a constant result (an overflow, a division by a constant zero). Binding keeps no errors where
    /// the generator can read them, and asking the compiler for them costs a second binding of every method; a sign is
    /// only a reason to ask, so one that is there in code the compiler accepts costs time, not output.
    /// </summary>
    private static bool ShowsError(IOperation operation) => operation switch
    {
        { Kind: OperationKind.Invalid } => true,
        { Type: { } type } when IsOrHasErrorType(type) => true,
        IVariableDeclaratorOperation { Symbol.Type: var declared } when IsOrHasErrorType(declared) => true,
        IConversionOperation { Conversion: var conversion } => !conversion.Exists || (operation.IsImplicit && !conversion.IsImplicit),
        IBinaryOperation { ConstantValue.HasValue: false, LeftOperand.ConstantValue.HasValue: true, RightOperand.ConstantValue.HasValue: true } => HasConstants(operation.Type),
        IUnaryOperation { ConstantValue.HasValue: false, Operand.ConstantValue.HasValue: true } => HasConstants(operation.Type),
        _ => false,
    };

    /// <summary>Whether C# has constants of the type: bool, char, the numbers and string (not <c>^1</c>'s Index, an operator on a constant that is not one).</summary>
    private static bool HasConstants(ITypeSymbol? type) => type?.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String;

    /// <summary>
    /// The body of a callee the parser inlines (<see cref="InlinableCallee"/>): the caller's gates are made from it,
    /// so an edit of it re-runs the caller; its operations in turn bring in the callees it inlines.
    /// </summary>
    private void DescribeInlined(IMethodSymbol callee)
    {
        if (!inlined.Add(callee) || InlinableCallee.Find(callee, compilation) is not { } body)
        {
            return;
        }

        text.Append("inlined ").AppendLine(body.Text);
        foreach (IOperation operation in body.Operations)
        {
            AddOperation(operation);
        }
    }

    // Most operations are doubles: spelling each type once saves most of the walk's time.
    private string TypeName(ITypeSymbol type)
    {
        if (!typeNames.TryGetValue(type, out string? name))
        {
            name = type.ToDisplayString(Declaration);
            typeNames[type] = name;
        }

        return name;
    }

    /// <summary>Describes the symbols an operation refers to, beyond its type (a switch, not a list of them: this runs for every operation).</summary>
    private void DescribeReferenced(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                Describe(invocation.TargetMethod);
                break;
            case IMemberReferenceOperation member:
                Describe(member.Member);
                break;
            case ILocalReferenceOperation local:
                Describe(local.Local);
                break;
            case IParameterReferenceOperation parameter:
                Describe(parameter.Parameter);
                break;
            case IVariableDeclaratorOperation declarator:
                Describe(declarator.Symbol);
                break;
            case IObjectCreationOperation creation:
                Describe(creation.Constructor);
                break;
            case IBinaryOperation binary:
                Describe(binary.OperatorMethod);
                break;
            case IUnaryOperation unary:
                Describe(unary.OperatorMethod);
                break;
            case IConversionOperation conversion:
                Describe(conversion.OperatorMethod);
                break;
            case ICompoundAssignmentOperation compound:
                Describe(compound.OperatorMethod);
                break;
            case IIncrementOrDecrementOperation increment:
                Describe(increment.OperatorMethod);
                break;
            case IArgumentOperation argument:
                Describe(argument.Parameter);
                break;
            case ITypeOfOperation typeOf:
                Describe(typeOf.TypeOperand);
                break;
            case IDeclarationPatternOperation declaration:
                Describe(declaration.DeclaredSymbol);
                Describe(declaration.MatchedType);
                break;
            case ITypePatternOperation type:
                Describe(type.MatchedType);
                break;
            case ISizeOfOperation size:
                Describe(size.TypeOperand);
                break;
        }
    }

    /// <summary>A symbol's declaration as overload resolution and the parser see it, once per symbol.</summary>
    private void Describe(ISymbol? symbol)
    {
        if (symbol is null || described.ContainsKey(symbol))
        {
            return;
        }

        described[symbol] = true;
        if (symbol is not (IParameterSymbol or ILocalSymbol))
        {
            // (A parameter's or local's file is its method's, described or the method's own. Locations, unlike
            // DeclaringSyntaxReferences, are kept by the symbol rather than made on every call.)
            foreach (Location location in symbol.Locations)
            {
                if (location.SourceTree is { } tree)
                {
                    readFrom.Add(tree);
                }
            }
        }

        text.Append((int)symbol.Kind).Append(' ').Append(symbol.ToDisplayString(Declaration)).Append(' ').Append((int)symbol.DeclaredAccessibility)
            .Append(symbol.IsStatic).Append(symbol.IsVirtual).Append(symbol.IsOverride).Append(symbol.IsAbstract).Append(symbol.IsSealed).Append(symbol.IsExtern);
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            text.Append(" [").Append(attribute).Append(']');
        }

        text.AppendLine();
        switch (symbol)
        {
            case IMethodSymbol callee:
                DescribeMethod(callee);
                break;
            case IFieldSymbol { HasConstantValue: true } field:
                text.Append("const ").Append(field.ConstantValue).AppendLine();
                break;
            case ILocalSymbol { HasConstantValue: true } local:
                text.Append("const ").Append(local.ConstantValue).AppendLine();
                break;
        }
    }

    /// <summary>Parameters with their attributes ([NoDiff]); for a [Differentiable] callee or one with a pullback, the roles its pullback gives them and the pullback (and a [TangentOf] tangent).</summary>
    private void DescribeMethod(IMethodSymbol callee)
    {
        foreach (IParameterSymbol parameter in callee.Parameters)
        {
            Describe(parameter);
        }

        Describe(callee.OverriddenMethod);
        Describe(callee.PartialImplementationPart);
        text.Append("source ").Append((callee.PartialImplementationPart ?? callee).DeclaringSyntaxReferences.Length).AppendLine();
        IMethodSymbol? pullback = CustomDerivativeIndex.PullbackOf(callee, compilation);
        if (pullback is not null)
        {
            Describe(pullback);
            text.Append("accessible ").Append(compilation.IsSymbolAccessibleWithin(pullback, method.ContainingType)).AppendLine();
        }

        // forward mode calls a [TangentOf] tangent instead of the generated one
        if (CustomDerivativeIndex.TangentOf(callee, compilation) is { } tangent)
        {
            Describe(tangent);
            text.Append("accessible ").Append(compilation.IsSymbolAccessibleWithin(tangent, method.ContainingType)).AppendLine();
        }

        if (pullback is not null || Symbols.HasAttribute(callee, Symbols.DifferentiableAttribute))
        {
            // The roles may come from the spans it writes, read from other files.
            foreach (CalleeParameter parameter in Symbols.CalleeParameters(callee, compilation, readFrom))
            {
                text.Append(parameter.Role).Append(' ').Append(parameter.Type).Append(' ').Append(parameter.IsArray).AppendLine();
            }
        }
    }
}
