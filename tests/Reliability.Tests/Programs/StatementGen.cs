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

    static readonly ImmutableArray<Stmt>? NoBlock = null;

    static readonly Cond? NoCondition = null;

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
        if (s.Grammar.Loops && s.Grammar.RunningExtrema && !s.InLoop && RunningExtremumStatement(s) is { } extremum)
            options.Add((1, extremum));
        if (s.Grammar.Loops && s.Grammar.ShiftedSums && !s.InLoop && ShiftedSumStatement(s) is { } shifted)
            options.Add((1, shifted));
        var vectorCallees = s.Callees.Where(m => m.IsVectorValued && CanCallWithOutput(s, m)).ToArray();
        if (vectorCallees.Length > 0)
            options.Add((2, Gen.OneOfConst(vectorCallees).SelectMany(m => VectorCall(s, m)).Select(c => ((Stmt)c, s))));
        if (s.Grammar.RefLocals && RefLocalStatement(s, expression) is { } refLocal)
            options.Add((2, refLocal));
        if (s.Grammar.Switches && s.Depth < 2)
            options.Add((1, SwitchStatement(s)));
        if (s.Grammar.Guards)
            options.Add((1, Gen.Select(Gen.Enum<GuardKind>(), ExpressionGen.NonConstant(ExpressionGen.OnlyRun(s), ExpressionDepth), (k, e) => ((Stmt)new Guard(k, e), s))));
        if (s.Grammar.SideEffects && s.LocalArrays.Length + s.Outputs.Length > 0)
            options.Add((1, CountedWritesStatement(s)));
        if (s.Grammar.BulkWrites && s.LocalArrays.Length + s.Outputs.Length > 0)
            options.Add((2, BulkWriteStatement(s, expression)));
        if (s.Grammar.SideEffects && ChainedAssignment(s) is { } chained)
            options.Add((2, chained));
        if (s.Grammar.Swaps && SwapStatement(s) is { } swap)
            options.Add((1, swap));
        if (s.Grammar.Deconstructions)
            options.Add((1, DeconstructStatement(s, expression)));
        if (s.Grammar.OutArguments)
        {
            // an index of the loop (a value per iteration) or a constant, one past the knots' end too
            string[] indices = [.. s.Indices.Where(i => !i.StartsWith('^') && !i.Contains(' ')).Append("5")];
            options.Add((1, Gen.OneOfConst(indices).Select(i =>
            {
                var (name, next) = s.Fresh("o");
                return ((Stmt)new TryRead(name, i, Declares: true), next with { Scalars = next.Scalars.Add(name), Assignable = next.Assignable.Add(name) });
            })));
            // out into a variable declared before (in a loop: carried to the next iteration); not a ref local r… nor a foreach (ref T v…),
            // which may alias an element (an out into an element is SDIFF0006)
            string[] variables = [.. s.Assignable.Where(v => !v.StartsWith('r') && !v.StartsWith('v'))];
            if (variables.Length > 0)
                options.Add((1, Gen.Select(Gen.OneOfConst(indices), Gen.OneOfConst(variables), (i, v) => ((Stmt)new TryRead(v, i, Declares: false), s))));
        }

        return Gen.Frequency([.. options]);
    }

    /// <summary>
    /// <c>ref T r = ref w[i]; r op= e;</c> (a local array's element, then r is a variable like any other),
    /// <c>ref T r = ref t;</c> (a scalar the method may write), <c>ref readonly T r = ref a[i];</c> (any
    /// array: r is read only), <c>ref T r = ref y[i]; r = e;</c> (an output: written once, never read).
    /// </summary>
    static Gen<(Stmt, Scope)>? RefLocalStatement(Scope s, Gen<Expr> expression)
    {
        var (name, next) = s.Fresh("r");
        var index = Gen.OneOfConst([.. s.Indices]);
        var op = Gen.OneOfConst("=", "+=", "-=", "*=", "/=");
        var writable = next with { Scalars = next.Scalars.Add(name), Assignable = next.Assignable.Add(name) };
        var options = new List<(int, IGen<(Stmt, Scope)>)>();
        if (s.LocalArrays.Length > 0)
            options.Add((3, Gen.Select(Gen.OneOfConst([.. s.LocalArrays]), index, op, expression, (a, i, o, e) =>
                ((Stmt)new RefLocal(name, $"{a}[{i}]", false, Assign(name, o, e)), writable))));
        if (s.Assignable.Length > 0)
            options.Add((2, Gen.Select(Gen.OneOfConst([.. s.Assignable]), Gen.Bool, op, expression, (t, use, o, e) =>
                ((Stmt)new RefLocal(name, t, false, use ? Assign(name, o, e) : null), writable))));
        var readable = s.Arrays.Concat(s.LocalArrays).ToArray();
        if (readable.Length > 0)
            options.Add((2, Gen.Select(Gen.OneOfConst(readable), index, (a, i) =>
                ((Stmt)new RefLocal(name, $"{a}[{i}]", true, null), next with { Scalars = next.Scalars.Add(name) }))));
        if (s.Outputs.Length > 0)
            options.Add((1, Gen.Select(Gen.OneOfConst([.. s.Outputs]), index, expression, (y, i, e) =>
                ((Stmt)new RefLocal(name, $"{y}[{i}]", false, new Assign(name, "=", e)), next))));
        return options.Count == 0 ? null : Gen.Frequency([.. options]);
    }

    /// <summary>A switch statement; its sections may return but never break or continue (their break ends the section).</summary>
    static Gen<(Stmt, Scope)> SwitchStatement(Scope s)
    {
        var (_, next) = s.Fresh("sw");
        var inner = s.Nested(s.Counter) with { InLoop = false };
        var selectorExpression = GenExtensions.Lazy(() => ExpressionGen.Expression(s, 1));
        return Gen.Select(Gen.Int[1, 3], Gen.Bool).SelectMany(x => ExpressionGen.SwitchHead(s, selectorExpression, x.Item1).SelectMany(head =>
            Gen.Select(
                GenExtensions.Sequence([.. Enumerable.Range(0, x.Item1).Select(k => NestedBlock(inner.Nested(k), mayJump: true))]),
                x.Item2 ? NestedBlock(inner.Nested(99), mayJump: true).Select(b => (ImmutableArray<Stmt>?)b) : Gen.Const(NoBlock),
                (sections, otherwise) => ((Stmt)new Switch(head.Selector, [.. head.Patterns.Zip(sections)], otherwise), next))));
    }

    /// <summary>
    /// <c>for (int i = 0; i &lt; n; i++) { t = Math.Max(t, e); }</c> (or Min, either operand first): a running
    /// extremum, whose backward pass takes the old values of t from a trace instead of the tape when e reads only
    /// the counter and values the loop does not change (the max of a softmax). Ties are frequent: the literals
    /// are dyadic and few.
    /// </summary>
    static Gen<(Stmt, Scope)>? RunningExtremumStatement(Scope s)
    {
        if (s.Assignable.Length == 0)
            return null;
        var (index, next) = s.Fresh("i");
        var inner = s.Nested(s.Counter) with { InLoop = true, Indices = s.Indices.Add(index) };
        // mostly an element at the counter (a[i], a[i] * e, a[i] + e): the traced shape, whose e reads the counter
        var candidate = s.Arrays.Length == 0 ? ExpressionGen.NonConstant(inner, 1) : Gen.Frequency(
            (1, ExpressionGen.NonConstant(inner, 1)),
            (3, Gen.Select(Gen.OneOfConst([.. s.Arrays]), Gen.OneOfConst("", "+", "*"), ExpressionGen.Expression(inner, 1), (a, op, e) =>
                op == "" ? new Element(a, index) : (Expr)new Binary(op, new Element(a, index), e))));
        return Gen.Select(Gen.OneOfConst([.. s.Assignable]), Gen.OneOfConst("Max", "Min"), candidate, Gen.Bool, (t, f, e, swap) =>
        {
            Expr candidate = e == new Var(t) ? new Binary("+", e, new Num(0.5)) : e; // Max(t, t) warns CS1718
            Expr update = new MathCall(f, swap ? [candidate, new Var(t)] : [new Var(t), candidate]);
            return ((Stmt)new Loop(LoopKind.For, index, s.LoopCount, [new Assign(t, "=", update)]), next);
        });
    }

    /// <summary>
    /// <c>for (…) t = Math.Max(t, e);</c>, then <c>T acc = 0; for (…) acc += Math.Exp(e2 − t); x op= Math.Log(acc) + t;</c>:
    /// the shift of a log-sum-exp. Where nothing else reads t afterwards the result does not depend on it and the
    /// generator stops its gradient; where something does, it must not.
    /// </summary>
    static Gen<(Stmt, Scope)>? ShiftedSumStatement(Scope s)
    {
        if (RunningExtremumStatement(s) is not { } extremum || s.Assignable.Length < 2)
            return null;
        return extremum.SelectMany(first =>
        {
            var (index, afterIndex) = first.Item2.Fresh("i");
            var (acc, next) = afterIndex.Fresh("acc");
            string shift = ((Assign)((Loop)first.Item1).Body[0]).Target;
            var inner = afterIndex.Nested(afterIndex.Counter) with { InLoop = true, Indices = s.Indices.Add(index) };
            var term = s.Arrays.Length == 0 ? ExpressionGen.NonConstant(inner, 1) : Gen.OneOfConst([.. s.Arrays]).Select(a => (Expr)new Element(a, index));
            return Gen.Select(term, Gen.OneOfConst([.. s.Assignable.Where(v => v != shift)]), Gen.OneOfConst("=", "+=", "-="), (e, target, op) =>
                ((Stmt)new Sequence([
                    first.Item1,
                    new Declare(acc, new Num(0)),
                    new Loop(LoopKind.For, index, s.LoopCount, [new Assign(acc, "+=", new MathCall("Exp", [new Binary("-", e, new Var(shift))]))]),
                    new Assign(target, op, new Binary("+", new MathCall("Log", [new Var(acc)]), new Var(shift))),
                ]), next));
        });
    }

    /// <summary><c>int k = 0; w[k++] = e; …</c> into a local array or an output, at most as many writes as it has elements.</summary>
    static Gen<(Stmt, Scope)> CountedWritesStatement(Scope s)
    {
        var (counter, next) = s.Fresh("k");
        return Gen.Select(Gen.OneOfConst([.. s.LocalArrays, .. s.Outputs]), Gen.Int[1, s.MinLength], Gen.Bool, (a, n, up) => (a, n, up)).SelectMany(x =>
            GenExtensions.Sequence([.. Enumerable.Repeat(ExpressionGen.Expression(s, ExpressionDepth), x.n)])
                .Select(values => ((Stmt)new CountedWrites(counter, x.a, x.up, values), next)));
    }

    /// <summary>
    /// A bulk write into a local array or an output, of <c>n</c> elements from <c>at</c> (both within <see cref="Scope.MinLength"/>):
    /// a fill or a clear, whole or of a slice; a copy into a local array from an array, a span or a local array, whole or into a
    /// slice; or a local array's elements shifted by one either way. An output is never read, so never a copy's source.
    /// </summary>
    static Gen<(Stmt, Scope)> BulkWriteStatement(Scope s, Gen<Expr> expression)
    {
        int length = s.MinLength;
        var range = Gen.Int[1, length].SelectMany(n => Gen.Int[0, length - n].Select(at => (n, at)));
        bool IsArray(string a) => s.LocalArrayObjects.Contains(a) || s.ArrayParameters.Contains(a);
        // a span's slice as a call or, half the time, as a range (a view too; an array's range would be a copy)
        string Slice(string a, int at, int n) => IsArray(a) ? $"{a}.AsSpan({at}, {n})" : (at + n) % 2 == 0 ? $"{a}[{at}..{at + n}]" : $"{a}.Slice({at}, {n})";
        var fills = Gen.Select(Gen.OneOfConst([.. s.LocalArrays, .. s.Outputs]), range, Gen.Int[0, 5], expression, (a, r, form, e) =>
        {
            bool array = IsArray(a);
            string code = form switch
            {
                0 => array ? $"Array.Fill({a}, {{V}})" : $"{a}.Fill({{V}})",
                1 => array ? $"Array.Fill({a}, {{V}}, {r.at}, {r.n})" : $"{Slice(a, r.at, r.n)}.Fill({{V}})",
                2 => $"{Slice(a, r.at, r.n)}.Fill({{V}})",
                3 => array ? $"Array.Clear({a})" : $"{a}.Clear()",
                4 => array ? $"Array.Clear({a}, {r.at}, {r.n})" : $"{Slice(a, r.at, r.n)}.Clear()",
                _ => $"{Slice(a, r.at, r.n)}.Clear()",
            };
            return ((Stmt)new BulkWrite(code, form <= 2 ? e : null), s);
        });
        if (s.LocalArrays.Length == 0)
            return fills;

        // into a local array, from anything readable but an output (itself too: Array.Copy and CopyTo copy as through a temporary)
        string[] sources = [.. s.Arrays, .. s.LocalArrays];
        var copies = Gen.Select(Gen.OneOfConst([.. s.LocalArrays]), Gen.OneOfConst(sources), range, Gen.Int[0, length], Gen.Int[0, 2], (to, from, r, at, form) =>
        {
            int start = System.Math.Min(at, length - r.n);
            string code = form switch
            {
                0 when IsArray(to) && IsArray(from) => $"Array.Copy({from}, {start}, {to}, {r.at}, {r.n})",
                1 => $"{Slice(from, start, r.n)}.CopyTo({(r.at == 0 ? to : IsArray(to) ? $"{to}.AsSpan({r.at})" : $"{to}.Slice({r.at})")})",
                _ => $"{Slice(from, start, r.n)}.CopyTo({Slice(to, r.at, r.n)})",
            };
            return ((Stmt)new BulkWrite(code, null), s);
        });
        if (length < 2)
            return Gen.Frequency((1, fills), (1, copies));

        // a delay line: a local array's elements shifted by one either way (all but one of them, so the ranges overlap whenever
        // there are three: only a copy in the right direction is right)
        var shifts = Gen.Select(Gen.OneOfConst([.. s.LocalArrays]), Gen.Bool, Gen.Bool, (w, right, arrayCopy) =>
        {
            int n = length - 1;
            (int from, int to) = right ? (0, 1) : (1, 0);
            string code = arrayCopy && IsArray(w) ? $"Array.Copy({w}, {from}, {w}, {to}, {n})" : $"{Slice(w, from, n)}.CopyTo({Slice(w, to, n)})";
            return ((Stmt)new BulkWrite(code, null), s);
        });
        return Gen.Frequency((2, fills), (1, copies), (2, shifts));
    }

    /// <summary><c>t1 = t2 op= e;</c> or <c>t1 = (t2 op= e) * e2;</c>, t1 a variable or a local array's element, t2 another variable.</summary>
    static Gen<(Stmt, Scope)>? ChainedAssignment(Scope s)
    {
        var firsts = s.Assignable.Concat(s.LocalArrays.SelectMany(a => s.Indices.Select(i => $"{a}[{i}]"))).ToArray();
        var seconds = s.Assignable.ToArray();
        if (seconds.Length == 0 || firsts.Length < 2)
            return null;
        var expression = ExpressionGen.NonConstant(s, 1);
        return Gen.Select(Gen.OneOfConst(firsts), Gen.OneOfConst(seconds), Gen.OneOfConst("=", "+=", "-=", "*=", "/="), expression, Gen.Bool)
            .Where(x => x.Item1 != x.Item2)
            .SelectMany(x => expression.Select(factor =>
            {
                var inner = (AssignExpr)ToExpression(Assign(x.Item2, x.Item3, x.Item4));
                return ((Stmt)new Assign(x.Item1, "=", x.Item5 ? inner : new Binary("*", inner, factor)), s);
            }));
    }

    /// <summary><c>T temp = a; a = b; b = temp;</c>: two variables, or two elements of one local array.</summary>
    static Gen<(Stmt, Scope)>? SwapStatement(Scope s)
    {
        var (temp, next) = s.Fresh("sw");
        var pairs = new List<(string, string)>();
        pairs.AddRange(s.Assignable.SelectMany(a => s.Assignable.Where(b => b != a).Select(b => (a, b))));
        pairs.AddRange(s.LocalArrays.SelectMany(w => s.Indices.SelectMany(i => s.Indices.Where(j => j != i).Select(j => ($"{w}[{i}]", $"{w}[{j}]")))));
        return pairs.Count == 0 ? null : Gen.OneOfConst([.. pairs]).Select(p => ((Stmt)new Swap(temp, p.Item1, p.Item2), next));
    }

    /// <summary>
    /// <c>(a, b) = (e1, e2);</c> (two or three distinct variables, the parts reading any of them), <c>(T n1, T n2) = (e1, e2);</c>,
    /// or the pair of SinCos into two variables or two new ones.
    /// </summary>
    static Gen<(Stmt, Scope)> DeconstructStatement(Scope s, Gen<Expr> expression)
    {
        var (first, afterFirst) = s.Fresh("d");
        var (second, next) = afterFirst.Fresh("d");
        var declared = next with { Scalars = next.Scalars.Add(first).Add(second), Assignable = next.Assignable.Add(first).Add(second) };
        var angle = ExpressionGen.NonConstant(s, 1);
        var options = new List<(int, IGen<(Stmt, Scope)>)>
        {
            (1, Gen.Select(expression, expression, (e1, e2) => ((Stmt)new Deconstruction([first, second], true, [e1, e2], null), declared))),
            (1, angle.Select(e => ((Stmt)new Deconstruction([first, second], true, [], e), declared))),
        };
        if (s.Assignable.Length >= 2)
        {
            string[] assignable = [.. s.Assignable];
            var targets = Gen.Int[2, System.Math.Min(3, assignable.Length)].SelectMany(k => Gen.Shuffle(assignable, k)).Select(t => t.ToImmutableArray());
            // a part that is its own target, (a, b) = (a, e), warns CS1717 as a = a does
            static Expr NotItself(string target, Expr part) => part == new Var(target) ? new Binary("*", part, new Num(0.5)) : part;
            options.Add((3, targets.SelectMany(t => GenExtensions.Sequence<Expr>([.. t.Select(_ => expression)])
                .Select(values => ((Stmt)new Deconstruction(t, false, [.. values.Select((v, k) => NotItself(t[k], v))], null), s)))));
            options.Add((1, Gen.Select(Gen.Shuffle(assignable, 2), angle, (t, e) => ((Stmt)new Deconstruction([t[0], t[1]], false, [], e), s))));
        }
        return Gen.Frequency([.. options]);
    }

    static Expr ToExpression(Stmt assign) => assign is Assign a ? new AssignExpr(a.Target, a.Op, a.Value) : throw new System.ArgumentException(assign.ToString());

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
        LoopKind[] kinds = s.Grammar.SideEffects
            ? [LoopKind.For, LoopKind.While, LoopKind.Do, LoopKind.PreIncrement, LoopKind.CountDown]
            : [LoopKind.For, LoopKind.While, LoopKind.Do];
        var body = inner with
        {
            Indices = s.MinLength > 1 && int.TryParse(s.LoopCount, out _)
                ? s.Grammar.IndexFromEnd
                    ? inner.Indices.Add(index).Add($"{s.LoopCount} - 1 - {index}").Add($"^({index} + 1)")
                    : inner.Indices.Add(index).Add($"{s.LoopCount} - 1 - {index}")
                : inner.Indices.Add(index),
        };
        bool stencil = s.Grammar.Stencils && s.MinLength > 1 && int.TryParse(s.LoopCount, out _);
        var counted = Gen.Select(Gen.OneOfConst(kinds), Gen.Int[0, 2], Gen.Int[0, 3]).SelectMany(x =>
        {
            if (stencil && x.Item3 == 0)
                return StencilLoop(s, index, body, next);

            var (kind, rich) = (x.Item1, s.Grammar.RichLoopConditions && x.Item1 != LoopKind.While ? x.Item2 : 0);
            if (rich == 2 && kind == LoopKind.Do)
                return FirstAssignedLoop(s, index, body, next);
            var extra = rich == 0 ? Gen.Const(NoCondition) : ElementTest(body, index).Select(c => (Cond?)c);
            return Gen.Select(NestedBlock(body, mayJump: false), extra, (b, e) => ((Stmt)new Loop(kind, index, s.LoopCount, b, e), next));
        });
        var readable = s.Arrays.Concat(s.LocalArrays).ToArray();
        if (readable.Length == 0)
            return counted;
        var (variable, _) = s.Fresh("v");
        var collections = s.Grammar.SliceLoops ? Gen.Frequency((1, Gen.OneOfConst(readable)), (1, Gen.OneOfConst(readable).SelectMany(a => FromSecond(s, a)))) : Gen.OneOfConst(readable);
        var forEach = collections.SelectMany(a =>
            NestedBlock(inner with { Scalars = inner.Scalars.Add(variable) }, mayJump: false)
                .Select(b => ((Stmt)new ForEach(variable, a, b), next)));
        if (s.Grammar.ListData)
        {
            // constant data: a list walked by value, pairs deconstructed
            var overList = NestedBlock(inner with { Scalars = inner.Scalars.Add(variable) }, mayJump: false)
                .Select(b => ((Stmt)new ForEach(variable, StepKnots.ListCode, b), next));
            var overPairs = NestedBlock(inner with { Scalars = inner.Scalars.Add(variable).Add(variable + "w") }, mayJump: false)
                .Select(b => ((Stmt)new ForEach(variable, StepKnots.PairsCode, b, Second: variable + "w"), next));
            forEach = Gen.Frequency((4, forEach), (1, overList), (1, overPairs));
        }

        if (!s.Grammar.RefLocals)
            return Gen.Frequency((3, counted), (1, forEach));
        // foreach (ref T v in w.AsSpan()) writes a local array's elements; ref readonly reads any array
        var spans = s.LocalArrays.Select(a => (Code: s.LocalArrayObjects.Contains(a) ? $"{a}.AsSpan()" : a, Ref: RefKind.Ref))
            .Concat(readable.Select(a => (Code: s.LocalArrayObjects.Contains(a) || s.ArrayParameters.Contains(a) ? $"{a}.AsSpan()" : a, Ref: RefKind.RefReadOnly)))
            .ToArray();
        var refCollections = s.Grammar.SliceLoops
            ? Gen.Frequency((1, Gen.OneOfConst(spans)), (1, Gen.OneOfConst(readable).SelectMany(a => FromSecond(s, a)).Select(code => (Code: code, Ref: RefKind.RefReadOnly))))
            : Gen.OneOfConst(spans);
        var refForEach = refCollections.SelectMany(x =>
            NestedBlock(inner with
            {
                Scalars = inner.Scalars.Add(variable),
                Assignable = x.Ref == RefKind.Ref ? inner.Assignable.Add(variable) : inner.Assignable,
            }, mayJump: false).Select(b => ((Stmt)new ForEach(variable, x.Code, b, x.Ref), next)));
        return Gen.Frequency((6, counted), (1, forEach), (1, refForEach));
    }

    /// <summary>A slice of <paramref name="array"/> from its second element (empty when it has one): <c>a.AsSpan(1)</c>, <c>s[1..]</c>, <c>s.Slice(1, n - 1)</c>.</summary>
    static Gen<string> FromSecond(Scope s, string array)
    {
        int length = System.Math.Max(s.MinLength - 1, 0);
        return s.LocalArrayObjects.Contains(array) || s.ArrayParameters.Contains(array)
            ? Gen.OneOfConst($"{array}.AsSpan(1)", $"{array}.AsSpan(1, {length})")
            : Gen.OneOfConst($"{array}[1..]", $"{array}.Slice(1, {length})");
    }

    /// <summary><c>for (int i = 0; i &lt; n - 1; i++) { … }</c>, a body free to read <c>a[i + 1]</c> as well as <c>a[i]</c>.</summary>
    static Gen<(Stmt, Scope)> StencilLoop(Scope s, string index, Scope body, Scope next) =>
        NestedBlock(body with { Indices = body.Indices.Add($"{index} + 1") }, mayJump: false)
            .Select(b => ((Stmt)new Loop(LoopKind.For, index, $"{s.LoopCount} - 1", b), next));

    /// <summary>
    /// Rosenbrock's sum, last before the return, which adds it: <c>T s = 0; for (int i = 0; i &lt; n - 1; i++) s += a[i + 1] * e;</c>,
    /// e reading <c>a[i]</c>, <c>a[i + 1]</c> and the scalar parameters. The result is linear in s, so the
    /// generator fuses the loop's backward pass into it, carries the <c>a[i + 1]</c> part of <c>da</c> to the next
    /// iteration (ElementCarry) and, in <c>FGradient</c>, clears only the elements the loop did not assign. One time
    /// in two the bound is <c>a.Length - 1</c> (the entry's arrays are all n long), from which the generator proves
    /// that a loop that ran wrote all of <c>da</c> (GradientOverwrite.WritesWholeSpan).
    /// </summary>
    public static Gen<(ImmutableArray<Stmt> Statements, string? Sum)> FinalStencil(Scope s, ImmutableArray<string> scalarParameters)
    {
        if (!s.Grammar.Stencils || !s.ReturnsValue || s.MinLength <= 1 || s.Arrays.IsEmpty || !int.TryParse(s.LoopCount, out _))
            return Gen.Const((ImmutableArray<Stmt>.Empty, (string?)null));
        var (sum, afterSum) = s.Fresh("stencil"); // not "s": s0 is a span parameter
        var (index, _) = afterSum.Fresh("i");
        var neighbours = s with { Scalars = scalarParameters, Assignable = [], LocalArrays = [], LocalArrayObjects = [], Callees = [], Indices = [index, $"{index} + 1"], InLoop = true, Depth = 2 };
        var loop = Gen.Select(Gen.OneOfConst([.. s.Arrays]), ExpressionGen.Expression(neighbours, 1), Gen.Bool, (a, e, byLength) =>
            (ImmutableArray<Stmt>.Empty.Add(new Declare(sum, new Num(0.0)))
                .Add(new Loop(LoopKind.For, index, $"{(byLength ? $"{a}.Length" : s.LoopCount)} - 1", [new Assign(sum, "+=", new Binary("*", new Element(a, $"{index} + 1"), e))])), (string?)sum));
        return Gen.Int[0, 1].SelectMany(k => k == 0 ? loop : Gen.Const((ImmutableArray<Stmt>.Empty, (string?)null)));
    }

    /// <summary>The element-wise sum of <see cref="Grammar.VectorLoops"/>, after the stencil.</summary>
    public static Gen<(ImmutableArray<Stmt> Statements, string? Sum)> FinalVectorLoop(Scope s)
    {
        if (!s.Grammar.VectorLoops || !s.ReturnsValue || s.Arrays.IsEmpty || s.MinLength <= 1)
            return Gen.Const((ImmutableArray<Stmt>.Empty, (string?)null));
        var (sum, afterSum) = s.Fresh("lanes");
        var (index, afterIndex) = afterSum.Fresh("i");
        var (local, afterLocal) = afterIndex.Fresh("v");
        var (outer, _) = afterLocal.Fresh("p");
        var nested = s.Grammar.NestedVectorLoops ? Gen.Int[0, 2].Select(k => k == 0) : Gen.Const(false);
        var loop = Gen.Select(Gen.OneOfConst([.. s.Arrays]), Gen.Int[0, 1], Gen.OneOfConst("+=", "-="), Gen.Bool, nested).SelectMany(x =>
        {
            var (array, margin, op, withLocal, inLoop) = x;
            Expr[] elements = margin == 0 ? [new Element(array, index)] : [new Element(array, index), new Element(array, $"{index} + 1")];
            var first = LaneTerm(elements, 2);
            var term = LaneTerm(withLocal ? [.. elements, new Var(local)] : elements, 2);
            return Gen.Select(first, term, (e1, e2) =>
            {
                // the local is read (a local never read would be the program's own CS0219)
                ImmutableArray<Stmt> body = withLocal ? [new Declare(local, e1), new Assign(sum, op, new Binary("*", new Var(local), e2))] : [new Assign(sum, op, e2)];
                Stmt lanes = new Loop(LoopKind.For, index, margin == 0 ? $"{array}.Length" : $"{array}.Length - {margin}", body);
                // nested: the sum is carried by the outer loop too, and scaled by a differentiable factor, whose gradient
                // needs the sum's value before it (the scalar loop then carries the sum in a variable of its own: F53)
                Expr factor = s.Scalars.IsEmpty ? new Num(0.5) : new MathCall("Cos", [new Var(s.Scalars[0])]);
                Stmt placed = inLoop ? new Loop(LoopKind.For, outer, "2", [lanes, new Assign(sum, "*=", factor)]) : lanes;
                return (ImmutableArray<Stmt>.Empty.Add(new Declare(sum, new Num(0.0))).Add(placed), (string?)sum);
            });
        });
        return Gen.Int[0, 1].SelectMany(k => k == 0 ? loop : Gen.Const((ImmutableArray<Stmt>.Empty, (string?)null)));
    }

    /// <summary>An expression of the given leaves by the operations vector lanes compute as scalars do; a function's argument is never constant.</summary>
    static Gen<Expr> LaneTerm(Expr[] leaves, int depth)
    {
        var variable = Gen.OneOfConst(leaves);
        var leaf = Gen.Frequency((3, variable), (1, Gen.OneOfConst(0.5, 1.5, 2.0, -3.0).Select(v => (Expr)new Num(v))));
        if (depth == 0)
            return leaf;
        var sub = LaneTerm(leaves, depth - 1);
        var nonConstant = Gen.Select(variable, sub, (v, e) => (Expr)new Binary("+", v, e));
        return Gen.Frequency(
            (2, leaf),
            (4, Gen.Select(Gen.OneOfConst("+", "-", "*"), sub, sub, (op, l, r) => (Expr)new Binary(op, l, r))),
            (1, Gen.Select(sub, sub, (l, r) => (Expr)new Binary("/", l, new Binary("+", new Num(1.0), new Binary("*", r, r))))),
            (1, sub.Select(e => (Expr)new Negate(e))),
            (1, nonConstant.Select(e => (Expr)new MathCall("Sqrt", [new Binary("+", new Num(1.0), new Binary("*", e, e))]))),
            (1, nonConstant.Select(e => (Expr)new MathCall("Abs", [e]))));
    }

    /// <summary>
    /// GMM's point loop, after the stencil: <c>T scratch = 0; for (int p = 0; p &lt; n; p++) { for (int i = 0; i &lt; n; i++) w[i] = e; scratch += e2; }</c>,
    /// e reading the arrays at i and p and the scalar parameters, e2 reading the local arrays (w among them) at any index. Every
    /// iteration overwrites w whole before reading it, so the generator runs each iteration's backward pass right
    /// after it (IterationLocalArrays). One time in three a look-alike the generator must not fuse: w read once
    /// before it is written, or written only where a condition holds (the previous point's values are read).
    /// The squared norms of w read its elements after the loop that wrote them, values the reverse pass needs: computed
    /// again from e where e is cheap (Rematerialization), saved where e calls or costs more, or where the write is
    /// conditional (then the norm reads elements an earlier point may have left). GMM's triangle reads w[i] in a loop from i + 1;
    /// its rows add e · z to every element of w, z = Exp(w[r]) once per row r: the generator versions the reverse inner loop on
    /// z being finite (FiniteVersion).
    /// </summary>
    public static Gen<(ImmutableArray<Stmt> Statements, string? Sum)> FinalScratch(Scope s, ImmutableArray<string> scalarParameters)
    {
        if (!s.Grammar.ScratchArrays || !s.ReturnsValue || s.MinLength <= 1 || s.LocalArrays.IsEmpty || !int.TryParse(s.LoopCount, out _))
            return Gen.Const((ImmutableArray<Stmt>.Empty, (string?)null));
        var (sum, afterSum) = s.Fresh("scratch");
        var (point, afterPoint) = afterSum.Fresh("p");
        var (index, afterIndex) = afterPoint.Fresh("i");
        var (norm, afterNorm) = afterIndex.Fresh("q");
        var (inner, afterInner) = afterNorm.Fresh("j");
        var (row, afterRow) = afterInner.Fresh("r");
        var (gradient, _) = afterRow.Fresh("z");
        var common = s with { Scalars = scalarParameters, Assignable = [], Callees = [], InLoop = true, Depth = 2 };
        var writing = common with { LocalArrays = [], LocalArrayObjects = [], Indices = [index, point] };
        var reading = common with { Arrays = [], Indices = [.. Enumerable.Range(0, s.MinLength).Select(k => k.ToString()), point] };
        var scaling = writing with { Indices = [inner, point] };
        var loop = Gen.Select(Gen.OneOfConst([.. s.LocalArrays]), ExpressionGen.Expression(writing, 1), ExpressionGen.Expression(reading, 1), Gen.Int[0, 12], ExpressionGen.Condition(writing, 0),
                Gen.Frequency((3, ExpressionGen.Expression(scaling, 0)), (1, ExpressionGen.Expression(scaling, 1))))
            .Select(x =>
            {
                var (w, written, read, variant, condition, scale) = x;
                Stmt store = new Assign($"{w}[{index}]", "=", written);
                Stmt write = new Loop(LoopKind.For, index, s.LoopCount, variant is 5 or 8 ? [new If(condition, [store], null)] : [store]);
                Stmt add = new Assign(sum, "+=", read);
                // GMM's component: a squared norm of the scratch array in a nested loop, whose reverse iterations run first to
                // last and test the norm's adjoint once (or, with a sine, an element's saved value per iteration).
                Expr element = new Element(w, inner);
                Expr term = variant == 7 ? new Binary("*", new MathCall("Sin", [element]), element) : new Binary("*", element, element);
                // GMM's triangle: per row a local gradient z computed once, then w[j] += e · z for every j (FiniteVersion tests z
                // once per row instead of each element's adjoint; mostly e is a leaf, whose own gradient needs no test, so no
                // test is left and the loop is versioned); Exp of an element can overflow, so both versions run.
                Stmt rows = new Loop(LoopKind.For, row, s.LoopCount, [new Declare(gradient, new MathCall("Exp", [new Element(w, row)])),
                    new Loop(LoopKind.For, inner, s.LoopCount, [new Assign($"{w}[{inner}]", "+=", new Binary("*", scale, new Var(gradient)))])]);
                ImmutableArray<Stmt> body = variant switch
                {
                    10 or 11 or 12 => [write, rows, add],
                    4 => [new Assign(sum, "+=", new Element(w, point)), write, add],
                    6 or 7 or 8 => [write, new Declare(norm, new Num(0.0)), new Loop(LoopKind.For, inner, s.LoopCount, [new Assign(norm, "+=", term)]),
                        new Assign(sum, "+=", new Binary("+", new MathCall("Exp", [new Negate(new Var(norm))]), read))],
                    // GMM's triangle: w[i] is the same in every iteration of the inner loop, which starts at i + 1, so it is read
                    // once before that loop, under the loop's own test (InvariantReads), and the loop is written as the user's for.
                    9 => [write, new Loop(LoopKind.For, index, s.LoopCount, [new Loop(LoopKind.For, inner, s.LoopCount,
                        [new Assign(sum, "+=", new Binary("*", new Element(w, inner), new Element(w, index)))], Start: index + " + 1")]), add],
                    _ => [write, add],
                };
                return (ImmutableArray<Stmt>.Empty.Add(new Declare(sum, new Num(0.0))).Add(new Loop(LoopKind.For, point, s.LoopCount, body)), (string?)sum);
            });
        return Gen.Int[0, 1].SelectMany(k => k == 0 ? loop : Gen.Const((ImmutableArray<Stmt>.Empty, (string?)null)));
    }

    /// <summary>A comparison that reads an element at the loop's index (<c>a[i] &gt; e</c>), and-ed to a loop's test.</summary>
    static Gen<Cond> ElementTest(Scope body, string index)
    {
        var readable = body.Arrays.Concat(body.LocalArrays).ToArray();
        var element = readable.Length == 0
            ? ExpressionGen.NonConstant(body, 0)
            : Gen.OneOfConst(readable).Select(a => (Expr)new Element(a, index));
        return Gen.Select(Gen.OneOfConst("<", ">", "<=", ">="), element, ExpressionGen.Expression(body, 1),
            (op, a, b) => a == b ? new Compare(op, a, new Binary("+", b, new Num(0.5))) : (Cond)new Compare(op, a, b));
    }

    /// <summary>
    /// <c>T d; int i = -1; do { i++; d = e; … } while (i &lt; n - 1 &amp;&amp; d &gt; c);</c>: the natural
    /// Newton iteration; d is first assigned in the body, and readable after the loop.
    /// </summary>
    static Gen<(Stmt, Scope)> FirstAssignedLoop(Scope s, string index, Scope body, Scope next)
    {
        var (d, _) = s.Fresh("d");
        var withD = body with { Scalars = body.Scalars.Add(d), Assignable = body.Assignable.Add(d) };
        return Gen.Select(ExpressionGen.NonConstant(body, ExpressionDepth), NestedBlock(withD, mayJump: false),
            Gen.OneOfConst("<", ">", "<=", ">="), ExpressionGen.Expression(withD, 1),
            (e, b, op, c) => ((Stmt)new Loop(LoopKind.Do, index, s.LoopCount, b.Insert(0, new Assign(d, "=", e)),
                new Compare(op, new Var(d), c == new Var(d) ? new Binary("+", c, new Num(0.5)) : c), d),
                next with { Scalars = next.Scalars.Add(d), Assignable = next.Assignable.Add(d) }));
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
                var sliced = a.OfType<ArrayArgument>().Any(x => x.Code.Contains('(') || x.Code.Contains(".."));
                var code = !sliced ? output
                    : s.Grammar.IndexFromEnd && !s.LocalArrayObjects.Contains(output) ? $"{output}[..^1]"
                    : ExpressionGen.Slice(s, output, 0, s.MinLength - 1);
                return new CallStatement(new Call(callee.Name, [.. a.Select(x => x is ArrayArgument { Code: "" } ? new ArrayArgument(code) : x)]));
            });
        });
}
