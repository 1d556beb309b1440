using System;
using CsCheck;
using SymbolicDiff;
using SymbolicDiff.Objectives;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Callers in this assembly of [Differentiable] methods of another (benchmarks/Objectives, a project reference, as a
/// library of the user's would be): the callee has no body here, so it is neither inlined nor read for what it writes,
/// and its companions are called from its assembly's metadata.
/// </summary>
public static partial class OtherAssembly
{
    /// <summary>The RK4 pendulum's acceleration (inlined where it is declared; called here).</summary>
    [Differentiable]
    public static double Energy(double theta, double omega, double k, double d) =>
        0.5 * omega * omega + Pendulum.Acceleration(theta, omega, k, d) * Pendulum.Acceleration(omega, theta, d, k);

    /// <summary>A softmax normalizer of a span built here, read from GMM.</summary>
    [Differentiable]
    public static double Normalizer(double x, double y)
    {
        double[] v = { x, x * y, -y };
        return Gmm.LogSumExp(v) * y;
    }

    /// <summary>A vector-valued callee that writes the caller's array: the bundle adjustment's projection.</summary>
    [Differentiable]
    public static double ProjectedNorm(ReadOnlySpan<double> camera, ReadOnlySpan<double> point)
    {
        double[] p = new double[2];
        BundleAdjustment.Project(camera, point, p);
        return p[0] * p[0] + p[1] * p[1];
    }
}

public class OtherAssemblyCalleeTests
{
    [Fact]
    public void AScalarCallee() => Uniform(4, -1.5, 1.5).Sample(p =>
    {
        double value = OtherAssembly.EnergyGradient(p[0], p[1], p[2], p[3], out double a, out double b, out double c, out double d);
        Close(OtherAssembly.Energy(p[0], p[1], p[2], p[3]), value);
        Check(q => OtherAssembly.Energy(q[0], q[1], q[2], q[3]), p, [a, b, c, d]);
    });

    [Fact]
    public void ASpanCallee() => Uniform(2, -2, 2).Sample(p =>
    {
        double value = OtherAssembly.NormalizerGradient(p[0], p[1], out double dx, out double dy);
        Close(OtherAssembly.Normalizer(p[0], p[1]), value);
        Check(q => OtherAssembly.Normalizer(q[0], q[1]), p, [dx, dy]);
    });

    /// <summary>Camera: rotation (3), centre (3), focal length, principal point (2), distortion (2); a point in front of it.</summary>
    [Fact]
    public void AVectorValuedCalleeWritingTheCallersArray() => Uniform(14, -0.3, 0.3).Sample(p =>
    {
        double[] camera = p[..11], point = p[11..];
        camera[6] += 2;   // focal length near 2
        point[2] += 4;    // in front of the camera
        double[] dCamera = new double[11], dPoint = new double[3];
        double value = OtherAssembly.ProjectedNormGradient(camera, point, dCamera, dPoint);
        Close(OtherAssembly.ProjectedNorm(camera, point), value);
        Check(q => OtherAssembly.ProjectedNorm(q[..11], q[11..]), [.. camera, .. point], [.. dCamera, .. dPoint]);
    });
}
