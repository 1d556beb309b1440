using System;

namespace SymbolicDiff.Samples.CurveFit;

/// <summary>
/// A problem of the NIST Statistical Reference Datasets for nonlinear regression (StRD, public
/// domain, https://www.itl.nist.gov/div898/strd/nls/nls_main.shtml): the observations, NIST's two
/// starting points, and the certified parameter values and residual sum of squares, which NIST
/// computed in 128-bit arithmetic and gives to 11 significant digits.
/// </summary>
public sealed record NistProblem(
    string Name,
    string Model,
    double[] X,
    double[] Y,
    double[][] Starts,
    double[] Certified,
    double CertifiedResidualSumOfSquares)
{
    /// <summary>The number of parameters.</summary>
    public int ParameterCount => Certified.Length;

    /// <summary>Misra1a (lower difficulty): dental research, monomolecular adsorption, y = b1·(1 − exp(−b2·x)).</summary>
    public static NistProblem Misra1a { get; } = new(
        "Misra1a",
        "y = b1·(1 − exp(−b2·x))",
        X: [77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0],
        Y: [10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.40, 75.47, 81.78],
        Starts: [[500, 1e-4], [250, 5e-4]],
        Certified: [2.3894212918E+02, 5.5015643181E-04],
        CertifiedResidualSumOfSquares: 1.2455138894E-01);

    /// <summary>
    /// Thurber (higher difficulty): semiconductor electron mobility against the log of the density,
    /// y = (b1 + b2·x + b3·x² + b4·x³) / (1 + b5·x + b6·x² + b7·x³).
    /// </summary>
    public static NistProblem Thurber { get; } = new(
        "Thurber",
        "y = (b1 + b2·x + b3·x² + b4·x³) / (1 + b5·x + b6·x² + b7·x³)",
        X: [-3.067, -2.981, -2.921, -2.912, -2.840, -2.797, -2.702, -2.699, -2.633, -2.481, -2.363, -2.322, -1.501,
            -1.460, -1.274, -1.212, -1.100, -1.046, -0.915, -0.714, -0.566, -0.545, -0.400, -0.309, -0.109, -0.103,
            0.010, 0.119, 0.377, 0.790, 0.963, 1.006, 1.115, 1.572, 1.841, 2.047, 2.200],
        Y: [80.574, 84.248, 87.264, 87.195, 89.076, 89.608, 89.868, 90.101, 92.405, 95.854, 100.696, 101.060, 401.672,
            390.724, 567.534, 635.316, 733.054, 759.087, 894.206, 990.785, 1090.109, 1080.914, 1122.643, 1178.351,
            1260.531, 1273.514, 1288.339, 1327.543, 1353.863, 1414.509, 1425.208, 1421.384, 1442.962, 1464.350,
            1468.705, 1447.894, 1457.628],
        Starts: [[1000, 1000, 400, 40, 0.7, 0.3, 0.03], [1300, 1500, 500, 75, 1, 0.4, 0.05]],
        Certified: [1.2881396800E+03, 1.4910792535E+03, 5.8323836877E+02, 7.5416644291E+01, 9.6629502864E-01,
                    3.9797285797E-01, 4.9727297349E-02],
        CertifiedResidualSumOfSquares: 5.6427082397E+03);

    /// <summary>
    /// The number of significant digits in which <paramref name="estimate"/> agrees with
    /// <paramref name="certified"/>: the log relative error, −log10(|estimate − certified| / |certified|),
    /// which is how NIST grades a solver (capped at 15, double precision).
    /// </summary>
    public static double AgreeingDigits(double estimate, double certified)
    {
        double relative = Math.Abs(estimate - certified) / Math.Abs(certified);
        return relative == 0 ? 15 : Math.Min(15, -Math.Log10(relative));
    }
}
