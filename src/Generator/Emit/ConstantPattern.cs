using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// An equality test of a floating-point value against a constant, written as a constant pattern: <c>du is 0.0 ? 0.0 :
/// du * r</c>. The compiler emits the same IL for both forms (a NaN constant aside, which is not written so), but binds
/// <c>du == 0.0</c> by full overload resolution over every built-in operator (its quick table serves constants only of
/// type int, bool or string), and the zero tests are about half of a backward pass's operators with a constant: compiled
/// as sources, the generated code of docs/benchmarks.md's 1,000 synthetic methods took 0.78 × the CPU with patterns
/// (with the generator in the compiler, the saving was inside that machine's spread; "Ninth session"). Only <c>==</c>:
/// <c>is not</c> and <c>is &gt; 0.0</c> need C# 9, and the generated code is C# 8.
/// </summary>
internal static class ConstantPattern
{
    /// <summary>
    /// The tested operand and the constant when <paramref name="comparison"/> is <c>==</c> between an expression whose
    /// floating type is known and a finite literal of that type (in either order); null otherwise (printed as written).
    /// </summary>
    public static (Expr Tested, LiteralExpr Constant)? Of(BinaryExpr comparison) => comparison switch
    {
        { Operator: not "==" } => null,
        { Right: LiteralExpr constant } when Fits(constant, TypeOf(comparison.Left)) => (comparison.Left, constant),
        { Left: LiteralExpr constant } when Fits(constant, TypeOf(comparison.Right)) => (comparison.Right, constant),
        _ => null,
    };

    /// <summary>A finite literal of the tested value's type: a NaN pattern would test <c>IsNaN</c>, where <c>== NaN</c> is false.</summary>
    private static bool Fits(LiteralExpr constant, NumericType type) =>
        type != NumericType.None && constant.Type == type && !double.IsNaN(constant.Value) && !double.IsInfinity(constant.Value);

    /// <summary>The floating type of <paramref name="expr"/> where it is certain from the expression alone; None elsewhere.</summary>
    private static NumericType TypeOf(Expr expr) => expr switch
    {
        LiteralExpr literal => literal.Type,
        TextExpr text => text.Type,
        UseExpr { Value.Inlined: { } inlined } => TypeOf(inlined),
        UseExpr { Value.IsArray: false } use => Declared(use.Value.TypeName),
        AdjointExpr { Index: null, Value.IsArray: false } adjoint => Declared(adjoint.Value.TypeName),
        AdjointExpr { Index: not null, Value.IsArray: true } element => element.Value.Numeric, // an element of a span of float or double
        UnaryExpr { Operator: "-" } negated => TypeOf(negated.Operand),
        BinaryExpr { Operator: "+" or "-" or "*" or "/" } arithmetic when TypeOf(arithmetic.Left) is var left && left == TypeOf(arithmetic.Right) => left,
        _ => NumericType.None,
    };

    private static NumericType Declared(string typeName) => typeName switch
    {
        "double" => NumericType.Double,
        "float" => NumericType.Float,
        _ => NumericType.None,
    };
}
