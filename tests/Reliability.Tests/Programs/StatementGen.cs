using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CsCheck;

namespace SymbolicDiff.Reliability.Tests.Programs;

/// <summary>
/// Random statements: declarations, assignments with every compound operator, ++/--, if/else with
/// early return, break and continue, counted for/while/do loops, foreach, element writes and
/// accumulations into local arrays and outputs, calls of vector-valued methods. A jump (return,
/// break, continue) is only ever the last statement of an if's then-block, and an if whose then
/// jumps has no else that jumps too, so no code is unreachable (CS0162 would be the user's warning).
/// </summary>
public static class StatementGen
{
    const int ExpressionDepth = 2;

    /// <summary><paramref name="count"/> statements, each in the scope the previous ones leave.</summary>
    public static Gen<(ImmutableArray<Stmt> Statements, Scope Scope)> Block(Scope s, int count) =>
        count == 0
            ? Gen.Const((ImmutableArray<Stmt>.Empty, s))
            : Statement(s).SelectMany(first => Block(first.Scope, count - 1).Select(rest => (rest.Statements.Insert(0, first.Statement), rest.Scope)));

    static Gen<ImmutableArray<Stmt>> NestedBlock(Scope s, bool mayJump) =>
        Gen.Int[1, 2].SelectMany(n => Block(s, n)).SelectMany(block =>
            mayJump ? Jump(block.Scope).Select(j => j is null ? block.Statements : block.Statements.Add(j)) : Gen.Const(block.Statements));

    static readonly Stmt? NoJump = null;

    /// <summary>A jump to end a then-block, or none.</summary>
    static Gen<Stmt?> Jump(Scope s)
    {
        var options = new List<(int, IGen<Stmt?>)> { (3, Gen.Const(NoJump)) };
        if (s.ReturnsValue && s.Grammar.EarlyReturns)
            options.Add((1, ExpressionGen.Expression(s, ExpressionDepth).Select(e => (Stmt?)new Return(e))));
        if (s.InLoop)
        {
            options.Add((1, Gen.Const<Stmt?>(new Break())));
            options.Add((1, Gen.Const<Stmt?>(new Continue())));
        }
        return Gen.Frequency([.. options]);
    }

    public static Gen<(Stmt Statement, Scope Scope)> Statement(Scope s)
    {
        var expression = GenExtensions.Lazy(() => ExpressionGen.Expression(s, ExpressionDepth));
        var options = new List<(int, IGen<(Stmt, Scope)>)>
        {
            (4, ExpressionGen.NonConstant(s, ExpressionDepth).Select(e =>
            {
                var (name, next) = s.Fresh("t");
                return ((Stmt)new Declare(name, e), next with { Scalars = next.Scalars.Add(name), Assignable = next.Assignable.Add(name) });
            })),
        };
        if (s.Assignable.Length > 0)
        {
            var target = Gen.OneOfConst([.. s.Assignable]);
            var assigned = s.Grammar.ConstantAssignments ? expression : ExpressionGen.NonConstant(s, ExpressionDepth);
            options.Add((4, Gen.Select(target, Gen.OneOfConst("=", "+=", "-=", "*=", "/="), assigned, (t, op, e) => (Assign(t, op, op == "=" ? ExpressionGen.NotACopy(s, e) : e), s))));
            options.Add((1, Gen.Select(target, Gen.OneOfConst("++", "--"), (t, op) => ((Stmt)new Step(t, op), s))));
        }
        if (s.LocalArrays.Length > 0)
            options.Add((3, Gen.Select(Gen.OneOfConst([.. s.LocalArrays]), Gen.OneOfConst([.. s.Indices]), Gen.OneOfConst("=", "+=", "-=", "*="), expression,
                (a, i, op, e) => ((Stmt)new Assign($"{a}[{i}]", op, e), s))));
        if (s.Outputs.Length > 0)
            options.Add((2, Gen.Select(Gen.OneOfConst([.. s.Outputs]), Gen.OneOfConst([.. s.Indices]), expression,
                (y, i, e) => ((Stmt)new Assign($"{y}[{i}]", "=", e), s))));
        if (s.Grammar.Branches && s.Depth < 2)
            options.Add((2, IfStatement(s)));
        if (s.Grammar.Loops && s.Depth < 2 && !s.InLoop)
            options.Add((2, LoopStatement(s)));
        if (s.Grammar.Loops && s.Depth < 2 && s.InLoop)
            options.Add((1, LoopStatement(s)));
        var vectorCallees = s.Callees.Where(m => m.IsVectorValued && CanCallWithOutput(s, m)).ToArray();
        if (vectorCallees.Length > 0)
            options.Add((2, Gen.OneOfConst(vectorCallees).SelectMany(m => VectorCall(s, m)).Select(c => ((Stmt)c, s))));
        return Gen.Frequency([.. options]);
    }

    static Stmt Assign(string target, string op, Expr value) =>
        // t = t warns CS1717; /= divides by a value bounded away from 0
        op == "=" && value == new Var(target) ? new Assign(target, "+=", value)
        : op == "/=" ? new Assign(target, op, new Binary("+", new Num(1.0), new Binary("*", value, value)))
        : new Assign(target, op, value);

    static Gen<(Stmt, Scope)> IfStatement(Scope s)
    {
        var (_, next) = s.Fresh("if");
        var inner = s.Nested(s.Counter);
        return Gen.Select(ExpressionGen.Condition(s, 1), NestedBlock(inner, mayJump: true), Gen.Int[0, 2],
            (c, then, withElse) => (c, then, withElse)).SelectMany(x =>
                x.withElse == 0
                    ? Gen.Const(((Stmt)new If(x.c, x.then, null), next))
                    : NestedBlock(inner.Nested(99), mayJump: !EndsWithJump(x.then)).Select(e => ((Stmt)new If(x.c, x.then, e), next)));
    }

    static bool EndsWithJump(ImmutableArray<Stmt> block) => block.Length > 0 && block[^1] is Return or Break or Continue;

    static Gen<(Stmt, Scope)> LoopStatement(Scope s)
    {
        var (index, next) = s.Fresh("i");
        var inner = s.Nested(s.Counter) with { InLoop = true };
        var counted = Gen.OneOfConst(LoopKind.For, LoopKind.While, LoopKind.Do).SelectMany(kind =>
        {
            var body = inner with
            {
                Indices = s.MinLength > 1 && int.TryParse(s.LoopCount, out _)
                    ? inner.Indices.Add(index).Add($"{s.LoopCount} - 1 - {index}")
                    : inner.Indices.Add(index),
            };
            return NestedBlock(body, mayJump: false).Select(b => ((Stmt)new Loop(kind, index, s.LoopCount, b), next));
        });
        var readable = s.Arrays.Concat(s.LocalArrays).ToArray();
        if (readable.Length == 0)
            return counted;
        var (variable, _) = s.Fresh("v");
        var forEach = Gen.OneOfConst(readable).SelectMany(a =>
            NestedBlock(inner with { Scalars = inner.Scalars.Add(variable) }, mayJump: false)
                .Select(b => ((Stmt)new ForEach(variable, a, b), next)));
        return Gen.Frequency((3, counted), (1, forEach));
    }

    // the output is a local array that is not also an input (the pullback assumes they do not alias)
    static Scope WithoutArray(Scope s, string output) =>
        s with { LocalArrays = s.LocalArrays.Remove(output), LocalArrayObjects = s.LocalArrayObjects.Remove(output) };

    static bool CanCallWithOutput(Scope s, Method callee) => s.LocalArrays.Any(o => ExpressionGen.CanCall(WithoutArray(s, o), callee));

    /// <summary>The output gets all of a local array for a whole input, its first MinLength − 1 elements for a slice.</summary>
    static Gen<CallStatement> VectorCall(Scope s, Method callee) =>
        Gen.OneOfConst([.. s.LocalArrays.Where(o => ExpressionGen.CanCall(WithoutArray(s, o), callee))]).SelectMany(output =>
        {
            var inputs = WithoutArray(s, output);
            var args = callee.Parameters.Select(p => p.Kind switch
            {
                ParameterKind.Scalar => ExpressionGen.Expression(s, 1).Select(e => (Argument)new ScalarArgument(e)),
                ParameterKind.Output => Gen.Const<Argument>(new ArrayArgument("")),
                _ => ExpressionGen.ArrayArgumentFor(inputs, p.Kind),
            }).ToArray();
            return GenExtensions.Sequence(args).Select(a =>
            {
                var sliced = a.OfType<ArrayArgument>().Any(x => x.Code.Contains('('));
                var code = sliced ? ExpressionGen.Slice(s, output, 0, s.MinLength - 1) : output;
                return new CallStatement(new Call(callee.Name, [.. a.Select(x => x is ArrayArgument { Code: "" } ? new ArrayArgument(code) : x)]));
            });
        });
}
