using System;

namespace SymbolicDiff.Objectives;

/// <summary>
/// ADBench's bundle adjustment residuals, written as ordinary C# from the ADBench definition: a camera
/// of 11 parameters (Rodrigues rotation 0–2, centre 3–5, focal length 6, principal point 7–8, radial
/// distortion 9–10) projects a 3-D point; the residual of an observation is its weight times the
/// distance of the projection from the observed feature, and each weight w has the residual 1 − w².
/// The generator writes <c>ReprojectionErrorBackward</c> (one row of the Jacobian per call) and
/// <c>WeightErrorGradient</c>.
/// </summary>
public static partial class BundleAdjustment
{
    public const int CameraParameters = 11;

    [Differentiable]
    public static void ReprojectionError(
        ReadOnlySpan<double> camera, ReadOnlySpan<double> point, double weight,
        [NoDiff] ReadOnlySpan<double> feature, Span<double> error)
    {
        Span<double> projection = stackalloc double[2];
        Project(camera, point, projection);
        error[0] = weight * (projection[0] - feature[0]);
        error[1] = weight * (projection[1] - feature[1]);
    }

    [Differentiable]
    public static double WeightError(double weight) => 1.0 - weight * weight;

    /// <summary>The pinhole projection of <paramref name="point"/> with radial distortion.</summary>
    [Differentiable]
    public static void Project(ReadOnlySpan<double> camera, ReadOnlySpan<double> point, Span<double> projection)
    {
        Span<double> shifted = stackalloc double[3];
        for (int i = 0; i < 3; i++)
        {
            shifted[i] = point[i] - camera[3 + i];
        }

        Span<double> rotated = stackalloc double[3];
        Rotate(camera.Slice(0, 3), shifted, rotated);

        double x = rotated[0] / rotated[2];
        double y = rotated[1] / rotated[2];
        double radiusSquared = x * x + y * y;
        double distortion = 1.0 + camera[9] * radiusSquared + camera[10] * radiusSquared * radiusSquared;
        projection[0] = x * distortion * camera[6] + camera[7];
        projection[1] = y * distortion * camera[6] + camera[8];
    }

    /// <summary>
    /// Rodrigues' rotation of <paramref name="point"/> by the axis-angle vector <paramref name="rotation"/>;
    /// at angle 0, the first-order form p + r × p (exact there, and differentiable).
    /// </summary>
    [Differentiable]
    public static void Rotate(ReadOnlySpan<double> rotation, ReadOnlySpan<double> point, Span<double> rotated)
    {
        double thetaSquared = rotation[0] * rotation[0] + rotation[1] * rotation[1] + rotation[2] * rotation[2];
        if (thetaSquared != 0)
        {
            double theta = Math.Sqrt(thetaSquared);
            double cos = Math.Cos(theta);
            double sin = Math.Sin(theta);
            double wx = rotation[0] / theta;
            double wy = rotation[1] / theta;
            double wz = rotation[2] / theta;
            double crossX = wy * point[2] - wz * point[1];
            double crossY = wz * point[0] - wx * point[2];
            double crossZ = wx * point[1] - wy * point[0];
            double along = (wx * point[0] + wy * point[1] + wz * point[2]) * (1.0 - cos);
            rotated[0] = point[0] * cos + crossX * sin + wx * along;
            rotated[1] = point[1] * cos + crossY * sin + wy * along;
            rotated[2] = point[2] * cos + crossZ * sin + wz * along;
        }
        else
        {
            rotated[0] = point[0] + rotation[1] * point[2] - rotation[2] * point[1];
            rotated[1] = point[1] + rotation[2] * point[0] - rotation[0] * point[2];
            rotated[2] = point[2] + rotation[0] * point[1] - rotation[1] * point[0];
        }
    }
}
