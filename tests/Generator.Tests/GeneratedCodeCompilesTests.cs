using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>
/// User code that compiles and gets no SDIFF error must give generated code that compiles with no
/// warning either: one test per way it once did not (issue 7, section 2).
/// </summary>
public class GeneratedCodeCompilesTests
{
    const string Usings = "using System;\nusing SymbolicDiff;\n";

    static GeneratorResult Clean(string source)
    {
        var result = GeneratorHarness.Run(Usings + source);
        Assert.Equal([], result.DiagnosticsWithText());
        result.AssertCompilesCleanly();
        return result;
    }

    // ---- hint names: unique ignoring case, whatever the names read like

    [Theory]
    [InlineData("public static partial class C { [Differentiable] public static double F(double x) => x * x; [Differentiable] public static double f(double x) => x * x; }")]
    [InlineData("public partial class Model { [Differentiable] public static double F(double x) => x * x; } public partial class MODEL { [Differentiable] public static double F(double x) => x * x; }")]
    [InlineData("public partial class A<T> { [Differentiable] public static double F(double x) => x * x; } public partial class A_T_ { [Differentiable] public static double F(double x) => x * x; }")]
    public void MethodsWhoseNamesReadAlikeEachGetAFile(string source)
    {
        var result = Clean(source);
        Assert.Equal(2, result.GeneratedSources.Count);
        Assert.Equal(2, result.GeneratedSources.Keys.Select(k => k.ToUpperInvariant()).Distinct().Count());
    }

    // ---- names the user wrote with @: parameters, locals, loop variables, arrays, types, namespaces

    const string KeywordNames = """
        namespace @namespace
        {
            public static partial class @class<@int>
            {
                [Differentiable]
                public static double @return(double @double, double @in, double[] @params, int @out)
                {
                    double @int = @double * @in;
                    double[] @new = { @int, @in };
                    for (int @for = 0; @for < @out; @for++)
                    {
                        @int += @params[@for] * @new[0];
                        @new[1] = @int * @double;
                    }
                    double @var = @new[1] + @this(@int);
                    return @var * @int;
                }

                [Differentiable] public static double @this(double @base) => @base * @base;

                public static double Gradient(double a, double b, double[] p, double[] dp, out double da, out double db) =>
                    @returnGradient(a, b, p, p.Length, out da, out db, dp);
            }
        }
        """;

    [Fact]
    public void KeywordNamesAreWrittenWithTheirAt()
    {
        var result = Clean(KeywordNames);
        Assert.Contains("double @int = @double * @in;", result.GeneratedSources.Single(s => s.Key.Contains(".return.")).Value);
    }

    // ---- inheritance: the companions follow F (virtual/override/sealed), and say new when they hide

    [Fact]
    public void CompanionsOfOverridingAndHidingMethods() => Clean("""
        public abstract partial class Base
        {
            [Differentiable] public virtual double F(double x) => x * x;
            [Differentiable] public double G(double x) => x * x;
            [Differentiable] public static double S(double x) => x;
            public virtual double NotDifferentiable(double x) => x;
            public double HGradient(double x, out double dx) { dx = 1; return x; }
            private double P(double x) => x;
            [Differentiable] private double Q(double x) => x * x;
        }
        public partial class Derived : Base
        {
            [Differentiable] public override double F(double x) => x * x * x;
            [Differentiable] public new double G(double x) => x;
            [Differentiable] public static new double S(double x) => 2 * x;
            [Differentiable] public override double NotDifferentiable(double x) => 3 * x;
            [Differentiable] public double H(double x) => x * 4;
            [Differentiable] private double P(double x) => x * 5;
            [Differentiable] private double Q(double x) => x * 6; // Base's QGradient is private: nothing to hide, no "new"
        }
        public sealed partial class Leaf : Derived
        {
            [Differentiable] public sealed override double F(double x) => x;
            [Differentiable] public sealed override double NotDifferentiable(double x) => x * x;
        }
        """);

    // ---- SDIFF0012: a member of the user's takes a companion's name and parameters

    [Theory]
    [InlineData("public static double LossGradient(double x, out double dx) { dx = 0; return 0; }", "LossGradient")]
    [InlineData("public static double LossGradient(double y, ref double dy) => y;", "LossGradient")]
    [InlineData("public static double LossBackward(double x, double seed, ref double dx) => x;", "LossBackward")]
    [InlineData("public static int LossBackward(double x, double seed, out double dx) { dx = 0; return 0; }", "LossBackward")]
    [InlineData("public static double LossBackward { get; set; }", "LossBackward")]
    [InlineData("public class LossGradient { }", "LossGradient")]
    public void AMemberNamedLikeACompanionIsAnError(string member, string name)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            public static partial class C
            {
                [Differentiable] public static double Loss(double x) => x * x;
                {{member}}
            }
            """);
        Assert.Equal([("SDIFF0012", name)], result.DiagnosticsWithText());
        Assert.Equal(DiagnosticSeverity.Error, result.Diagnostics.Single().Severity);
        Assert.Contains($"'{name}' has the name (and parameters) of a companion SymbolicDiff generates for 'Loss'", result.Diagnostics.Single().GetMessage());
        Assert.Empty(result.GeneratedSources);
    }

    [Theory]
    [InlineData("public static double LossGradient(double x) => x;")]
    [InlineData("public static double LossGradient(double x, double y, out double dx) { dx = 0; return 0; }")]
    [InlineData("public static double LossBackward(float x, double seed, ref double dx) => x;")]
    [InlineData("public static double LossBackward<T>(double x, double seed, ref double dx) => x;")]
    public void AnOverloadOfACompanionNameIsFine(string member) => Clean($$"""
        public static partial class C
        {
            [Differentiable] public static double Loss(double x) => x * x;
            {{member}}
        }
        """);

    // ---- SDIFF0013: a callee that got no companions stops its callers, once per call

    [Fact]
    public void ACallToACalleeWithAnErrorIsReportedAtTheCall()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class C
            {
                [Differentiable] public static double G(double x) => (double)(object)x;
                [Differentiable] public static double F(double x)
                {
                    double s = 0;
                    for (int i = 0; i < 3; i++) s += G(x * i);
                    return s + G(x);
                }
                [Differentiable] public static double H(double x) => F(x) * F(x);
                [Differentiable] public static double Fine(double x) => x * x;
            }
            """);
        Assert.Equal(
            [("SDIFF0006", "(object)x"), ("SDIFF0013", "G(x * i)"), ("SDIFF0013", "G(x)"), ("SDIFF0013", "F(x)"), ("SDIFF0013", "F(x)")],
            result.DiagnosticsWithText().OrderBy(d => d.Id).ToList());
        Assert.Equal("'G' could not be differentiated (see its errors), so this call to it cannot be either", result.Diagnostics.First(d => d.Id == "SDIFF0013").GetMessage());
        Assert.Equal(["C.Fine.g.cs"], result.GeneratedSources.Keys.Select(HintNames.Readable));
        result.AssertOutputCompilesCleanly();
    }

    [Fact]
    public void AnOverrideOfAMethodWithAnErrorIsReportedAtTheOverride()
    {
        var result = GeneratorHarness.Run(Usings + """
            public partial class B { [Differentiable] public virtual double F(double x) => (double)(object)x; }
            public partial class D : B { [Differentiable] public override double F(double x) => x * x; }
            """);
        Assert.Equal([("SDIFF0006", "(object)x"), ("SDIFF0013", "F")], result.DiagnosticsWithText().OrderBy(d => d.Id).ToList());
        Assert.Empty(result.GeneratedSources);
        result.AssertOutputCompilesCleanly();
    }

    [Fact]
    public void APullbackTheCallerCannotSeeIsAnErrorAtTheCall()
    {
        var result = GeneratorHarness.Run(Usings + """
            public static partial class K
            {
                public static double Sq(double x) => x * x;
                [DerivativeOf(typeof(K), nameof(Sq))]
                private static double SqBackward(double x, double seed, ref double dx) { dx += seed * 2 * x; return x * x; }
                [Differentiable] public static double Inside(double x) => Sq(x);
            }
            public static partial class C { [Differentiable] public static double F(double x) => K.Sq(x); }
            """);
        Assert.Equal([("SDIFF0011", "K.Sq(x)")], result.DiagnosticsWithText());
        Assert.Contains("it is not accessible from 'C'", result.Diagnostics.Single().GetMessage());
        Assert.Equal(["K.Inside.g.cs"], result.GeneratedSources.Keys.Select(HintNames.Readable));
        result.AssertOutputCompilesCleanly();
    }

    // ---- integer types other than int as loop counters and indices (the adjoint is a span: int only)

    [Theory]
    [InlineData("long")]
    [InlineData("uint")]
    [InlineData("ulong")]
    [InlineData("nint")]
    [InlineData("nuint")]
    [InlineData("short")]
    [InlineData("ushort")]
    [InlineData("byte")]
    [InlineData("sbyte")]
    public void IntegerLoopIndices(string type) => Clean($$"""
        public static partial class C
        {
            [Differentiable]
            public static double F(double[] x, ReadOnlySpan<double> y)
            {
                double s = 0;
                for ({{type}} i = 0; i < ({{type}})x.Length; i++) s += x[i] * x[i];
                {{type}} k = 1;
                while (k < 3) { s += y[(int)k] * x[k]; k += 1; }
                return s;
            }
        }
        """);

    // ---- arrays where the generated code once wrote a span, and slices of arrays written .Slice

    [Theory]
    [InlineData("double[] v = { x, x * x }; return SumSquares(v);")]
    [InlineData("double[] v = { x, x * x, 1 }; double a = Sum(v.AsSpan().Slice(1)); v[0] = a; return a + Sum(((ReadOnlySpan<double>)v).Slice(0, 2));")]
    [InlineData("double[] v = { x, x * x, 1 }; double a = Sum(v.AsSpan(1).Slice(1, 1)); v[1] = a; return a + Sum(v.AsSpan().Slice(1));")]
    [InlineData("double[] v = { x, 2 * x }; double[] w = new double[2]; Square(v, w); v[0] = 0; return SumSquares(w) + SumSquares(v);")]
    [InlineData("k = data; k = k.Slice(1); return x * k[0] + Sum(k.Slice(1));")]
    public void ArraysAndSlicesPassedToCallees(string body) => Clean($$"""
        public static partial class C
        {
            [Differentiable] public static double SumSquares(double[] a) { double s = 0; for (int i = 0; i < a.Length; i++) s += a[i] * a[i]; return s; }
            [Differentiable] public static double Sum(ReadOnlySpan<double> a) { double s = 0; foreach (double e in a) s += e; return s; }
            [Differentiable] public static void Square(double[] a, double[] b) { for (int i = 0; i < a.Length; i++) b[i] = a[i] * a[i]; }
            [Differentiable] public static double F(double x, [NoDiff] ReadOnlySpan<double> k, [NoDiff] double[] data) { {{body}} }
        }
        """);

    // ---- code the compiler warns about in the user's source gives no warning in the generated file

    [Theory]
    [InlineData("if (x > x) return x; double y = Math.Max(x, x); return y * (x == x ? 1 : 2);", "CS1718")]
    [InlineData("double unused = 3; if (false) return unused; return x * x;", "CS0162")]
    [InlineData("const bool on = true; double r = x; if (on) return r * x; return r;", "CS0162")]
    [InlineData("double u = 1; u = 2; return x * x;", "CS0219")]
    [InlineData("if (n > 10) return a[-1] * x; return x * a[0];", "CS0251")]
    [InlineData("return (1.0 - 0.25) is <= -1.0 ? x : x * x;", "CS8519")]
    [InlineData("return (1.0 - 0.25) is 0.75 ? x : x * x;", "CS8520")]
    [InlineData("return (1.0 - 0.25) is > 0.0 and < 1.0 ? x : x * x;", "CS8793")]
    [InlineData("return x is double ? x * x : x;", "CS0183")]
    [InlineData("return x * x;", "CS8981", "model")]
    [InlineData("return x * x;", "CS8981", "C<t>")]
    public void TheUsersWarningsStayInTheUsersCode(string body, string userWarning, string type = "C")
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            public static partial class {{type}}
            {
                [Differentiable] public static double F(double x, double[] a, int n) { {{body}} }
            }
            """);
        Assert.Empty(result.Diagnostics);
        var warnings = result.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.All(warnings, w => Assert.Equal("Source0.cs", w.Location.SourceTree?.FilePath));
        Assert.Contains(warnings, w => w.Id == userWarning);
        Assert.NotEmpty(result.GeneratedSources);
    }

    /// <summary>
    /// A callee inlined with constant arguments makes the value a copied pattern tests a constant, which the user's code
    /// did not have (random-program tester, seed 6649521771901955851, program 3833): the generated file has no warning.
    /// </summary>
    [Theory]
    [InlineData("<= -1.0")]
    [InlineData("0.75")]
    [InlineData("> 0.0 and < 1.0")]
    public void APatternOnAConstantTheInliningMadeGivesNoWarning(string pattern)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            public static partial class C
            {
                [Differentiable] public static double H(double u0, double u1) => 1.0 - u1;
                [Differentiable] public static double F(double x) => H(x, 0.25) switch { {{pattern}} => H(x, x), _ => Math.Tanh(x) };
            }
            """);
        Assert.Empty(result.Diagnostics);
        result.AssertCompilesCleanly();
    }

    // ---- the namespace: file-scoped from C# 10 (one level of indentation less), a block before

    [Theory]
    [InlineData(LanguageVersion.CSharp9, "namespace N\n{\n\tpartial class C\n\t{\n")]
    [InlineData(LanguageVersion.CSharp10, "namespace N;\n\npartial class C\n{\n")]
    public void TheNamespaceIsFileScopedWhereTheLanguageAllowsIt(LanguageVersion version, string head)
    {
        var result = GeneratorHarness.Run(Usings + """
            namespace N
            {
                public static partial class C
                {
                    [Differentiable]
                    public static double F(double x, double[] w)
                    {
                        double s = 0;
                        for (int i = 0; i < w.Length; i++)
                            s += w[i] * x;
                        return s * x;
                    }
                }
            }
            """, parseOptions: GeneratorHarness.ParseOptions.WithLanguageVersion(version));
        Assert.Equal([], result.DiagnosticsWithText());
        result.AssertCompilesCleanly();
        Assert.Contains("#pragma warning disable CS0162, CS0183, CS0219, CS0251, CS1718, CS8519, CS8520, CS8793, CS8981\n\n" + head, result.GeneratedSources.Single().Value);
    }

    // ---- [Differentiable] where no companions can be, or where it does nothing

    [Fact]
    public void AnExplicitInterfaceImplementationIsAnError()
    {
        var result = GeneratorHarness.Run(Usings + """
            public interface I { double F(double x); }
            public partial class C : I { [Differentiable] double I.F(double x) => x * x; }
            """);
        Assert.Equal([("SDIFF0007", "F")], result.DiagnosticsWithText());
        Assert.Contains("an explicit interface implementation cannot get companions", result.Diagnostics.Single().GetMessage());
        Assert.Empty(result.GeneratedSources);
        result.AssertOutputCompilesCleanly();
    }

    [Theory]
    [InlineData("Func<double, double> f = [Differentiable] (double x) => x * x;", "a lambda or anonymous method")]
    [InlineData("double P { [Differentiable] get => 2.0; }", "a property or indexer accessor")]
    [InlineData("double this[int i] { [Differentiable] get => i; }", "a property or indexer accessor")]
    public void DifferentiableWhereItHasNoEffectIsAWarning(string member, string place)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            public partial class C { {{member}} }
            """);
        Assert.Equal([("SDIFF0014", "Differentiable")], result.DiagnosticsWithText());
        Assert.Equal(DiagnosticSeverity.Warning, result.Diagnostics.Single().Severity);
        Assert.Equal($"[Differentiable] has no effect on {place}: only methods of partial types get companions", result.Diagnostics.Single().GetMessage());
    }
}
