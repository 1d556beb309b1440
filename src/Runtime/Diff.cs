namespace SymbolicDiff;

/// <summary>Markers for <see cref="DifferentiableAttribute"/> methods, read by the generator.</summary>
public static class Diff
{
    /// <summary>
    /// Returns <paramref name="value"/> unchanged; in a [Differentiable] method the gradient does not flow
    /// through it: the generated code takes the result as a constant (JAX's <c>stop_gradient</c>, Swift's
    /// <c>withoutDerivative(at:)</c>). Use it for a value the result does not really depend on, such as the
    /// maximum subtracted before a softmax's exponentials: its gradient would be exactly zero, and
    /// computing that zero costs a reverse loop.
    /// </summary>
    public static double Stop(double value) => value;

    /// <inheritdoc cref="Stop(double)"/>
    public static float Stop(float value) => value;
}
