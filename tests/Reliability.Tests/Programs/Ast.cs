using System.Collections.Immutable;
using System.Linq;

namespace SymbolicDiff.Reliability.Tests.Programs;

// A small AST of the random programs. One AST is printed twice (see ProgramPrinter): once with
// double/float for the generator, once with dual numbers for the oracle.

/// <summary>A scalar expression of the program's scalar type.</summary>
public abstract record Expr;

/// <summary>A literal; the generator uses only dyadic values, exact in float and double.</summary>
public sealed record Num(double Value) : Expr;

/// <summary>
/// A C# 14 extension member read from a literal (<see cref="Grammar.ExtensionMembers"/>): <c>(v).Scaled()</c> (2v),
/// <c>(v).Halved</c> (v/2) or <c>double.ThreeQuarters(v)</c> (¾v), declared in Programs/ConstantExtensions.cs.
/// </summary>
public sealed record ExtensionRead(double Value, ExtensionForm Form) : Expr;

public enum ExtensionForm { Method, Property, Static }

/// <summary>A scalar parameter, local or foreach variable.</summary>
public sealed record Var(string Name) : Expr;

/// <summary><c>array[index]</c>; <see cref="Index"/> is integer code, printed as is.</summary>
public sealed record Element(string Array, string Index) : Expr;

/// <summary>LINQ's <c>a.Sum()</c>, <c>a.Average()</c>, <c>a.Max()</c> or <c>a.Min()</c> of a <c>T[]</c> (<see cref="Function"/> names it).</summary>
public sealed record ArrayReduction(string Array, string Function) : Expr;

public sealed record Negate(Expr Operand) : Expr;

/// <summary><c>+ - * /</c>.</summary>
public sealed record Binary(string Op, Expr Left, Expr Right) : Expr;

/// <summary>A Math function by name (Exp, Log, Max, …), printed as Math.X, MathF.X or DualMath.X.</summary>
public sealed record MathCall(string Function, ImmutableArray<Expr> Args) : Expr;

/// <summary>
/// An int that is a step of a value, used as a factor: <c>Math.Sign(x)</c>, or the interval <c>Array.BinarySearch(knots, x)</c>
/// finds among <see cref="StepKnots"/> (<see cref="Grammar.FrameworkSteps"/>).
/// </summary>
public sealed record StepOf(Expr Operand, StepFunction Function) : Expr;

public enum StepFunction { Sign, Search }

/// <summary><c>Math.SinCos(angle).Sin</c> (or <c>.Cos</c>; by position <c>.Item1</c>, <c>.Item2</c> when not <see cref="ByName"/>).</summary>
public sealed record SinCosPart(Expr Angle, bool Cos, bool ByName) : Expr;

public sealed record Conditional(Cond Test, Expr WhenTrue, Expr WhenFalse) : Expr;

/// <summary>
/// A switch expression: on a value with relational patterns (<c>x switch { &lt; 0.5 =&gt; a, _ =&gt; b }</c>),
/// or on integer code with constant patterns (<c>i switch { 0 or 2 =&gt; a, _ =&gt; b }</c>).
/// </summary>
public sealed record SwitchExpr(Selector Selector, ImmutableArray<SwitchArm> Arms, Expr Default) : Expr;

public sealed record SwitchArm(Pattern Pattern, Expr Value);

/// <summary>
/// What a switch tests: a scalar value (<see cref="Value"/>), integer code (<see cref="IntegerCode"/>), or the tuple of two
/// conditions <c>(Pair[0], Pair[1])</c> (<see cref="Grammar.TupleSwitches"/>).
/// </summary>
public sealed record Selector(Expr? Value, string? IntegerCode, ImmutableArray<Cond> Pair = default);

/// <summary>
/// A pattern: relational on a value (<c>&lt; 0.5</c>, the operator and a constant), one or more
/// integer constants (<c>0 or 2</c>), or a pair of bools (<see cref="Bools"/>: <c>(true, false)</c>) of a pair selector.
/// </summary>
public sealed record Pattern(string? Relation, double Constant, ImmutableArray<int> Integers, (bool, bool)? Bools = null);

/// <summary><c>(target op= value)</c> inside an expression: chained assignment <c>a = b = e</c>, <c>(s += x) * y</c>.</summary>
public sealed record AssignExpr(string Target, string Op, Expr Value) : Expr;

/// <summary><c>test ? value : throw new ArithmeticException()</c>: a guard that throws only on values that are not finite.</summary>
public sealed record OrThrow(Cond Test, Expr Value) : Expr;

/// <summary>A call of another method of the same program; array arguments are printed as given (a name, a slice).</summary>
public sealed record Call(string Method, ImmutableArray<Argument> Args) : Expr;

public abstract record Argument;

public sealed record ScalarArgument(Expr Value) : Argument;

/// <summary>An array or span argument: a name, or a slice code like <c>a.AsSpan(1, 2)</c>.</summary>
public sealed record ArrayArgument(string Code) : Argument;

/// <summary>What a caller passes for an <see cref="ParameterKind.Optional"/> array: null, or the <see cref="StepKnots"/> of its type.</summary>
public sealed record OptionalArgument(bool IsNull) : Argument;

/// <summary>
/// A constant read from an optional array <see cref="Array"/> (its first element, or its length), or
/// <see cref="Fallback"/> where it is null: <c>(c is null ? 0.5 : c[0])</c>, <c>(c != null ? c[0] : 0.5)</c>,
/// <c>(c?[0] ?? 0.5)</c>, <c>(c?.Length ?? 0)</c>.
/// </summary>
public sealed record NullChoice(string Array, NullForm Form, double Fallback) : Expr;

/// <summary>
/// A constant read by a list's indexer, <c>StepKnots.DoubleList[i0 % 5]</c> (<see cref="Grammar.ListData"/>): a getter,
/// which the generator reads once into a constant. <see cref="Index"/> is a loop index or 0.
/// </summary>
public sealed record ListRead(string Index) : Expr;

public enum NullForm { IsNull, NotNull, Coalesce, Length }

/// <summary>A boolean condition; reads values only.</summary>
public abstract record Cond;

public sealed record Compare(string Op, Expr Left, Expr Right) : Cond;

public sealed record Logical(string Op, Cond Left, Cond Right) : Cond;

public sealed record Not(Cond Operand) : Cond;

/// <summary>A statement.</summary>
public abstract record Stmt;

/// <summary><c>T name = value;</c></summary>
public sealed record Declare(string Name, Expr Value) : Stmt;

/// <summary>
/// <c>StepKnots.TryAt(index, out T name);</c> (or <c>out name</c> of a variable declared before, when not <see cref="Declares"/>): a
/// variable set by an out argument (<see cref="Grammar.OutArguments"/>), the knot at <see cref="Index"/> or 0 past the end. The
/// oracle assigns it from <c>StepKnots.DoubleAt(index)</c> (or SingleAt) instead.
/// </summary>
public sealed record TryRead(string Name, string Index, bool Declares) : Stmt;

/// <summary><c>target op value;</c> with op one of = += -= *= /=; target is a name or an element code.</summary>
public sealed record Assign(string Target, string Op, Expr Value) : Stmt;

/// <summary><c>name++;</c> or <c>name--;</c></summary>
public sealed record Step(string Target, string Op) : Stmt;

public sealed record If(Cond Test, ImmutableArray<Stmt> Then, ImmutableArray<Stmt>? Else) : Stmt;

/// <summary><c>return value;</c>; null value in a vector-valued method.</summary>
public sealed record Return(Expr? Value) : Stmt;

/// <summary>
/// How a counted loop is written: <c>for</c>; <c>while</c> and <c>do</c> stepping at the top of the body;
/// <c>while (++i &lt; n)</c> (PreIncrement); <c>while (i-- &gt; 0)</c> (CountDown, from n − 1 down to 0).
/// </summary>
public enum LoopKind { For, While, Do, PreIncrement, CountDown }

/// <summary>
/// A counted loop: <c>Index</c> runs over 0 … <c>Count</c> − 1 (Count is integer code). <see cref="Extra"/>
/// is a condition and-ed to the loop's test, where the index is in range (it may read elements at it):
/// <c>for (…; i &lt; n &amp;&amp; a[i] &gt; e; …)</c>. <see cref="FirstAssigned"/> (do loops only) is a variable
/// declared without a value before the loop, whose first statement assigns it, so the test can read it:
/// <c>T d; do { …; d = e; … } while (… &amp;&amp; d &gt; c);</c>.
/// </summary>
/// <summary>A loop; a <c>for</c> counts from <see cref="Start"/> (code: <c>0</c>, or <c>i + 1</c> for a triangle).</summary>
public sealed record Loop(LoopKind Kind, string Index, string Count, ImmutableArray<Stmt> Body, Cond? Extra = null, string? FirstAssigned = null, string Start = "0") : Stmt;

public enum RefKind { None, Ref, RefReadOnly }

/// <summary>
/// <c>foreach ([ref [readonly]] T Variable in Array)</c>; Array is code (<c>w0.AsSpan()</c> for a ref over an array). With
/// <see cref="Second"/>, each element is a pair deconstructed into both: <c>foreach ((T Variable, T Second) in Array)</c>.
/// </summary>
public sealed record ForEach(string Variable, string Array, ImmutableArray<Stmt> Body, RefKind Ref = RefKind.None, string? Second = null) : Stmt;

/// <summary><c>ref [readonly] T Name = ref Target;</c> (a local, a parameter or an element), then <see cref="Use"/> if any.</summary>
public sealed record RefLocal(string Name, string Target, bool ReadOnly, Stmt? Use) : Stmt;

/// <summary>
/// A switch statement: each section's block ends with <c>break;</c> (unless it returns); no section
/// breaks or continues inside (a break in a section other than its last is SDIFF0005).
/// </summary>
public sealed record Switch(Selector Selector, ImmutableArray<(Pattern Pattern, ImmutableArray<Stmt> Body)> Sections, ImmutableArray<Stmt>? Default) : Stmt;

public enum GuardKind { IfThrow, ThrowIfNegative, ThrowIfGreaterThan, DebugAssert, WriteLine, WriteInterpolated }

/// <summary>
/// A guard or log line that does not change any value: <c>if (|e| &gt; big) throw …</c>,
/// <c>ArgumentOutOfRangeException.ThrowIfNegative(|e|)</c>, <c>ThrowIfGreaterThan(e, big)</c>,
/// <c>Debug.Assert(…)</c>, <c>Console.WriteLine(e)</c> and <c>Console.WriteLine($"…{e}")</c>.
/// The throwing ones throw only for values that are not finite.
/// </summary>
public sealed record Guard(GuardKind Kind, Expr Value) : Stmt;

/// <summary>
/// <c>int Counter = 0; Array[Counter++] = v0; …</c> (or from the end, <c>[--Counter]</c>): an index that
/// writes. Only <c>=</c>: an element updated in place at such an index (<c>a[i++] += v</c>) is SDIFF0005.
/// </summary>
public sealed record CountedWrites(string Counter, string Array, bool Increment, ImmutableArray<Expr> Values) : Stmt;

/// <summary><c>T temp = first; first = second; second = temp;</c> (two variables, or two elements of a local array).</summary>
public sealed record Swap(string Temp, string First, string Second) : Stmt;

/// <summary>
/// <c>(a, b) = (e1, e2);</c> (<see cref="Declares"/>: <c>(T a, T b) = …</c>, new variables), or with <see cref="SinCosOf"/>
/// the pair of <c>Math.SinCos(e)</c> (<see cref="Values"/> empty). Every part is evaluated before any target is assigned.
/// </summary>
public sealed record Deconstruction(ImmutableArray<string> Targets, bool Declares, ImmutableArray<Expr> Values, Expr? SinCosOf) : Stmt;

/// <summary>Statements one after the other, in the enclosing block (a production that needs more than one).</summary>
public sealed record Sequence(ImmutableArray<Stmt> Statements) : Stmt;

public sealed record Break : Stmt;

public sealed record Continue : Stmt;

/// <summary>
/// How a local array is made: <c>new T[n]</c>, <c>new T[] { … }</c>, <c>stackalloc T[n]</c>, a collection expression <c>T[] w = [ … ]</c>,
/// <c>Span&lt;T&gt; w = [ … ]</c>, a copy of another array or span, or a read-only table <c>ReadOnlySpan&lt;T&gt; w = stackalloc T[] { … }</c>
/// (read, never written).
/// </summary>
public enum LocalArrayKind { NewArray, Initializer, StackAlloc, Collection, SpanCollection, Copy, ReadOnlyTable }

/// <summary>
/// A local array of <see cref="Length"/> elements (Initializer and the collections: the values given; a copy: at least
/// <see cref="Length"/>, the copy <see cref="Copied"/>, with <c>{T}</c> where the element type goes).
/// </summary>
public sealed record LocalArray(string Name, LocalArrayKind Kind, int Length, ImmutableArray<Expr> Values, string? Copied = null) : Stmt;

/// <summary>
/// A bulk write into a local array or an output: <see cref="Code"/> as printed, with <c>{T}</c> where the element type goes
/// and <c>{V}</c> where <see cref="Value"/> goes (<c>Array.Fill(w0, {V})</c>, <c>a0.AsSpan(1, 2).CopyTo(w0)</c>).
/// </summary>
public sealed record BulkWrite(string Code, Expr? Value) : Stmt;

/// <summary>A call of a vector-valued method of the program, as a statement.</summary>
public sealed record CallStatement(Call Call) : Stmt;

/// <summary><see cref="Optional"/>: <c>[NoDiff] T[]? c</c>, a constant array that may be null (<see cref="Grammar.OptionalArrays"/>).</summary>
public enum ParameterKind { Scalar, Array, ReadOnlySpan, Output, Optional }

/// <summary>A parameter; arrays and spans have the method's array length when it is the entry method.</summary>
public sealed record Parameter(string Name, ParameterKind Kind);

/// <summary>A method: scalar-valued (returns the scalar type) or vector-valued (void, writes its Output parameters).</summary>
public sealed record Method(string Name, ImmutableArray<Parameter> Parameters, ImmutableArray<Stmt> Body)
{
    public bool IsVectorValued => Parameters.Any(p => p.Kind == ParameterKind.Output);

    /// <summary>Printed <c>=&gt; e;</c> when the body is one <c>return e;</c>.</summary>
    public bool ExpressionBodied { get; init; }

    /// <summary>Declared as a local function of the entry, not as a method (<see cref="Grammar.LocalFunctions"/>).</summary>
    public LocalKind Local { get; init; }

    /// <summary>The last parameter, an array or span, is declared <c>params</c> (<see cref="Grammar.ParamsCalls"/>).</summary>
    public bool ParamsLast { get; init; }
}

/// <summary>How a helper is declared: a method, or a local function of the entry, static (printed after the return) or not (printed first).</summary>
public enum LocalKind { None, Static, Instance }

/// <summary>
/// A random program: helper methods and an entry method (the last one), all [Differentiable], in
/// one scalar type. The entry method's arrays all have <see cref="ArrayLength"/> elements.
/// </summary>
public sealed record RandomProgram(bool IsFloat, int ArrayLength, ImmutableArray<Method> Methods)
{
    public Method Entry => Methods[^1];

    /// <summary>
    /// The entry and the scalar helper also ask for <c>Derivatives.Hessian</c>, and the entry's
    /// <c>FHessianVectorProduct</c> is checked against the hyper-dual oracle. Only for a scalar-valued entry
    /// that does not call the vector-valued helper (second order does not chain through a vector-valued
    /// callee: SDIFF0016); see <see cref="Differential.ProgramCase"/>.
    /// </summary>
    public bool SecondOrder { get; init; }
}
