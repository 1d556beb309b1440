using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymbolicDiff.Generator.Diagnostics;

namespace SymbolicDiff.Generator.Parsing;

/// <summary>Calls between methods in forward mode and second order: each mode chains through the callee's companion of that mode.</summary>
internal sealed partial class MethodParser
{
    private const string ForwardMode = "Forward mode (Derivatives.Forward)";
    private const string SecondOrder = "Second order (Derivatives.Hessian)";

    /// <summary>
    /// A call chains through the callee's companion of each mode asked for here, so the callee must get that
    /// companion: its own <c>[Differentiable]</c> must ask for the mode, or a [TangentOf] method stands for its
    /// tangent. A [DerivativeOf] pullback gives reverse mode only.
    /// </summary>
    /// <param name="tangent">A hand-written [TangentOf] tangent of the callee, which forward mode calls instead of the generated one.</param>
    private void CheckCalleeModes(IInvocationOperation invocation, IMethodSymbol target, IMethodSymbol? pullback, IMethodSymbol? tangent)
    {
        Location location = invocation.Syntax.GetLocation();
        DerivativeModes callee = DerivativeModesReader.Of(target);
        if (modes.HasFlag(DerivativeModes.Forward))
        {
            if (tangent is not null)
            {
                if (!compilation.IsSymbolAccessibleWithin(tangent, method.ContainingType)
                    || (!tangent.IsStatic && !SymbolEqualityComparer.Default.Equals(tangent.ContainingType, target.ContainingType)))
                {
                    Report(Descriptors.UnsupportedInMode, location, ForwardMode, $"the [TangentOf] tangent '{tangent.Name}' of '{target.Name}' must be accessible here and, unless static, declared in the type of '{target.Name}'");
                }
            }
            else if (pullback is not null)
            {
                Report(Descriptors.UnsupportedInMode, location, ForwardMode, $"'{target.Name}' is covered by the [DerivativeOf] pullback '{pullback.Name}', which gives reverse mode only, and forward mode needs the tangent of '{target.Name}'; give it a [TangentOf] method with the signature '{target.Name}Tangent' would have, or leave Derivatives.Forward out");
            }
            else if (!callee.HasFlag(DerivativeModes.Forward))
            {
                Report(Descriptors.UnsupportedInMode, location, ForwardMode, $"it calls '{target.Name}Tangent', which '{target.Name}' gets only with [Differentiable(Derivatives.Forward)]; add Derivatives.Forward to the [Differentiable] of '{target.Name}'");
            }
        }

        if (modes.HasFlag(DerivativeModes.Hessian))
        {
            CheckSecondOrderCallee(invocation, target, pullback, callee);
        }
        else if (modes.HasFlag(DerivativeModes.Reverse) && pullback is null && !callee.HasFlag(DerivativeModes.Reverse))
        {
            Report(Descriptors.UnsupportedInMode, location, "Reverse mode", $"it calls '{target.Name}Backward', which '{target.Name}' gets only with Derivatives.Reverse; add Derivatives.Reverse to the [Differentiable] of '{target.Name}'");
        }
    }

    /// <summary>
    /// Second order chains through the callee's <c>BackwardTangent</c> (the tangent of its pullback), which a
    /// scalar method gets with <c>Derivatives.Hessian</c>; the forward pass before it needs the callee's
    /// <c>Tangent</c>.
    /// </summary>
    private void CheckSecondOrderCallee(IInvocationOperation invocation, IMethodSymbol target, IMethodSymbol? pullback, DerivativeModes callee)
    {
        Location location = invocation.Syntax.GetLocation();
        if (pullback is not null)
        {
            Report(Descriptors.UnsupportedInMode, location, SecondOrder, $"'{target.Name}' is covered by the [DerivativeOf] pullback '{pullback.Name}', which gives first derivatives only; make '{target.Name}' [Differentiable(Derivatives.Forward | Derivatives.Hessian)] instead, or leave Derivatives.Hessian out");
        }
        else if (target.ReturnsVoid)
        {
            Report(Descriptors.UnsupportedInMode, location, SecondOrder, $"it chains only through scalar methods, and '{target.Name}' writes spans; compute its outputs inline");
        }
        else if (!callee.HasFlag(DerivativeModes.Forward) || !callee.HasFlag(DerivativeModes.Hessian))
        {
            Report(Descriptors.UnsupportedInMode, location, SecondOrder, $"it calls '{target.Name}Tangent' and '{target.Name}BackwardTangent', which '{target.Name}' gets only with [Differentiable(Derivatives.Forward | Derivatives.Hessian)]; add those modes to the [Differentiable] of '{target.Name}'");
        }
    }
}
