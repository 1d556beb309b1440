using System;
using static Gradients.Tests.ForwardChecks;

namespace Gradients.Tests;

/// <summary>
/// A method checked in every mode, a row of a theory: the function of its n inputs flattened, and its gradient, tangent
/// and Hessian companions called on them.
/// </summary>
public sealed record EveryMode(
    string Name, int N, Func<double[], double> F, Func<double[], (double, double[])> Gradient,
    Func<double[], double[], (double, double)> Tangent, Action<double[], double[], double[]> Hessian)
{
    /// <summary>
    /// At random points with every input in [<paramref name="lo"/>, <paramref name="hi"/>]: the gradient against central
    /// differences, the tangent against gradient·v and differences, the Hessian's rows against differences of the gradient.
    /// </summary>
    public void Sample(double lo, double hi) => Numeric.SampleEveryMode(Uniform(N, lo, hi), F, Gradient, Tangent, Hessian);

    public override string ToString() => Name;
}
