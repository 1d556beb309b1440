using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// <c>switch</c> statements and expressions become the if/else chain they mean: the selector is computed
/// once, each section's (or arm's) test — <c>selector == constant</c>, or the pattern copied as
/// <c>selector is pattern</c>, with its <c>when</c> guard — is evaluated only when the ones before it failed,
/// and <c>default</c> (or no match) is the last else. Tests read primal values only.
/// </summary>
internal sealed partial class MethodParser
{
    /// <summary>Lowers a switch statement; returns true when it also lowered <paramref name="rest"/> (a section returns or continues).</summary>
    private bool LowerSwitch(ISwitchOperation switchOperation, List<IOperation> rest)
    {
        Expr selector = Selector(switchOperation.Value);
        List<(List<ICaseClauseOperation> Clauses, List<IOperation> Body)> sections = [];
        List<IOperation>? defaultBody = null;
        foreach (ISwitchCaseOperation section in switchOperation.Cases)
        {
            List<IOperation> body = [.. section.Body];
            if (body.Count == 1 && body[0] is IBlockOperation block
                && block.Operations.LastOrDefault() is IBranchOperation { BranchKind: BranchKind.Break } inner
                && SymbolEqualityComparer.Default.Equals(inner.Target, switchOperation.ExitLabel))
            {
                // case 0: { …; break; } — the block's statements, its break the one that ends the section
                body = [.. block.Operations];
            }

            if (body.Count > 0 && body[body.Count - 1] is IBranchOperation { BranchKind: BranchKind.Break } last
                && SymbolEqualityComparer.Default.Equals(last.Target, switchOperation.ExitLabel))
            {
                body.RemoveAt(body.Count - 1);
            }

            IOperation? jump = body.SelectMany(b => b.DescendantsAndSelf()).FirstOrDefault(d =>
                d is IBranchOperation branch && (SymbolEqualityComparer.Default.Equals(branch.Target, switchOperation.ExitLabel) || branch.BranchKind == BranchKind.GoTo));
            if (jump is not null)
            {
                Report(Descriptors.UnsupportedStatement, jump.Syntax.GetLocation(), "a break or goto inside a switch section, other than the break that ends it; use if/else inside the section");
                return false;
            }

            if (section.Clauses.Any(c => c is IDefaultCaseClauseOperation))
            {
                defaultBody = body;
            }
            else
            {
                sections.Add(([.. section.Clauses], body));
            }
        }

        // A section that leaves (return, continue) skips the statements after the switch: they run under
        // the skip flag's guard, once, rather than copied into every section.
        bool jumps = sections.Select(s => s.Body).Append(defaultBody ?? []).Any(b => b.Any(Jumps.Leaves));
        if (jumps && rest.Count > 0)
        {
            LowerThenGuarded(() => LowerChain(0), rest);
            return true;
        }

        LowerChain(0);
        return false;

        void LowerChain(int k)
        {
            if (k == sections.Count)
            {
                LowerStatements(defaultBody ?? []);
                return;
            }

            Expr? test = sections[k].Clauses.Select(c => ClauseTest(selector, switchOperation.Value.Type, c)).Aggregate((Expr?)null, (all, one) => all is null || one is null ? all ?? one : new BinaryExpr("||", all, one));
            if (test is null)
            {
                return; // reported
            }

            LowerBranch(MaterializeTest(test), () => LowerStatements(sections[k].Body), () => LowerChain(k + 1));
        }
    }

    /// <summary>
    /// The selector, computed once. A constant one is kept in a local that is never inlined
    /// (<see cref="Value.KeepsItsName"/>): the compiler accepts <c>1.0 switch { &lt;= 0.75 =&gt; … }</c> and
    /// <c>switch (1f)</c> without a word, but warns that the copied test <c>1.0 is &lt;= 0.75</c> never (CS8519) or
    /// always (CS8793) matches.
    /// </summary>
    private Expr Selector(IOperation value)
    {
        Expr selector = Materialize(Lower(value), value, "selector");
        return selector is LiteralExpr or TextExpr ? Temporary(selector, value, "selector", keepsItsName: true) : selector;
    }

    /// <summary><c>selector == value</c> for <c>case value:</c>, <c>selector is pattern &amp;&amp; (guard)</c> for a pattern; null after a report.</summary>
    private Expr? ClauseTest(Expr selector, ITypeSymbol? selectorType, ICaseClauseOperation clause) => clause switch
    {
        ISingleValueCaseClauseOperation single => new BinaryExpr("==", selector, Lower(single.Value)),
        IPatternCaseClauseOperation pattern => PatternTest(selector, selectorType, pattern.Pattern, pattern.Guard),
        _ => Unsupported(clause, "this kind of case label"),
    };

    /// <summary>
    /// The pattern copied as written after <c>selector is</c>; a discard (<c>_</c>) matches without a test, and so
    /// does <c>var a</c> (or <c>double a</c> of a double selector), which names the selector's value.
    /// </summary>
    private Expr? PatternTest(Expr selector, ITypeSymbol? selectorType, IPatternOperation pattern, IOperation? guard)
    {
        bool matchesAll = pattern is IDiscardPatternOperation;
        if (pattern is IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol named } declaration
            && SymbolEqualityComparer.Default.Equals(named.Type, selectorType)
            && (declaration.MatchesNull || selectorType is { IsValueType: true, OriginalDefinition.SpecialType: not SpecialType.System_Nullable_T }))
        {
            Bind(named, selector, pattern, named.Name);
            matchesAll = true;
        }
        else if (pattern.DescendantsAndSelf().Any(p => p is IDeclarationPatternOperation { DeclaredSymbol: not null } or IRecursivePatternOperation { DeclaredSymbol: not null }))
        {
            Report(Descriptors.UnsupportedExpression, pattern.Syntax.GetLocation(), "a pattern that declares a variable (other than var or the selector's own type); test the value and use the selector instead");
            return null;
        }

        Expr? test = null;
        if (!matchesAll)
        {
            if (CopyPrimal(pattern, pattern.Syntax) is not { } copy)
            {
                return null;
            }

            test = new PrimalExpr(["", " is " + copy.Parts[0], .. copy.Parts.Skip(1)], [selector, .. copy.Holes]);
        }

        if (guard is null)
        {
            return test ?? new TextExpr("true", isPure: true);
        }

        return CopyPrimal(guard, guard.Syntax) is { } when ? (test is null ? when : new BinaryExpr("&&", test, when)) : null;
    }

    private Expr MaterializeTest(Expr test)
    {
        if (test is TextExpr)
        {
            return test;
        }

        var value = new Value("c", "bool", NumericType.None, isActive: false, ValueKind.Temporary);
        current.Statements.Add(new Define(value, test));
        return new UseExpr(value);
    }

    /// <summary>
    /// <c>selector switch { pattern =&gt; value, … }</c>: a chain of branches binding the arm's value; no match
    /// throws <c>SwitchExpressionException</c>, as C# does.
    /// </summary>
    private Expr LowerSwitchExpression(ISwitchExpressionOperation switchExpression)
    {
        Expr selector = Selector(switchExpression.Value);

        object resultKey = new();
        LowerArm(0);
        if (!environment.TryGetValue(resultKey, out Value? result))
        {
            return new LiteralExpr(0, NumericType.Double); // every arm threw, or a test was reported
        }

        environment.Remove(resultKey);
        return new UseExpr(result);

        void LowerArm(int k)
        {
            if (k == switchExpression.Arms.Length)
            {
                // As the compiler: SwitchExpressionException where the framework has it, else InvalidOperationException.
                bool hasException = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.SwitchExpressionException") is not null;
                current.Statements.Add(new SideEffect(hasException
                    ? new PrimalExpr(["throw new global::System.Runtime.CompilerServices.SwitchExpressionException((object)", ")"], [selector])
                    : new PrimalExpr(["throw new global::System.InvalidOperationException()"], [])));
                environment[Thrown] = ThrownMarker;
                return;
            }

            ISwitchExpressionArmOperation arm = switchExpression.Arms[k];
            if (PatternTest(selector, switchExpression.Value.Type, arm.Pattern, arm.Guard) is not { } test)
            {
                return;
            }

            if (test is TextExpr { Text: "true" })
            {
                BindArm(arm);
                return;
            }

            LowerBranch(MaterializeTest(test), () => BindArm(arm), () => LowerArm(k + 1));
        }

        void BindArm(ISwitchExpressionArmOperation arm)
        {
            if (ThrowExpression(arm.Value) is { } thrown)
            {
                LowerThrow(thrown);
            }
            else
            {
                Bind(resultKey, Lower(arm.Value), arm.Value, name: null);
            }
        }
    }
}
