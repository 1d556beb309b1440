using System;
using SymbolicDiff.Generator.Tests.Infrastructure;
using Xunit.Sdk;

namespace SymbolicDiff.Generator.Tests.InfrastructureTests;

public class InMemoryAssemblyTests
{
    const string Source = """
        using System;
        namespace N;
        public static class C
        {
            public static double Square(double x) => x * x;
            public static double WithOut(double x, out double twice) { twice = 2 * x; return x; }
            static void Fail(string name) => throw new ArgumentException("bad", name);
            public static Type Attribute() => typeof(SymbolicDiff.DifferentiableAttribute);
            public static class Inner { public static int One() => 1; }
        }
        """;

    [Fact]
    public void InvokesStaticMethodByTypeAndName()
    {
        using var loaded = GeneratorHarness.Run(Source).EmitAndLoad();

        Assert.Equal(9.0, loaded.Invoke("N.C", "Square", 3.0));
        Assert.Equal(1, loaded.Invoke("N.C+Inner", "One"));
    }

    [Fact]
    public void OutArgumentsComeBackInTheArgsArray()
    {
        using var loaded = GeneratorHarness.Run(Source).EmitAndLoad();
        object?[] args = [1.5, null];

        loaded.Invoke("N.C", "WithOut", args);

        Assert.Equal(3.0, args[1]);
    }

    [Fact]
    public void ExceptionsOfTheInvokedCodeAreNotWrapped()
    {
        using var loaded = GeneratorHarness.Run(Source).EmitAndLoad();

        var thrown = Assert.Throws<ArgumentException>(() => loaded.Invoke("N.C", "Fail", "dw"));

        Assert.Equal("dw", thrown.ParamName);
    }

    [Fact]
    public void RuntimeAssemblyIsSharedWithTheTest()
    {
        using var loaded = GeneratorHarness.Run(Source).EmitAndLoad();

        Assert.Same(typeof(DifferentiableAttribute), loaded.Invoke("N.C", "Attribute"));
    }

    [Fact]
    public void UnknownTypeNamesTheTypesThatExist()
    {
        using var loaded = GeneratorHarness.Run(Source).EmitAndLoad();

        var thrown = Assert.Throws<ArgumentException>(() => loaded.Invoke("C", "Square", 3.0));

        Assert.Contains("N.C", thrown.Message);
    }

    [Fact]
    public void CompilationErrorsFailTheEmit()
    {
        var result = GeneratorHarness.Run("public static class C { public static int F() => \"text\"; }");

        var failure = Assert.ThrowsAny<XunitException>(() => result.EmitAndLoad().Dispose());

        Assert.Contains("CS0029", failure.Message);
    }
}
