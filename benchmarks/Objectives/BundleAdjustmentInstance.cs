using System;
using System.Linq;

namespace SymbolicDiff.Objectives;

/// <summary>
/// An ADBench bundle adjustment instance: n cameras, m points, p observations (camera i mod n sees
/// point i mod m), each with a weight and a 2-D feature.
/// </summary>
public sealed record BundleAdjustmentInstance(
    int N, int M, int P, double[] Cameras, double[] Points, double[] Weights, int[] Observations, double[] Features)
{
    /// <summary>Non-zeros of one reprojection row: the camera's 11 parameters, the point's 3, the weight.</summary>
    public const int RowNonZeros = BundleAdjustment.CameraParameters + 3 + 1;

    /// <summary>
    /// Reads ADBench's compact format and expands it as ADBench does: a line "n m p", then ONE camera,
    /// ONE point, ONE weight and ONE feature, replicated to n cameras, m points and p observations.
    /// </summary>
    public static BundleAdjustmentInstance Read(string fileName)
    {
        double[][] rows = AdBenchFiles.ReadRows(fileName);
        int n = (int)rows[0][0], m = (int)rows[0][1], p = (int)rows[0][2];
        double[] cameras = Enumerable.Range(0, n).SelectMany(_ => rows[1]).ToArray();
        double[] points = Enumerable.Range(0, m).SelectMany(_ => rows[2]).ToArray();
        double[] weights = Enumerable.Repeat(rows[3][0], p).ToArray();
        double[] features = Enumerable.Range(0, p).SelectMany(_ => rows[4]).ToArray();
        int[] observations = Enumerable.Range(0, p).SelectMany(i => new[] { i % n, i % m }).ToArray();
        return new BundleAdjustmentInstance(n, m, p, cameras, points, weights, observations, features);
    }

    public ReadOnlySpan<double> Camera(int observation) =>
        Cameras.AsSpan(Observations[2 * observation] * BundleAdjustment.CameraParameters, BundleAdjustment.CameraParameters);

    public ReadOnlySpan<double> Point(int observation) => Points.AsSpan(Observations[2 * observation + 1] * 3, 3);

    public ReadOnlySpan<double> Feature(int observation) => Features.AsSpan(2 * observation, 2);

    /// <summary>The residuals: 2p reprojection errors, then p weight errors.</summary>
    public void Residuals(Span<double> reprojection, Span<double> weightErrors)
    {
        for (int i = 0; i < P; i++)
        {
            BundleAdjustment.ReprojectionError(Camera(i), Point(i), Weights[i], Feature(i), reprojection.Slice(2 * i, 2));
        }

        for (int i = 0; i < P; i++)
        {
            weightErrors[i] = BundleAdjustment.WeightError(Weights[i]);
        }
    }

    /// <summary>
    /// The Jacobian of the residuals, one reverse pass per row: for observation i and coordinate r,
    /// <c>ReprojectionErrorBackward</c> with upstream gradient e_r gives row 2i + r, whose 15
    /// non-zeros (camera, point, weight) go to <paramref name="reprojection"/>[(2i + r)·15 …]; the
    /// weight rows have the single non-zero ∂(1 − w²)/∂w.
    /// </summary>
    public void Jacobian(Span<double> reprojection, Span<double> weightErrors)
    {
        Span<double> error = stackalloc double[2];
        Span<double> dError = stackalloc double[2];
        for (int i = 0; i < P; i++)
        {
            for (int r = 0; r < 2; r++)
            {
                Span<double> row = reprojection.Slice((2 * i + r) * RowNonZeros, RowNonZeros);
                row.Clear();
                dError.Clear();
                dError[r] = 1.0;
                double dWeight = 0.0;
                BundleAdjustment.ReprojectionErrorBackward(
                    Camera(i), Point(i), Weights[i], Feature(i), error,
                    row.Slice(0, BundleAdjustment.CameraParameters), row.Slice(BundleAdjustment.CameraParameters, 3), ref dWeight, dError);
                row[RowNonZeros - 1] = dWeight;
            }
        }

        for (int i = 0; i < P; i++)
        {
            BundleAdjustment.WeightErrorGradient(Weights[i], out weightErrors[i]);
        }
    }
}
