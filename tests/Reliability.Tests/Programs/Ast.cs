using System.Collections.Immutable;
using System.Linq;

namespace SymbolicDiff.Reliability.Tests.Programs;

// A small AST of the random programs. One AST is printed twice (see ProgramPrinter): once with
// double/float for the generator, once with dual numbers for the oracle.

/// <summary>A scalar expression of the program's scalar type.</summary>
public abstract record Expr;

/// <summary>A literal; the generator uses only dyadic values, exact in float and double.</summary>
public sealed record Num(double Value) : Expr;

/// <summary>A scalar parameter, local or foreach variable.</summary>
public sealed record Var(string Name) : Expr;

/// <summary><c>array[index]</c>; <see cref="Index"/> is integer code, printed as is.</summary>
public sealed record Element(string Array, string Index) : Expr;

public sealed record Negate(Expr Operand) : Expr;

/// <summary><c>+ - * /</c>.</summary>
public sealed record Binary(string Op, Expr Left, Expr Right) : Expr;

/// <summary>A Math function by name (Exp, Log, Max, …), printed as Math.X, MathF.X or DualMath.X.</summary>
public sealed record MathCall(string Function, ImmutableArray<Expr> Args) : Expr;

/// <summary><c>Math.Sign(x)</c>: an int, used as a factor.</summary>
public sealed record SignOf(Expr Operand) : Expr;

public sealed record Conditional(Cond Test, Expr WhenTrue, Expr WhenFalse) : Expr;

/// <summary>A call of another method of the same program; array arguments are printed as given (a name, a slice).</summary>
public sealed record Call(string Method, ImmutableArray<Argument> Args) : Expr;

public abstract record Argument;

public sealed record ScalarArgument(Expr Value) : Argument;

/// <summary>An array or span argument: a name, or a slice code like <c>a.AsSpan(1, 2)</c>.</summary>
public sealed record ArrayArgument(string Code) : Argument;

/// <summary>A boolean condition; reads values only.</summary>
public abstract record Cond;

public sealed record Compare(string Op, Expr Left, Expr Right) : Cond;

public sealed record Logical(string Op, Cond Left, Cond Right) : Cond;

public sealed record Not(Cond Operand) : Cond;

/// <summary>A statement.</summary>
public abstract record Stmt;

/// <summary><c>T name = value;</c></summary>
public sealed record Declare(string Name, Expr Value) : Stmt;

/// <summary><c>target op value;</c> with op one of = += -= *= /=; target is a name or an element code.</summary>
public sealed record Assign(string Target, string Op, Expr Value) : Stmt;

/// <summary><c>name++;</c> or <c>name--;</c></summary>
public sealed record Step(string Target, string Op) : Stmt;

public sealed record If(Cond Test, ImmutableArray<Stmt> Then, ImmutableArray<Stmt>? Else) : Stmt;

/// <summary><c>return value;</c>; null value in a vector-valued method.</summary>
public sealed record Return(Expr? Value) : Stmt;

public enum LoopKind { For, While, Do }

/// <summary>A counted loop: <c>Index</c> runs from 0 to <c>Count</c> - 1 (Count is integer code).</summary>
public sealed record Loop(LoopKind Kind, string Index, string Count, ImmutableArray<Stmt> Body) : Stmt;

/// <summary><c>foreach (T Variable in Array)</c></summary>
public sealed record ForEach(string Variable, string Array, ImmutableArray<Stmt> Body) : Stmt;

public sealed record Break : Stmt;

public sealed record Continue : Stmt;

public enum LocalArrayKind { NewArray, Initializer, StackAlloc }

/// <summary>A local array of <see cref="Length"/> elements (Initializer: the values given).</summary>
public sealed record LocalArray(string Name, LocalArrayKind Kind, int Length, ImmutableArray<Expr> Values) : Stmt;

/// <summary>A call of a vector-valued method of the program, as a statement.</summary>
public sealed record CallStatement(Call Call) : Stmt;

public enum ParameterKind { Scalar, Array, ReadOnlySpan, Output }

/// <summary>A parameter; arrays and spans have the method's array length when it is the entry method.</summary>
public sealed record Parameter(string Name, ParameterKind Kind);

/// <summary>A method: scalar-valued (returns the scalar type) or vector-valued (void, writes its Output parameters).</summary>
public sealed record Method(string Name, ImmutableArray<Parameter> Parameters, ImmutableArray<Stmt> Body)
{
    public bool IsVectorValued => Parameters.Any(p => p.Kind == ParameterKind.Output);
}

/// <summary>
/// A random program: helper methods and an entry method (the last one), all [Differentiable], in
/// one scalar type. The entry method's arrays all have <see cref="ArrayLength"/> elements.
/// </summary>
public sealed record RandomProgram(bool IsFloat, int ArrayLength, ImmutableArray<Method> Methods)
{
    public Method Entry => Methods[^1];
}
