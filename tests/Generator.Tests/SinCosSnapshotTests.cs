using System.Runtime.CompilerServices;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// Sin and Cos of one argument computed by one <c>Math.SinCos</c> call (issue 9): the cosine a Sin gate's
/// gradient reads comes from the forward pass (from the tape in a loop); a user's own Sin and Cos of one value
/// are one call; an input with no adjoint gets no cosine; forward mode and second order read the pair too.
/// </summary>
public class SinCosSnapshotTests
{
    static void VerifyNoDiagnostics(string source, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var result = GeneratorHarness.Run(source);
        result.AssertCompilesCleanly();
        Snapshot.VerifyGenerated(result, testFile, testMethod);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void SinCos() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Trig
        {
            /// <summary>A rotation: the user's Sin and Cos of θ (apart, with a statement between), one call.</summary>
            [Differentiable]
            public static double Rotate(double px, double py, double theta)
            {
                double c = Math.Cos(theta);
                double x = c * px;
                double s = Math.Sin(theta);
                return x - s * py + (s * px + c * py);
            }

            /// <summary>In a loop the cosine goes on the tape instead of being recomputed backward.</summary>
            [Differentiable]
            public static float Waves(ReadOnlySpan<float> x, float a)
            {
                float s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += MathF.Sin(a * x[i]) * x[i];
                }

                return s;
            }

            /// <summary>A loop fused into the forward pass: the cosine is read where SinCos made it, with no tape.</summary>
            [Differentiable]
            public static double SumOfSines(ReadOnlySpan<double> x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    s += Math.Sin(x[i]);
                }

                return s;
            }

            /// <summary>θ has no adjoint ([NoDiff]): no cosine is computed, the forward pass stays the function.</summary>
            [Differentiable]
            public static double Dead(double r, [NoDiff] double theta) => r * Math.Sin(theta);

            /// <summary>The sine is the loop's variable, assigned; the cosine is declared first (C# 8 has no mixed deconstruction).</summary>
            [Differentiable]
            public static double Iterated(double x, int n)
            {
                double s = x;
                for (int i = 0; i < n; i++)
                {
                    s = Math.Sin(s * 1.1);
                }

                return s;
            }

            /// <summary>Forward mode and second order: the tangent of Sin reads the cosine, that of the cosine the sine.</summary>
            [Differentiable(Derivatives.Forward | Derivatives.Hessian)]
            public static double Pendulum(double theta, double omega) => omega * omega * 0.5 - 9.81 * Math.Cos(theta);
        }
        """);
}
