using System.Globalization;
using System.Text;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Emit;

/// <summary>Prints expressions as C# with only the parentheses precedence requires.</summary>
internal static class ExprPrinter
{
    // C#'s precedences, which VectorPrinter's lanes follow too.
    internal const int Primary = 100;
    internal const int UnaryLevel = 90;
    internal const int ConditionalLevel = 20;

    public static string Print(Expr expr)
    {
        PrintBuffer text = PrintBuffer.Rent();
        Write(text, expr, out _);
        return text.ToStringAndReturn();
    }

    /// <summary>Prints the expression at the end of <paramref name="target"/> (a line being written), with no string of its own.</summary>
    public static void Print(StringBuilder target, Expr expr)
    {
        PrintBuffer text = PrintBuffer.Rent();
        Write(text, expr, out _);
        text.MoveTo(target);
    }

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

    /// <summary>
    /// Writes the expression at the end of <paramref name="text"/>, with the <paramref name="precedence"/> of its
    /// outermost operator. Into one builder, not a string per node: a node's text used to be copied once per
    /// ancestor, and printing was a tenth of what the generator allocates.
    /// </summary>
    private static void Write(PrintBuffer text, Expr expr, out int precedence)
    {
        switch (expr)
        {
            case LiteralExpr literal:
                precedence = literal.Value < 0 ? UnaryLevel : Primary;
                text.Append(Literal(literal.Value, literal.Type));
                return;
            case TextExpr written:
                precedence = Primary;
                text.Append(MathAliases.Print(written.Text));
                return;
            case UseExpr { Value.Inlined: { } inlined }:
                Write(text, inlined, out precedence);
                return;
            case UseExpr use:
                precedence = Primary;
                text.Append(use.Value.Name);
                return;
            case AdjointExpr adjoint:
                precedence = Primary;
                text.Append(adjoint.Value.AdjointName);
                if (adjoint.Index is not null)
                {
                    text.Append('[');
                    Write(text, adjoint.Index, out _);
                    text.Append(']');
                }

                return;
            case UnaryExpr unary:
                precedence = UnaryLevel;
                text.Append(unary.Operator);
                WriteUnaryOperand(text, unary.Operand);
                return;
            case CastExpr { IsChecked: true } cast:
                precedence = Primary;
                text.Append("checked((").Append(cast.TypeName).Append(')');
                WriteUnaryOperand(text, cast.Operand);
                text.Append(')');
                return;
            case CastExpr cast:
                precedence = UnaryLevel;
                text.Append('(').Append(cast.TypeName).Append(')');
                WriteUnaryOperand(text, cast.Operand);
                return;
            case BinaryExpr comparison when ConstantPattern.Of(comparison) is { } pattern:
                precedence = BinaryPrecedence("<"); // `is` binds as a relational operator
                WriteOperand(text, pattern.Tested, precedence, rightSide: false);
                text.Append(" is ");
                Write(text, pattern.Constant, out _);
                return;
            case BinaryExpr binary:
                precedence = BinaryPrecedence(binary.Operator);
                WriteOperand(text, binary.Left, precedence, rightSide: false);
                text.Append(' ').Append(binary.Operator).Append(' ');
                WriteOperand(text, binary.Right, precedence, rightSide: true);
                return;
            case CallExpr call:
                precedence = Primary;
                WriteDereferenced(text, call.Receiver);
                text.Append('.').Append(call.Name).Append('(');
                for (int i = 0; i < call.Arguments.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    Write(text, call.Arguments[i], out _);
                }

                text.Append(')');
                return;
            case ElementExpr element:
                precedence = Primary;
                WriteDereferenced(text, element.Array);
                text.Append('[');
                Write(text, element.Index, out _);
                text.Append(']');
                return;
            case SliceExpr { Start: null } whole:
                Write(text, whole.Array, out precedence);
                return;
            case SliceExpr slice:
                precedence = Primary;
                // An array has no Slice, and AsSpan is an extension method: called through its class, the generated file needs no using.
                if (slice.AsSpan || IsArray(slice.Array))
                {
                    text.Append("global::System.MemoryExtensions.AsSpan(");
                    WriteDereferenced(text, slice.Array);
                    text.Append(", ");
                }
                else
                {
                    WriteDereferenced(text, slice.Array);
                    text.Append(".Slice(");
                }

                Write(text, slice.Start!, out _);
                if (slice.Length is not null)
                {
                    text.Append(", ");
                    Write(text, slice.Length, out _);
                }

                text.Append(')');
                return;
            case AdjointSpanExpr span:
                precedence = Primary;
                text.Append(span.Array.AdjointName);
                return;
            case ReplayExpr replay:
                precedence = Primary;
                text.Append(replay.Array.ReplayName);
                return;
            case RefExpr reference:
                precedence = Primary;
                text.Append("ref ");
                Write(text, reference.Operand, out _);
                return;
            case OutExpr { Declares: true } output:
                precedence = Primary;
                text.Append(output.Variable is { } variable ? $"out {variable.TypeName} {variable.Name}" : "out _");
                return;
            case OutExpr output:
                precedence = Primary;
                text.Append(output.Variable!.Name);
                return;
            case TupleExpr tuple:
                precedence = Primary;
                text.Append('(');
                for (int i = 0; i < tuple.Items.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    Write(text, tuple.Items[i], out _);
                }

                text.Append(')');
                return;
            case MemberExpr member:
                precedence = Primary;
                WriteDereferenced(text, member.Receiver);
                text.Append('.').Append(member.Name);
                return;
            case ConditionalExpr conditional:
                precedence = ConditionalLevel;
                // A choice nested in the true branch is parenthesized (a ? (b ? 1 : -1) : c): C# needs no
                // parentheses there, a reader does. One in the false branch reads as an else-if chain.
                WriteOperand(text, conditional.Condition, ConditionalLevel, rightSide: true);
                text.Append(" ? ");
                WriteOperand(text, conditional.WhenTrue, ConditionalLevel, rightSide: true);
                text.Append(" : ");
                WriteOperand(text, conditional.WhenFalse, ConditionalLevel - 1, rightSide: false);
                return;
            case PrimalExpr primal:
                precedence = 0; // a copied expression may end in a pattern or a lambda: always parenthesized as an operand
                for (int i = 0; i < primal.Parts.Count; i++)
                {
                    text.Append(primal.Parts[i]);
                    if (i < primal.Holes.Count)
                    {
                        WriteHole(text, primal.Holes[i]);
                    }
                }

                return;
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
    private static void WriteUnaryOperand(PrintBuffer text, Expr operand)
    {
        int start = text.Length;
        Write(text, operand, out int precedence);
        Parenthesize(text, start, UnaryNeedsParentheses(precedence, StartsWithMinus(text, start)));
    }

    /// <summary>A printed operand of a unary operator or cast (of its <paramref name="precedence"/>).</summary>
    internal static string UnaryOperand(string text, int precedence) =>
        UnaryNeedsParentheses(precedence, text.StartsWith("-", System.StringComparison.Ordinal)) ? "(" + text + ")" : text;

    private static bool UnaryNeedsParentheses(int precedence, bool startsWithMinus) => precedence < UnaryLevel || startsWithMinus;

    /// <summary>A variable read inside copied user code: a bare name, or parenthesized when the value was inlined.</summary>
    private static void WriteHole(PrintBuffer text, Expr hole)
    {
        int start = text.Length;
        Write(text, hole, out int precedence);
        Parenthesize(text, start, precedence != Primary || StartsWithMinus(text, start));
    }

    /// <summary>Binary operators are left-associative: an equal-precedence right operand needs parentheses.</summary>
    internal static string Operand(Expr operand, int parent, bool rightSide)
    {
        PrintBuffer text = PrintBuffer.Rent();
        WriteOperand(text, operand, parent, rightSide);
        return text.ToStringAndReturn();
    }

    /// <summary>
    /// What a member, an element or a slice is taken of. A constant array the user declared nullable
    /// (<c>[NoDiff] double[]? sampleWeights</c>) gets <c>!</c>: the user's code tests it before this read, but the
    /// generated code may test it in an earlier statement (<c>bool c0 = …</c>), which nullable analysis cannot follow.
    /// </summary>
    private static void WriteDereferenced(PrintBuffer text, Expr operand)
    {
        WriteOperand(text, operand, Primary, rightSide: false);
        if (operand is UseExpr { Value: { IsArray: true, TypeName: var type } } && type.EndsWith("?", System.StringComparison.Ordinal))
        {
            text.Append('!');
        }
    }

    private static void WriteOperand(PrintBuffer text, Expr operand, int parent, bool rightSide)
    {
        int start = text.Length;
        Write(text, operand, out int precedence);
        Parenthesize(text, start, NeedsParentheses(precedence, parent, rightSide));
    }

    /// <summary>A printed operand (of its <paramref name="precedence"/>) under an operator of precedence <paramref name="parent"/>.</summary>
    internal static string Operand(string text, int precedence, int parent, bool rightSide) =>
        NeedsParentheses(precedence, parent, rightSide) ? "(" + text + ")" : text;

    private static bool NeedsParentheses(int precedence, int parent, bool rightSide) => precedence < parent || (rightSide && precedence == parent);

    private static bool StartsWithMinus(PrintBuffer text, int start) => text.Length > start && text[start] == '-';

    /// <summary>Puts what was written from <paramref name="start"/> on in parentheses, if <paramref name="needed"/>.</summary>
    private static void Parenthesize(PrintBuffer text, int start, bool needed)
    {
        if (needed)
        {
            text.Insert(start, '(').Append(')');
        }
    }

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
