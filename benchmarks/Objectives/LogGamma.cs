using System;

namespace SymbolicDiff.Objectives;

/// <summary>
/// ln Γ, which .NET does not provide, for the Wishart prior's normalising constant (a constant of the
/// GMM objective: nothing here is differentiated).
/// </summary>
public static class LogGamma
{
    // Lanczos approximation, g = 7, nine coefficients (Numerical Recipes' and Boost's widely published
    // set): relative error about 1e-15 for a > 0.5.
    private static readonly double[] Coefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(a) for a &gt; 0 (reflection below ½).</summary>
    public static double Of(double a)
    {
        if (a < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * a))) - Of(1.0 - a);
        }

        a -= 1.0;
        double series = Coefficients[0];
        for (int i = 1; i < Coefficients.Length; i++)
        {
            series += Coefficients[i] / (a + i);
        }

        double t = a + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (a + 0.5) * Math.Log(t) - t + Math.Log(series);
    }

    /// <summary>The multivariate log-gamma ln Γ_p(a) = ¼p(p−1)·ln π + Σ_{j=1..p} ln Γ(a + (1 − j)/2).</summary>
    public static double Multivariate(double a, int p)
    {
        double result = 0.25 * p * (p - 1) * Math.Log(Math.PI);
        for (int j = 1; j <= p; j++)
        {
            result += Of(a + 0.5 * (1 - j));
        }

        return result;
    }
}
