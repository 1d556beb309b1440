using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// The number of iterations of a loop, written before it runs, when it is <c>for (i = start; i &lt; bound; i++)</c>
/// with no <c>break</c>/<c>return</c> and a bound the loop does not change: <c>bound &gt; start ? bound − start : 0</c>
/// (<c>+ 1</c> for <c>&lt;=</c>). An enclosing loop's backward pass computes a nested loop's count from this
/// instead of saving it on every iteration (<c>for (int j = i + 1; j &lt; d; j++)</c>: <c>d − (i + 1)</c>).
/// </summary>
internal static class TripCount
{
    /// <summary>
    /// The count as an int expression of values known before the loop, or null when the loop is not of that form.
    /// <paramref name="enclosing"/>: the definitions of the enclosing block, to write a constant start as itself.
    /// </summary>
    public static Expr? Of(Loop loop, IReadOnlyDictionary<Value, Define> enclosing)
    {
        if (Form(loop) is not var (carried, condition) || !IsInt(condition.Right))
        {
            return null;
        }

        // i < bound runs bound − start times; i <= bound, as i < bound + 1.
        int? constantStart = ConstantStart(carried, enclosing);
        if (constantStart is { } first && condition.Right is TextExpr { Text: var text } && int.TryParse(text, out int last))
        {
            long count = System.Math.Max(0L, (long)last - first + (condition.Operator == "<" ? 0 : 1));
            return count <= int.MaxValue ? Constant((int)count) : null;
        }

        Expr bound = condition.Operator == "<" ? condition.Right : new BinaryExpr("+", condition.Right, Constant(1));
        if (constantStart is 0 && condition is { Operator: "<", Right: MemberExpr { Name: "Length" } })
        {
            return bound; // never negative
        }

        Expr start = constantStart is { } known ? Constant(known) : new UseExpr(carried.Init);
        Expr span = constantStart is 0 ? bound : new BinaryExpr("-", bound, start);
        return new ConditionalExpr(new BinaryExpr(">", bound, start), span, Constant(0));
    }

    /// <summary>
    /// The number of the running iteration, from 0, read from the counter of a loop <see cref="Of"/> counts: <c>i</c>, or
    /// <c>i − start</c>. Null for any other loop.
    /// </summary>
    public static Expr? IterationOf(Loop loop, IReadOnlyDictionary<Value, Define> enclosing)
    {
        if (Form(loop) is not var (carried, _))
        {
            return null;
        }

        Expr counter = new UseExpr(carried.Header);
        return ConstantStart(carried, enclosing) switch
        {
            0 => counter,
            { } start => new BinaryExpr("-", counter, Constant(start)),
            null => new BinaryExpr("-", counter, new UseExpr(carried.Init)),
        };
    }

    /// <summary>
    /// The counter of a loop <c>for (i = 0; i &lt; bound; i++)</c> and that bound, as <see cref="Of"/> requires: after
    /// a loop that ran at least once, the counter is the bound. Null for any other loop. The bound's type is the
    /// caller's to check (<see cref="Of"/> takes only bounds that are ints for certain).
    /// </summary>
    public static (Carried Counter, Expr Bound)? ExitFromZero(Loop loop, IReadOnlyDictionary<Value, Define> enclosing) =>
        Form(loop) is var (carried, condition) && condition.Operator == "<" && ConstantStart(carried, enclosing) is 0
            ? (carried, condition.Right)
            : null;

    /// <summary>The counter and the condition of a loop <c>for (i = start; i &lt; bound; i++)</c> (or <c>&lt;=</c>) with no early exit and a bound it does not change.</summary>
    private static (Carried Counter, BinaryExpr Condition)? Form(Loop loop)
    {
        if (loop.BreakFlag is not null || !loop.TestFirst
            || loop.Condition is not BinaryExpr { Operator: "<" or "<=", Left: UseExpr { Value: var storage } } condition
            || !condition.Right.IsPure
            || loop.Carried.FirstOrDefault(c => c.Storage == storage) is not { } carried
            || TapePlanner.AsCounter(carried, loop.Body) is not { Step: 1 }
            || TapePlanner.DeepUses(condition.Right).Any(v => loop.Carried.Any(c => c.Storage == v)))
        {
            return null;
        }

        return (carried, condition);
    }

    private static int? ConstantStart(Carried counter, IReadOnlyDictionary<Value, Define> enclosing) =>
        enclosing.TryGetValue(counter.Init, out Define? definition) && definition.Expression is TextExpr initial && int.TryParse(initial.Text, out int value) ? value : null;

    private static TextExpr Constant(int value) => new(value.ToString(CultureInfo.InvariantCulture), isPure: true);

    /// <summary>An int for certain: an int value, an int literal, or an array's or span's length.</summary>
    private static bool IsInt(Expr bound) => bound switch
    {
        UseExpr use => use.Value.TypeName == "int",
        TextExpr text => int.TryParse(text.Text, out _),
        MemberExpr { Name: "Length", Receiver: UseExpr { Value.IsArray: true } } => true,
        _ => false,
    };
}
