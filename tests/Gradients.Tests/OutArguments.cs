using System;
using System.Collections.Generic;
using System.Globalization;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// F48: C#'s Try pattern in a differentiable method, <c>rates.TryGetValue(region, out double rate)</c>,
/// <c>double.TryParse(text, out var v)</c> (was SDIFF0006): the call of constants runs once, and each variable it sets
/// is a constant of the graph, merged, read in a loop, saved for a loop's reverse pass as any constant is.
/// </summary>
public partial class TariffBook
{
    private readonly Dictionary<string, double> rates = new() { ["eu"] = 0.2, ["uk"] = 0.175 };

    [Differentiable(Derivatives.Reverse | Derivatives.Forward | Derivatives.Hessian)]
    public double Gross(double amount, [NoDiff] string region)
    {
        if (!rates.TryGetValue(region, out double rate)) rate = 0.05;
        return amount * amount * (1 + rate);
    }

    /// <summary>Out into a variable declared before, a discard, a parse.</summary>
    [Differentiable]
    public static double Parsed(double x, [NoDiff] string text)
    {
        double k;
        bool parsed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out k);
        int.TryParse(text, out _);
        return parsed ? x * k : x;
    }

    /// <summary>A product over the loop: its reverse pass runs last to first and reads each iteration's rate again.</summary>
    [Differentiable]
    public double Compounded(double[] growth, [NoDiff] string[] regions)
    {
        double p = 1;
        for (int i = 0; i < growth.Length; i++)
        {
            rates.TryGetValue(regions[i], out double r);
            p *= 1 + growth[i] * (1 - r);
        }

        return p;
    }
}

public class OutArgumentTests
{
    [Theory]
    [InlineData("eu")]
    [InlineData("us")]
    public void TryGetValue_MatchesFiniteDifferencesInEveryMode(string region)
    {
        var book = new TariffBook();
        double value = book.GrossGradient(3.5, region, out double gradient);
        Assert.Equal(book.Gross(3.5, region), value);
        Check(p => book.Gross(p[0], region), [3.5], [gradient]);

        book.GrossTangent(3.5, region, 2, out double tangent);
        Close(2 * gradient, tangent);
        double rate = region == "eu" ? 0.2 : 0.05;
        book.GrossHessianVectorProduct(3.5, region, 1, out _, out double hv);
        Close(2 * (1 + rate), hv);
    }

    [Theory]
    [InlineData("2.5", 2.5)]
    [InlineData("none", 1.0)]
    public void TryParse_IntoAVariableDeclaredBefore(string text, double slope)
    {
        double value = TariffBook.ParsedGradient(3, text, out double dx);
        Close(3 * slope, value);
        Close(slope, dx);
    }

    [Fact]
    public void TryGetValueInALoop_MatchesFiniteDifferences()
    {
        var book = new TariffBook();
        string[] regions = ["eu", "us", "uk", "eu"];
        double[] growth = [0.1, -0.2, 0.3, 0.05];
        var gradient = new double[growth.Length];
        double value = book.CompoundedGradient(growth, regions, gradient);
        Assert.Equal(book.Compounded(growth, regions), value);
        Check(p => book.Compounded(p, regions), growth, gradient);
    }
}
