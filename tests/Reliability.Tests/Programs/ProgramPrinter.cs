using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SymbolicDiff.Reliability.Tests.Programs;

/// <summary>
/// Prints a program as C#: as the user would write it (<see cref="Primal"/>: double or float, Math or
/// MathF, <c>[Differentiable]</c>), or for the oracle (<see cref="Dual"/>: the same text with
/// <c>Dual&lt;T&gt;</c> and <c>DualMath</c>, no attribute). Both come from the same AST, so they run
/// the same operations in the same order. The second-order oracle (<see cref="HyperDual"/>) is the
/// same print with <c>HyperDual&lt;T&gt;</c> and <c>HyperDualMath</c>.
/// </summary>
public sealed class ProgramPrinter
{
    readonly bool dual;
    readonly bool isFloat;

    /// <summary>The oracle's number type (Dual or HyperDual), whose functions are in the class of that name plus "Math".</summary>
    readonly string oracleType;

    /// <summary>The entry method and the scalar helper ask for second order too (the program is checked for Hessian-vector products).</summary>
    readonly bool secondOrder;
    readonly StringBuilder text = new();
    int indent;

    ProgramPrinter(string? oracleType, RandomProgram program)
    {
        dual = oracleType is not null;
        this.oracleType = oracleType ?? "";
        isFloat = program.IsFloat;
        secondOrder = program.SecondOrder;
    }

    /// <summary>The scalar type of the program: double, float, or the oracle's number type of either (Dual&lt;double&gt;, …).</summary>
    string T => dual ? $"{oracleType}<{Primitive}>" : Primitive;

    string OracleMath => oracleType + "Math";

    string Primitive => isFloat ? "float" : "double";

    /// <summary>The methods of <paramref name="program"/> as members of a class (without the class).</summary>
    public static string Primal(RandomProgram program, int indent = 0) => Print(program, oracleType: null, indent);

    public static string Dual(RandomProgram program, int indent = 0) => Print(program, "Dual", indent);

    /// <summary>The second-order oracle's print (only programs with <see cref="RandomProgram.SecondOrder"/> need one).</summary>
    public static string HyperDual(RandomProgram program, int indent = 0) => Print(program, "HyperDual", indent);

    static string Print(RandomProgram program, string? oracleType, int indent)
    {
        var printer = new ProgramPrinter(oracleType, program) { indent = indent };
        var locals = program.Methods.Where(m => m.Local != LocalKind.None).ToImmutableArray();
        foreach (var method in program.Methods.Where(m => m.Local == LocalKind.None))
            printer.Method(method, method == program.Entry ? locals : []);
        return printer.text.ToString();
    }

    public static string ScalarType(bool isFloat) => isFloat ? "float" : "double";

    void Line(string line) => text.Append(' ', indent * 4).Append(line).Append('\n');

    /// <param name="locals">Helpers declared as local functions of this method: instance ones first, static ones after the last statement.</param>
    void Method(Method method, ImmutableArray<Method> locals)
    {
        // forward mode is checked too, and second order on the entry of the programs chosen for it; their
        // scalar helper asks for it as well, since the entry's second order chains through the helper's
        // Tangent and BackwardTangent (a vector-valued method cannot: its calls keep a program first-order)
        if (!dual)
            Line(secondOrder && !method.IsVectorValued ? "[Differentiable(Derivatives.Forward | Derivatives.Reverse | Derivatives.Hessian)]" : "[Differentiable(Derivatives.Forward | Derivatives.Reverse)]");
        string head = $"public static {(method.IsVectorValued ? "void" : T)} {method.Name}({ParameterList(method)})";
        if (locals.IsEmpty)
        {
            Declaration(method, head);
            return;
        }

        Line(head);
        Line("{");
        indent++;
        foreach (var local in locals.Where(l => l.Local == LocalKind.Instance))
            LocalFunction(local);
        foreach (var statement in method.Body)
            Statement(statement);
        foreach (var local in locals.Where(l => l.Local == LocalKind.Static))
            LocalFunction(local);
        indent--;
        Line("}");
    }

    void LocalFunction(Method function) =>
        Declaration(function, $"{(function.Local == LocalKind.Static ? "static " : "")}{T} {function.Name}({ParameterList(function)})");

    string ParameterList(Method method) =>
        string.Join(", ", method.Parameters.Select((p, i) =>
            $"{(p.Kind == ParameterKind.Optional && !dual ? "[NoDiff] " : "")}{(method.ParamsLast && i == method.Parameters.Length - 1 ? "params " : "")}{ParameterType(p.Kind)} {p.Name}"));

    void Declaration(Method method, string head)
    {
        if (method.ExpressionBodied && method.Body is [Return { Value: { } value }])
        {
            Line($"{head} => {Expr(value)};");
            return;
        }

        Line(head);
        Block(method.Body);
    }

    public string ParameterType(ParameterKind kind) => kind switch
    {
        ParameterKind.Scalar => T,
        ParameterKind.Array => $"{T}[]",
        ParameterKind.ReadOnlySpan => $"ReadOnlySpan<{T}>",
        ParameterKind.Optional => $"{Primitive}[]?", // a constant: plain numbers in the oracle too
        _ => $"Span<{T}>",
    };

    /// <summary>
    /// The body of an if, else or loop: a block, except that every second body of a single assignment is printed without
    /// braces, as users write them (F58's proof of a whole-output loop read only block bodies, refusing <c>for (…) y[i] = e;</c>).
    /// </summary>
    void Body(ImmutableArray<Stmt> statements)
    {
        if (statements is [Assign or Step] && singleStatementBodies++ % 2 == 1)
        {
            indent++;
            Statement(statements[0]);
            indent--;
            return;
        }

        Block(statements);
    }

    /// <summary>How many bodies of one statement <see cref="Body"/> has seen (it leaves the braces off every second).</summary>
    int singleStatementBodies;

    /// <summary>How many assignments of an element the printer has written (it puts every third in parentheses).</summary>
    int elementWrites;

    void Block(ImmutableArray<Stmt> statements)
    {
        Line("{");
        indent++;
        foreach (var statement in statements)
            Statement(statement);
        indent--;
        Line("}");
    }

    void Statement(Stmt statement)
    {
        switch (statement)
        {
            case Declare d:
                Line($"{T} {d.Name} = {Expr(d.Value)};");
                break;
            case TryRead r when dual:
                Line($"{(r.Declares ? T + " " : "")}{r.Name} = {typeof(StepKnots).FullName}.{(isFloat ? "SingleAt" : "DoubleAt")}({r.Index});");
                break;
            case TryRead r:
                Line($"{typeof(StepKnots).FullName}.TryAt({r.Index}, out {(r.Declares ? Primitive + " " : "")}{r.Name});");
                break;
            case Assign a:
                // every third element written in parentheses, (y[i]) = e, as some users write (F66: the writes were found by syntax)
                Line($"{(a.Target.Contains('[') && elementWrites++ % 3 == 2 ? $"({a.Target})" : a.Target)} {a.Op} {Expr(a.Value)};");
                break;
            case Step s:
                Line($"{s.Target}{s.Op};");
                break;
            case If i:
                Line($"if ({Cond(i.Test)})");
                Body(i.Then);
                if (i.Else is { } otherwise)
                {
                    Line("else");
                    Body(otherwise);
                }
                break;
            case Return r:
                Line(r.Value is null ? "return;" : $"return {Expr(r.Value)};");
                break;
            case Break:
                Line("break;");
                break;
            case Continue:
                Line("continue;");
                break;
            case Loop l:
                PrintLoop(l);
                break;
            case ForEach f:
                string collection = f.Array switch
                {
                    StepKnots.ListCode => $"{typeof(StepKnots).FullName}.{(isFloat ? "SingleList" : "DoubleList")}",
                    StepKnots.PairsCode => $"{typeof(StepKnots).FullName}.{(isFloat ? "SinglePairs" : "DoublePairs")}",
                    _ => f.Array,
                };
                Line(f.Second is { } second ? $"foreach (({T} {f.Variable}, {T} {second}) in {collection})" : $"foreach ({RefPrefix(f.Ref)}{T} {f.Variable} in {collection})");
                Body(f.Body);
                break;
            case RefLocal r:
                Line($"{RefPrefix(r.ReadOnly ? RefKind.RefReadOnly : RefKind.Ref)}{T} {r.Name} = ref {r.Target};");
                if (r.Use is { } use)
                    Statement(use);
                break;
            case Switch w:
                Line($"switch ({SelectorText(w.Selector)})");
                Line("{");
                indent++;
                foreach (var (pattern, body) in w.Sections)
                    Section(string.Join(" ", CaseLabels(w.Selector, pattern)), body);
                if (w.Default is { } defaultBody)
                    Section("default:", defaultBody);
                indent--;
                Line("}");
                break;
            case Guard g:
                if (g.Kind == GuardKind.DebugAssert)
                {
                    // the assert reads its bound through a const local (F28), named apart from every other guard's
                    asserts++;
                    Line($"const {Primitive} {AssertBound} = {Big};");
                }

                Line(GuardText(g));
                break;
            case Swap w:
                Line($"{T} {w.Temp} = {w.First};");
                Line($"{w.First} = {w.Second};");
                Line($"{w.Second} = {w.Temp};");
                break;
            case Deconstruction d:
                var targets = d.Declares && d.SinCosOf is null ? d.Targets.Select(t => $"{T} {t}") : d.Targets;
                var value = d.SinCosOf is { } angle ? $"{SinCosOwner}.SinCos({Expr(angle)})" : $"({string.Join(", ", d.Values.Select(Expr))})";
                Line($"{(d.Declares && d.SinCosOf is not null ? "var " : "")}({string.Join(", ", targets)}) = {value};");
                break;
            case Sequence q:
                foreach (var inner in q.Statements)
                    Statement(inner);
                break;
            case CountedWrites c:
                Line($"int {c.Counter} = {(c.Increment ? "0" : $"{c.Array}.Length")};");
                foreach (var v in c.Values)
                    Line($"{c.Array}[{(c.Increment ? $"{c.Counter}++" : $"--{c.Counter}")}] = {Expr(v)};");
                break;
            case BulkWrite b:
                Line(b.Code.Replace("{T}", T).Replace("{V}", b.Value is { } filled ? Expr(filled) : "") + ";");
                break;
            case LocalArray a:
                Line(a.Kind switch
                {
                    LocalArrayKind.NewArray => $"{T}[] {a.Name} = new {T}[{a.Length}];",
                    LocalArrayKind.Initializer => $"{T}[] {a.Name} = new {T}[] {{ {string.Join(", ", a.Values.Select(Expr))} }};",
                    LocalArrayKind.Collection => $"{T}[] {a.Name} = [{string.Join(", ", a.Values.Select(Expr))}];",
                    LocalArrayKind.SpanCollection => $"Span<{T}> {a.Name} = [{string.Join(", ", a.Values.Select(Expr))}];",
                    LocalArrayKind.Copy => $"{T}[] {a.Name} = {a.Copied!.Replace("{T}", T)};",
                    LocalArrayKind.ReadOnlyTable => $"ReadOnlySpan<{T}> {a.Name} = stackalloc {T}[] {{ {string.Join(", ", a.Values.Select(Expr))} }};",
                    _ => $"Span<{T}> {a.Name} = stackalloc {T}[{a.Length}];",
                });
                break;
            case CallStatement c:
                Line($"{CallText(c.Call)};");
                break;
            case Raw r:
                Line(r.Code);
                break;
            default:
                throw new System.ArgumentException(statement.ToString());
        }
    }

    // while and do count from −1 and step at the top of the body, so a continue cannot skip the step
    void PrintLoop(Loop loop)
    {
        var step = $"{loop.Index}++;";
        var extra = loop.Extra is { } e ? $" && ({Cond(e)})" : "";
        switch (loop.Kind)
        {
            case LoopKind.For:
                Line($"for (int {loop.Index} = {loop.Start}; {loop.Index} < {loop.Count}{extra}; {loop.Index}++)");
                Body(loop.Body);
                break;
            case LoopKind.While:
                Line($"int {loop.Index} = -1;");
                Line($"while ({loop.Index} < {loop.Count} - 1)");
                Block([new Raw(step), .. loop.Body]);
                break;
            case LoopKind.PreIncrement:
                Line($"int {loop.Index} = -1;");
                Line($"while (++{loop.Index} < {loop.Count}{extra})");
                Body(loop.Body);
                break;
            case LoopKind.CountDown:
                Line($"int {loop.Index} = {loop.Count};");
                Line($"while ({loop.Index}-- > 0{extra})");
                Body(loop.Body);
                break;
            default:
                if (loop.FirstAssigned is { } first)
                    Line($"{T} {first};");
                Line($"int {loop.Index} = -1;");
                Line("do");
                Block([new Raw(step), .. loop.Body]);
                Line($"while ({loop.Index} < {loop.Count} - 1{extra});");
                break;
        }
    }

    static string RefPrefix(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref ",
        RefKind.RefReadOnly => "ref readonly ",
        _ => "",
    };

    /// <summary>
    /// A switch section: its block, then the break that ends it (unless the block returns). The break
    /// stays outside the braces: <c>{ …; break; }</c> is SDIFF0005 (finding F11).
    /// </summary>
    void Section(string labels, ImmutableArray<Stmt> body)
    {
        Line(labels);
        Block(body);
        if (body.Length == 0 || body[^1] is not Return)
            Line("break;");
    }

    // the oracle switches on the primal value: a pattern's constant is a double or float, not a dual number
    // (a literal selector is printed as it is in both)
    string SelectorText(Selector selector) =>
        // each condition in parentheses: (a < b, c > d) would parse as the generic name a<b, c> (CS0307)
        !selector.Pair.IsDefault ? $"(({Cond(selector.Pair[0])}), ({Cond(selector.Pair[1])}))"
        : selector.IntegerCode ?? (dual && selector.Value is not (StepOf or Num) ? $"({Expr(selector.Value!)}).Value" : Operand(selector.Value!));

    IEnumerable<string> CaseLabels(Selector selector, Pattern pattern) =>
        pattern.Relation is not null || pattern.Bools is not null
            ? [$"case {PatternText(pattern)}:"]
            : pattern.Integers.Select(k => $"case {k}:");

    string PatternText(Pattern pattern) =>
        pattern.Bools is var (first, second) ? $"({(first ? "true" : "false")}, {(second ? "true" : "false")})"
        : pattern.Relation is { } relation ? $"{relation} {PatternLiteral(pattern.Constant)}"
        : string.Join(" or ", pattern.Integers);

    string PatternLiteral(double value) => value < 0 ? "-" + Literal(-value) : Literal(value);

    // the largest finite value: a guard's test fails only on infinity and NaN (a dual infinity would
    // count as a value that is not finite, and skip the program)
    string Big => $"{Primitive}.MaxValue";

    int asserts;

    string AssertBound => $"assertBound{asserts}";

    string GuardText(Guard g)
    {
        var value = Expr(g.Value);
        var primal = dual ? $"({value}).Value" : value;
        var abs = Expr(new MathCall("Abs", [g.Value]));
        return g.Kind switch
        {
            // Abs as imported by the batch's `using static System.Math;` (the generated file has no usings: F27)
            GuardKind.IfThrow => $"if (!({(dual ? abs : $"Abs({value})")} <= {Big})) throw new ArithmeticException(\"not finite\");",
            GuardKind.ThrowIfNegative => $"ArgumentOutOfRangeException.ThrowIfNegative({(dual ? $"({abs}).Value" : abs)});",
            GuardKind.ThrowIfGreaterThan => $"ArgumentOutOfRangeException.ThrowIfGreaterThan({primal}, {Big});",
            // The message is an interpolated string, which Debug.Assert takes by ref through its handler (F26).
            GuardKind.DebugAssert => $"Debug.Assert({value} <= {AssertBound} || !({value} <= {AssertBound}), $\"never fails: {{{value}}} {{{AssertBound}}}\");",
            GuardKind.WriteLine => $"Console.WriteLine({value});",
            _ => $"Console.WriteLine($\"value: {{{value}}}\");",
        };
    }

    /// <summary>A line of integer code (a loop's step), printed as is.</summary>
    sealed record Raw(string Code) : Stmt;

    public string Expr(Expr e) => e switch
    {
        Num n => Literal(n.Value),
        ExtensionRead { Form: ExtensionForm.Method } r => $"({Literal(r.Value)}).Scaled()",
        ExtensionRead { Form: ExtensionForm.Property } r => $"({Literal(r.Value)}).Halved",
        ExtensionRead r => $"{Primitive}.ThreeQuarters({Literal(r.Value)})",
        ListRead r => $"{typeof(StepKnots).FullName}.{(isFloat ? "SingleList" : "DoubleList")}[{r.Index} % 5]",
        NullChoice { Form: NullForm.IsNull } n => $"({n.Array} is null ? {Literal(n.Fallback)} : {n.Array}[0])",
        NullChoice { Form: NullForm.NotNull } n => $"({n.Array} != null ? {n.Array}[0] : {Literal(n.Fallback)})",
        NullChoice { Form: NullForm.Coalesce } n => $"({n.Array}?[0] ?? {Literal(n.Fallback)})",
        NullChoice n => $"({n.Array}?.Length ?? 0)",
        Var v => v.Name,
        Element el => $"{el.Array}[{el.Index}]",
        ArrayReduction a => dual ? $"{OracleMath}.{a.Function}({a.Array})" : $"{a.Array}.{a.Function}()",
        Negate n => $"-{Operand(n.Operand)}",
        Binary b => $"{Operand(b.Left)} {b.Op} {Operand(b.Right)}",
        MathCall m => MathText(m),
        StepOf { Function: StepFunction.Sign } s => $"{(dual ? OracleMath : isFloat ? "MathF" : "Math")}.Sign({Expr(s.Operand)})",
        // the oracle searches with the primal value: its dual number is not a T of the knots' array
        StepOf s => $"System.Array.BinarySearch({typeof(StepKnots).FullName}.{(isFloat ? "Single" : "Double")}, {(dual && !ExpressionGen.IsConstant(s.Operand) ? $"({Expr(s.Operand)}).Value" : Expr(s.Operand))})",
        SinCosPart p => $"{SinCosOwner}.SinCos({Expr(p.Angle)}).{(p.ByName ? (p.Cos ? "Cos" : "Sin") : (p.Cos ? "Item2" : "Item1"))}",
        Conditional c => $"({Cond(c.Test)} ? {Expr(c.WhenTrue)} : {Expr(c.WhenFalse)})",
        Call c => CallText(c),
        SwitchExpr w => $"({SelectorText(w.Selector)} switch {{ {string.Join(", ", w.Arms.Select(a => $"{PatternText(a.Pattern)} => {Expr(a.Value)}"))}, _ => {Expr(w.Default)} }})",
        AssignExpr a => $"({a.Target} {a.Op} {Expr(a.Value)})",
        OrThrow t => $"({Cond(t.Test)} ? {Expr(t.Value)} : throw new ArithmeticException(\"not finite\"))",
        _ => throw new System.ArgumentException(e.ToString()),
    };

    // every compound operand in parentheses: the AST's shape is the evaluation order
    string Operand(Expr e) => e is Num { Value: >= 0 } or ExtensionRead or ListRead or NullChoice or Var or Element or MathCall or StepOf or SinCosPart or Call or Conditional or SwitchExpr or AssignExpr or OrThrow ? Expr(e) : $"({Expr(e)})";

    string Literal(double value)
    {
        if (value == double.MaxValue)
            return $"{Primitive}.MaxValue";
        var digits = value.ToString("R", CultureInfo.InvariantCulture);
        if (!digits.Contains('.') && !digits.Contains('E'))
            digits += ".0";
        if (isFloat)
            digits += "f";
        return value < 0 ? $"({digits})" : digits;
    }

    /// <summary>The class whose SinCos the program calls: Math or MathF, or the oracle's, whose pair is named (Sin, Cos) as theirs is.</summary>
    string SinCosOwner => dual ? OracleMath : isFloat ? "MathF" : "Math";

    string MathText(MathCall m)
    {
        // Clamp is the one function MathF lacks; Math.Clamp has a float overload
        var owner = dual ? OracleMath
            : ExpressionGen.NumberTypeFunctions.Contains(m.Function) ? Primitive
            : !isFloat || m.Function == "Clamp" ? "Math" : "MathF";
        // DualMath's generic functions infer T from a dual argument: a constant one (int-valued Sign
        // included) is made dual explicitly, except Pow's constant exponent, which has its own overload,
        // and the int of ScaleB and RootN
        var args = m.Args.Select((a, i) =>
            i == 1 && ExpressionGen.IntegerArgumentFunctions.Contains(m.Function) && a is Num n ? ((int)n.Value).ToString(CultureInfo.InvariantCulture)
            : dual && ExpressionGen.IsConstant(a) && !(m.Function == "Pow" && i == 1 && a is Num) ? $"(({T})({Expr(a)}))"
            : Expr(a));
        // Round with an enum argument: the generator must write the enum's constant as the member, not its number (F29)
        return m.Function == ExpressionGen.RoundAwayFromZero
            ? $"{owner}.Round({string.Join(", ", args)}, MidpointRounding.AwayFromZero)"
            : $"{owner}.{m.Function}({string.Join(", ", args)})";
    }

    string CallText(Call c) => $"{c.Method}({string.Join(", ", c.Args.Select(ArgumentText))})";

    string ArgumentText(Argument argument) => argument switch
    {
        ScalarArgument s => Expr(s.Value),
        OptionalArgument { IsNull: true } => "null",
        OptionalArgument => $"{typeof(StepKnots).FullName}.{(isFloat ? "Single" : "Double")}",
        _ => ((ArrayArgument)argument).Code,
    };

    public string Cond(Cond c) => c switch
    {
        Compare k => $"{Expr(k.Left)} {k.Op} {Expr(k.Right)}",
        Logical l => $"({Cond(l.Left)}) {l.Op} ({Cond(l.Right)})",
        Not n => $"!({Cond(n.Operand)})",
        _ => throw new System.ArgumentException(c.ToString()),
    };
}
