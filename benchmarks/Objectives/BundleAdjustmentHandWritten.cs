using System;

namespace SymbolicDiff.Objectives;

/// <summary>
/// A hand-written Jacobian of <see cref="BundleAdjustment.ReprojectionError"/>, in the layout of
/// <see cref="BundleAdjustmentInstance.Jacobian"/>: per observation the 2×3 derivative A of the
/// residual with respect to the rotated point is formed once (projection, distortion, focal length,
/// weight), then multiplied by the 3×3 derivatives of Rodrigues' rotation with respect to the rotation
/// vector and the point. Derived by hand: ∂θ/∂r = ωᵀ, ∂ω/∂r = (I − ωωᵀ)/θ for ω = r/θ.
/// </summary>
public static class BundleAdjustmentHandWritten
{
    public static void Jacobian(BundleAdjustmentInstance ba, Span<double> reprojection, Span<double> weightErrors)
    {
        Span<double> rows = stackalloc double[2 * BundleAdjustmentInstance.RowNonZeros];
        for (int i = 0; i < ba.P; i++)
        {
            ObservationRows(ba.Camera(i), ba.Point(i), ba.Weights[i], ba.Feature(i), rows);
            rows.CopyTo(reprojection.Slice(2 * i * BundleAdjustmentInstance.RowNonZeros, rows.Length));
        }

        for (int i = 0; i < ba.P; i++)
        {
            weightErrors[i] = -2.0 * ba.Weights[i];
        }
    }

    /// <summary>The two Jacobian rows of one observation: camera (11), point (3), weight (1) each.</summary>
    public static void ObservationRows(
        ReadOnlySpan<double> camera, ReadOnlySpan<double> point, double weight, ReadOnlySpan<double> feature, Span<double> rows)
    {
        const int width = BundleAdjustmentInstance.RowNonZeros;
        double px = point[0] - camera[3], py = point[1] - camera[4], pz = point[2] - camera[5];
        double r0 = camera[0], r1 = camera[1], r2 = camera[2];

        // rotated = R p, with dRot/dr (rotation) and dRot/dp (R) as row-major 3×3 matrices.
        Span<double> byRotation = stackalloc double[9];
        Span<double> byPoint = stackalloc double[9];
        double x, y, z;
        double thetaSquared = r0 * r0 + r1 * r1 + r2 * r2;
        if (thetaSquared != 0)
        {
            double theta = Math.Sqrt(thetaSquared), cos = Math.Cos(theta), sin = Math.Sin(theta);
            double w0 = r0 / theta, w1 = r1 / theta, w2 = r2 / theta;
            double dot = w0 * px + w1 * py + w2 * pz, oneMinusCos = 1.0 - cos, along = dot * oneMinusCos;
            double c0 = w1 * pz - w2 * py, c1 = w2 * px - w0 * pz, c2 = w0 * py - w1 * px; // ω × p
            x = px * cos + c0 * sin + w0 * along;
            y = py * cos + c1 * sin + w1 * along;
            z = pz * cos + c2 * sin + w2 * along;

            ReadOnlySpan<double> w = [w0, w1, w2];
            ReadOnlySpan<double> p = [px, py, pz];
            ReadOnlySpan<double> cross = [c0, c1, c2];
            // ∂(ω × p)/∂ω = −[p]×, rows of the skew matrix of p.
            ReadOnlySpan<double> minusSkewP = [0, pz, -py, -pz, 0, px, py, -px, 0];
            ReadOnlySpan<double> skewW = [0, -w2, w1, w2, 0, -w0, -w1, w0, 0];
            for (int a = 0; a < 3; a++)
            {
                for (int b = 0; b < 3; b++)
                {
                    double identity = a == b ? 1.0 : 0.0;
                    // ∂ω_a/∂r_b = (δ_ab − ω_a ω_b)/θ; ∂θ/∂r_b = ω_b.
                    double crossByR = 0.0, dotByR = 0.0;
                    for (int e = 0; e < 3; e++)
                    {
                        double dOmegaEb = ((e == b ? 1.0 : 0.0) - w[e] * w[b]) / theta;
                        crossByR += minusSkewP[3 * a + e] * dOmegaEb;
                        dotByR += p[e] * dOmegaEb;
                    }

                    double dOmegaAb = (identity - w[a] * w[b]) / theta;
                    byRotation[3 * a + b] =
                        -p[a] * sin * w[b]
                        + cross[a] * cos * w[b] + crossByR * sin
                        + dOmegaAb * along
                        + w[a] * (dotByR * oneMinusCos + dot * sin * w[b]);
                    byPoint[3 * a + b] = cos * identity + sin * skewW[3 * a + b] + oneMinusCos * w[a] * w[b];
                }
            }
        }
        else
        {
            x = px + r1 * pz - r2 * py;
            y = py + r2 * px - r0 * pz;
            z = pz + r0 * py - r1 * px;
            ReadOnlySpan<double> minusSkewP = [0, pz, -py, -pz, 0, px, py, -px, 0];
            ReadOnlySpan<double> identityPlusSkewR = [1, -r2, r1, r2, 1, -r0, -r1, r0, 1];
            minusSkewP.CopyTo(byRotation);
            identityPlusSkewR.CopyTo(byPoint);
        }

        // Projection, distortion, focal length and principal point, weight.
        double u = x / z, v = y / z;
        double radiusSquared = u * u + v * v;
        double k1 = camera[9], k2 = camera[10], focal = camera[6];
        double distortion = 1.0 + k1 * radiusSquared + k2 * radiusSquared * radiusSquared;
        double du = u * distortion, dv = v * distortion;
        double dDistortionByRadius = k1 + 2.0 * k2 * radiusSquared;

        // ∂(du, dv)/∂(u, v) = L·I + 2 L'(r²)·(u, v)(u, v)ᵀ, then ∂(u, v)/∂(x, y, z).
        double a00 = distortion + 2.0 * dDistortionByRadius * u * u, a01 = 2.0 * dDistortionByRadius * u * v;
        double a10 = a01, a11 = distortion + 2.0 * dDistortionByRadius * v * v;
        double scale = weight * focal / z;
        Span<double> byRotated = stackalloc double[6]; // 2×3: ∂err/∂(x, y, z)
        byRotated[0] = scale * a00;
        byRotated[1] = scale * a01;
        byRotated[2] = -scale * (a00 * u + a01 * v);
        byRotated[3] = scale * a10;
        byRotated[4] = scale * a11;
        byRotated[5] = -scale * (a10 * u + a11 * v);

        ReadOnlySpan<double> projected = [u, v];
        ReadOnlySpan<double> distorted = [du, dv];
        for (int r = 0; r < 2; r++)
        {
            Span<double> row = rows.Slice(r * width, width);
            for (int b = 0; b < 3; b++)
            {
                double rotation = 0.0, position = 0.0;
                for (int e = 0; e < 3; e++)
                {
                    rotation += byRotated[3 * r + e] * byRotation[3 * e + b];
                    position += byRotated[3 * r + e] * byPoint[3 * e + b];
                }

                row[b] = rotation;
                row[3 + b] = -position;                                // camera centre
                row[BundleAdjustment.CameraParameters + b] = position; // point
            }

            row[6] = weight * distorted[r];                          // focal length
            row[7] = r == 0 ? weight : 0.0;                          // principal point
            row[8] = r == 0 ? 0.0 : weight;
            row[9] = weight * focal * projected[r] * radiusSquared;                  // κ₁
            row[10] = weight * focal * projected[r] * radiusSquared * radiusSquared; // κ₂
            row[width - 1] = distorted[r] * focal + camera[7 + r] - feature[r];
        }
    }
}
