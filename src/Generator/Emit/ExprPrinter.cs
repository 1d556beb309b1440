using System.Globalization;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Emit;

/// <summary>Prints expressions as C# with only the parentheses precedence requires.</summary>
internal static class ExprPrinter
{
    // C#'s precedences, which VectorPrinter's lanes follow too.
    internal const int Primary = 100;
    internal const int UnaryLevel = 90;
    internal const int ConditionalLevel = 20;

    public static string Print(Expr expr) => Print(expr, out _);

    public static string Literal(double value, NumericType type)
    {
        if (type == NumericType.Float)
        {
            float single = (float)value;
            return float.IsNaN(single) ? "float.NaN"
                : float.IsPositiveInfinity(single) ? "float.PositiveInfinity"
                : float.IsNegativeInfinity(single) ? "float.NegativeInfinity"
                : single.ToString("R", CultureInfo.InvariantCulture) + "f";
        }

        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(['.', 'E']) < 0 ? text + ".0" : text;
    }

    private static string Print(Expr expr, out int precedence)
    {
        switch (expr)
        {
            case LiteralExpr literal:
                precedence = literal.Value < 0 ? UnaryLevel : Primary;
                return Literal(literal.Value, literal.Type);
            case TextExpr text:
                precedence = Primary;
                return text.Text;
            case UseExpr { Value.Inlined: { } inlined }:
                return Print(inlined, out precedence);
            case UseExpr use:
                precedence = Primary;
                return use.Value.Name;
            case AdjointExpr adjoint:
                precedence = Primary;
                return adjoint.Index is null ? adjoint.Value.AdjointName : adjoint.Value.AdjointName + "[" + Print(adjoint.Index) + "]";
            case UnaryExpr unary:
                precedence = UnaryLevel;
                return unary.Operator + UnaryOperand(unary.Operand);
            case CastExpr { IsChecked: true } cast:
                precedence = Primary;
                return "checked((" + cast.TypeName + ")" + UnaryOperand(cast.Operand) + ")";
            case CastExpr cast:
                precedence = UnaryLevel;
                return "(" + cast.TypeName + ")" + UnaryOperand(cast.Operand);
            case BinaryExpr binary:
                precedence = BinaryPrecedence(binary.Operator);
                return Operand(binary.Left, precedence, rightSide: false) + " " + binary.Operator + " " + Operand(binary.Right, precedence, rightSide: true);
            case CallExpr call:
                precedence = Primary;
                return Operand(call.Receiver, Primary, rightSide: false) + "." + call.Name + "(" + string.Join(", ", call.Arguments.Select(Print)) + ")";
            case ElementExpr element:
                precedence = Primary;
                return Operand(element.Array, Primary, rightSide: false) + "[" + Print(element.Index) + "]";
            case SliceExpr { Start: null } whole:
                return Print(whole.Array, out precedence);
            case SliceExpr slice:
                precedence = Primary;
                string bounds = slice.Length is null ? Print(slice.Start!) : Print(slice.Start!) + ", " + Print(slice.Length);
                // An array has no Slice, and AsSpan is an extension method: called through its class, the generated file needs no using.
                return slice.AsSpan || IsArray(slice.Array)
                    ? "global::System.MemoryExtensions.AsSpan(" + Print(slice.Array) + ", " + bounds + ")"
                    : Operand(slice.Array, Primary, rightSide: false) + ".Slice(" + bounds + ")";
            case AdjointSpanExpr span:
                precedence = Primary;
                return span.Array.AdjointName;
            case ReplayExpr replay:
                precedence = Primary;
                return replay.Array.ReplayName;
            case RefExpr reference:
                precedence = Primary;
                return "ref " + Print(reference.Operand);
            case MemberExpr member:
                precedence = Primary;
                return Operand(member.Receiver, Primary, rightSide: false) + "." + member.Name;
            case ConditionalExpr conditional:
                precedence = ConditionalLevel;
                // A choice nested in the true branch is parenthesized (a ? (b ? 1 : -1) : c): C# needs no
                // parentheses there, a reader does. One in the false branch reads as an else-if chain.
                return Operand(conditional.Condition, ConditionalLevel, rightSide: true) + " ? "
                    + Operand(conditional.WhenTrue, ConditionalLevel, rightSide: true) + " : "
                    + Operand(conditional.WhenFalse, ConditionalLevel - 1, rightSide: false);
            case PrimalExpr primal:
                precedence = 0; // a copied expression may end in a pattern or a lambda: always parenthesized as an operand
                return string.Concat(primal.Parts.Select((part, i) => i < primal.Holes.Count ? part + Hole(primal.Holes[i]) : part));
            default:
                throw new System.InvalidOperationException("unknown expression node " + expr.GetType().Name);
        }
    }

    /// <summary>Whether the expression is a <c>T[]</c> (a user's array, or a replay buffer that had to be one), not a span.</summary>
    public static bool IsArray(Expr expr) => expr switch
    {
        UseExpr { Value.Inlined: { } inlined } => IsArray(inlined),
        UseExpr use => use.Value.TypeName.EndsWith("[]", System.StringComparison.Ordinal),
        ReplayExpr replay => replay.Array.ReplayIsArray,
        SliceExpr { Start: null } whole => IsArray(whole.Array),
        _ => false,
    };

    /// <summary>An operand of a unary operator or cast: parenthesized unless primary, and never <c>--x</c> or <c>(T)-x</c>.</summary>
    private static string UnaryOperand(Expr operand) => UnaryOperand(Print(operand, out int precedence), precedence);

    /// <summary>A printed operand of a unary operator or cast (of its <paramref name="precedence"/>).</summary>
    internal static string UnaryOperand(string text, int precedence) =>
        precedence < UnaryLevel || text.StartsWith("-", System.StringComparison.Ordinal) ? "(" + text + ")" : text;

    /// <summary>A variable read inside copied user code: a bare name, or parenthesized when the value was inlined.</summary>
    private static string Hole(Expr hole)
    {
        string text = Print(hole, out int precedence);
        return precedence == Primary && !text.StartsWith("-", System.StringComparison.Ordinal) ? text : "(" + text + ")";
    }

    /// <summary>Binary operators are left-associative: an equal-precedence right operand needs parentheses.</summary>
    internal static string Operand(Expr operand, int parent, bool rightSide) => Operand(Print(operand, out int precedence), precedence, parent, rightSide);

    /// <summary>A printed operand (of its <paramref name="precedence"/>) under an operator of precedence <paramref name="parent"/>.</summary>
    internal static string Operand(string text, int precedence, int parent, bool rightSide) =>
        precedence < parent || (rightSide && precedence == parent) ? "(" + text + ")" : text;

    internal static int BinaryPrecedence(string op) => op switch
    {
        "*" or "/" or "%" => 80,
        "+" or "-" => 70,
        "<<" or ">>" => 65,
        "<" or ">" or "<=" or ">=" => 60,
        "==" or "!=" => 55,
        "&" => 50,
        "^" => 48,
        "|" => 46,
        "&&" => 40,
        "||" => 35,
        _ => 30,
    };
}
