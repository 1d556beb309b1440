using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Model;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// Calls of small <c>[Differentiable]</c> callees and of local functions (<see cref="InlinableCallee"/>) lowered
/// as the callee's returned expression, in the caller's own gates: the backward pass then differentiates those
/// gates in place (no pullback call, which would compute the callee's forward pass again; a local function has
/// none) and every later phase sees them as if the user had written the expression at the call.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>The callee parameters of the bodies being inlined, bound to the caller's arguments.</summary>
    private readonly Dictionary<IParameterSymbol, Expr> inlinedArguments = new(SymbolEqualityComparer.Default);

    /// <summary>Each callee asked about once: a loop body may be lowered more than once, and the answer binds the callee's body.</summary>
    private readonly Dictionary<IMethodSymbol, InlinableCallee?> inlinableCallees = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The call lowered inline, or null when it must stay a call. The call is checked exactly as a call is
    /// (the callee's modes, its [NoDiff] parameters, and whether it got companions: SDIFF0013), so inlining
    /// changes no diagnostic and which callees qualify never decides whether a program is accepted. (For a local
    /// function it does: one that does not qualify cannot be called by the generated code at all, SDIFF0006.)
    /// </summary>
    private Expr? LowerInlined(IInvocationOperation invocation, IMethodSymbol target, List<Expr> arguments)
    {
        if (!InlinableCallee.ReceiverAllows(invocation))
        {
            return null;
        }

        if (!inlinableCallees.TryGetValue(target, out InlinableCallee? inlinable))
        {
            inlinable = InlinableCallee.Find(target, compilation);
            inlinableCallees[target] = inlinable;
        }

        if (inlinable is null)
        {
            return null;
        }

        int before = diagnostics.Count;
        List<IOperation> sources = Enumerable.Range(0, arguments.Count).Select(i => invocation.Arguments.First(a => a.Parameter?.Ordinal == i).Value).ToList();
        for (int i = 0; i < arguments.Count; i++)
        {
            CheckNoDiffArgument(target, target.Parameters[i], arguments[i], array: null, sources[i]);
        }

        if (target.MethodKind != MethodKind.LocalFunction)
        {
            // A local function has no modes and no companions: its body is part of this method's.
            CheckCalleeModes(invocation, target, pullback: null, tangent: null);
            companionCalls.Add(new CompanionCall(Symbols.Id(target), target.Name, LocationInfo.From(invocation.Syntax.GetLocation())));
        }

        if (diagnostics.Count > before)
        {
            return new LiteralExpr(0, NumericType.Double);
        }

        // C# evaluates every argument once, before the body: one with effects (a property) is computed here, in
        // order, and so is one the body reads more than once, unless it is already a plain value.
        for (int i = 0; i < arguments.Count; i++)
        {
            Expr argument = arguments[i];
            if (!argument.IsPure)
            {
                argument = Temporary(argument, sources[i], TemporaryStem);
            }
            else if (inlinable.Reads(i) > 1)
            {
                argument = Materialize(argument, sources[i], TemporaryStem);
            }

            inlinedArguments[inlinable.Parameters[i]] = argument;
        }

        // No callee is inlined inside itself (recursion is never inlined), so its parameters are bound once at a time.
        // A local function's own locals are bound as the caller's are (their symbols are the function's: no clash).
        foreach (IVariableDeclarationGroupOperation declarations in inlinable.Declarations)
        {
            LowerDeclarations(declarations);
        }

        Expr result = Lower(inlinable.Expression);
        foreach (IParameterSymbol parameter in inlinable.Parameters)
        {
            inlinedArguments.Remove(parameter);
        }

        if (diagnostics.Count > before)
        {
            // Cannot happen (InlinableCallee admits nothing that reports); said at the call, never inside the callee, if it ever does.
            diagnostics.RemoveRange(before, diagnostics.Count - before);
            Report(Descriptors.InternalError, invocation.Syntax.GetLocation(), method.Name, $"inlining '{target.Name}' needed a diagnostic inside it");
        }

        return result;
    }
}
