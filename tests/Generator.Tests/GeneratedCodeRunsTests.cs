using System;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>Compiles a source with the generator, loads it and runs the generated companions: the harness path end to end.</summary>
public class GeneratedCodeRunsTests
{
    const string Circuits = """
        using System;
        using SymbolicDiff;
        namespace Seed
        {
            public static partial class Circuits
            {
                [Differentiable] public static double AddMul(double x, double y, double z) => (x + y) * z;
                [Differentiable] public static double Neuron(double w0, double x0, double w1, double x1, double w2)
                    => 1.0 / (1.0 + Math.Exp(-(w0 * x0 + w1 * x1 + w2)));
                [Differentiable] public static double MaxGate(double x, double y, double z, double w) => 2 * (x * y + Math.Max(z, w));
                [Differentiable] public static double Branchy(double x, double y)
                {
                    double r = x * y;
                    if (x > 0 && !(y < 0)) r += x;
                    else if (x < -1 || y > 2) { r *= y; }
                    else { r -= y; r /= 2; }
                    if (r > 100) return r;
                    return r > 0 ? Math.Sqrt(r) * Math.Log(1 + r) : -Math.Tanh(r);
                }
            }
        }
        """;

    static InMemoryAssembly Load()
    {
        var result = GeneratorHarness.Run(Circuits);
        result.AssertCompilesCleanly();
        return result.EmitAndLoad();
    }

    [Fact]
    public void AddMultiplyCircuitGivesTheSeedValues()
    {
        using var asm = Load();
        object?[] args = [-2.0, 5.0, -4.0, null, null, null];

        var value = asm.Invoke("Seed.Circuits", "AddMulGradient", args);

        Assert.Equal(-12.0, value);
        Assert.Equal([-4.0, -4.0, 3.0], args[3..]);
    }

    [Fact]
    public void BackwardAccumulatesSeedTimesGradient()
    {
        using var asm = Load();
        object?[] args = [-2.0, 5.0, -4.0, 0.5, 1.0, 2.0, 3.0];

        var value = asm.Invoke("Seed.Circuits", "AddMulBackward", args);

        Assert.Equal(-12.0, value);
        Assert.Equal([1.0 + 0.5 * -4, 2.0 + 0.5 * -4, 3.0 + 0.5 * 3], args[4..]);
    }

    [Fact]
    public void SigmoidNeuronGivesTheSeedValues()
    {
        using var asm = Load();
        object?[] args = [2.0, -1.0, -3.0, -2.0, -3.0, null, null, null, null, null];

        var value = (double)asm.Invoke("Seed.Circuits", "NeuronGradient", args)!;

        Assert.Equal(0.7311, value, 4);
        double[] expected = [-0.1966, 0.3932, -0.3932, -0.5898, 0.1966]; // dw0, dx0, dw1, dx1, dw2
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], (double)args[5 + i]!, 4);
    }

    [Fact]
    public void MaxCircuitGivesTheSeedValues()
    {
        using var asm = Load();
        object?[] args = [3.0, -4.0, 2.0, -1.0, null, null, null, null];

        var value = asm.Invoke("Seed.Circuits", "MaxGateGradient", args);

        Assert.Equal(-20.0, value);
        Assert.Equal([-8.0, 6.0, 2.0, 0.0], args[4..]);
    }

    [Theory]
    [InlineData(1.5, 0.7)]    // first branch, r > 0
    [InlineData(-1.1, 0.5)]   // else-if branch, r < 0
    [InlineData(-0.5, 1.2)]   // else branch
    [InlineData(30.0, 4.0)]   // early return r > 100
    public void BranchesMatchCentralFiniteDifferences(double x, double y)
    {
        using var asm = Load();
        object?[] args = [x, y, null, null];
        asm.Invoke("Seed.Circuits", "BranchyGradient", args);

        double F(double a, double b) => (double)asm.Invoke("Seed.Circuits", "Branchy", a, b)!;
        const double h = 1e-6;
        var nx = (F(x + h, y) - F(x - h, y)) / (2 * h);
        var ny = (F(x, y + h) - F(x, y - h)) / (2 * h);

        Assert.True(RelativeError((double)args[2]!, nx) < 1e-6, $"dx {args[2]} vs {nx}");
        Assert.True(RelativeError((double)args[3]!, ny) < 1e-6, $"dy {args[3]} vs {ny}");
    }

    static double RelativeError(double a, double n) => a == n ? 0 : Math.Abs(a - n) / Math.Max(Math.Abs(a), Math.Abs(n));
}
