using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Diagnostics;
using SymbolicDiff.Generator.Graph;
using SymbolicDiff.Generator.Rules;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>
/// <c>(a, b) = (b, a + b)</c>, <c>var (s, c) = Math.SinCos(θ)</c>: a deconstruction into locals and parameters is
/// a parallel assignment. C# evaluates every part of the value first, left to right, then assigns the targets in
/// order, so each part is lowered before any target is bound; in SSA a swap then needs no temporary. A tuple
/// never becomes a value of the graph: a tuple literal gives its parts, <c>SinCos</c> gives a Sin and a Cos gate
/// (paired again into one <c>SinCos</c> call when emitted), and any other tuple is allowed only as a constant.
/// </summary>
internal sealed partial class MethodParser
{
    private void LowerDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        IOperation tuple = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
        if (tuple is not ITupleOperation { Elements: var elements } || elements.Any(e => e is ITupleOperation or IDeclarationExpressionOperation { Expression: ITupleOperation }))
        {
            Report(Descriptors.UnsupportedStatement, deconstruction.Syntax.GetLocation(), "a deconstruction into a nested tuple; deconstruct into locals, parameters and elements");
            return;
        }

        List<IOperation> written = [.. DeconstructedTargets(deconstruction.Target)];
        // A target is a discard, an element, a local or what AssignedVariable takes (no field, property or primary
        // constructor parameter): any other would be taken for a discard below, and its write lost.
        if (written.FirstOrDefault(t => t is not (IDiscardOperation or ILocalReferenceOperation) && !IsElement(t) && AssignedVariable(t) is null) is { } other)
        {
            Report(Descriptors.UnsupportedStatement, other.Syntax.GetLocation(), OnlyVariablesAssigned);
            return;
        }

        if (Writes(deconstruction.Value) && written.Any(IsElement))
        {
            // C# takes the elements' indices before the parts; a part that writes could change one.
            Report(Descriptors.UnsupportedStatement, deconstruction.Syntax.GetLocation(), "a deconstruction into elements whose parts assign; assign on a line of its own first");
            return;
        }

        // C#'s order: the targets' arrays and indices, then every part, then the assignments left to right.
        var targets = new List<(ISymbol? Variable, (Value Array, Expr Index)? Element)>();
        foreach (IOperation target in written)
        {
            if (IsElement(target))
            {
                if (StoredElement(target, () => LowerPartsOfRefused(deconstruction.Value, elements.Length)) is not { } element)
                {
                    return;
                }

                targets.Add((null, element));
            }
            else
            {
                targets.Add((target is IDiscardOperation ? null : AssignedVariable(target), null));
            }
        }

        if (DeconstructedParts(deconstruction.Value, targets.Count) is not { } parts)
        {
            return;
        }

        for (int i = 0; i < targets.Count; i++)
        {
            if (targets[i].Element is var (array, index))
            {
                current.Statements.Add(new Store(array, index, parts[i]));
            }
            else if (targets[i].Variable is { } variable)
            {
                Bind(variable, parts[i], deconstruction.Value, variable.Name);
            }
        }
    }

    /// <summary>The variables and elements a deconstruction (or a tuple inside one) writes, discards included, left to right.</summary>
    private static IEnumerable<IOperation> DeconstructedTargets(IOperation target) => target switch
    {
        IDeclarationExpressionOperation declaration => DeconstructedTargets(declaration.Expression),
        ITupleOperation tuple => tuple.Elements.SelectMany(DeconstructedTargets),
        _ => [target],
    };

    /// <summary>The parts of a deconstruction that is reported, lowered only so that their uses add no errors of their own.</summary>
    private Expr LowerPartsOfRefused(IOperation value, int count)
    {
        DeconstructedParts(value, count);
        return new LiteralExpr(0, NumericType.Double);
    }

    /// <summary>The value's parts, lowered in C#'s order; null (reported) when a part would lose a gradient.</summary>
    private List<Expr>? DeconstructedParts(IOperation value, int count)
    {
        // A tuple literal converted to the targets' tuple type.
        IOperation literal = value is IConversionOperation { Operand: ITupleOperation converted } ? converted : value;
        if (literal is ITupleOperation tuple)
        {
            // Roslyn converts each part to its target's type (a float part of a double target is a conversion gate).
            return tuple.Elements.Select(Lower).ToList();
        }

        if (SinCosArgument(value) is { } angle)
        {
            return SinAndCos(angle, value);
        }

        Expr whole = Lower(value);
        if (whole.Uses().Any(v => v.IsActive))
        {
            // Lower reported it already (a call with a differentiable argument and no rule).
            return null;
        }

        Expr constant = Temporary(whole, value, TemporaryStem);
        return Enumerable.Range(1, count).Select(i => (Expr)new MemberExpr(constant, "Item" + i, isPure: true)).ToList();
    }

    /// <summary>The angle of <c>Math.SinCos(θ)</c> (of Math, MathF, double or float), or null.</summary>
    private static IOperation? SinCosArgument(IOperation? operation) =>
        operation is IInvocationOperation { TargetMethod: { Name: "SinCos" } method, Arguments.Length: 1 } call && Symbols.IsMath(method.ContainingType)
            ? call.Arguments[0].Value
            : null;

    /// <summary>
    /// Sin θ and Cos θ as two gates of θ's type; a constant θ gives two constant calls of it, computed once (unless a
    /// plain read), as the single SinCos call computed it.
    /// </summary>
    private List<Expr> SinAndCos(IOperation angleOperation, IOperation sinCos)
    {
        Expr angle = Lower(angleOperation);
        angle = IsActive(angle) ? angle : Materialize(angle, angleOperation, TemporaryStem);
        return [SinCosPart(angle, sinCos, 0), SinCosPart(angle, sinCos, 1)];
    }

    /// <summary>Sin θ (<paramref name="index"/> 0) or Cos θ (1) of an angle already lowered.</summary>
    private Expr SinCosPart(Expr angle, IOperation sinCos, int index)
    {
        ITypeSymbol type = ((INamedTypeSymbol)sinCos.Type!).TupleElements[index].Type;
        if (IsActive(angle))
        {
            return Gate(index == 0 ? GateRules.Sin : GateRules.Cos, type, angle);
        }

        var math = new TextExpr(Symbols.TypeText(((IInvocationOperation)sinCos).TargetMethod.ContainingType), isPure: true);
        return new CallExpr(math, index == 0 ? "Sin" : "Cos", [angle], isPure: true);
    }

    /// <summary><c>Math.SinCos(θ).Sin</c> (or <c>.Item1</c>, <c>.Cos</c>, <c>.Item2</c>): the one gate it names.</summary>
    private Expr? LowerSinCosPart(IFieldReferenceOperation field)
    {
        if (SinCosArgument(field.Instance) is not { } angle)
        {
            return null;
        }

        int index = (field.Field.CorrespondingTupleField ?? field.Field).Name == "Item1" ? 0 : 1;
        return SinCosPart(Lower(angle), field.Instance!, index);
    }
}
