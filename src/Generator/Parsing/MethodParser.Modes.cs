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
    /// companion: its own <c>[Differentiable]</c> must ask for the mode. A [DerivativeOf] pullback gives reverse
    /// mode only, and second order does not chain through calls yet.
    /// </summary>
    private void CheckCalleeModes(IInvocationOperation invocation, IMethodSymbol target, IMethodSymbol? pullback)
    {
        Location location = invocation.Syntax.GetLocation();
        DerivativeModes callee = DerivativeModesReader.Of(target);
        if (modes.HasFlag(DerivativeModes.Forward))
        {
            if (pullback is not null)
            {
                Report(Descriptors.UnsupportedInMode, location, ForwardMode, $"'{target.Name}' is covered by the [DerivativeOf] pullback '{pullback.Name}', which gives reverse mode only, and forward mode needs the tangent of '{target.Name}'; call a method with [Differentiable(Derivatives.Forward)] instead, or leave Derivatives.Forward out");
            }
            else if (!callee.HasFlag(DerivativeModes.Forward))
            {
                Report(Descriptors.UnsupportedInMode, location, ForwardMode, $"it calls '{target.Name}Tangent', which '{target.Name}' gets only with [Differentiable(Derivatives.Forward)]; add Derivatives.Forward to the [Differentiable] of '{target.Name}'");
            }
        }

        if (modes.HasFlag(DerivativeModes.Hessian))
        {
            Report(Descriptors.UnsupportedInMode, location, SecondOrder, $"calls to other methods ('{target.Name}') are not supported yet; write the computation of '{target.Name}' inline");
        }
        else if (modes.HasFlag(DerivativeModes.Reverse) && pullback is null && !callee.HasFlag(DerivativeModes.Reverse))
        {
            Report(Descriptors.UnsupportedInMode, location, "Reverse mode", $"it calls '{target.Name}Backward', which '{target.Name}' gets only with Derivatives.Reverse; add Derivatives.Reverse to the [Differentiable] of '{target.Name}'");
        }
    }
}
