namespace SymbolicDiff.Generator.Graph;

internal enum ValueKind
{
    /// <summary>A parameter of the method; its adjoint, when it has one, is a ref parameter of Backward.</summary>
    Parameter,

    /// <summary>A version of a user's local (every assignment makes a new version: SSA).</summary>
    Local,

    /// <summary>A value the generator introduced: a gate output, a condition, a merge.</summary>
    Temporary,
}

/// <summary>
/// One SSA value of the expression graph: assigned once, read anywhere after. Values are compared by
/// identity; they never leave the transform.
/// </summary>
internal sealed class Value
{
    public Value(string baseName, string typeName, NumericType numeric, bool isActive, ValueKind kind, bool isArray = false)
    {
        IsArray = isArray;
        BaseName = baseName;
        TypeName = typeName;
        Numeric = numeric;
        IsActive = isActive;
        Kind = kind;
    }

    /// <summary>The user's name for it (local or parameter) or a stem for temporaries; made unique by the emitter.</summary>
    public string BaseName { get; set; }

    /// <summary>The C# type used to declare it.</summary>
    public string TypeName { get; }

    /// <summary>The floating-point type of the value, or of its elements when <see cref="IsArray"/>.</summary>
    public NumericType Numeric { get; }

    /// <summary>An array or span: read element by element; its adjoint is a span of the same element type.</summary>
    public bool IsArray { get; }

    /// <summary>
    /// A pure expression that gives the same value again at any later point (a read of an element of an
    /// array nobody writes). The backward pass reads that instead of keeping the value around.
    /// </summary>
    public Expr? Recompute { get; set; }

    /// <summary>True when a derivative flows through it: it depends on a differentiable input.</summary>
    public bool IsActive { get; }

    public ValueKind Kind { get; set; }

    /// <summary>Set by the emitter: the identifier the generated code uses.</summary>
    public string Name { get; set; } = "";

    /// <summary>Set by the emitter: the identifier of its adjoint (for parameters, the ref parameter of Backward).</summary>
    public string AdjointName { get; set; } = "";

    /// <summary>A span parameter the (void) method writes: its adjoint comes in from upstream.</summary>
    public bool IsOutput { get; set; }

    /// <summary>Set by the emitter for an array passed to a pullback: its replay buffer.</summary>
    public string ReplayName { get; set; } = "";

    /// <summary>
    /// The replay buffer is passed to a callee's <c>T[]</c> parameter, so it is a new array of the same
    /// length (one allocation per call of Backward) rather than a span of the pooled workspace.
    /// </summary>
    public bool ReplayIsArray { get; set; }

    /// <summary>
    /// Set by simplification when a single-use temporary is written in place of its one reader
    /// instead of being declared.
    /// </summary>
    public Expr? Inlined { get; set; }

    /// <summary>
    /// The index a <c>foreach</c> loop counts with. Its versions may share one variable, as a user's local's do
    /// (<see cref="Emit.VersionCoalescing"/>), so the loop is written as a <c>for</c>; its name is still the
    /// generator's (<c>index0</c>), since a user's field may be called <c>index</c>.
    /// </summary>
    public bool IsForEachIndex { get; init; }

    /// <summary>
    /// A temporary that is declared even when it has one reader (<see cref="Simplification.ForwardInliner"/> leaves
    /// it): a constant switch selector, which the copied test <c>selector is pattern</c> must read by name — the
    /// compiler accepts <c>1f switch { &gt;= -0.5f =&gt; … }</c> without a word, but warns that <c>1f is &gt;= -0.5f</c>
    /// always (CS8793) or never (CS8519) matches.
    /// </summary>
    public bool KeepsItsName { get; init; }

    /// <summary>A version of a variable whose versions may share it (<see cref="Emit.VersionCoalescing"/>): a user's local, or a foreach's index.</summary>
    public bool IsVariableVersion => Kind == ValueKind.Local || IsForEachIndex;

    /// <summary>
    /// A tangent of forward mode (<see cref="Differentiation.TangentMap"/>). It keeps its primal's base name and
    /// kind, but its versions share variables only with versions of the same tangent (<see cref="Emit.VersionCoalescing"/>),
    /// and <see cref="Emit.TangentNaming"/>, not <see cref="Emit.Naming"/>, names it.
    /// </summary>
    public bool IsTangent { get; init; }

    /// <summary>
    /// Set by <c>VersionCoalescing</c>: an earlier version of the same variable whose name this value takes,
    /// because the two are never live at the same time. That value declares the variable; this one assigns it.
    /// </summary>
    public Value? SharesNameWith { get; set; }

    /// <summary>
    /// Set by <c>AdjointCoalescing</c>: an earlier version of the same variable whose adjoint variable this value's adjoint
    /// takes, because the two adjoints are never live at the same time. That one declares it; this one assigns it.
    /// </summary>
    public Value? AdjointSharesWith { get; set; }

    /// <summary>
    /// Set by <c>VersionCoalescing</c>: the backward pass declares this value again (a counter, a recomputed or popped value)
    /// and may not use the forward variable's name, which another version declared again or the method's scope holds; it uses
    /// <see cref="BackwardName"/>.
    /// </summary>
    public bool RenamedBackward { get; set; }

    /// <summary>Set by the emitter when <see cref="RenamedBackward"/>: the identifier the backward pass declares and reads.</summary>
    public string BackwardName { get; set; } = "";

    public override string ToString() => Name.Length > 0 ? Name : BaseName;
}
