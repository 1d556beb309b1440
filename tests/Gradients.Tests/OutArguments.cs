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

    public int Lookups { get; private set; }

    private bool Find(string region, out double rate)
    {
        Lookups++;
        return rates.TryGetValue(region, out rate);
    }

    /// <summary>The right side of &amp;&amp; runs only where C# runs it (the call counts), and what it sets is read where it ran.</summary>
    [Differentiable]
    public double Discounted(double amount, [NoDiff] string region)
    {
        double r = 0.05;
        if (amount > 10 && Find(region, out double found)) r = found;
        return amount * (1 - r);
    }

    /// <summary>A variable declared before the loop, set by an out argument on some iterations: carried from one to the next.</summary>
    [Differentiable]
    public double Carried(double[] x, [NoDiff] string[] regions)
    {
        double r = 1, s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (i % 2 == 0) rates.TryGetValue(regions[i], out r);
            s = s * x[i] + r;
        }

        return s;
    }

    /// <summary>An out argument in a loop's condition: tested where C# tests it, every iteration.</summary>
    [Differentiable]
    public double WhileFound(double x, [NoDiff] string[] regions)
    {
        int i = 0;
        double s = x;
        while (i < regions.Length && rates.TryGetValue(regions[i], out double r))
        {
            s *= 1 + r * x;
            i++;
        }

        return s;
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
    public void AnOutArgumentOnTheRightOfAnd_RunsOnlyWhereCSharpRunsIt()
    {
        var book = new TariffBook();
        Close(5 * 0.95, book.DiscountedGradient(5, "eu", out double d));
        Close(0.95, d);
        Assert.Equal(0, book.Lookups);
        Close(50 * 0.8, book.DiscountedGradient(50, "eu", out d));
        Close(0.8, d);
        Assert.Equal(1, book.Lookups);
    }

    [Fact]
    public void OutArgumentsCarriedAndInALoopCondition_MatchFiniteDifferences()
    {
        var book = new TariffBook();
        string[] regions = ["eu", "xx", "uk", "eu"];
        double[] x = [1.5, 0.5, 2, -1];
        var gradient = new double[x.Length];
        Assert.Equal(book.Carried(x, regions), book.CarriedGradient(x, regions, gradient));
        Check(p => book.Carried(p, regions), x, gradient);

        string[] found = ["eu", "uk", "zz", "eu"];
        Assert.Equal(book.WhileFound(0.7, found), book.WhileFoundGradient(0.7, found, out double dx));
        Check(p => book.WhileFound(p[0], found), [0.7], [dx]);
        Close(0.7 * (1 + 0.2 * 0.7) * (1 + 0.175 * 0.7), book.WhileFound(0.7, found)); // eu, uk, then stops at "zz"
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
