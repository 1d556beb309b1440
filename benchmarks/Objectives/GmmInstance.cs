using System.Linq;

namespace SymbolicDiff.Objectives;

/// <summary>An ADBench GMM instance, flattened into the layout of <see cref="Gmm.Objective"/>.</summary>
public sealed record GmmInstance(
    int D, int K, double[] Alphas, double[] Means, double[] Icf, double[] X, double WishartGamma, int WishartM)
{
    /// <summary>Number of points.</summary>
    public int N => X.Length / D;

    /// <summary>
    /// Reads ADBench's format: a line "d k n"; k lines of one α; k lines of d means; k lines of d(d+1)/2
    /// inverse covariance factors; n lines of d coordinates; a line "γ m".
    /// </summary>
    public static GmmInstance Read(string fileName)
    {
        double[][] rows = AdBenchFiles.ReadRows(fileName);
        int d = (int)rows[0][0], k = (int)rows[0][1], n = (int)rows[0][2];
        int row = 1;
        double[] alphas = AdBenchFiles.Concatenate(rows, ref row, k);
        double[] means = AdBenchFiles.Concatenate(rows, ref row, k);
        double[] icf = AdBenchFiles.Concatenate(rows, ref row, k);
        double[] x = AdBenchFiles.Concatenate(rows, ref row, n);
        double[] wishart = rows[row];
        return new GmmInstance(d, k, alphas, means, icf, x, wishart[0], (int)wishart[1]);
    }

    /// <summary>All parameters in ADBench's gradient order: alphas, means, icf.</summary>
    public double[] Parameters() => [.. Alphas, .. Means, .. Icf];

    /// <summary>The same instance with the parameters taken from <paramref name="parameters"/> (ADBench's order).</summary>
    public GmmInstance WithParameters(double[] parameters) => this with
    {
        Alphas = parameters.Take(K).ToArray(),
        Means = parameters.Skip(K).Take(K * D).ToArray(),
        Icf = parameters.Skip(K + K * D).ToArray(),
    };

    public double Objective() => Gmm.Objective(D, K, Alphas, Means, Icf, X, WishartGamma, WishartM);
}
