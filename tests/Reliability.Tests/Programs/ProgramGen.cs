using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CsCheck;

namespace SymbolicDiff.Reliability.Tests.Programs;

/// <summary>
/// Random programs: up to two helper methods (a scalar function, possibly of an array, and a
/// vector-valued map from a span to a span) and an entry method that may call them, scalar- or
/// vector-valued, over 1–3 scalars and up to two arrays (a <c>T[]</c> and a <c>ReadOnlySpan&lt;T&gt;</c>).
/// </summary>
public static class ProgramGen
{
    public static Gen<RandomProgram> Program(Grammar grammar) =>
        Gen.Select(grammar.Float ? Gen.Frequency((3, Gen.Const(false)), (1, Gen.Const(true))) : Gen.Const(false), Gen.Int[2, 4])
            .SelectMany(x => Helpers(grammar).SelectMany(helpers =>
                Entry(grammar, x.Item2, helpers).SelectMany(entry => Declared(grammar, helpers, entry).Select(declared => new RandomProgram(x.Item1, x.Item2, [.. declared, entry])))));

    /// <summary>
    /// With <see cref="Grammar.LocalFunctions"/>, a helper the entry calls that the generator lowers at its calls
    /// (<see cref="LowersAtItsCalls"/>) is declared, a third of the time each, as a static or an instance local function of the entry.
    /// </summary>
    static Gen<ImmutableArray<Method>> Declared(Grammar grammar, ImmutableArray<Method> helpers, Method entry)
    {
        var declared = helpers.Select(h =>
            grammar.LocalFunctions && h.Parameters.All(p => p.Kind == ParameterKind.Scalar) && LowersAtItsCalls(h.Body) && CallFinder.CallsMethod(entry, h.Name)
                ? Gen.OneOfConst(LocalKind.None, LocalKind.Static, LocalKind.Instance).Select(kind => h with { Local = kind })
                : Gen.Const(h));
        return GenExtensions.Sequence([.. declared]);
    }

    /// <summary>A local function's body lowered at its calls: declarations of such expressions (<c>T t = e;</c>), then <c>return e;</c>.</summary>
    static bool LowersAtItsCalls(ImmutableArray<Stmt> body) =>
        body is [.., Return { Value: { } returned }] && LowersAtItsCalls(returned)
        && body[..^1].All(s => s is Declare d && LowersAtItsCalls(d.Value));

    /// <summary>
    /// The README's rule for a body lowered at its calls ("Calls to small callees"): scalars, literals, <c>+ - * /</c>,
    /// negation, the Math functions of the gate table (not the steps, nor ScaleB's or RootN's int) and <c>?:</c> of
    /// comparisons joined by <c>&amp;&amp; || !</c>. Anything else in a local function is SDIFF0006 at its call.
    /// </summary>
    public static bool LowersAtItsCalls(Expr e) => e switch
    {
        Num or Var => true,
        Negate n => LowersAtItsCalls(n.Operand),
        Binary { Op: "+" or "-" or "*" or "/" } b => LowersAtItsCalls(b.Left) && LowersAtItsCalls(b.Right),
        MathCall m => !NotLowered.Contains(m.Function) && m.Args.All(LowersAtItsCalls),
        Conditional c => LowersAtItsCalls(c.Test) && LowersAtItsCalls(c.WhenTrue) && LowersAtItsCalls(c.WhenFalse),
        _ => false,
    };

    static bool LowersAtItsCalls(Cond c) => c switch
    {
        Compare k => LowersAtItsCalls(k.Left) && LowersAtItsCalls(k.Right),
        Logical l => LowersAtItsCalls(l.Left) && LowersAtItsCalls(l.Right),
        Not n => LowersAtItsCalls(n.Operand),
        _ => false,
    };

    static readonly HashSet<string> NotLowered = ["Floor", "Ceiling", "Round", "Truncate", ExpressionGen.RoundAwayFromZero, "ScaleB", "RootN"];

    static readonly Method? NoMethod = null;

    static Gen<ImmutableArray<Method>> Helpers(Grammar grammar)
    {
        if (!grammar.Calls)
            return Gen.Const(ImmutableArray<Method>.Empty);
        var none = Gen.Const(NoMethod);
        var scalar = Gen.Frequency((1, none), (2, ScalarHelper(grammar).Select(m => (Method?)m)));
        var vector = grammar.Loops
            ? Gen.Frequency((1, none), (1, VectorHelper(grammar).Select(m => (Method?)m)))
            : none;
        return Gen.Select(scalar, vector, (a, b) => ImmutableArray.CreateRange(new[] { a, b }.OfType<Method>()));
    }

    /// <summary><c>T H(T u0[, T u1][, ReadOnlySpan&lt;T&gt; b])</c>; with <see cref="Grammar.InlinedHelpers"/>, a third of them one expression of u0[, u1].</summary>
    static Gen<Method> ScalarHelper(Grammar grammar)
    {
        var withStatements = Gen.Select(Gen.Int[1, 2], grammar.Loops ? Gen.Bool : Gen.Const(false)).SelectMany(x =>
        {
            var parameters = Enumerable.Range(0, x.Item1).Select(i => new Parameter($"u{i}", ParameterKind.Scalar)).ToList();
            if (x.Item2)
                parameters.Add(new Parameter("b", grammar.ArrayTypedCalleeParameters ? ParameterKind.Array : ParameterKind.ReadOnlySpan));
            return Gen.Select(grammar.OptionalArrays ? Gen.Bool : Gen.Const(false), grammar.ParamsCalls && x.Item2 ? Gen.Bool : Gen.Const(false)).SelectMany(y =>
                Body(grammar, "H", y.Item1 ? [.. parameters, new Parameter("c", ParameterKind.Optional)] : [.. parameters], minLength: 1, callees: [], statements: Gen.Int[0, 3])
                    .Select(m => m with { ParamsLast = y.Item2 && !y.Item1 }));
        });
        return grammar.InlinedHelpers ? Gen.Frequency((2, withStatements), (1, ExpressionHelper(grammar))) : withStatements;
    }

    /// <summary>
    /// <c>T H(T u0[, T u1]) =&gt; e;</c> or <c>{ return e; }</c>, e of the scalars, literals, operators and Math
    /// functions only: what the generator inlines into its callers (when e is small and calls no Math.Sign or Floor).
    /// </summary>
    static Gen<Method> ExpressionHelper(Grammar grammar) =>
        Gen.Select(Gen.Int[1, 2], Gen.Bool).SelectMany(x =>
        {
            ImmutableArray<Parameter> parameters = [.. Enumerable.Range(0, x.Item1).Select(i => new Parameter($"u{i}", ParameterKind.Scalar))];
            var scope = new Scope
            {
                // ?: is lowered at the calls too (a switch expression, a guard, an extension member, % and a step are not)
                Grammar = grammar with { Switches = false, Guards = false, ExtensionMembers = false, Remainders = false, FrameworkSteps = false },
                ReturnsValue = true,
                Scalars = [.. parameters.Select(p => p.Name)],
                LoopCount = "3",
            };
            // a third of them a ?: at the top (a clip, a ReLU), which a call lowers as a branch
            var conditional = Gen.Select(ExpressionGen.Condition(scope, 1), ExpressionGen.NonConstant(scope, 1), ExpressionGen.NonConstant(scope, 1),
                (c, a, b) => (Expr)new Conditional(c, a, ExpressionGen.Other(scope, a, b)));
            var returned = Gen.Frequency((2, ExpressionGen.NonConstant(scope, 2)), (1, conditional));
            // a third of those with a block body declare a local first (a local function lowers it at each call; a
            // [Differentiable] helper with one stays a call)
            var (local, next) = scope.Fresh("t");
            var withLocal = next with { Scalars = next.Scalars.Add(local) };
            var declared = Gen.Select(ExpressionGen.NonConstant(scope, 2), Gen.Frequency((2, ExpressionGen.NonConstant(withLocal, 2)), (1, conditional)),
                (value, e) => new Method("H", parameters, [new Declare(local, value), new Return(e)]));
            var oneReturn = returned.Select(e => new Method("H", parameters, [new Return(e)]) { ExpressionBodied = x.Item2 });
            return x.Item2 ? oneReturn : Gen.Frequency((2, oneReturn), (1, declared));
        });

    /// <summary><c>void V(ReadOnlySpan&lt;T&gt; b, [T u0,] Span&lt;T&gt; z)</c>: z[i] = f(b[i], …) for every i.</summary>
    static Gen<Method> VectorHelper(Grammar grammar) =>
        Gen.Bool.SelectMany(withScalar =>
        {
            ImmutableArray<Parameter> parameters = withScalar
                ? [new("b", ParameterKind.ReadOnlySpan), new("u0", ParameterKind.Scalar), new("z", ParameterKind.Output)]
                : [new("b", ParameterKind.ReadOnlySpan), new("z", ParameterKind.Output)];
            return Body(grammar, "V", parameters, minLength: 1, callees: [], statements: Gen.Int[0, 3]);
        });

    static Gen<Method> Entry(Grammar grammar, int length, ImmutableArray<Method> helpers) =>
        Gen.Select(Gen.Int[1, 3], grammar.Loops ? Gen.Int[0, 2] : Gen.Const(0), grammar.Loops ? Gen.Int[0, 3] : Gen.Const(1))
            .SelectMany(x =>
            {
                var parameters = Enumerable.Range(0, x.Item1).Select(i => new Parameter($"x{i}", ParameterKind.Scalar)).ToList();
                if (x.Item2 >= 1)
                    parameters.Add(new Parameter("a0", ParameterKind.Array));
                if (x.Item2 >= 2)
                    parameters.Add(new Parameter("s0", ParameterKind.ReadOnlySpan));
                if (x.Item3 == 0)
                    parameters.Add(new Parameter("y", ParameterKind.Output));
                return Body(grammar, "F", [.. parameters], minLength: length, helpers, statements: Gen.Int[1, 5]);
            });

    static Gen<Method> Body(Grammar grammar, string name, ImmutableArray<Parameter> parameters, int minLength, ImmutableArray<Method> callees, Gen<int> statements)
    {
        var scalars = parameters.Where(p => p.Kind == ParameterKind.Scalar).Select(p => p.Name).ToImmutableArray();
        var arrays = parameters.Where(p => p.Kind is ParameterKind.Array or ParameterKind.ReadOnlySpan).Select(p => p.Name).ToImmutableArray();
        var outputs = parameters.Where(p => p.Kind == ParameterKind.Output).Select(p => p.Name).ToImmutableArray();
        var returnsValue = outputs.IsEmpty;
        // a helper's loops run over its first span, which its output (if any) matches in length
        var loopCount = minLength > 1 ? minLength.ToString() : arrays.IsEmpty ? "3" : $"{arrays[0]}.Length";
        var scope = new Scope
        {
            Grammar = grammar,
            ReturnsValue = returnsValue,
            Scalars = scalars,
            Assignable = grammar.ReassignParameters ? scalars : [],
            Arrays = arrays,
            ArrayParameters = [.. parameters.Where(p => p.Kind == ParameterKind.Array).Select(p => p.Name)],
            Outputs = outputs,
            Optionals = [.. parameters.Where(p => p.Kind == ParameterKind.Optional).Select(p => p.Name)],
            Indices = minLength > 1
                ? [.. Enumerable.Range(0, minLength).Select(i => i.ToString()), .. grammar.IndexFromEnd ? new[] { "^1", $"^{minLength}" } : []]
                : grammar.IndexFromEnd ? ["0", "^1"] : ["0"],
            MinLength = minLength,
            LoopCount = loopCount,
            Callees = callees,
        };
        var locals = (grammar.Loops && minLength > 1 ? LocalArrays(scope) : Gen.Const((ImmutableArray<Stmt>.Empty, scope)))
            .SelectMany(declared => ParamsCallFirst(declared.Item2).Select(call => (declared.Item1.AddRange(call.Item1), call.Item2)));
        return locals.SelectMany(declared => statements.SelectMany(n => StatementGen.Block(declared.Item2, n)).SelectMany(block =>
        {
            var body = declared.Item1.AddRange(block.Statements);
            return returnsValue
                ? Gen.Select(StatementGen.FinalStencil(block.Scope, scalars), StatementGen.FinalScratch(block.Scope, scalars), StatementGen.FinalVectorLoop(block.Scope), ExpressionGen.NonConstant(block.Scope, 2), (stencil, scratch, lanes, e) =>
                    new Method(name, parameters, body.AddRange(stencil.Statements).AddRange(scratch.Statements).AddRange(lanes.Statements)
                        .Add(new Return(new[] { stencil.Sum, scratch.Sum, lanes.Sum }.OfType<string>().Aggregate(e, (r, sum) => new Binary("+", r, new Var(sum)))))))
                : WriteEveryOutput(block.Scope).Select(fill => new Method(name, parameters, body.Add(fill)));
        }));
    }

    /// <summary>
    /// With <see cref="Grammar.ParamsCalls"/>, half the time: <c>T p0 = H(e, e0[, e1[, e2]]);</c>, a call of a params helper with its
    /// values one by one, first in the method (its params array is a local array, which the generator makes at the top only).
    /// </summary>
    static Gen<(ImmutableArray<Stmt>, Scope)> ParamsCallFirst(Scope s)
    {
        if (!s.Grammar.ParamsCalls || s.Callees.FirstOrDefault(c => c.ParamsLast) is not { } callee)
            return Gen.Const((ImmutableArray<Stmt>.Empty, s));
        var (name, next) = s.Fresh("p");
        var scalars = GenExtensions.Sequence([.. callee.Parameters.SkipLast(1).Select(_ => ExpressionGen.Expression(s, 1))]);
        var values = Gen.Int[1, 3].SelectMany(n => GenExtensions.Sequence([.. Enumerable.Repeat(ExpressionGen.Expression(s, 1), n)]));
        var call = Gen.Select(scalars, values, (u, v) => (ImmutableArray.Create<Stmt>(new Declare(name, new Call(callee.Name, [.. u.Concat(v).Select(e => (Argument)new ScalarArgument(e))]))),
            next with { Scalars = next.Scalars.Add(name), Assignable = next.Assignable.Add(name) }));
        return Gen.Frequency((1, Gen.Const((ImmutableArray<Stmt>.Empty, s))), (1, call));
    }

    /// <summary>0–2 local arrays, declared first (arrays are created at the top level of a method).</summary>
    static Gen<(ImmutableArray<Stmt>, Scope)> LocalArrays(Scope s) =>
        Gen.Int[0, 2].SelectMany(count =>
        {
            Gen<(ImmutableArray<Stmt>, Scope)> result = Gen.Const((ImmutableArray<Stmt>.Empty, s));
            for (var k = 0; k < count; k++)
                result = result.SelectMany(acc => LocalArray(acc.Item2).Select(d => (acc.Item1.Add(d.Item1), d.Item2)));
            return result;
        });

    static Gen<(Stmt, Scope)> LocalArray(Scope s) =>
        Gen.OneOfConst<LocalArrayKind>([
                LocalArrayKind.NewArray, LocalArrayKind.Initializer, LocalArrayKind.StackAlloc,
                .. s.Grammar.CollectionExpressions ? new[] { LocalArrayKind.Collection, LocalArrayKind.SpanCollection } : [],
                .. s.Grammar.ArrayCopies && CopySources(s).Length > 0 ? new[] { LocalArrayKind.Copy } : [],
                .. s.Grammar.ReadOnlyTables ? new[] { LocalArrayKind.ReadOnlyTable } : []])
            .SelectMany(kind =>
        {
            var (name, next) = s.Fresh("w");
            var values = kind is LocalArrayKind.Initializer or LocalArrayKind.Collection or LocalArrayKind.SpanCollection or LocalArrayKind.ReadOnlyTable
                ? GenExtensions.Sequence([.. Enumerable.Repeat(ExpressionGen.Expression(s, 1), s.MinLength)])
                : Gen.Const(ImmutableArray<Expr>.Empty);
            var copied = kind == LocalArrayKind.Copy ? Copy(s) : Gen.Const((string?)null);
            // a read-only table is read as a span parameter is, never written
            return Gen.Select(values, copied, (v, c) => ((Stmt)new LocalArray(name, kind, s.MinLength, v, c), kind == LocalArrayKind.ReadOnlyTable
                ? next with { Arrays = next.Arrays.Add(name) }
                : next with
                {
                    LocalArrays = next.LocalArrays.Add(name),
                    LocalArrayObjects = kind is LocalArrayKind.StackAlloc or LocalArrayKind.SpanCollection ? next.LocalArrayObjects : next.LocalArrayObjects.Add(name),
                }));
        });

    /// <summary>What a copy may copy: the array and span parameters and the local arrays declared before it, each as (name, is a T[]).</summary>
    static ImmutableArray<(string Name, bool IsArray)> CopySources(Scope s) =>
        [.. s.Arrays.Select(a => (a, s.ArrayParameters.Contains(a))), .. s.LocalArrays.Select(a => (a, s.LocalArrayObjects.Contains(a)))];

    /// <summary>A copy of a whole array or span, or of its first <see cref="Scope.MinLength"/> elements (<c>{T}</c> for the element type).</summary>
    static Gen<string?> Copy(Scope s) =>
        Gen.Select(Gen.OneOfConst([.. CopySources(s)]), Gen.Int[0, 2], (source, form) => (string?)(source.IsArray
            ? form switch
            {
                0 => $"({{T}}[]){source.Name}.Clone()",
                1 => $"{source.Name}[..{s.MinLength}]",
                _ => $"{source.Name}.AsSpan(0, {s.MinLength}).ToArray()",
            }
            : form switch
            {
                0 => $"{source.Name}.ToArray()",
                1 => $"{source.Name}.Slice(0, {s.MinLength}).ToArray()",
                _ => $"{source.Name}[..{s.MinLength}].ToArray()",
            }));

    /// <summary>
    /// The last statement of a vector-valued method: a loop writing every element of every output
    /// (a callee must: the caller takes the whole output as written). With
    /// <see cref="Grammar.PartialOutputWrites"/>, sometimes only the elements where a condition holds.
    /// </summary>
    static Gen<Stmt> WriteEveryOutput(Scope s)
    {
        var (index, afterIndex) = s.Fresh("i");
        var inner = s.Nested(s.Counter) with { InLoop = true, Indices = s.Indices.Add(index) };
        var writes = GenExtensions.Sequence([.. s.Outputs.Select(y => Write(y).Select(w => (Stmt)new Sequence(w)))]);
        var partial = s.Grammar.PartialOutputWrites ? Gen.Int[0, 3].Select(k => k == 0) : Gen.Const(false);
        var last = Gen.Select(writes, partial, ExpressionGen.Condition(inner, 0), (w, p, c) =>
            (Stmt)new Loop(LoopKind.For, index, s.LoopCount, p ? [new If(c, w, null)] : w));
        if (!s.Grammar.OutputReads)
            return last;

        // Or every output first written whole by a loop of its own, for (int k = 0; k < y.Length; k++) y[k] = e;, then only
        // added to or scaled, reading back any element: y[i] op= y[i] * e2.
        var (clear, _) = afterIndex.Fresh("i");
        var clearing = s.Nested(afterIndex.Counter) with { InLoop = true, Indices = s.Indices.Add(clear) };
        var clears = GenExtensions.Sequence([.. s.Outputs.Select(y => ClearFirst(y, clearing, clear, s))]);
        var updates = GenExtensions.Sequence([.. s.Outputs.Select(y => Gen.Select(Gen.OneOfConst("+=", "-=", "*="), ExpressionGen.Expression(inner, 1),
            (op, e) => (Stmt)new Assign($"{y}[{index}]", op, new Binary("*", new Element(y, index), e))))]);
        var clearedFirst = Gen.Select(clears, updates, partial, ExpressionGen.Condition(inner, 0), (c, u, p, test) =>
            (Stmt)new Sequence([.. c, new Loop(LoopKind.For, index, s.LoopCount, p ? [new If(test, u, null)] : u)]));
        return Gen.Frequency((3, last), (1, clearedFirst));

        // for (int k = 0; k < y.Length; k++) y[k] = e;, or with BulkWrites y.Fill(e2); or y.Clear();
        static Gen<Stmt> ClearFirst(string y, Scope clearing, string clear, Scope s)
        {
            var loop = ExpressionGen.NonConstant(clearing, 1).Select(e => (Stmt)new Loop(LoopKind.For, clear, $"{y}.Length", [new Assign($"{y}[{clear}]", "=", e)]));
            if (!s.Grammar.BulkWrites)
                return loop;
            var fill = ExpressionGen.Expression(s, 1).Select(e => (Stmt)new BulkWrite($"{y}.Fill({{V}})", e));
            return Gen.Frequency((2, loop), (1, fill), (1, Gen.Const((Stmt)new BulkWrite($"{y}.Clear()", null))));
        }

        // y[i] = e, and with OutputReads sometimes an update that reads it back: y[i] op= y[i] * e2
        Gen<ImmutableArray<Stmt>> Write(string y)
        {
            var write = ExpressionGen.NonConstant(inner, 2).Select(e => (Stmt)new Assign($"{y}[{index}]", "=", e));
            if (!s.Grammar.OutputReads)
                return write.Select(w => ImmutableArray.Create(w));
            var update = Gen.Select(Gen.OneOfConst("+=", "-=", "*="), ExpressionGen.Expression(inner, 1),
                (op, e) => (Stmt)new Assign($"{y}[{index}]", op, new Binary("*", new Element(y, index), e)));
            return Gen.Select(write, Gen.Int[0, 1], update, (w, k, u) => k == 0 ? ImmutableArray.Create(w) : ImmutableArray.Create(w, u));
        }
    }
}
