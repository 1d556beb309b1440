using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// Prints an expression of a vectorized loop (<see cref="Vectorization"/>) as the same expression on <c>Vector256</c> lanes:
/// the loop's values are vectors of the same name, elements <c>b[i + c]</c> are loads at <c>i + c</c>, what does not change
/// from one iteration to the next is computed as written and broadcast. Returns null for anything else (the loop then
/// keeps its scalar loop only).
/// </summary>
internal sealed class VectorPrinter(VectorLoop plan)
{
    public const string Vector256 = "global::System.Runtime.Intrinsics.Vector256";

    private const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";

    /// <summary>The element type's name.</summary>
    public string Element { get; } = plan.Element == NumericType.Float ? "float" : "double";

    /// <summary><c>Vector256&lt;double&gt;</c>.</summary>
    public string Lanes => $"{Vector256}<{Element}>";

    /// <summary>
    /// While an element addition that reads the carry is printed: the lanes of the carry's update, so that lane L reads lane
    /// L − 1's update and lane 0 the carry (the previous iteration's, the last lane of the previous vector iteration).
    /// </summary>
    public string? CarryUpdate { get; set; }

    public string? Print(Expr expr) => Print(expr, out _);

    /// <summary><c>ref</c> to the first element of an array or span, and the position <c>(nuint)(i + c)</c> of the lanes' first element.</summary>
    public string Reference(Expr array, int offset)
    {
        string name = ExprPrinter.Print(array);
        string first = ExprPrinter.IsArray(array) ? $"{Marshal}.GetArrayDataReference({name})" : $"{Marshal}.GetReference({name})";
        string i = plan.Counter.Storage.Name;
        string position = offset switch
        {
            0 => $"(nuint){i}",
            > 0 => $"(nuint)({i} + {offset})",
            _ => $"(nuint)({i} - {-offset})",
        };
        return $"ref {first}, {position}";
    }

    /// <summary>The lanes' elements of an array or span at <c>i + offset</c>.</summary>
    public string Load(Expr array, int offset) => $"{Vector256}.LoadUnsafe({Reference(array, offset)})";

    /// <summary>An operand at a binary operator of the given precedence: parenthesized where C# would bind it otherwise.</summary>
    public string? Operand(Expr operand, int parent, bool rightSide)
    {
        string? text = Print(operand, out int precedence);
        return text is null ? null : ExprPrinter.Operand(text, precedence, parent, rightSide);
    }

    private string? Print(Expr expr, out int precedence)
    {
        precedence = ExprPrinter.Primary;
        if (plan.IsInvariant(expr))
        {
            string scalar = ExprPrinter.Print(expr);
            return HasElementType(expr) ? $"{Vector256}.Create({scalar})" : $"{Vector256}.Create<{Element}>({scalar})";
        }

        switch (expr)
        {
            case UseExpr { Value.Inlined: { } inlined }:
                return Print(inlined, out precedence);
            case UseExpr use when plan.Local.Contains(use.Value):
                return use.Value.Name;
            case AdjointExpr { Index: null } adjoint when plan.LocalAdjoints.Contains(adjoint.Value):
                return adjoint.Value.AdjointName;
            case AdjointExpr { Index: null } adjoint when adjoint.Value == plan.Carry && CarryUpdate is { } update:
                string indices = plan.Element == NumericType.Float ? "0, 0, 1, 2, 3, 4, 5, 6" : "0L, 0L, 1L, 2L";
                return $"{Vector256}.WithElement({Vector256}.Shuffle({update}, {Vector256}.Create({indices})), 0, {adjoint.Value.AdjointName})";
            case ElementExpr element when Vectorization.Offset(element.Index, plan.Counter) is { } offset:
                return Load(element.Array, offset);
            case BinaryExpr { Operator: "+" or "-" or "*" or "/" } binary:
                precedence = ExprPrinter.BinaryPrecedence(binary.Operator);
                string? left = Operand(binary.Left, precedence, rightSide: false);
                string? right = Operand(binary.Right, precedence, rightSide: true);
                return left is null || right is null ? null : left + " " + binary.Operator + " " + right;
            case UnaryExpr { Operator: "-" } negation:
                precedence = ExprPrinter.UnaryLevel;
                string? operand = Print(negation.Operand, out int inner);
                // Negation of Vector256 flips the sign bit, as the scalar negation does (−0, NaN).
                return operand is null ? null : "-" + ExprPrinter.UnaryOperand(operand, inner);
            case CallExpr { Receiver: TextExpr { Text: "global::System.Math" or "global::System.MathF" }, Name: "Sqrt" or "Abs", Arguments.Count: 1 } call:
                string? argument = Print(call.Arguments[0]);
                return argument is null ? null : $"{Vector256}.{call.Name}({argument})";
            case ConditionalExpr conditional:
                string? whenTrue = Print(conditional.WhenTrue);
                string? whenFalse = Print(conditional.WhenFalse);
                if (plan.IsInvariant(conditional.Condition))
                {
                    // The same test for every lane: one side, as the scalar code.
                    precedence = ExprPrinter.ConditionalLevel;
                    string condition = ExprPrinter.Operand(conditional.Condition, ExprPrinter.ConditionalLevel, rightSide: true);
                    return whenTrue is null || whenFalse is null ? null : $"{condition} ? {whenTrue} : {whenFalse}";
                }

                // Lane by lane: a lane whose test holds takes its value of the first side, the others of the second.
                string? mask = Mask(conditional.Condition);
                return mask is null || whenTrue is null || whenFalse is null ? null : $"{Vector256}.ConditionalSelect({mask}, {whenTrue}, {whenFalse})";
            default:
                return null;
        }
    }

    /// <summary>A test per lane: all bits set where it holds (IEEE comparisons, as the scalar ones).</summary>
    private string? Mask(Expr condition)
    {
        switch (condition)
        {
            case BinaryExpr { Operator: "==" or "!=" or "<" or "<=" or ">" or ">=" } comparison:
                string? left = Print(comparison.Left);
                string? right = Print(comparison.Right);
                string function = comparison.Operator switch
                {
                    "==" or "!=" => "Equals",
                    "<" => "LessThan",
                    "<=" => "LessThanOrEqual",
                    ">" => "GreaterThan",
                    _ => "GreaterThanOrEqual",
                };
                string test = $"{Vector256}.{function}({left}, {right})";
                return left is null || right is null ? null : comparison.Operator == "!=" ? "~" + test : test; // not equal: also NaN
            case BinaryExpr { Operator: "&&" or "||" } both:
                string? first = Mask(both.Left);
                string? second = Mask(both.Right);
                return first is null || second is null ? null : $"({first} {(both.Operator == "&&" ? "&" : "|")} {second})";
            case UnaryExpr { Operator: "!" } not:
                return Mask(not.Operand) is { } operand ? "~" + operand : null;
            default:
                return null;
        }
    }

    /// <summary>A literal or variable of the element type: <c>Create(ds)</c> needs no type argument (anything else, an int, converts as in the scalar code).</summary>
    private bool HasElementType(Expr expr) => expr switch
    {
        LiteralExpr literal => literal.Type == plan.Element,
        UseExpr { Value.Inlined: { } inlined } => HasElementType(inlined),
        UseExpr use => use.Value.TypeName == Element,
        AdjointExpr { Index: null } adjoint => adjoint.Value.TypeName == Element,
        UnaryExpr { Operator: "-" } negation => HasElementType(negation.Operand),
        _ => false,
    };

    /// <summary>The last lane of an update (<c>dd[3]</c>): the carry after the vector iteration.</summary>
    public string LastLane(string update) => (update.All(c => char.IsLetterOrDigit(c) || c is '_' or '@') ? update : "(" + update + ")") + $"[{plan.Width - 1}]";
}
