using SymbolicDiff.GradCheck;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>The checker itself: that it measures what cs231n defines, and that it catches wrong gradients.</summary>
public class GradientCheckTests
{
    [Theory]
    [InlineData(1.0, 1.0, 0.0)]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(2.0, 1.0, 0.5)]
    [InlineData(-1.0, 1.0, 2.0)]
    [InlineData(0.0, 1e-3, 1.0)]
    public void Relative_error_is_the_difference_over_the_larger_magnitude(double analytic, double numeric, double expected)
    {
        Assert.Equal(expected, GradientCheck.RelativeError(analytic, numeric), 15);
    }

    [Fact]
    public void Numerical_gradient_of_a_user_function_matches_its_derivative()
    {
        // f(x) = x0² · sin(x1), ∂f/∂x0 = 2·x0·sin(x1), ∂f/∂x1 = x0²·cos(x1).
        double[] x = [1.5, 0.3];
        var numeric = new double[2];

        GradientCheck.NumericalGradient(() => x[0] * x[0] * Math.Sin(x[1]), x, numeric);

        Assert.Equal(2 * 1.5 * Math.Sin(0.3), numeric[0], 1e-9);
        Assert.Equal(1.5 * 1.5 * Math.Cos(0.3), numeric[1], 1e-9);
        Assert.Equal(new[] { 1.5, 0.3 }, x);
    }

    [Fact]
    public void A_wrong_gradient_fails_and_the_worst_entry_is_reported()
    {
        // f(x) = Σ xᵢ³ has gradient 3xᵢ²; entry 2 is deliberately wrong.
        double[] x = [0.5, -1.0, 2.0, 1.5];
        double[] analytic = [0.75, 3.0, 12.5, 6.75];

        GradientCheckResult worst = GradientCheck.Check(() => x.Sum(v => v * v * v), x, analytic, "x");

        Assert.False(worst.Passes(1e-6));
        Assert.Equal(2, worst.Index);
        Assert.Equal(12.5, worst.Analytic);
        Assert.Equal(12.0, worst.Numeric, 1e-6);
        Assert.Equal(0.5 / 12.5, worst.RelativeError, 1e-6);
        Assert.Contains("x[2]", worst.ToString());
    }

    [Fact]
    public void A_nan_gradient_is_the_worst_entry_and_never_passes()
    {
        GradientCheckResult worst = GradientCheck.Compare(new[] { 1.0, double.NaN, 5.0 }, new[] { 2.0, 1.0, 5.0 });

        Assert.Equal(1, worst.Index);
        Assert.False(worst.Passes(1.0));
    }
}
