using System;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Model;
using SymbolicDiff.Generator.Parsing;

namespace SymbolicDiff.Generator.Incremental;

/// <summary>
/// What the cheap first step reads of one [Differentiable] method on every run: its names and a fingerprint
/// of everything its companions depend on (see <see cref="MethodFingerprint"/>). Two inputs are equal when
/// their fingerprints are, so the expensive step (parse → sweep → simplify → emit) is skipped — its output
/// <c>Cached</c> — unless something the method depends on changed.
/// </summary>
/// <remarks>
/// The expensive step still needs the compilation, which a pipeline value must not hold: it compares by
/// reference and would keep every old compilation alive. So the input holds it only weakly, outside its
/// equality. The expensive step runs only on an input that is new or changed, i.e. one made in this run
/// from the compilation the driver is running on, which the driver holds until the run ends. The bound body
/// (which holds the compilation too) is held strongly, so that the expensive step need not bind the method again,
/// but only until that step takes it (<see cref="TakeBoundBody"/>): an input equal to the previous run's is dropped
/// by the driver, which keeps the previous one, and a new or changed one reaches the expensive step in the same run.
/// </remarks>
internal sealed class MethodInput(string hintName, string methodId, string fingerprint, Compilation? compilation, IMethodSymbol? method, IOperation? body)
    : IEquatable<MethodInput>
{
    private readonly WeakReference<Compilation>? compilation = compilation is null ? null : new(compilation);
    private readonly WeakReference<IMethodSymbol>? method = method is null ? null : new(method);
    private IOperation? body = body;

    /// <summary>An input whose outcome the first step already knows (a local function, a failure): the second step returns it.</summary>
    public static MethodInput Done(GeneratedMethod outcome) =>
        new(outcome.HintName, outcome.MethodId, "", null, null, null) { Decided = outcome };

    public GeneratedMethod? Decided { get; private init; }

    /// <summary>What the signature reader made of the method (plain strings), read for the fingerprint and used again by the expensive step.</summary>
    public MethodSignature? Signature { get; init; }

    /// <summary>The companions <c>[Differentiable]</c> asks for (null: it is wrong, said in <see cref="ReadDiagnostics"/>).</summary>
    public DerivativeModes? Modes { get; init; }

    /// <summary>The attribute names the modes.</summary>
    public bool ModesNamed { get; init; }

    /// <summary>What the attribute's modes and the signature reader reported: why <see cref="Modes"/> or <see cref="Signature"/> is null, or other errors.</summary>
    public EquatableArray<DiagnosticInfo> ReadDiagnostics { get; init; } = EquatableArray<DiagnosticInfo>.Empty;

    /// <summary>Whether the method shows a sign that the compiler rejects it (<see cref="MethodFingerprint.CompilerMayReject"/>; part of the fingerprint).</summary>
    public bool CompilerMayReject { get; init; }

    /// <summary>A syntax error in the method or the heads around it (<see cref="MethodFingerprint.SyntaxError"/>; part of the fingerprint).</summary>
    public bool SyntaxError { get; init; }

    public string HintName { get; } = hintName;

    public string MethodId { get; } = methodId;

    /// <summary>A hash of the method's text, position and the semantics of everything it refers to.</summary>
    public string Fingerprint { get; } = fingerprint;

    /// <summary>
    /// The same answer for the method as <paramref name="compilation"/> declares it (null: for none, to be kept between
    /// runs), without a bound body: the expensive step binds the method itself if it runs (<see cref="ReadCache"/>).
    /// </summary>
    public MethodInput WithoutBody(Compilation? compilation, IMethodSymbol? method) =>
        new(HintName, MethodId, Fingerprint, compilation, method, body: null)
        {
            Signature = Signature, Modes = Modes, ModesNamed = ModesNamed, ReadDiagnostics = ReadDiagnostics, CompilerMayReject = CompilerMayReject, SyntaxError = SyntaxError,
        };

    /// <summary>The compilation and the method this input was read from; false if they were collected (see remarks).</summary>
    public bool TryGetMethod(out Compilation compilation, out IMethodSymbol method)
    {
        compilation = null!;
        method = null!;
        return this.compilation is not null && this.compilation.TryGetTarget(out compilation!)
            && this.method is not null && this.method.TryGetTarget(out method!);
    }

    /// <summary>The bound body the fingerprint was read from (it saves binding the method again), once: the input lets go of it.</summary>
    public IOperation? TakeBoundBody()
    {
        IOperation? taken = body;
        body = null;
        return taken;
    }

    public bool Equals(MethodInput? other) =>
        other is not null && HintName == other.HintName && MethodId == other.MethodId && Fingerprint == other.Fingerprint && Equals(Decided, other.Decided);

    public override bool Equals(object? obj) => Equals(obj as MethodInput);

    public override int GetHashCode() => Fingerprint.GetHashCode();
}
