namespace SymbolicDiff.Generator.Graph;

/// <summary>Short constructors for expression trees, so the gate table reads like the math.</summary>
internal static class Build
{
    public static Expr Add(Expr a, Expr b) => new BinaryExpr("+", a, b);

    public static Expr Sub(Expr a, Expr b) => new BinaryExpr("-", a, b);

    public static Expr Mul(Expr a, Expr b) => new BinaryExpr("*", a, b);

    public static Expr Div(Expr a, Expr b) => new BinaryExpr("/", a, b);

    public static Expr Neg(Expr a) => new UnaryExpr("-", a);

    public static Expr Greater(Expr a, Expr b) => new BinaryExpr(">", a, b);

    public static Expr Less(Expr a, Expr b) => new BinaryExpr("<", a, b);

    public static Expr Equal(Expr a, Expr b) => new BinaryExpr("==", a, b);

    public static Expr Or(Expr a, Expr b) => new BinaryExpr("||", a, b);

    public static Expr And(Expr a, Expr b) => new BinaryExpr("&&", a, b);

    public static Expr If(Expr condition, Expr whenTrue, Expr whenFalse) => new ConditionalExpr(condition, whenTrue, whenFalse);
}
