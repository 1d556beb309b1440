using System;
using System.Collections.Generic;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Rules;

/// <summary>
/// One gate: how to compute it forward and its local gradient with respect to each input, as
/// expressions of the inputs and the output (so a gate like exp can reuse its output). A null partial
/// means the local gradient is identically zero.
/// </summary>
internal sealed class GateRule(
    string name,
    int arity,
    Func<MathContext, IReadOnlyList<Expr>, Expr> forward,
    Func<MathContext, IReadOnlyList<Expr>, Expr, Expr?[]> partials)
{
    public string Name { get; } = name;

    public int Arity { get; } = arity;

    public Expr Forward(MathContext math, IReadOnlyList<Expr> inputs) => forward(math, inputs);

    public Expr?[] Partials(MathContext math, IReadOnlyList<Expr> inputs, Expr output) => partials(math, inputs, output);
}

/// <summary>The floating-point type a gate computes in: picks Math or MathF and the literal suffix.</summary>
internal readonly struct MathContext(NumericType type)
{
    public NumericType Type { get; } = type;

    public Expr Lit(double value) => new LiteralExpr(value, Type);

    /// <summary>MathF has no Clamp; Math.Clamp has a float overload.</summary>
    public Expr Call(string function, params Expr[] arguments) =>
        new CallExpr(Type == NumericType.Float && function != "Clamp" ? MathF : Math, function, arguments, isPure: true);

    /// <summary>The functions only the number types have (double.LogP1, float.Hypot, …): called on <c>double</c> or <c>float</c>.</summary>
    public Expr CallOnType(string function, params Expr[] arguments) =>
        new CallExpr(Type == NumericType.Float ? FloatType : DoubleType, function, arguments, isPure: true);

    private static readonly Expr Math = new TextExpr("global::System.Math", isPure: true);
    private static readonly Expr DoubleType = new TextExpr("double", isPure: true);
    private static readonly Expr FloatType = new TextExpr("float", isPure: true);
    private static readonly Expr MathF = new TextExpr("global::System.MathF", isPure: true);
}
