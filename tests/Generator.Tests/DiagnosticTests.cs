using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>Each SDIFF diagnostic: id, severity and the exact source text it points at.</summary>
public class DiagnosticTests
{
    const string Usings = "using System;\nusing SymbolicDiff;\n";

    /// <summary>Runs the generator and checks the diagnostics; an error also means no source for that method.</summary>
    static GeneratorResult Expect(string source, params (string Id, string Text)[] expected)
    {
        var result = GeneratorHarness.Run(Usings + source);
        Assert.Equal(expected, result.DiagnosticsWithText());
        if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            Assert.Empty(result.GeneratedSources);
        return result;
    }

    // ---- SDIFF0001: the containing type and every enclosing type must be partial

    [Fact]
    public void NonPartialContainingType()
    {
        var result = Expect(
            "public static class C { [Differentiable] public static double F(double x) => x * x; }",
            ("SDIFF0001", "C"));
        var diagnostic = result.Diagnostics.Single();
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("'C' must be declared partial so that the generated companions of 'F' can be added to it", diagnostic.GetMessage());
    }

    [Fact]
    public void NonPartialOuterTypeOfNestedPartialType() => Expect(
        "public static class Outer { public static partial class Inner { [Differentiable] public static double F(double x) => x * x; } }",
        ("SDIFF0001", "Outer"));

    // ---- SDIFF0002: parameters

    [Theory]
    [InlineData("ref")]
    [InlineData("in")]
    public void RefAndInParameters(string modifier) => Expect(
        $"public static partial class C {{ [Differentiable] public static double F(double x, {modifier} double y) => x * y; }}",
        ("SDIFF0002", "y"));

    [Fact]
    public void OutParameter() => Expect(
        "public static partial class C { [Differentiable] public static double F(double x, out double y) { y = 1; return x; } }",
        ("SDIFF0002", "y"));

    [Fact]
    public void MultiDimensionalArrayParameter()
    {
        var result = Expect(
            "public static partial class C { [Differentiable] public static double F(double[,] w, double x) => w[0, 0] * x; }",
            ("SDIFF0002", "w"));
        Assert.Contains("only one-dimensional arrays are differentiated", result.Diagnostics.Single().GetMessage());
    }

    // ---- SDIFF0003: return type

    [Theory]
    [InlineData("int", "(int)x")]
    [InlineData("decimal", "(decimal)x")]
    [InlineData("bool", "x > 0")]
    public void NonFloatingPointReturnType(string type, string body) => Expect(
        $"public static partial class C {{ [Differentiable] public static {type} F(double x) => {body}; }}",
        ("SDIFF0003", type));

    [Fact]
    public void VoidReturnType() => Expect(
        "public static partial class C { [Differentiable] public static void F(double x) { } }",
        ("SDIFF0003", "void"));

    // ---- SDIFF0004: calls that cannot be differentiated

    [Fact]
    public void CallToNonDifferentiableUserMethod() => Expect(
        "public static partial class C { static double Helper(double v) => v * v; [Differentiable] public static double F(double x) => Helper(x) * 2; }",
        ("SDIFF0004", "Helper(x)"));

    [Fact]
    public void CallToUnsupportedMathFunction()
    {
        var result = Expect(
            "public static partial class C { [Differentiable] public static double F(double x) => double.MultiplyAddEstimate(x, 2.0, 1.0); }",
            ("SDIFF0004", "double.MultiplyAddEstimate(x, 2.0, 1.0)"));
        Assert.StartsWith("'double.MultiplyAddEstimate(double, double, double)' is called with or on a differentiable value", result.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void CallToUnknownMethodWithOnlyConstantArgumentsIsAllowed()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                static double Helper(int n) => n * 0.5;
                [Differentiable] public static double F(double x, [NoDiff] double k) => Helper(3) * x + double.MultiplyAddEstimate(k, 2.0, 1.0) * x;
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
    }

    /// <summary>F45: a static function of .NET giving a step (an integer, a bool) or text of a differentiable number is a constant.</summary>
    [Fact]
    public void AFrameworkFunctionGivingAStepOfADifferentiableNumberIsAConstant()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                [Differentiable] public static double F(double x, [NoDiff] double[] knots, double[] w)
                {
                    int i = Math.Clamp(Array.BinarySearch(knots, x * 2), 0, w.Length - 1);
                    bool positive = BitConverter.DoubleToInt64Bits(x) > 0;
                    return w[i] * x + Convert.ToInt32(x) + (positive ? x : 0) + Convert.ToString(x).Length;
                }
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
    }

    /// <summary>
    /// What could keep the number where its gradient cannot follow stays SDIFF0004, however discrete its result: a
    /// method of the user's, a method of an object (a set), a differentiable array passed on; a number result too.
    /// </summary>
    [Theory]
    [InlineData("Bucket(x)", "Bucket(x)")]
    [InlineData("(seen.Add(x) ? 1 : 0)", "seen.Add(x)")]
    [InlineData("Array.BinarySearch(w, x)", "Array.BinarySearch(w, x)")]
    [InlineData("(double)Convert.ToDecimal(x)", "Convert.ToDecimal(x)")]
    public void ACallThatCouldKeepADifferentiableValueIsSaidWhateverItGives(string call, string reported)
    {
        var result = GeneratorHarness.Run(Usings + "using System.Collections.Generic;\n" + $$"""
            public static partial class C
            {
                static readonly HashSet<double> seen = new();
                static int Bucket(double v) => (int)v;
                [Differentiable] public static double F(double x, double[] w) => {{call}} * x;
            }
            """);
        Assert.Equal(("SDIFF0004", reported), Assert.Single(result.DiagnosticsWithText()));
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void ACallGivingAStepSaysHowToStopTheGradient()
    {
        var result = Expect(
            "public static partial class C { static int Bucket(double v) => (int)v; [Differentiable] public static double F(double x) => Bucket(x) * x; }",
            ("SDIFF0004", "Bucket(x)"));
        Assert.EndsWith("if its result (int) does not carry a gradient, pass it Diff.Stop of the value", result.Diagnostics.Single().GetMessage());

        var stopped = GeneratorHarness.Run(Usings + "public static partial class C { static int Bucket(double v) => (int)v; [Differentiable] public static double F(double x) => Bucket(Diff.Stop(x)) * x; }");
        Assert.Empty(stopped.Diagnostics);
        stopped.AssertCompilesCleanly();
    }

    // ---- a differentiable argument to a [NoDiff] parameter would lose its derivative: SDIFF0006 at the argument

    [Fact]
    public void DifferentiableArgumentToNoDiffScalarParameter()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                [Differentiable] public static double ScaledSquare(double x, [NoDiff] double k) => k * x * x;
                [Differentiable] public static double G(double x, double k) => ScaledSquare(x, k) + k;
            }
            """);
        Assert.Equal([("SDIFF0006", "k")], result.DiagnosticsWithText());
        Assert.DoesNotContain(result.GeneratedSources, s => s.Key.Contains(".G."));
        Assert.Contains("parameter 'k' of 'ScaledSquare' is [NoDiff]", result.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void DifferentiableArraysToNoDiffArrayParameter() => Assert.Equal(
        [("SDIFF0006", "q"), ("SDIFF0006", "t")],
        GeneratorHarness.Run(Usings + """
        public static partial class C
        {
            [Differentiable] public static double Distance(double[] p, [NoDiff] double[] t) => (p[0] - t[0]) * (p[0] - t[0]);
            [Differentiable] public static double FromParameter(double[] p, double[] q) => Distance(p, q);
            [Differentiable] public static double FromLocal(double[] p, double x)
            {
                double[] t = new double[1];
                t[0] = x * 2;
                return Distance(p, t);
            }
        }
        """).DiagnosticsWithText());

    [Fact]
    public void ConstantArgumentsToNoDiffParametersAreAllowed()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                [Differentiable] public static double Distance(double[] p, [NoDiff] double[] t, [NoDiff] double k) => k * (p[0] - t[0]);
                [Differentiable] public static double F(double[] p, [NoDiff] double[] q, [NoDiff] double k)
                {
                    double[] t = new double[1];
                    t[0] = 2 * k;
                    return Distance(p, q, k) + Distance(p, t, 3.0);
                }
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
    }

    // ---- ref locals are aliases; what cannot be one is reported where it is written

    [Fact]
    public void RefLocalReassignment() => Expect(
        """
        public static partial class C
        {
            [Differentiable] public static double F(double x)
            {
                double[] a = new double[2];
                ref double r = ref a[0];
                r = ref a[1];
                r = x;
                return a[1];
            }
        }
        """,
        ("SDIFF0005", "r = ref a[1]"));

    [Fact]
    public void RefLocalToAField() => Expect(
        """
        public partial class C
        {
            double field;
            [Differentiable] public double F(double x)
            {
                ref double r = ref field;
                return r * x;
            }
        }
        """,
        ("SDIFF0005", "field"));

    [Fact]
    public void WriteThroughRefToAnElementOfAnInputArray() => Expect(
        """
        public static partial class C
        {
            [Differentiable] public static double F(double[] w, double x)
            {
                ref double r = ref w[0];
                r = x;
                return w[0] * x;
            }
        }
        """,
        ("SDIFF0010", "w"));

    // ---- SDIFF0005: statements

    [Theory]
    [InlineData("for (int i = 0; i < 3; i++) { double[] a = new double[2]; s += a[0] + x; }", "new double[2]")]
    [InlineData("if (x > 0) { Span<double> a = stackalloc double[2]; a[0] = x; s += a[0]; }", "stackalloc double[2]")]
    public void ArrayCreatedInsideALoopOrBranch(string statement, string creation)
    {
        var result = Expect(
            $"public static partial class C {{ [Differentiable] public static double F(double x) {{ double s = x; {statement} return s; }} }}",
            ("SDIFF0006", creation));
        Assert.Contains("create it once at the top of the method", result.Diagnostics.Single().GetMessage());
    }

    /// <summary>
    /// After a guard clause (<c>if (n == 0) return 0;</c>) the rest of the method is that if's other side, so an array the
    /// user created at the top level is inside a branch for the generator: the message says so, not "inside a branch".
    /// </summary>
    [Theory]
    [InlineData("if (x > 9) return 0; double[] a = new double[2]; a[0] = x; s += a[0];", "new double[2]")]
    [InlineData("if (x > 9) { return 0; } Span<double> a = stackalloc double[2]; a[0] = x; s += a[0];", "stackalloc double[2]")]
    public void ArrayCreatedAfterAnEarlyReturn(string statement, string creation)
    {
        var result = Expect(
            $"public static partial class C {{ [Differentiable] public static double F(double x) {{ double s = x; {statement} return s; }} }}",
            ("SDIFF0006", creation));
        Assert.Contains("an array created after an early return", result.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void BreakInsideASwitchSection() => Expect(
        "public static partial class C { [Differentiable] public static double F(double x, int k) { switch (k) { case 1: if (x > 0) break; x *= 2; break; } return x; } }",
        ("SDIFF0005", "break;"));

    [Fact]
    public void WritingAField() => Expect(
        "public partial class C { double last; [Differentiable] public double F(double x) { last = x; return x * last; } }",
        ("SDIFF0005", "last = x"));

    /// <summary>A primary constructor's parameter is the type's state, as a field is (F33): read as a constant, never written.</summary>
    [Theory]
    [InlineData("scale = x; return x * scale;", "scale = x")]
    [InlineData("scale++; return x * scale;", "scale++")]
    [InlineData("double a; (a, scale) = (x, 2 * x); return a * scale;", "scale")]
    public void WritingAPrimaryConstructorParameter(string body, string at) => Expect(
        $"public partial class C(double scale) {{ [Differentiable] public double F(double x) {{ {body} }} }}",
        ("SDIFF0005", at));

    [Fact]
    public void WritingAProperty() => Expect(
        "public partial class C { double P { get; set; } [Differentiable] public double F(double x) { P = x; return x; } }",
        ("SDIFF0005", "P = x"));

    [Fact]
    public void UnusedResultOfACallGettingADifferentiableValue()
    {
        var result = Expect(
            "public static partial class C { static double kept; static void Keep(double v) => kept = v; [Differentiable] public static double F(double x) { Keep(x); return x * kept; } }",
            ("SDIFF0005", "Keep(x)"));
        Assert.StartsWith("This statement cannot be differentiated: 'Keep' gets a differentiable value and its result is unused", result.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void ElementUpdatedInPlaceWithAnIndexThatWrites() => Expect(
        "public static partial class C { [Differentiable] public static double F(double x) { double[] a = new double[2]; int i = 0; a[i++] += x; return a[0]; } }",
        ("SDIFF0005", "a[i++] += x"));

    /// <summary>A copy of a differentiable array is a local array (F60), so made at the top of the method only, and passed on only to methods with a gradient.</summary>
    [Fact]
    public void ACopyOfADifferentiableArrayIsALocalArray() => Expect(
        """
        public static partial class C
        {
            static double First(double[] v) => v[0];
            [Differentiable] public static double F(double[] x) => x[0] * First(x[1..]);
            [Differentiable] public static double G(double[] x) { double s = 0; for (int i = 0; i < 2; i++) { double[] t = (double[])x.Clone(); s += t[i]; } return s; }
        }
        """,
        ("SDIFF0004", "First(x[1..])"),
        ("SDIFF0006", "(double[])x.Clone()"));

    /// <summary>
    /// F67: a bulk write is the loop of stores one writes by hand, so what an element write may not do it may not do either
    /// (write a parameter that is read, read an output before writing it); a copy within one array must know which way to
    /// run, and a copy between arrays of two types converts, which the loop would not.
    /// </summary>
    [Fact]
    public void BulkWritesThatCannotBeLoops() => Expect(
        """
        public static partial class C
        {
            [Differentiable] public static double IntoAParameter(double[] w, double[] v) { v.CopyTo(w, 0); return w[0]; }
            [Differentiable] public static double WithinOneArray(double[] w, int k) { double[] t = new double[4]; w.CopyTo(t, 0); Array.Copy(t, 0, t, k, 2); return t[3]; }
            [Differentiable] public static double Widening(float[] w) { double[] t = new double[4]; Array.Copy(w, t, 4); return t[3]; }
            [Differentiable] public static void PartlyCleared(ReadOnlySpan<double> x, Span<double> y) { y.Slice(1).Clear(); y[0] += x[0]; }
            [Differentiable] public static void CopiedFirst(ReadOnlySpan<double> x, Span<double> y) { double[] t = new double[2]; y.Slice(0, 2).CopyTo(t); y[0] = t[1] * x[0]; }
        }
        """,
        ("SDIFF0005", "v.CopyTo(w, 0)"),
        ("SDIFF0006", "Array.Copy(t, 0, t, k, 2)"),
        ("SDIFF0006", "Array.Copy(w, t, 4)"),
        ("SDIFF0010", "y[0]"),
        ("SDIFF0010", "y.Slice(0, 2).CopyTo(t)"));

    /// <summary>F68: LINQ other than Sum, Average, Max and Min of an array stays SDIFF0006, and the message says what is supported.</summary>
    [Fact]
    public void OtherLinqOfADifferentiableArrayIsSaid()
    {
        var result = Expect(
            "public static partial class C { [Differentiable] public static double F(double[] w) => System.Linq.Enumerable.Last(w) + System.Linq.Enumerable.Max(w); }",
            ("SDIFF0006", "w"));
        Assert.EndsWith("(LINQ: Sum(), Average(), Max() and Min() of an array are supported; write a loop for the rest)", result.Diagnostics.Single().GetMessage());
    }

    /// <summary>
    /// F71: a two-dimensional array of numbers is differentiated by no one: SDIFF0002 says so and how to go on, unless it is
    /// marked [NoDiff] (or holds integers), when it is constant data read as written.
    /// </summary>
    [Fact]
    public void TwoDimensionalArraysAreConstantDataOnly()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                [Differentiable] public static double F(double[] x, double[,] a) => a[0, 0] * x[0];
                [Differentiable] public static double G(double[] x, [NoDiff] double[,] a, int[,] k) => a[k[0, 1], 1] * x[0];
            }
            """);
        Assert.Equal([("SDIFF0002", "a")], result.DiagnosticsWithText());
        Assert.Contains("flatten it (a[i * columns + j]), or mark it [NoDiff] if it is constant data", result.Diagnostics.Single().GetMessage());
        Assert.Single(result.GeneratedSources);
        result.AssertOutputCompilesCleanly();
    }

    [Fact]
    public void ArrayPassedToACallThatIsOnlyRun() => Expect(
        "public static partial class C { [Differentiable] public static double F(double x) { double[] a = new double[2]; a[0] = x; Array.Reverse(a); return a[1]; } }",
        ("SDIFF0006", "a"));

    [Fact]
    public void ObjectBuiltFromADifferentiableValue() => Expect(
        "public static partial class C { sealed record Box(double V); [Differentiable] public static double F(double x) { var b = new Box(x); return b.V * x; } }",
        ("SDIFF0006", "new Box(x)"));

    /// <summary>
    /// A number converted to a type that carries no gradient and is not a step function of it: the value goes on,
    /// its gradient would not (these generated a zero gradient, with no diagnostic, before).
    /// </summary>
    [Theory]
    [InlineData("object o = x; return (double)o * x;", "x", "object")]
    [InlineData("dynamic d = x; return (double)(d * 2) + x;", "x", "dynamic")]
    [InlineData("double? n = x; return n.Value * 2 + x;", "x", "double?")]
    [InlineData("double? n = x > 0 ? x : null; return n.GetValueOrDefault() + x;", "x", "double?")]
    [InlineData("decimal m = (decimal)x; return (double)m + x;", "(decimal)x", "decimal")]
    [InlineData("object[] a = { x }; return (double)a[0] + x;", "x", "object")]
    [InlineData("string s = string.Format(\"{0:F2}\", x); return x + s.Length;", "x", "object")] // a params object[] (F64): said, with the interpolated string it could be
    public void NumberConvertedToATypeThatLosesItsGradient(string body, string at, string type)
    {
        var result = Expect(
            $"public static partial class C {{ [Differentiable] public static double F(double x) {{ {body} }} }}",
            ("SDIFF0006", at));
        Assert.Contains($"converting a differentiable value to '{type}': its gradient would be lost", result.Diagnostics.Single().GetMessage());
    }

    /// <summary>Conversions that are step functions of the number keep their zero gradient, with no diagnostic.</summary>
    [Fact]
    public void NumberConvertedToAnIntegerOrAnEnumIsAStep()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                enum Bucket { Low, High }
                [Differentiable] public static double F(double x) => (int)x + (long)x + (char)x + (int)(Bucket)x + Math.Sign(x) + (double.IsNaN(x) ? 1 : 0) + x;
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
    }

    /// <summary>
    /// Deconstructions the generator does not take: into a field or a nested tuple, into elements from parts that assign
    /// (C# takes the indices first), into an element of an input; a tuple kept in a local. Each is one error.
    /// </summary>
    [Theory]
    [InlineData("double a; (a, field) = (x, 2 * x); return a * field;", "SDIFF0005", "field")]
    [InlineData("double a, b, c; (a, (b, c)) = (x, (x, 1.0)); return a * b * c;", "SDIFF0005", "(a, (b, c)) = (x, (x, 1.0))")]
    [InlineData("double[] w = new double[2]; int i = 0; (w[i], w[1]) = (x, i++ * x); return w[0] * w[1];", "SDIFF0005", "(w[i], w[1]) = (x, i++ * x)")]
    [InlineData("double a; (a, v[0]) = (x, x); return a * v[1];", "SDIFF0005", "v[0]")]
    [InlineData("var t = (x, 2 * x); var (a, b) = t; return a * b;", "SDIFF0006", "(x, 2 * x)")]
    public void DeconstructionsThatAreNotTaken(string body, string id, string at) => Expect(
        $"public partial class C {{ static double field; [Differentiable] public static double F(double x, double[] v) {{ {body} }} }}",
        (id, at));

    /// <summary>A math function of a differentiable value whose result is neither a number nor a step (a tuple) has no rule.</summary>
    [Fact]
    public void MathFunctionReturningATuple() => Expect(
        "public static partial class C { [Differentiable] public static double F(double x) => double.SinCosPi(x).SinPi + x; }",
        ("SDIFF0004", "double.SinCosPi(x)"));

    /// <summary>SinCos's pair is taken apart where it is made (deconstructed, or .Sin and .Cos); kept whole, it would carry the gradient away.</summary>
    [Fact]
    public void SinCosPairKeptAsATuple()
    {
        var result = Expect(
            "public static partial class C { [Differentiable] public static double F(double x) { var sc = Math.SinCos(x); return sc.Sin * sc.Cos + x; } }",
            ("SDIFF0006", "Math.SinCos(x)"));
        Assert.Contains("deconstruct it (var (sin, cos) = Math.SinCos(x);) or read its .Sin or .Cos", result.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void LambdaInALogLine() => Expect(
        "public static partial class C { [Differentiable] public static double F(double x) { Console.WriteLine(new Func<double>(() => x)()); return x; } }",
        ("SDIFF0006", "new Func<double>(() => x)"));

    [Fact]
    public void MethodThatAlwaysThrows() => Expect(
        "public static partial class C { [Differentiable] public static double F(double x) { throw new NotImplementedException(); } }",
        ("SDIFF0007", "F"));

    [Fact]
    public void TryStatement() => Expect(
        "public static partial class C { [Differentiable] public static double F(double x) { try { return x; } finally { } } }",
        ("SDIFF0005", "try { return x; } finally { }"));

    /// <summary>A label is said as one (its statement, a whole loop perhaps, was printed in the message), and a statement over several lines by its first.</summary>
    [Fact]
    public void ALabelAndAStatementOverSeveralLines()
    {
        var result = Expect(
            "public static partial class C { [Differentiable] public static double F(double x) {\n lock (typeof(C))\n {\n }\n if (x > 1) goto done;\n x *= 2;\n done:\n return x;\n } }",
            ("SDIFF0005", "lock (typeof(C))\n {\n }"),
            ("SDIFF0005", "goto done;"),
            ("SDIFF0005", "done:\n return x;"));
        Assert.Equal(
            ["This statement cannot be differentiated: 'lock (typeof(C)) …' (Lock)", "This statement cannot be differentiated: goto is not supported", "This statement cannot be differentiated: a label (goto is not supported)"],
            result.Diagnostics.Select(d => d.GetMessage().Split(" (https")[0]));
    }

    [Fact]
    public void UsingAndLockStatements() => Expect(
        "public static partial class C { [Differentiable] public static double F(double x) { using var d = (IDisposable?)null; lock (typeof(C)) { } return x; } }",
        ("SDIFF0005", "using var d = (IDisposable?)null;"),
        ("SDIFF0005", "lock (typeof(C)) { }"));

    // ---- SDIFF0006: expressions

    [Fact]
    public void Lambda() => Expect(
        "public static partial class C { [Differentiable] public static double F(double x) { Func<double, double> g = v => v * x; return g(x); } }",
        ("SDIFF0006", "v => v * x"),
        ("SDIFF0004", "g(x)"));

    [Fact]
    public void ElementOfAFieldArrayIsAConstant() => Expect(
        "public static partial class C { static readonly double[] a = new double[3]; [Differentiable] public static double F(double x) => a[0] * x; }")
        .AssertCompilesCleanly();

    /// <summary>
    /// Constructs of C# 12 and 13 the generator's Roslyn has no names for: each said by what it is, not by its operation
    /// kind (they were "'b[0]' (InlineArrayAccess)", "'[x, x * x]' (CollectionExpression)"; a params span call is supported, F64).
    /// </summary>
    [Theory]
    [InlineData("Buffer b = default; return b[0] * x;", "b[0]", "an element of an inline array")]
    [InlineData("double[] a = [x, .. Twice]; return a[0] * a[1];", "[x, .. Twice]", "a spread (..) in a collection expression")]
    [InlineData("System.Collections.Generic.List<double> a = [x, x * x]; return a[0] * a[1];", "[x, x * x]", "a collection expression of type 'System.Collections.Generic.List<double>'")]
    public void ConstructsOfNewerCSharpAreSaidByName(string body, string text, string reason)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            [System.Runtime.CompilerServices.InlineArray(3)] public struct Buffer { private double e; }
            public static partial class C
            {
                static readonly double[] Twice = [2, 2];
                public static double Sum(params ReadOnlySpan<double> v) => v[0] + v[1];
                [Differentiable] public static double F(double x) { {{body}} }
            }
            """);
        Assert.Equal(("SDIFF0006", text), Assert.Single(result.DiagnosticsWithText()));
        Assert.Contains(reason, result.Diagnostics.Single().GetMessage());
    }

    /// <summary>F64: a params call is supported; its params array is a local array, so made at the top of the method only.</summary>
    [Fact]
    public void AParamsCallInALoopIsSaid()
    {
        var result = GeneratorHarness.Run(Usings
            + "public static partial class C { [Differentiable] public static double S(params double[] v) => v[0] * v[1]; [Differentiable] public static double F(double x) { double s = S(x, x); for (int i = 0; i < 3; i++) s += S(x, i * x); return s; } }");
        Assert.Equal([("SDIFF0006", "S(x, i * x)")], result.DiagnosticsWithText());
        Assert.Contains("the params array of a call inside a branch or loop", result.Diagnostics.Single().GetMessage());
        Assert.Equal(["C.S.g.cs"], result.GeneratedSources.Keys.Select(HintNames.Readable));
    }

    /// <summary>
    /// F56: foreach walks arrays, spans and lists (by index: their enumerators go in index order), and may deconstruct a
    /// tuple element into locals; any other collection, or a nested deconstruction, is said at the loop.
    /// </summary>
    [Theory]
    [InlineData("System.Collections.Generic.IEnumerable<double> e", "foreach (double v in e) s += v * x;", "foreach over something other than an array, a span or a list")]
    [InlineData("(double A, (double B, double C))[] e", "foreach (var (a, (b, c)) in e) s += a * b * c * x;", "a foreach that deconstructs its elements into a nested tuple")]
    public void AForEachThatCannotBeWalkedByIndexIsSaid(string parameter, string loop, string reason)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            public static partial class C
            {
                [Differentiable] public static double F(double x, {{parameter}}) { double s = 0; {{loop}} return s; }
            }
            """);
        Assert.Equal(("SDIFF0005", loop), Assert.Single(result.DiagnosticsWithText()));
        Assert.Contains(reason, result.Diagnostics.Single().GetMessage());
    }

    /// <summary>
    /// F48: the Try pattern (<c>rates.TryGetValue(region, out double rate)</c>, <c>double.TryParse(text, out var v)</c>) in a call
    /// of constants: each variable it sets becomes a constant, also declared before the call, a parameter, in a branch or a
    /// loop, or discarded (it was SDIFF0006).
    /// </summary>
    [Theory]
    [InlineData("if (!rates.TryGetValue(region, out double rate)) rate = 0.05; return x * (1 + rate);")]
    [InlineData("return x * (double.TryParse(region, out var v) ? v : 1.0);")]
    [InlineData("double v; int n; bool ok = double.TryParse(region, out v) & int.TryParse(region, out n); return ok ? x * v * n : x;")]
    [InlineData("int.TryParse(region, out _); rates.TryGetValue(region, out k); return x * k;")]
    [InlineData("double s = 0; for (int i = 0; i < 3; i++) { if (x > i && rates.TryGetValue(region + i, out double r)) s += x * r; else s *= x; } return s;")]
    [InlineData("return x * (Split(region, out var a, out string? b) + a + (b?.Length ?? 0));")]
    public void AnOutArgumentOfACallOfConstantsSetsAVariable(string body)
    {
        var result = GeneratorHarness.Run(Usings + "#nullable enable\n" + """
            public partial class C
            {
                readonly System.Collections.Generic.Dictionary<string, double> rates = new();
                static double Split(string s, out int head, out string? tail) { head = s.Length; tail = null; return 1; }
                [Differentiable(Derivatives.Reverse | Derivatives.Forward | Derivatives.Hessian)] public double F(double x, [NoDiff] string region, [NoDiff] double k) { BODY }
            }
            """.Replace("BODY", body));
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
    }

    [Theory]
    [InlineData("Fill(region, out double v); return x * v;", "a void method")]
    [InlineData("rates.TryGetValue(region, out cached); return x * cached;", "sets something other than a local or a parameter")]
    [InlineData("double t = 1; return x * (Scale(ref t, out double v) + v);", "also passes a ref, in, params or default argument")]
    public void AnOutArgumentThatCannotBeFollowedIsSaid(string body, string reason)
    {
        var result = GeneratorHarness.Run(Usings + """
            public partial class C
            {
                readonly System.Collections.Generic.Dictionary<string, double> rates = new();
                double cached;
                static void Fill(string s, out double v) => v = s.Length;
                static double Scale(ref double t, out double v) { v = t; return 2; }
                [Differentiable] public double F(double x, [NoDiff] string region) { BODY }
            }
            """.Replace("BODY", body));
        Assert.Equal("SDIFF0006", Assert.Single(result.Diagnostics).Id);
        Assert.Contains(reason, result.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void AnOutArgumentOfACallGivenADifferentiableValueIsSaid() => Expect(
        "public static partial class C { static bool Try(double v, out double w) { w = v; return true; } [Differentiable] public static double F(double x) => Try(x, out double w) ? w : x; }",
        ("SDIFF0004", "Try(x, out double w)"));

    /// <summary>F47: a null test reads whether a constant array is there; a differentiable array's adjoint cannot be null.</summary>
    [Theory]
    [InlineData("w is null ? x : x * w[0]")]
    [InlineData("w is not null ? x * w[0] : x")]
    [InlineData("w == null ? x : x * w[0]")]
    [InlineData("null != w ? x * w[0] : x")]
    [InlineData("x * (w?[0] ?? 1.0) + (w?.Length ?? 0)")]
    [InlineData("x * (w?.Length ?? v.Length) + v[0]")] // an int measured from a differentiable array is a step of nothing
    public void ANullTestOfAConstantArrayIsRead(string expression)
    {
        var result = GeneratorHarness.Run(Usings + "#nullable enable\n" + $$"""
            public static partial class C { [Differentiable] public static double F(double x, [NoDiff] double[]? w, double[] v) => {{expression}}; }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        Assert.Contains("double[]? w, double[] v, out double dx, global::System.Span<double> dv)", result.GeneratedSources.Single().Value);
    }

    [Theory]
    [InlineData("w is null ? x : x * w[0]", "w", "a null test of the differentiable array 'w'")]
    [InlineData("x * (w?[0] ?? 1.0)", "w?[0] ?? 1.0", "reads a differentiable value through ?. or ??")]
    public void ANullTestOfADifferentiableArrayIsSaid(string expression, string text, string reason)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            public static partial class C { [Differentiable] public static double F(double x, double[] w) => {{expression}}; }
            """);
        Assert.Equal(("SDIFF0006", text), Assert.Single(result.DiagnosticsWithText()));
        Assert.Contains(reason, result.Diagnostics.Single().GetMessage());
    }

    /// <summary>F55: an indexer of constants (a list's, a dictionary's) is a constant, read once; it was SDIFF0006, "'l[0]' (PropertyReference)".</summary>
    [Fact]
    public void AnIndexerOfConstantsIsAConstant() => Expect(
        "public partial class C { System.Collections.Generic.List<double> l = new(); System.Collections.Generic.Dictionary<string, double> d = new(); [Differentiable] public double F(double x, string k) => l[0] * x + d[k] * x; }")
        .AssertCompilesCleanly();

    /// <summary>An indexer given a differentiable value computes out of the generator's sight: SDIFF0004, as a call would be.</summary>
    [Fact]
    public void AnIndexerOfADifferentiableValueIsSaid() => Expect(
        "public partial class C { public double this[double t] => t * 2; [Differentiable] public double F(double x) => this[x] * x; }",
        ("SDIFF0004", "this[x]"));

    [Fact]
    public void SwitchExpressionAndPattern() => Expect(
        "public static partial class C { [Differentiable] public static double F(double x) => (x switch { > 0 and var y => y, _ => 0 }) + (x is double d ? d : 0); }",
        ("SDIFF0006", "> 0 and var y"),
        ("SDIFF0006", "x is double d"));

    [Fact]
    public void PostfixIncrementInsideAnExpression() => Expect(
        "public static partial class C { [Differentiable] public static double F(double x) { double y; y = x++; return y; } }",
        ("SDIFF0006", "x++"));

    // ---- SDIFF0007: methods

    [Fact]
    public void GenericMethod()
    {
        var result = Expect(
            "public static partial class C { [Differentiable] public static double F<T>(double x) => x * x; }",
            ("SDIFF0007", "F"));
        Assert.Equal("'C.F<T>(double)' cannot be differentiated: generic methods are not supported", result.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void AbstractMethod() => Expect(
        "public abstract partial class C { [Differentiable] public abstract double F(double x); }",
        ("SDIFF0007", "F"));

    [Fact]
    public void ExternMethod() => Expect(
        "public partial class C { [Differentiable] public static extern double F(double x); }",
        ("SDIFF0007", "F"));

    [Fact]
    public void PartialMethodWithoutImplementation()
    {
        // The compiler reports the missing implementation itself; the generator adds nothing.
        var result = Expect("public static partial class C { [Differentiable] public static partial double F(double x); }");
        Assert.Contains(result.CompilationDiagnostics, d => d.Id == "CS8795");
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void AttributeOnThePartialImplementationIsDifferentiated()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                public static partial double F(double x);
                [Differentiable] public static partial double F(double x) => x * x;
            }
            """);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["C.F.g.cs"], result.GeneratedSources.Keys.Select(HintNames.Readable));
        result.AssertCompilesCleanly();
    }

    // ---- SDIFF0009: warning, code still generated

    [Theory]
    [InlineData("double F(double x) => 0.0;")]
    [InlineData("double F([NoDiff] double x) => x * x;")]
    [InlineData("double F(decimal m) => (double)m;")]
    [InlineData("double F() => 1.0;")]
    public void ResultIndependentOfDifferentiableInputs(string method)
    {
        var result = Expect($"public static partial class C {{ [Differentiable] public static {method} }}", ("SDIFF0009", "F"));
        Assert.Equal(DiagnosticSeverity.Warning, result.Diagnostics.Single().Severity);
        Assert.Equal(["C.F.g.cs"], result.GeneratedSources.Keys.Select(HintNames.Readable));
        result.AssertOutputCompilesCleanly();
    }

    // ---- several diagnostics, isolation, odd input

    [Fact]
    public void EveryErrorInOneMethodIsReported() => Expect(
        """
        public static partial class C
        {
            static double Foo(double v) => v;
            [Differentiable]
            public static double F(double x)
            {
                Array.Sort(new[] { x });
                double y = (double)(object)x;
                try { } finally { }
                return y + Foo(x);
            }
        }
        """,
        ("SDIFF0005", "Array.Sort(new[] { x })"),
        ("SDIFF0006", "(object)x"),
        ("SDIFF0005", "try { } finally { }"),
        ("SDIFF0004", "Foo(x)"));

    [Fact]
    public void AnErrorInOneMethodDoesNotStopTheOthers()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                [Differentiable] public static double Good(double x) => x * x;
                [Differentiable] public static double Bad(double x) => double.MultiplyAddEstimate(x, 1.0, 1.0);
            }
            public partial class D
            {
                [Differentiable] public double AlsoGood(double x) => Math.Exp(x);
            }
            """);
        Assert.Equal([("SDIFF0004", "double.MultiplyAddEstimate(x, 1.0, 1.0)")], result.DiagnosticsWithText());
        Assert.Equal(["C.Good.g.cs", "D.AlsoGood.g.cs"], result.GeneratedSources.Keys.Select(HintNames.Readable).Order());
        Assert.DoesNotContain(result.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true);
    }

    [Fact]
    public void DiagnosticsPointIntoTheRightFile()
    {
        var result = GeneratorHarness.Run(
            Usings + "public static partial class A { [Differentiable] public static double F(double x) => x * x; }",
            [Usings + "public static class B { [Differentiable] public static double G(double x) => x * x; }"]);
        var diagnostic = result.Diagnostics.Single();
        Assert.Equal(("SDIFF0001", "B"), (diagnostic.Id, diagnostic.TextAt(result.OutputCompilation)));
        Assert.Equal("Source1.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void MethodWithSyntaxErrorsIsLeftToTheCompiler()
    {
        var result = GeneratorHarness.Run(Usings + "public static partial class C { [Differentiable] public static double F(double x) { return x * ; } }");
        Assert.Empty(result.GeneratedSources);
        Assert.Contains(result.CompilationDiagnostics, d => d.Id == "CS1525");
        Assert.Empty(result.Diagnostics);
    }

    /// <summary>
    /// Code the compiler rejects gets the compiler's errors and none of ours: no SDIFF diagnostic (the generator asks
    /// the compiler before it reports one, or a failure) and no error in a generated file. A body rejected only where
    /// the generator has nothing to say (a name declared twice) may still get companions, which compile.
    /// </summary>
    [Theory]
    [InlineData("return x * y;", "CS0103")]
    [InlineData("return Math.Exp(x, x);", "CS1501")]
    [InlineData("double[] a = x; return a[0];", "CS0029")]
    [InlineData("int n = x; return n * x;", "CS0266")]
    [InlineData("return x.Length;", "CS1061")]
    [InlineData("ref double r = ref x * 2; return r;", "CS1510")]
    [InlineData("double a; return a * x;", "CS0165")]
    [InlineData("if (x > 0) return x * x;", "CS0161")]
    [InlineData("double a = x; { double a = 2; } return a * x;", "CS0136")]
    [InlineData("Foo v = default; return x * x;", "CS0246")]
    [InlineData("Console.WriteLine(q); return x * x;", "CS0103")]
    [InlineData("Debug.Assert(x > 0, $\"{q}\"); return x * x;", "CS0103")]
    [InlineData("const double k = 1 / 0; return x * k;", "CS0020")]
    [InlineData("int i = int.MaxValue + 1; return x * i;", "CS0220")]
    [InlineData("if (x > 0) throw new Foo(); return x * x;", "CS0246")]
    [InlineData("double s = 0; for (int i = 0; i < n; i++) s += x; return s;", "CS0103")]
    [InlineData("return x switch { > 0 => x, };", "CS8509")]
    [InlineData("double y = x; y.Foo(); return x * x;", "CS1061")]
    [InlineData("System.Collections.Generic.List<Foo> v = null; return x * x;", "CS0246")]
    [InlineData("Foo[] v = null; return x * x;", "CS0246")]
    public void MethodWithCompileErrorsGetsNoneOfOurs(string body, string error)
    {
        var result = GeneratorHarness.Run(Usings + "public static partial class C { [Differentiable] public static double F(double x) { " + body + " } }");
        AssertLeftToTheCompiler(result, error);
    }

    /// <summary>
    /// The same for errors around the body: in the head of the class or namespace the companions are declared in (a
    /// name being typed), or in the method's declaration (an instance method of a static class, a method declared twice),
    /// which the companions would repeat. (Found by a typing-state probe: states cut from Generator.Tests' sources.)
    /// </summary>
    [Theory]
    [InlineData("public static partial class { [Differentiable] public static double F(double x) => x * x; }", "CS1001")]
    [InlineData("namespace ; public static partial class C { [Differentiable] public static double F(double x) => x * x; }", "CS1001")]
    [InlineData("public static partial class C : { [Differentiable] public static double F(double x) => x * x; }", "CS1031")]
    [InlineData("public static partial class C { [Differentiable] public double F(double x) => x * x; }", "CS0708")]
    [InlineData("public static partial class C { [Differentiable] public static double F(double x) => x * x; public static double F(double y) => y; }", "CS0111")]
    [InlineData("public partial class B { [Differentiable] public virtual double F(double x) => x * x; } public partial class C : B { [Differentiable] override double F(double x) => x * x * x; }", "CS0621")]
    [InlineData("public partial class C { [Differentiable] public static virtual double F(double x) => x * x; }", "CS0112")]
    [InlineData("public partial struct S { [Differentiable] public virtual double F(double x) => x * x; }", "CS0106")]
    [InlineData("public partial class C { [Differentiable] public override double F(double x) => x * x; }", "CS0115")]
    [InlineData("public sealed partial class C { [Differentiable] public virtual double F(double x) => x * x; }", "CS0549")]
    [InlineData("public partial class C { [Differentiable] public sealed double F(double x) => x * x; }", "CS0238")]
    [InlineData("public partial class B { [Differentiable] public double F(double x) => x; } public partial class C : B { [Differentiable] public override double F(double x) => x * x; }", "CS0506")]
    [InlineData("public partial class C { [Differentiable] public static double F(double x, double x) => x * x; }", "CS0100")]
    [InlineData("public partial class C { [Differentiable] public static double F(params double x) => x * x; }", "CS0225")]
    [InlineData("public static partial class C { [Differentiable] protected static double F(double x) => x * x; }", "CS1057")]
    [InlineData("public partial struct S { [Differentiable] public static readonly double F(double x) => x * x; }", "CS8657")]
    [InlineData("public static partial class C { [Differentiable] public static void V(ReadOnlySpan<doubledouble> b, double u, Span<double> z) { for (int i = 0; i < b.Length; i++) z[i] = u; } }", "CS0246")]
    [InlineData("public static partial class C { [Differentiable] public static double F(double x, List<Foo> b) => x * b.Count; }", "CS0246")]
    [InlineData("public partial class C<T, T> { [Differentiable] public static double F(double x) => x * x; }", "CS0692")]
    [InlineData("public partial class C<C> { [Differentiable] public static double F(double x) => x * x; }", "CS0694")]
    public void MethodInADeclarationTheCompilerRejectsGetsNoneOfOurs(string source, string error)
    {
        var result = GeneratorHarness.Run(Usings + source);
        AssertLeftToTheCompiler(result, error);
    }

    /// <summary>The compiler's error is there, and nothing of ours: no SDIFF diagnostic, no error in a generated file.</summary>
    /// <summary>
    /// A call of a companion the generator makes (GGradient of a [Differentiable] G) binds to nothing in the compilation the
    /// generator reads, which its own output is not part of; the compiler, which has it, accepts the call. Such a method
    /// was left to the compiler as code it rejects: no companions and no reason, only a CS0117 at the user's FGradient.
    /// </summary>
    [Theory]
    [InlineData("GGradient(x, out double d); return d * x;", "GGradient")]
    [InlineData("double d = 0; C.GBackward(x, 1.0, ref d); return d * x;", "GBackward")]
    [InlineData("double d = 0; new M().HBackward(x, 1.0, ref d); return d * x;", "HBackward")]
    [InlineData("return KTangent(x, 1.0, out _) * x;", "KTangent")]
    [InlineData("return KHessian(x) * x;", "KHessian")]
    public void CallingAGeneratedCompanionIsSaid(string body, string companion)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            public static partial class C
            {
                [Differentiable] public static double G(double x) => x * x;
                [Differentiable(Derivatives.Forward | Derivatives.Hessian)] public static double K(double x) => x * x * x;
                [Differentiable] public static double F(double x) { {{body}} }
            }
            public partial class M { [Differentiable] public double H(double x) => x * x; }
            """);
        var said = Assert.Single(result.DiagnosticsWithText());
        Assert.Equal(("SDIFF0006", companion), said);
        Assert.Contains($"'{companion}' is generated by SymbolicDiff", result.Diagnostics.Single().GetMessage());
        Assert.DoesNotContain(result.GeneratedSources.Keys, k => k.StartsWith("C.F."));
    }

    /// <summary>Where the name is no companion (G is not [Differentiable], or gets no Tangent), or the method has another error too, the compiler says it.</summary>
    [Theory]
    [InlineData("return PGradient(x, out _) * x;", "CS0103")]
    [InlineData("return GTangent(x, 1.0, out _) * x;", "CS0103")]
    [InlineData("GGradient(x, out double d); return Other.Made(d);", "CS0103")]
    [InlineData("return C.PBackward(x) * x;", "CS0117")]
    public void ANameThatIsNoCompanionIsLeftToTheCompiler(string body, string error)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            public static partial class C
            {
                public static double P(double x) => x * x;
                [Differentiable] public static double G(double x) => x * x;
                [Differentiable] public static double F(double x) { {{body}} }
            }
            """);
        AssertLeftToTheCompiler(result, error);
    }

    /// <summary>Extension members of C# 14 in a namespace of their own: a generated file can reach them only by their class.</summary>
    const string ExtensionBlocks = """
        namespace Ext
        {
            public readonly struct Money(double amount)
            {
                public double Amount => amount;
                public static double operator *(Money m, double r) => m.Amount * r * r;
                public static double operator +(double r, Money m) => m.Amount + r * r * r;
                public static bool operator >(Money m, double r) => m.Amount > r;
                public static bool operator <(Money m, double r) => m.Amount < r;
            }
            public static partial class Scaling
            {
                extension(double x)
                {
                    public double Cubed() => x * x * x;
                    public double Doubled => 2 * x;
                    public static double Half(double a) => a / 2;
                    public static double Base => 1.5;
                }
                extension(double[] a) { public double Total => a[0] + a[1]; }
                extension(Money m) { public static double operator /(Money a, double r) => a.Amount / (r * r); }
                extension(double d) { public static double operator ~(double a) => -a; }
                extension<T>(T[] values) where T : System.Numerics.INumber<T>
                {
                    public T Last => values[^1];
                    public U Either<U>(U other) => other;
                }
            }
        }
        """;

    /// <summary>
    /// A member of a C# 14 extension block given a differentiable value, as its receiver or an argument, has no
    /// derivative. The receiver of <c>x.Cubed()</c> is the call's instance, not an argument, and the parser looked only
    /// at arguments: the call was a constant, the gradient wrong without a word (F39). Also any other member of a
    /// differentiable value that computes a value carrying no gradient from it (<c>w.GetValue(0)</c>).
    /// </summary>
    [Theory]
    [InlineData("x.Cubed() * x", "x.Cubed()")]
    [InlineData("x.Doubled * x", "x.Doubled")]
    [InlineData("double.Half(x) * x", "double.Half(x)")]
    [InlineData("w.Total * x", "w.Total")]
    [InlineData("w.Last * x", "w.Last")]
    [InlineData("w.Either(x) * x", "w.Either(x)")]
    [InlineData("(double)w.GetValue(0)! * x", "w.GetValue(0)")]
    public void AMemberComputingFromADifferentiableValueIsSaid(string expression, string call)
    {
        var result = GeneratorHarness.Run(Usings + "using Ext;\n" + $$"""
            public static partial class C { [Differentiable] public static double F(double x, double[] w) => {{expression}}; }
            """, [ExtensionBlocks]);
        Assert.Equal(("SDIFF0004", call), Assert.Single(result.DiagnosticsWithText()));
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>What a differentiable value's members give that carries no gradient (a step, text) stays a constant.</summary>
    [Theory]
    [InlineData("x.CompareTo(w[0]) * x")]
    [InlineData("x.ToString().Length * x")]
    [InlineData("(x.Equals(w[1]) ? 2 : 1) * x + w.Rank + w.LongLength")]
    public void AStepOrTextOfADifferentiableValueIsAConstant(string expression)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            public static partial class C { [Differentiable] public static double F(double x, double[] w) => {{expression}}; }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
    }

    /// <summary>
    /// Extension members of constants are called in their implementation form, by the class that declares the block: the
    /// generated file has none of the user's usings, and the block has no name (written as the user wrote them, they were
    /// CS1061 and CS0117 in generated code; F39). Gradients.Tests.ExtensionMembers checks the numbers.
    /// </summary>
    [Fact]
    public void AnExtensionMemberOfConstantsIsCalledByItsClass()
    {
        var result = GeneratorHarness.Run(Usings + "using Ext;\n" + """
            public static partial class C
            {
                [Differentiable]
                public static double F(double y, [NoDiff] double k, [NoDiff] double[] t) =>
                    y * k.Cubed() + y * k.Doubled + y * double.Half(k) + y * double.Base + y * t.Total + y * t.Last + y * t.Either(0.5);
            }
            """, [ExtensionBlocks]);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        string code = Assert.Single(result.GeneratedSources).Value;
        foreach (string call in new[] { "Cubed(k)", "get_Doubled(k)", "Half(k)", "get_Base()", "get_Total(t)", "get_Last<double>(t)", "Either<double, double>(t, 0.5)" })
            Assert.Contains("global::Ext.Scaling." + call, code);
    }

    /// <summary>
    /// An operator the user defined, given a differentiable value: it was taken for the built-in one of its symbol
    /// (<c>new Money(k) * x</c> differentiated as k·x, the value wrong too, through Money's conversion; F40).
    /// </summary>
    [Theory]
    [InlineData("return new Money(k) * x;", "new Money(k) * x")]
    [InlineData("return x + new Money(k);", "x + new Money(k)")]
    [InlineData("return new Money(k) / x;", "new Money(k) / x")]
    [InlineData("return ~x;", "~x")]
    [InlineData("double s = x; s += new Money(k); return s;", "s += new Money(k)")]
    public void AUserDefinedOperatorGivenADifferentiableValueIsSaid(string body, string operation)
    {
        var result = GeneratorHarness.Run(Usings + "using Ext;\n" + $$"""
            public static partial class C { [Differentiable] public static double F(double x, [NoDiff] double k) { {{body}} } }
            """, [ExtensionBlocks]);
        Assert.Equal(("SDIFF0004", operation), Assert.Single(result.DiagnosticsWithText()));
    }

    /// <summary>
    /// Of constants, or compared, a user-defined operator binds as the user's does: an extension block's written in its
    /// implementation form (as the user wrote it, it was CS0019 and CS0023 in generated code; F40).
    /// </summary>
    [Fact]
    public void AUserDefinedOperatorOfConstantsBindsAsTheUsersDoes()
    {
        var result = GeneratorHarness.Run(Usings + "using Ext;\n" + """
            public static partial class C
            {
                [Differentiable]
                public static double F(double x, [NoDiff] double k) => x * (new Money(k) / k) + x * ~k + new Money(k) * k + (new Money(k) > x ? x : 2 * x);
            }
            """, [ExtensionBlocks]);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        string code = Assert.Single(result.GeneratedSources).Value;
        Assert.Contains("global::Ext.Scaling.op_Division(new global::Ext.Money(k), k)", code);
        Assert.Contains("global::Ext.Scaling.op_OnesComplement(k)", code);
        Assert.Contains("(new global::Ext.Money(k)) * k", code);
    }

    /// <summary>
    /// A file-local type (C# 11) is visible in its own file only: the generated file's partial declaration declared another
    /// type, whose companions the user's code could not call, and whose copies of the user's reads of the type's members
    /// did not compile (CS0117 in generated code; F41).
    /// </summary>
    [Theory]
    [InlineData("file static partial class Local { static double k = 2; [Differentiable] public static double F(double x) => k * x * x; }", "Local")]
    [InlineData("file static partial class Outer { public static partial class Inner { [Differentiable] public static double F(double x) => x * x; } }", "Outer")]
    public void AMethodOfAFileLocalTypeGetsNoCompanions(string source, string type)
    {
        var result = GeneratorHarness.Run(Usings + source);
        Assert.Equal(("SDIFF0007", "F"), Assert.Single(result.DiagnosticsWithText()));
        Assert.Contains($"'{type}' is a file-local type", result.Diagnostics.Single().GetMessage());
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// <c>base.F(x)</c> in an override of F calls the base's F: its companions must be the base's too. The receiver was
    /// written <c>this</c>, so the override's Backward called itself until the stack overflowed (F42;
    /// Gradients.Tests.BaseCallTests checks the numbers in every mode).
    /// </summary>
    [Fact]
    public void ACallOfTheBaseCallsTheBasesCompanions()
    {
        var result = GeneratorHarness.Run(Usings + """
            public partial class B { [Differentiable(Derivatives.Reverse | Derivatives.Forward | Derivatives.Hessian)] public virtual double F(double x) => x * x + Math.Sin(x); }
            public partial class C : B { [Differentiable(Derivatives.Reverse | Derivatives.Forward | Derivatives.Hessian)] public override double F(double x) => 3 * base.F(x) + x; }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        string code = result.GeneratedSources.Single(s => s.Key.StartsWith("C.F.")).Value;
        foreach (string companion in new[] { "F(", "FBackward(", "FTangent(", "FBackwardTangent(" })
        {
            Assert.Contains("base." + companion, code);
            Assert.DoesNotContain("this." + companion, code);
        }
    }

    /// <summary>
    /// The receiver of a [Differentiable] instance method is needed twice, by F forward and FBackward backward. One that
    /// computes (<c>Next().F(x)</c>) was computed twice, the gradient the second object's; it is now made once (F43).
    /// </summary>
    [Fact]
    public void AReceiverThatComputesIsMadeOnce()
    {
        var result = GeneratorHarness.Run(Usings + """
            public partial class Rate(double k) { [Differentiable] public double Apply(double x) => k * x * x; }
            public partial class Source
            {
                int made;
                public Rate Next() => new(++made);
                [Differentiable] public double Charge(double x) => Next().Apply(x);
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        string code = result.GeneratedSources.Single(s => s.Key.StartsWith("Source.Charge.")).Value;
        Assert.Contains("global::Rate next0 = this.Next();", code);
        Assert.Contains("next0.ApplyBackward(", code);
        Assert.DoesNotContain("Next().ApplyBackward(", code);
    }

    /// <summary>
    /// In a loop, the backward pass needs each iteration's receiver, and only numbers and bools are saved: SDIFF0005. The
    /// planner did not see the receiver among the backward call's reads, so the generated code read a variable of the
    /// forward loop (CS0103 in generated code; F43).
    /// </summary>
    [Theory]
    [InlineData("for (int i = 0; i < 3; i++) { var r = new Rate(k + i); s += r.Apply(x * s + 1); }", "'r' (global::Rate?)")]
    [InlineData("for (int i = 0; i < 3; i++) s += new Rate(k + i).Apply(x * s + 1);", "'rate0' (global::Rate)")]
    [InlineData("for (int i = 0; i < 3; i++) s += Make(k + i).Apply(x * s + 1);", "'make0' (global::Rate)")]
    public void AReceiverMadeInALoopIsSaid(string loop, string value)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            public partial class Rate(double k) { [Differentiable] public double Apply(double x) => k * x * x; }
            public static partial class C
            {
                static Rate Make(double k) => new(k);
                [Differentiable] public static double F(double x, [NoDiff] double k) { double s = 0; {{loop}} return s; }
            }
            """);
        Assert.Equal(("SDIFF0005", "F"), Assert.Single(result.DiagnosticsWithText()));
        Assert.EndsWith("make an object before the loop", result.Diagnostics.Single().GetMessage());
        Assert.Contains($"a loop overwrites {value}, which the backward pass needs", result.Diagnostics.Single().GetMessage());
    }

    /// <summary>An extension block is a type without a name: nothing to declare companions in (it was SDIFF0001 on a type named '').</summary>
    [Theory]
    [InlineData("public double Bad() => x * x;")]
    [InlineData("public static double Bad(double a) => a * a;")]
    public void AMemberOfAnExtensionBlockGetsNoCompanions(string member)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            public static partial class Scaling { extension(double x) { [Differentiable] {{member}} } }
            """);
        Assert.Equal(("SDIFF0007", "Bad"), Assert.Single(result.DiagnosticsWithText()));
        Assert.Contains("a member of an extension block (C# 14) cannot get companions", result.Diagnostics.Single().GetMessage());
        Assert.Empty(result.GeneratedSources);
    }

    /// <summary>
    /// Copied code (a guard, a log line) reaching an extension member or operator would need the user's usings too: it is
    /// written in the implementation form, its operands copied in turn (the random programs' guards reach them too).
    /// </summary>
    [Theory]
    [InlineData("System.Diagnostics.Debug.Assert(k.Cubed() > -1e300);", "global::Ext.Scaling.Cubed(k)")]
    [InlineData("Console.WriteLine($\"{k.Doubled}\");", "global::Ext.Scaling.get_Doubled(k)")]
    [InlineData("Console.WriteLine(double.Half(k) + ~k);", "global::Ext.Scaling.Half(k) + global::Ext.Scaling.op_OnesComplement(k)")]
    [InlineData("Console.WriteLine(new Money(k) / k);", "global::Ext.Scaling.op_Division(new global::Ext.Money(k), k)")]
    public void AnExtensionMemberInCopiedCodeIsCalledByItsClass(string statement, string written)
    {
        var result = GeneratorHarness.Run(Usings + "using Ext;\n" + $$"""
            public static partial class C { [Differentiable] public static double F(double y, [NoDiff] double k, [NoDiff] double[] t) { {{statement}} return y * y; } }
            """, [ExtensionBlocks]);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
        Assert.Contains(written, Assert.Single(result.GeneratedSources).Value);
    }

    /// <summary>
    /// A project that compiles C# 7.3 or older (a pinned LangVersion): the generated file's #nullable directive needs C# 8
    /// (CS8370 in generated code before), so each method is SDIFF0007 and gets no companions. C# 8 builds (CompileCleanTests).
    /// </summary>
    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, "7.3")]
    [InlineData(LanguageVersion.CSharp7, "7.0")]
    public void ALanguageVersionBeforeCSharp8IsSaid(LanguageVersion version, string shown)
    {
        var result = GeneratorHarness.Run(
            Usings + "public static partial class C { [Differentiable] public static double F(double x) => Math.Exp(x) * x; }",
            parseOptions: GeneratorHarness.ParseOptions.WithLanguageVersion(version),
            options: GeneratorHarness.CompilationOptions.WithNullableContextOptions(NullableContextOptions.Disable));

        Assert.Equal([("SDIFF0007", "F")], result.DiagnosticsWithText());
        Assert.Contains($"the project compiles C# {shown}", result.Diagnostics.Single().GetMessage());
        Assert.Empty(result.GeneratedSources);
        Assert.Empty(result.CompilationDiagnostics);
    }

    static void AssertLeftToTheCompiler(GeneratorResult result, string error)
    {
        Assert.Contains(result.CompilationDiagnostics, d => d.Id == error);
        Assert.Empty(result.Diagnostics);
        Assert.DoesNotContain(result.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true);
    }

    [Fact]
    public void AttributeOnALocalFunction()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                public static double G(double x)
                {
                    [Differentiable] double L(double v) => v * v;
                    return L(x);
                }
            }
            """);
        Assert.Empty(result.GeneratedSources);
        Assert.Equal([("SDIFF0007", "L")], result.DiagnosticsWithText());
        Assert.Contains("local function", result.Diagnostics.Single().GetMessage());
    }

    /// <summary>
    /// A call of a local function the generated methods cannot have is said where it is made. Declared after the
    /// return (a common place for helpers), the declaration was never lowered, so nothing was said, and the call was
    /// written as a member of the type (CS0117 in generated code; F44). One that is one returned expression of its
    /// numbers is lowered at the call (F49, <c>LocalFunctionTests</c>); any other is said, in differentiated and in
    /// copied code alike.
    /// </summary>
    [Theory]
    [InlineData("double Square(double v) { double s = v; s *= v; return s; } return x * Square(x);", "Square(x)")]
    [InlineData("double Sum(double v) { double s = 0; for (int i = 0; i < 3; i++) s += v; return s; } return Sum(x);", "Sum(x)")]
    [InlineData("double Half(double v) { int n = 2; return v / n; } return Half(x);", "Half(x)")]
    [InlineData("double k = 2; double Scaled(double v) => v * k; return Scaled(x);", "Scaled(x)")]
    [InlineData("return x * Twice(3); static int Twice(int n) => 2 * n;", "Twice(3)")]
    [InlineData("return Power(x, 3); static double Power(double v, int n) => Math.Pow(v, n);", "Power(x, 3)")]
    [InlineData("return Repeat(x, 3); static double Repeat(double v, double n) => n < 1 ? v : Repeat(v * v, n - 1);", "Repeat(x, 3)")]
    [InlineData("return Total(x); static double Total(double v) => Math.Round(v) + v;", "Total(x)")]
    [InlineData("Console.WriteLine(Square(x)); return x * x; static double Square(double v) => v * v;", "Square(x)")]
    public void ACallOfALocalFunctionIsSaid(string body, string call)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            public static partial class C { [Differentiable] public static double F(double x) { {{body}} } }
            """);
        Assert.Empty(result.GeneratedSources);
        Assert.Equal([("SDIFF0006", call)], result.DiagnosticsWithText());
        Assert.Contains("a call of a local function", result.Diagnostics.Single().GetMessage());
    }

    /// <summary>One that is declared and not called is no concern of the generated code.</summary>
    [Fact]
    public void ALocalFunctionNotCalledIsLeftOut()
    {
        var result = GeneratorHarness.Run(Usings + """
            #pragma warning disable CS8321 // the user's own warning: declared and not used
            public static partial class C { [Differentiable] public static double F(double x) { return x * x; static double Unused(double v) => v * v; } }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
    }

    [Fact]
    public void AttributeOnTheDeclaringHalfOfAPartialMethod()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                [Differentiable] public static partial double F(double x);
                public static partial double F(double x) => x * x;
            }
            """);
        Assert.Empty(result.Diagnostics);
        Assert.Single(result.GeneratedSources);
        result.AssertCompilesCleanly();
    }

    [Fact]
    public void AttributeOnAConstructorIsLeftToTheCompiler()
    {
        var result = GeneratorHarness.Run(Usings + "public partial class C { [Differentiable] public C(double x) { } }");
        Assert.Empty(result.GeneratedSources);
        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.CompilationDiagnostics, d => d.Id == "CS0592");
    }

    [Fact]
    public void MethodThatDoesNotReturnOnEveryPathDoesNotCrash()
    {
        var result = GeneratorHarness.Run(Usings + "public static partial class C { [Differentiable] public static double F(double x) { if (x > 0) return x; } }");
        Assert.Contains(result.CompilationDiagnostics, d => d.Id == "CS0161");
        Assert.DoesNotContain(result.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true);
    }

    [Fact]
    public void EveryDescriptorIsDocumentedInTheReleaseTracking()
    {
        var ids = typeof(Diagnostics.Descriptors).GetFields()
            .Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>()
            .Select(d => (d.Id, Severity: d.DefaultSeverity.ToString(), d.Title.ToString()));
        var unshipped = System.IO.File.ReadAllText(System.IO.Path.Combine(RepoRoot(), "src", "Generator", "AnalyzerReleases.Unshipped.md"));
        foreach (var (id, severity, title) in ids)
            Assert.Contains($"{id} | SymbolicDiff | {severity} | {title}", unshipped);
    }

    static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file)!, "..", ".."));
}
