using System;
using System.Linq;
using CsCheck;
using SymbolicDiff.Objectives;

namespace Gradients.Tests;

/// <summary>
/// The benchmarks' real objectives (benchmarks/Objectives, ordinary [Differentiable] C#): the generated
/// gradients against ADBench's published values, central differences and the hand-written gradients,
/// and 0 bytes allocated per call.
/// </summary>
public class RealObjectivesTests
{
    /// <summary>ADBench's tests accept an absolute difference below 1e-10; we accept that or 1e-10 relative.</summary>
    private const double Published = 1e-10;

    private static readonly GmmInstance GmmTest = GmmInstance.Read("gmm_test.txt");
    private static readonly GmmInstance Gmm1000 = GmmInstance.Read("gmm_d10_K25_n1000.txt");
    private static readonly LstmInstance LstmTest = LstmInstance.Read("lstm_l2_c1024.txt");
    private static readonly BundleAdjustmentInstance BaTest = BundleAdjustmentInstance.Read("ba_test.txt");

    private static (double Value, double[] Gradient) GeneratedGmm(GmmInstance g)
    {
        double[] dAlphas = new double[g.K], dMeans = new double[g.Means.Length], dIcf = new double[g.Icf.Length];
        double value = Gmm.ObjectiveGradient(g.D, g.K, g.Alphas, g.Means, g.Icf, g.X, g.WishartGamma, g.WishartM, dAlphas, dMeans, dIcf);
        return (value, [.. dAlphas, .. dMeans, .. dIcf]);
    }

    private static (double Value, double[] Gradient) HandWrittenGmm(GmmInstance g)
    {
        double[] dAlphas = new double[g.K], dMeans = new double[g.Means.Length], dIcf = new double[g.Icf.Length];
        double value = GmmHandWritten.Gradient(g.D, g.K, g.Alphas, g.Means, g.Icf, g.X, g.WishartGamma, g.WishartM, dAlphas, dMeans, dIcf);
        return (value, [.. dAlphas, .. dMeans, .. dIcf]);
    }

    /// <summary>
    /// Central differences of <paramref name="f"/> in the coordinates <paramref name="which"/> only (the
    /// others held at <paramref name="x"/>), against those coordinates of <paramref name="analytic"/>.
    /// </summary>
    private static void CheckCoordinates(Func<double[], double> f, double[] x, double[] analytic, int[] which)
    {
        double Restricted(double[] sub)
        {
            double[] full = (double[])x.Clone();
            for (int i = 0; i < which.Length; i++) full[which[i]] = sub[i];
            return f(full);
        }

        Numeric.Check(Restricted, which.Select(i => x[i]).ToArray(), which.Select(i => analytic[i]).ToArray());
    }

    // ---- GMM ----

    /// <summary>The Wishart prior's constant needs ln Γ: Γ(n) = (n − 1)!, Γ(½) = √π, Γ(n + ½) = (2n)!·√π / (4ⁿ·n!).</summary>
    [Fact]
    public void LogGamma_MatchesFactorialsAndHalfIntegers()
    {
        Numeric.Close(0.0, LogGamma.Of(1), 1e-14);
        Numeric.Close(Math.Log(24), LogGamma.Of(5), 1e-14);
        Numeric.Close(Math.Log(362_880), LogGamma.Of(10), 1e-14);
        Numeric.Close(0.5 * Math.Log(Math.PI), LogGamma.Of(0.5), 1e-14);
        Numeric.Close(Math.Log(720.0 / (64 * 6)) + 0.5 * Math.Log(Math.PI), LogGamma.Of(3.5), 1e-14);
        Numeric.Close(Math.Log(Math.PI / Math.Sin(Math.PI * 0.25)) - LogGamma.Of(0.75), LogGamma.Of(0.25), 1e-14);
    }

    [Fact]
    public void Gmm_AdBenchTestInstance_MatchesPublishedObjectiveAndGradient()
    {
        double[][] expected = AdBenchFiles.ReadRows("gmm_test_expected.txt");
        var (value, gradient) = GeneratedGmm(GmmTest);
        Numeric.Agree(expected[0], [value], Published, "objective", Published);
        Numeric.Agree(expected[1], gradient, Published, "generated gradient", Published);
        Numeric.Agree(expected[0], [GmmTest.Objective()], Published, "function", Published);

        var (handValue, handGradient) = HandWrittenGmm(GmmTest);
        Numeric.Agree(expected[0], [handValue], Published, "hand-written objective", Published);
        Numeric.Agree(expected[1], handGradient, Published, "hand-written gradient", Published);
    }

    [Fact]
    public void Gmm_D10K25N1000_AgreesWithHandWrittenAndCentralDifferences()
    {
        var (value, gradient) = GeneratedGmm(Gmm1000);
        var (handValue, handGradient) = HandWrittenGmm(Gmm1000);
        Numeric.Close(Gmm1000.Objective(), value, 1e-12);
        Numeric.Close(handValue, value, 1e-12);
        Numeric.Agree(handGradient, gradient, 1e-9, "generated vs hand-written", 1e-9);

        // Central differences cost 4 objectives (≈ 3 ms each) per coordinate: every α, the first
        // component's means and factors, and every 11th coordinate of the rest (1650 in all).
        int k = Gmm1000.K, d = Gmm1000.D, icfSize = d * (d + 1) / 2;
        int[] first = Enumerable.Range(0, k).Concat(Enumerable.Range(k, d)).Concat(Enumerable.Range(k + k * d, icfSize)).ToArray();
        int[] which = first.Concat(Enumerable.Range(0, gradient.Length).Where(i => i % 11 == 5)).Distinct().Order().ToArray();
        CheckCoordinates(p => Gmm1000.WithParameters(p).Objective(), Gmm1000.Parameters(), gradient, which);
    }

    // ---- LSTM ----

    [Fact]
    public void Lstm_AdBenchL2C1024_MatchesPublishedObjectiveAndGradient()
    {
        double[][] expected = AdBenchFiles.ReadRows("lstm_l2_c1024_expected.txt");
        var l = LstmTest;
        double[] dMain = new double[l.MainParams.Length], dExtra = new double[l.ExtraParams.Length];
        double value = Lstm.ObjectiveGradient(l.Layers, l.CharBits, l.MainParams, l.ExtraParams, l.State, l.Sequence, dMain, dExtra);
        Numeric.Agree(expected[0], [value], Published, "objective", Published);
        Numeric.Agree(expected[0], [l.Objective()], Published, "function", Published);
        Numeric.Agree(expected[1], [.. dMain, .. dExtra], Published, "generated gradient", Published);

        double[] workspace = new double[LstmHandWritten.WorkspaceLength(l.Layers, l.CharBits, l.CharCount)];
        double[] hMain = new double[dMain.Length], hExtra = new double[dExtra.Length];
        double handValue = LstmHandWritten.ObjectiveGradient(l.Layers, l.CharBits, l.MainParams, l.ExtraParams, l.State, l.Sequence, workspace, hMain, hExtra);
        Numeric.Agree(expected[0], [handValue], Published, "hand-written objective", Published);
        Numeric.Agree(expected[1], [.. hMain, .. hExtra], Published, "hand-written gradient", Published);
    }

    [Fact]
    public void Lstm_AdBenchL2C1024_AgreesWithCentralDifferences()
    {
        var l = LstmTest;
        double[] dMain = new double[l.MainParams.Length], dExtra = new double[l.ExtraParams.Length];
        Lstm.ObjectiveGradient(l.Layers, l.CharBits, l.MainParams, l.ExtraParams, l.State, l.Sequence, dMain, dExtra);
        Numeric.Check(p => l.WithParameters(p).Objective(), l.Parameters(), [.. dMain, .. dExtra]);
    }

    // ---- Bundle adjustment ----

    [Fact]
    public void BundleAdjustment_AdBenchTestInstance_MatchesPublishedResiduals()
    {
        double[][] expected = AdBenchFiles.ReadRows("ba_test_expected.txt");
        var ba = BaTest;
        double[] reprojection = new double[2 * ba.P], weights = new double[ba.P];
        ba.Residuals(reprojection, weights);
        for (int i = 0; i < ba.P; i++)
        {
            Numeric.Agree(expected[0], reprojection[(2 * i)..(2 * i + 2)], Published, $"reprojection error {i}", Published);
            Numeric.Agree(expected[1], [weights[i]], Published, $"weight error {i}", Published);
        }
    }

    /// <summary>The Jacobian from one generated reverse pass per row, laid out as ADBench's compressed sparse rows.</summary>
    [Fact]
    public void BundleAdjustment_AdBenchTestInstance_JacobianMatchesPublished()
    {
        double[][] expected = AdBenchFiles.ReadRows("ba_test_expected.txt");
        var ba = BaTest;
        double[] reprojection = new double[2 * ba.P * BundleAdjustmentInstance.RowNonZeros], weights = new double[ba.P];
        ba.Jacobian(reprojection, weights);

        // ADBench's columns: 11 per camera, then 3 per point, then one per weight; rows: 2 per
        // observation, then one per weight.
        int pointColumns = BundleAdjustment.CameraParameters * ba.N, weightColumns = pointColumns + 3 * ba.M;
        var rowStarts = new System.Collections.Generic.List<double> { 0 };
        var columns = new System.Collections.Generic.List<double>();
        var values = new System.Collections.Generic.List<double>();
        for (int row = 0; row < 2 * ba.P; row++)
        {
            int observation = row / 2, camera = ba.Observations[2 * observation], point = ba.Observations[2 * observation + 1];
            columns.AddRange(Enumerable.Range(BundleAdjustment.CameraParameters * camera, BundleAdjustment.CameraParameters).Select(c => (double)c));
            columns.AddRange(Enumerable.Range(pointColumns + 3 * point, 3).Select(c => (double)c));
            columns.Add(weightColumns + observation);
            values.AddRange(reprojection.AsSpan(row * BundleAdjustmentInstance.RowNonZeros, BundleAdjustmentInstance.RowNonZeros).ToArray());
            rowStarts.Add(columns.Count);
        }

        for (int i = 0; i < ba.P; i++)
        {
            columns.Add(weightColumns + i);
            values.Add(weights[i]);
            rowStarts.Add(columns.Count);
        }

        Assert.Equal(expected[2], new double[] { 2 * ba.P + ba.P, weightColumns + ba.P });
        Assert.Equal(expected[3], rowStarts);
        Assert.Equal(expected[4], columns);
        Numeric.Agree(expected[5], values.ToArray(), Published, "Jacobian", Published);

        double[] hand = new double[reprojection.Length], handWeights = new double[ba.P];
        BundleAdjustmentHandWritten.Jacobian(ba, hand, handWeights);
        Numeric.Agree(reprojection, hand, 1e-12, "hand-written Jacobian", 1e-12);
        Numeric.Agree(weights, handWeights, 1e-15, "hand-written weight Jacobian");
    }

    /// <summary>
    /// Random cameras, points and weights (rotations of every size, the test instance's scale): each
    /// Jacobian row of the reprojection error, one reverse pass with upstream gradient e_r, against
    /// central differences of that residual and the hand-written rows.
    /// </summary>
    [Fact]
    public void BundleAdjustment_ReprojectionRows_AgreeWithCentralDifferences()
    {
        (double, double)[] box =
        [
            (-1, 1), (-1, 1), (-1, 1), (-5, 5), (-5, 5), (-5, 5), (100, 500), (-10, 10), (-10, 10), (-0.1, 0.1), (-0.01, 0.01),
            (-5, 5), (-5, 5), (20, 40), (0.1, 1),
        ];
        double[] feature = [-525.672849, 161.811929];
        for (int r = 0; r < 2; r++)
        {
            int coordinate = r;
            double Residual(double[] v)
            {
                Span<double> error = stackalloc double[2];
                BundleAdjustment.ReprojectionError(v.AsSpan(0, 11), v.AsSpan(11, 3), v[14], feature, error);
                return error[coordinate];
            }

            Numeric.Sample(
                // A rotation of norm below about 1e-3 (but not 0) loses the digits of Rodrigues' 1 − cos θ, so its
                // central differences are noise (seed 9NByWvo5vXt2 drew θ = 5e-9: the generated and the hand-written
                // rows agreed, the difference did not); rotation 0 has a test of its own below.
                Numeric.Box(box).Where(v => Math.Sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) > 1e-3),
                Residual,
                v =>
                {
                    double[] row = new double[15];
                    Span<double> error = stackalloc double[2];
                    Span<double> dError = stackalloc double[2];
                    dError[coordinate] = 1.0;
                    double dWeight = 0.0;
                    BundleAdjustment.ReprojectionErrorBackward(v.AsSpan(0, 11), v.AsSpan(11, 3), v[14], feature, error, row.AsSpan(0, 11), row.AsSpan(11, 3), ref dWeight, dError);
                    row[14] = dWeight;

                    double[] hand = new double[30];
                    BundleAdjustmentHandWritten.ObservationRows(v.AsSpan(0, 11), v.AsSpan(11, 3), v[14], feature, hand);
                    Numeric.Agree(hand[(15 * coordinate)..(15 * coordinate + 15)], row, 1e-9, "generated vs hand-written row", 1e-9);
                    return (error[coordinate], row);
                },
                iterations: 50);
        }
    }

    /// <summary>At rotation 0 the residual takes its first-order branch p + r × p, whose derivative is Rodrigues' there.</summary>
    [Fact]
    public void BundleAdjustment_ZeroRotation_RowsAgreeWithCentralDifferencesAndHandWritten()
    {
        double[] v = [0, 0, 0, 1.5, -2, 0.5, 300, 2, -3, 0.05, -0.002, 2, 1, 30, 0.4];
        double[] feature = [10, -20];
        double[] hand = new double[30];
        BundleAdjustmentHandWritten.ObservationRows(v.AsSpan(0, 11), v.AsSpan(11, 3), v[14], feature, hand);
        Span<double> error = stackalloc double[2];
        Span<double> dError = stackalloc double[2];
        for (int coordinate = 0; coordinate < 2; coordinate++)
        {
            double[] row = new double[15];
            dError.Clear();
            dError[coordinate] = 1.0;
            double dWeight = 0.0;
            BundleAdjustment.ReprojectionErrorBackward(v.AsSpan(0, 11), v.AsSpan(11, 3), v[14], feature, error, row.AsSpan(0, 11), row.AsSpan(11, 3), ref dWeight, dError);
            row[14] = dWeight;
            int c = coordinate;
            Numeric.Check(
                x =>
                {
                    Span<double> e = stackalloc double[2];
                    BundleAdjustment.ReprojectionError(x.AsSpan(0, 11), x.AsSpan(11, 3), x[14], feature, e);
                    return e[c];
                },
                v,
                row);
            Numeric.Agree(hand[(15 * coordinate)..(15 * coordinate + 15)], row, 1e-12, "generated vs hand-written row", 1e-12);
        }
    }

    // ---- RK4 pendulum ----

    private const double PendulumDt = 0.01;
    private static readonly double[] PendulumObserved = Pendulum.Observations(1_000, PendulumDt);

    [Fact]
    public void Pendulum_GradientAgreesWithHandWrittenAndCentralDifferences()
    {
        double[] at = [0.8, 0.5, 9.0, 0.4]; // θ₀, ω₀, K, D away from the data's optimum
        double value = Pendulum.LossGradient(at[0], at[1], at[2], at[3], PendulumDt, PendulumObserved, out double d0, out double d1, out double d2, out double d3);
        double[] workspace = new double[2 * (PendulumObserved.Length + 1)];
        double handValue = PendulumHandWritten.LossGradient(at[0], at[1], at[2], at[3], PendulumDt, PendulumObserved, workspace, out double h0, out double h1, out double h2, out double h3);

        Numeric.Close(Pendulum.Loss(at[0], at[1], at[2], at[3], PendulumDt, PendulumObserved), value, 1e-13);
        Numeric.Close(handValue, value, 1e-13);
        Numeric.Agree([h0, h1, h2, h3], [d0, d1, d2, d3], 1e-10, "generated vs hand-written");
        Numeric.Check(p => Pendulum.Loss(p[0], p[1], p[2], p[3], PendulumDt, PendulumObserved), at, [d0, d1, d2, d3]);
    }

    // ---- Logistic regression ----

    private const int LogisticFeatures = 10;
    private static readonly (double[] Features, double[] Labels) LogisticData = Logistic.Data(2_000, LogisticFeatures);

    [Fact]
    public void Logistic_GradientAgreesWithHandWrittenAndCentralDifferences()
    {
        var (features, labels) = LogisticData;
        double[] at = [.. Enumerable.Range(0, LogisticFeatures).Select(j => 0.1 * (j - 4.5)), 0.2]; // the weights, then the bias
        double[] weights = at[..LogisticFeatures], dWeights = new double[LogisticFeatures], hand = new double[LogisticFeatures];
        double value = Logistic.LossGradient(weights, at[^1], features, labels, dWeights, out double dBias);
        double handValue = LogisticHandWritten.LossGradient(weights, at[^1], features, labels, hand, out double handBias);

        Numeric.Close(Logistic.Loss(weights, at[^1], features, labels), value, 1e-13);
        Numeric.Close(handValue, value, 1e-13);
        Numeric.Agree([.. hand, handBias], [.. dWeights, dBias], 1e-10, "generated vs hand-written");
        Numeric.Check(p => Logistic.Loss(p.AsSpan(0, LogisticFeatures), p[^1], features, labels), at, [.. dWeights, dBias]);
    }

    // ---- Allocation ----

    /// <summary>The functions too (BenchmarkDotNet reported 16 B per call of the GMM function in one run, at about 50 calls per iteration).</summary>
    [Fact]
    public void RealObjectives_FunctionsAndGeneratedGradients_AllocateNothing()
    {
        double sink = 0;
        var g = Gmm1000;
        Assert.Equal(0, AllocationTests.AllocatedBy(() => sink += g.Objective(), calls: 3));
        Assert.Equal(0, AllocationTests.AllocatedBy(() => sink += LstmTest.Objective(), calls: 3));
        double[] dAlphas = new double[g.K], dMeans = new double[g.Means.Length], dIcf = new double[g.Icf.Length];
        Assert.Equal(0, AllocationTests.AllocatedBy(() => sink += Gmm.ObjectiveGradient(g.D, g.K, g.Alphas, g.Means, g.Icf, g.X, g.WishartGamma, g.WishartM, dAlphas, dMeans, dIcf), calls: 3));

        var l = LstmTest;
        double[] dMain = new double[l.MainParams.Length], dExtra = new double[l.ExtraParams.Length];
        Assert.Equal(0, AllocationTests.AllocatedBy(() => sink += Lstm.ObjectiveGradient(l.Layers, l.CharBits, l.MainParams, l.ExtraParams, l.State, l.Sequence, dMain, dExtra), calls: 3));

        double[] jacobian = new double[2 * BaTest.P * BundleAdjustmentInstance.RowNonZeros], weightJacobian = new double[BaTest.P];
        Assert.Equal(0, AllocationTests.AllocatedBy(() => BaTest.Jacobian(jacobian, weightJacobian), calls: 100));

        Assert.Equal(0, AllocationTests.AllocatedBy(() => sink += Pendulum.LossGradient(0.8, 0.5, 9.0, 0.4, PendulumDt, PendulumObserved, out _, out _, out _, out _), calls: 20));

        var (features, labels) = LogisticData;
        double[] weights = new double[LogisticFeatures], dWeights = new double[LogisticFeatures];
        Assert.Equal(0, AllocationTests.AllocatedBy(() => sink += Logistic.LossGradient(weights, 0.1, features, labels, dWeights, out _), calls: 20));
        Assert.True(double.IsFinite(sink));
    }
}
