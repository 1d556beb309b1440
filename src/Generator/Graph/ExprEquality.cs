namespace SymbolicDiff.Generator.Graph;

/// <summary>
/// Structural equality of expressions: the same operations on the same values. Values are single
/// assignments that never change, so two reads of one value are equal wherever they stand.
/// </summary>
internal static class ExprEquality
{
    public static bool Same(Expr a, Expr b) => (Whole(a), Whole(b)) switch
    {
        (UseExpr x, UseExpr y) => x.Value == y.Value,
        (TextExpr x, TextExpr y) => x.Text == y.Text,
        (LiteralExpr x, LiteralExpr y) => x.Value.Equals(y.Value) && x.Type == y.Type,
        (UnaryExpr x, UnaryExpr y) => x.Operator == y.Operator && Same(x.Operand, y.Operand),
        (BinaryExpr x, BinaryExpr y) => x.Operator == y.Operator && Same(x.Left, y.Left) && Same(x.Right, y.Right),
        (CastExpr x, CastExpr y) => x.TypeName == y.TypeName && x.IsChecked == y.IsChecked && Same(x.Operand, y.Operand),
        (MemberExpr x, MemberExpr y) => x.Name == y.Name && Same(x.Receiver, y.Receiver),
        (ElementExpr x, ElementExpr y) => Same(x.Array, y.Array) && Same(x.Index, y.Index),
        (SliceExpr x, SliceExpr y) => x.AsSpan == y.AsSpan && Same(x.Array, y.Array) && SameOrBothNull(x.Start, y.Start) && SameOrBothNull(x.Length, y.Length),
        _ => false,
    };

    /// <summary>A slice with no start and no length is the whole array or span.</summary>
    private static Expr Whole(Expr e) => e is SliceExpr { Start: null, Length: null } slice ? slice.Array : e;

    private static bool SameOrBothNull(Expr? a, Expr? b) => a is null ? b is null : b is not null && Same(a, b);
}
