using System.Collections.Generic;
using System.Linq;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;
using SymbolicDiff.Generator.Simplification;

namespace SymbolicDiff.Generator.Differentiation;

/// <summary>
/// Sin and Cos of one argument, computed together: <c>(s, c) = Math.SinCos(x)</c> costs about 1.2 × a Sin, where
/// Sin and Cos cost 2 × (issue 9). The local gradient of a Sin gate is the Cos of its operand (and the reverse), so
/// a gate whose derivative is taken gets a partner gate of the other function right after it, and the derivative
/// reads the partner's value: in a loop the backward pass then pops the cosine from the tape instead of
/// recomputing it. A user's own Sin and Cos of one value in one block are paired the same way (a rotation).
/// A paired gate is never written inline (the pair is one statement); <c>CompanionWriter</c> writes each pair as
/// one call. SinCos returns exactly Sin and Cos, bit for bit (README, decisions), so the values do not change.
/// </summary>
internal static class SinCosPairs
{
    /// <summary>
    /// Pairs the user's Sin and Cos gates of one operand in one block (in every block): the later one moves up
    /// right after the earlier one. It reads only the operand, which the earlier one reads too, and nothing
    /// between the two can read it (SSA), so the move changes no value.
    /// </summary>
    public static void PairUsersCalls(Block block)
    {
        for (int i = 0; i < block.Statements.Count; i++)
        {
            switch (block.Statements[i])
            {
                case Define earlier when Operand(earlier) is { } operand && earlier.ComputedWith is null:
                    int at = block.Statements.FindIndex(i + 1, s => s is Define later && later.ComputedWith is null && later.Rule == Complement(earlier.Rule!) && Operand(later) == operand);
                    if (at > i + 1)
                    {
                        Statement later = block.Statements[at];
                        block.Statements.RemoveAt(at);
                        block.Statements.Insert(i + 1, later);
                    }

                    if (at > i)
                    {
                        Link(earlier, (Define)block.Statements[i + 1]);
                    }

                    break;
                case Branch branch:
                    PairUsersCalls(branch.Then);
                    PairUsersCalls(branch.Else);
                    break;
                case Loop loop:
                    PairUsersCalls(loop.Body);
                    break;
            }
        }
    }

    /// <summary>
    /// Forward mode: every active Sin or Cos gate's tangent reads the other function, so each gets a partner
    /// (one that only the tangents read: inactive). Those the reverse pass paired already keep theirs.
    /// </summary>
    public static void PairForTangents(Block block)
    {
        for (int i = 0; i < block.Statements.Count; i++)
        {
            switch (block.Statements[i])
            {
                case Define { Target.IsActive: true } define:
                    AddPartner(define, block, active: false);
                    break;
                case Branch branch:
                    PairForTangents(branch.Then);
                    PairForTangents(branch.Else);
                    break;
                case Loop loop:
                    PairForTangents(loop.Body);
                    break;
            }
        }
    }

    /// <summary>
    /// Gives a Sin or Cos gate of an active operand, whose local gradient is needed, a partner gate of the other
    /// function, inserted right after it in <paramref name="block"/> (nothing when it has one, or is no such gate).
    /// The reverse sweep calls it on the gates it differentiates, so a gate whose input's adjoint is never
    /// computed gets no cosine. <paramref name="active"/>: whether the partner is differentiated in turn (second
    /// order takes the tangent of the backward pass, which reads it).
    /// </summary>
    /// <returns>The partner's definition, null when none was added.</returns>
    public static Define? AddPartner(Define define, Block block, bool active)
    {
        if (define.ComputedWith is not null || Operand(define) is not { IsActive: true } || define.Rule is not { } rule)
        {
            return null;
        }

        GateRule complement = Complement(rule)!;
        Value target = define.Target;
        var partnerValue = new Value(complement.Name.ToLowerInvariant(), target.TypeName, target.Numeric, active, ValueKind.Temporary);
        var partner = new Define(partnerValue, complement.Forward(new MathContext(target.Numeric), define.Operands), complement, define.Operands);
        block.Statements.Insert(block.Statements.IndexOf(define) + 1, partner);
        Link(define, partner);
        return partner;
    }

    /// <summary>
    /// <paramref name="partials"/> of a paired gate with the other function of its operand read from the
    /// partner's value (Sin′ = Cos: <c>dt * cos0</c> instead of <c>dt * Math.Cos(x)</c>).
    /// </summary>
    /// <remarks>The rewrite is a method of its own: a lambda here would have its closure allocated for every gate, paired or not.</remarks>
    public static Expr?[] ReadPartner(Define define, Expr?[] partials) =>
        define.ComputedWith is { } partner ? ReadPartner(define, partner, partials) : partials;

    private static Expr?[] ReadPartner(Define define, Define partner, Expr?[] partials)
    {
        Value operand = Operand(define)!;
        string function = partner.Rule!.Name;
        return partials
            .Select(p => p is null ? null : ExprRewriter.Rewrite(p, e =>
                e is CallExpr { Arguments.Count: 1 } call && call.Name == function && call.Arguments[0] is UseExpr read && read.Value == operand
                    ? new UseExpr(partner.Target)
                    : e))
            .ToArray();
    }

    /// <summary>
    /// The call that computes a pair, <c>Math.SinCos(x)</c> (<c>MathF</c> for float), and its results in order:
    /// the sine's target, then the cosine's. The first of the pair in the block is <paramref name="first"/>.
    /// </summary>
    public static (CallExpr Call, Value Sine, Value Cosine) Call(Define first)
    {
        Define second = first.ComputedWith!;
        (Define sine, Define cosine) = first.Rule == GateRules.Sin ? (first, second) : (second, first);
        var sin = (CallExpr)sine.Expression;
        return (new CallExpr(sin.Receiver, "SinCos", sin.Arguments, isPure: true), sine.Target, cosine.Target);
    }

    /// <summary>The operand of a Sin or Cos gate, when it is a value; null for any other statement.</summary>
    private static Value? Operand(Define define) =>
        Complement(define.Rule) is not null && define.Operands.Count == 1 && define.Operands[0] is UseExpr use && define.Expression is CallExpr
            ? use.Value
            : null;

    private static GateRule? Complement(GateRule? rule) =>
        rule == GateRules.Sin ? GateRules.Cos : rule == GateRules.Cos ? GateRules.Sin : null;

    /// <summary>Whether <paramref name="define"/> is the first of a SinCos pair in <paramref name="statements"/>, where the pair's one call is written.</summary>
    public static bool IsFirst(Define define, List<Statement> statements) =>
        define.ComputedWith is { } partner && statements.IndexOf(partner) > statements.IndexOf(define);

    private static void Link(Define a, Define b)
    {
        a.ComputedWith = b;
        b.ComputedWith = a;
    }
}
