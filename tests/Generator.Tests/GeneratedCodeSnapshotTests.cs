using System.Runtime.CompilerServices;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>One snapshot of the generated companions per supported construct; each must also compile cleanly.</summary>
public class GeneratedCodeSnapshotTests
{
    /// <summary>The snapshot, and a clean compilation; the caller checks the generator's diagnostics.</summary>
    static GeneratorResult Verify(string source, string[]? moreSources = null, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var result = GeneratorHarness.Run(source, moreSources);
        result.AssertOutputCompilesCleanly();
        Snapshot.VerifyGenerated(result, testFile, testMethod);
        return result;
    }

    static void VerifyNoDiagnostics(string source, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var result = Verify(source, null, testFile, testMethod);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void AddMultiplyCircuit() => VerifyNoDiagnostics("""
        using SymbolicDiff;
        public static partial class Circuit
        {
            [Differentiable]
            public static double F(double x, double y, double z) => (x + y) * z;
        }
        """);

    [Fact]
    public void SigmoidNeuron() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Neuron
        {
            [Differentiable]
            public static double F(double w0, double x0, double w1, double x1, double w2)
                => 1.0 / (1.0 + Math.Exp(-(w0 * x0 + w1 * x1 + w2)));
        }
        """);

    [Fact]
    public void MaxCircuit() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Circuit
        {
            [Differentiable]
            public static double F(double x, double y, double z, double w) => 2 * (x * y + Math.Max(z, w));
        }
        """);

    [Fact]
    public void ExpLogFamily() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Functions
        {
            [Differentiable]
            public static double Exp(double x) => Math.Exp(x);
            [Differentiable]
            public static double Log(double x) => Math.Log(x);
            [Differentiable]
            public static double LogBase(double x, double b) => Math.Log(x, b);
            [Differentiable]
            public static double Log10(double x) => Math.Log10(x);
            [Differentiable]
            public static double Log2(double x) => Math.Log2(x);
        }
        """);

    [Fact]
    public void Trigonometric() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Functions
        {
            [Differentiable]
            public static double Sin(double x) => Math.Sin(x);
            [Differentiable]
            public static double Cos(double x) => Math.Cos(x);
            [Differentiable]
            public static double Tan(double x) => Math.Tan(x);
            [Differentiable]
            public static double Asin(double x) => Math.Asin(x);
            [Differentiable]
            public static double Acos(double x) => Math.Acos(x);
            [Differentiable]
            public static double Atan(double x) => Math.Atan(x);
            [Differentiable]
            public static double Atan2(double y, double x) => Math.Atan2(y, x);
        }
        """);

    [Fact]
    public void Hyperbolic() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Functions
        {
            [Differentiable]
            public static double Sinh(double x) => Math.Sinh(x);
            [Differentiable]
            public static double Cosh(double x) => Math.Cosh(x);
            [Differentiable]
            public static double Tanh(double x) => Math.Tanh(x);
        }
        """);

    [Fact]
    public void PowersAndRoots() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Functions
        {
            [Differentiable]
            public static double Pow(double x, double y) => Math.Pow(x, y);
            [Differentiable]
            public static double PowConstantExponent(double x) => Math.Pow(x, 3);
            [Differentiable]
            public static double Sqrt(double x) => Math.Sqrt(x);
            [Differentiable]
            public static double Cbrt(double x) => Math.Cbrt(x);
        }
        """);

    [Fact]
    public void AbsMaxMinClamp() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Functions
        {
            [Differentiable]
            public static double Abs(double x) => Math.Abs(x);
            [Differentiable]
            public static double Max(double x, double y) => Math.Max(x, y);
            [Differentiable]
            public static double Min(double x, double y) => Math.Min(x, y);
            [Differentiable]
            public static double Clamp(double x, double lo, double hi) => Math.Clamp(x, lo, hi);
            [Differentiable]
            public static double ClampConstantBounds(double x) => Math.Clamp(x, -1.0, 1.0);
        }
        """);

    [Fact]
    public void FusedMultiplyAdd() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Functions
        {
            [Differentiable]
            public static double Fma(double x, double y, double z) => Math.FusedMultiplyAdd(x, y, z);
        }
        """);

    [Fact]
    public void PiecewiseConstantFunctions() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Functions
        {
            [Differentiable]
            public static double Steps(double x)
                => x * (Math.Floor(x) + Math.Ceiling(x) + Math.Round(x) + Math.Truncate(x) + Math.Sign(x));
        }
        """);

    [Fact]
    public void IfElseIfElseWithReassignedLocal() => VerifyNoDiagnostics("""
        using SymbolicDiff;
        public static partial class Branches
        {
            [Differentiable]
            public static double F(double x, double y)
            {
                double r = x * y;
                if (x > 0 && y > 0)
                {
                    r = r + x;
                }
                else if (x < -1 || !(y < 2))
                {
                    r = r * y;
                }
                else
                {
                    r = x - r;
                }
                return r * r;
            }
        }
        """);

    [Fact]
    public void EarlyReturns() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Branches
        {
            [Differentiable]
            public static double F(double x, double y)
            {
                if (x < 0)
                    return -x * y;
                double t = Math.Exp(x);
                if (t > 10)
                {
                    return t;
                }
                return t * y;
            }
        }
        """);

    [Fact]
    public void Conditional() => VerifyNoDiagnostics("""
        using SymbolicDiff;
        public static partial class Branches
        {
            [Differentiable]
            public static double Relu(double x) => x > 0 ? x : 0;

            [Differentiable]
            public static double LeakyRelu(double x, double y) => x >= 0 ? x * y : 0.01 * x;
        }
        """);

    [Fact]
    public void FloatMethod() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Single
        {
            [Differentiable]
            public static float F(float x, float y) => MathF.Exp(x) * MathF.Sin(y) + MathF.Sqrt(x * x + y * y) + 0.5f * x;
        }
        """);

    [Fact]
    public void CompoundAssignments() => VerifyNoDiagnostics("""
        using SymbolicDiff;
        public static partial class Compound
        {
            [Differentiable]
            public static double F(double x, double y)
            {
                double s = x;
                s += y;
                s *= x;
                s -= 2 * y;
                s /= y;
                return s;
            }
        }
        """);

    [Fact]
    public void CallsToOtherDifferentiableMethods() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Calls
        {
            [Differentiable]
            public static double Square(double x) => x * x;

            [Differentiable]
            public static double Scale(double x, double k) => k * x;

            [Differentiable]
            public static double Composite(double x, double y) => Square(x + y) + Scale(y, 3.0) + Other.Sigmoid(x);
        }

        public partial class Instance
        {
            double factor = 2;

            [Differentiable]
            public double Times(double x) => factor * x;

            [Differentiable]
            public double UseInstance(double x) => Times(x) * x;
        }

        public static partial class Other
        {
            [Differentiable]
            public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
        }
        """);

    [Fact]
    public void NoDiffParameter() => VerifyNoDiagnostics("""
        using SymbolicDiff;
        public static partial class Model
        {
            [Differentiable]
            public static double Loss(double w, [NoDiff] double x, [NoDiff] double target, int n)
            {
                double d = w * x - target;
                return d * d / n;
            }
        }
        """);

    [Fact]
    public void FieldsPropertiesAndConstants() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public partial class Scaled
        {
            const double Half = 0.5;
            static readonly double Offset = 1.5;
            public double Gain { get; set; } = 2;
            double bias = 0.25;

            [Differentiable]
            public double F(double x) => Half * Gain * x + Offset + bias + Math.PI * x;
        }
        """);

    [Fact]
    public void NamespaceAndNestedPartialTypes() => VerifyNoDiagnostics("""
        using SymbolicDiff;
        namespace Outer.Inner
        {
            public static partial class Container
            {
                internal partial class Nested
                {
                    [Differentiable]
                    public static double F(double x, double y) => x * y + x;
                }
            }
        }
        """);

    [Fact]
    public void FileScopedNamespace() => VerifyNoDiagnostics("""
        using SymbolicDiff;
        namespace Models;
        public partial record Point(double X)
        {
            [Differentiable]
            public static double F(double x) => x * x;
        }
        """);

    [Fact]
    public void GenericContainingType() => VerifyNoDiagnostics("""
        using SymbolicDiff;
        public partial class Box<T> where T : class
        {
            [Differentiable]
            public static double F(double x, double y) => x * y;
        }
        """);

    [Fact]
    public void Accessibility() => VerifyNoDiagnostics("""
        using SymbolicDiff;
        public partial class Access
        {
            [Differentiable]
            internal static double InternalStatic(double x) => x * x;

            [Differentiable]
            private double PrivateInstance(double x) => x * 3;

            [Differentiable]
            protected internal double ProtectedInternal(double x) => x + x;

            public double UsePrivate(double x) => PrivateInstance(x);
        }
        """);

    [Fact]
    public void ResultIndependentOfInputsWarnsAndStillGenerates()
    {
        var result = Verify("""
            using SymbolicDiff;
            public static partial class Constant
            {
                [Differentiable]
                public static double F(double x, [NoDiff] double k) => 2 * k + 1;
            }
            """);
        Assert.Equal([("SDIFF0009", "F")], result.DiagnosticsWithText());
    }

    [Fact]
    public void BlockBodyWithLocals() => VerifyNoDiagnostics("""
        using System;
        using SymbolicDiff;
        public static partial class Locals
        {
            [Differentiable]
            public static double F(double x, double y, int n)
            {
                double a = x * y;
                var b = Math.Sin(a) / (double)n;
                double c = -b + a * a;
                return c;
            }
        }
        """);

    [Fact]
    public void OverloadsGetTheirOwnFiles() => VerifyNoDiagnostics("""
        using SymbolicDiff;
        public static partial class Overloads
        {
            [Differentiable]
            public static double F(double x) => x * x;
            [Differentiable]
            public static float F(float x) => x * x;
        }
        """);
}
