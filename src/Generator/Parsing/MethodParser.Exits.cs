using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// Early exits: return, break and continue. The statements after an exit run on some paths only. When one
/// side of an if always leaves, those statements become the other side (the shape the user reads:
/// <c>if (c) return a; rest</c> is <c>if (c) … else rest</c>), up to <see cref="MaxExitNesting"/> deep.
/// Otherwise they would have to be copied into both sides, and nested exits would grow the code
/// exponentially, or nest ever deeper; instead an exit sets a "skip" flag and the statements after the if
/// run under <c>if (!skip)</c>, one guarded segment per statement that may leave: generated code linear in
/// the method and flat however many exits it has.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>The skip flag of the method body (a loop body has its own: continue skips only the iteration).</summary>
    private readonly FlagKey methodSkipKey = new("skip");

    /// <summary>How many exits deep the rest of a method may nest into else sides before exits use the skip flag.</summary>
    private const int MaxExitNesting = 4;

    /// <summary>True while some guarded statement after the one being lowered reads the current skip flag.</summary>
    private bool skipRead;

    /// <summary>How many else sides the statement being lowered is nested in because an exit came before it.</summary>
    private int exitNesting;

    private FlagKey SkipKey => loops.Count > 0 ? loops.Peek().SkipKey : methodSkipKey;

    /// <summary>
    /// Lowers <c>if (test) { onThen; thenStatements } else { elseStatements }</c>, where some path leaves,
    /// followed by <paramref name="rest"/> (everything after it in the method or loop body). Each statement is
    /// lowered once: <paramref name="rest"/> goes into one side, or after the if under guards.
    /// </summary>
    private void LowerLeavingBranch(Expr test, List<IOperation> thenStatements, List<IOperation> elseStatements, List<IOperation> rest, System.Action? onThen = null)
    {
        bool thenLeaves = onThen is not null || thenStatements.Any(Jumps.AlwaysLeaves);
        bool elseLeaves = elseStatements.Any(Jumps.AlwaysLeaves);
        bool nest = (thenLeaves || elseLeaves) && exitNesting < MaxExitNesting;
        if (rest.Count == 0 || nest)
        {
            // The side that may go on takes the rest as its own continuation (an exit inside it ends the rest too).
            int nesting = rest.Count == 0 ? 0 : 1;
            exitNesting += nesting;
            LowerBranch(
                test,
                () => { onThen?.Invoke(); LowerStatements(thenLeaves ? thenStatements : [.. thenStatements, .. rest]); },
                () => LowerStatements(elseLeaves ? elseStatements : [.. elseStatements, .. rest]));
            exitNesting -= nesting;
            return;
        }

        LowerThenGuarded(() => LowerBranch(test, () => { onThen?.Invoke(); LowerStatements(thenStatements); }, () => LowerStatements(elseStatements)), rest);
    }

    /// <summary>Lowers a statement that may leave (its exits set the skip flag), then <paramref name="rest"/> under guards.</summary>
    private void LowerThenGuarded(System.Action lowerLeaving, List<IOperation> rest)
    {
        InitializeSkip();
        bool outerRead = skipRead;
        skipRead = true;
        lowerLeaving();
        skipRead = outerRead;
        LowerGuarded(rest);
    }

    /// <summary>
    /// <paramref name="statements"/> in segments, each ending at a statement that may leave and each run only
    /// when no exit happened before it.
    /// </summary>
    private void LowerGuarded(List<IOperation> statements)
    {
        bool outerRead = skipRead;
        int start = 0;
        while (start < statements.Count)
        {
            int leaving = statements.FindIndex(start, Jumps.Leaves);
            int end = leaving < 0 ? statements.Count : leaving + 1;
            List<IOperation> segment = statements.GetRange(start, end - start);
            skipRead = outerRead || end < statements.Count;
            LowerBranch(new UseExpr(environment[SkipKey]), () => { }, () => LowerStatements(segment), guard: true);
            start = end;
        }

        skipRead = outerRead;
    }

    /// <summary>Before the first guarded exit: the flag starts false, and the result gets a value every path shares.</summary>
    private void InitializeSkip()
    {
        if (!environment.ContainsKey(SkipKey))
        {
            DefineFlag(SkipKey, "false");
        }

        if (loops.Count == 0)
        {
            InitializeResult(); // in a loop body the result is carried when the body returns, and not needed otherwise
        }
    }

    /// <summary>Before a return that not every path takes: the result starts from zero (read only on paths that never return it).</summary>
    private void InitializeResult()
    {
        if (!method.ReturnsVoid && !environment.ContainsKey(method))
        {
            StartFromZero(method, "result", method.ReturnType);
        }
    }

    /// <summary>A variable (or the result) with no value yet on this path starts from its type's zero.</summary>
    private void StartFromZero(object key, string name, ITypeSymbol type)
    {
        string zero = Symbols.Numeric(type) != NumericType.None || type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 ? "0"
            : type.SpecialType == SpecialType.System_Boolean ? "false" : "default";
        var value = new Value(name, Symbols.TypeText(type), Symbols.Numeric(type), isActive: false, ValueKind.Temporary);
        current.Statements.Add(new Define(value, new TextExpr(zero, isPure: true)));
        environment[key] = value;
    }

    /// <summary>A return: inside a loop it ends the loop and, after it, the method.</summary>
    private void LeaveByReturn()
    {
        if (loops.Count > 0)
        {
            SetFlag(loops.Peek().BreakKey);
            SetFlag(loops.Peek().ReturnKey);
        }

        SetSkip();
    }

    /// <summary>Marks the path as having left, when a guarded statement after this one reads the flag.</summary>
    private void SetSkip()
    {
        if (skipRead && environment.ContainsKey(SkipKey))
        {
            SetFlag(SkipKey);
        }
    }

    /// <summary>The environment's key of a flag the parser adds (the method has no variable for it); its name names its values.</summary>
    private sealed class FlagKey(string name)
    {
        public string Name { get; } = name;
    }
}
