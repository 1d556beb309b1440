using BenchmarkDotNet.Attributes;

namespace SymbolicDiff.Benchmarks;

/// <summary>The cs231n neuron 1/(1+exp(-(w0*x0+w1*x1+w2))) at the cs231n inputs, 5 scalar inputs.</summary>
[Config(typeof(BenchConfig))]
public class NeuronBenchmarks
{
    // Fields (not constants) so the JIT cannot fold the call away.
    private double w0 = 2, w1 = -3, w2 = -3, x0 = -1, x1 = -2;

    [GlobalSetup]
    public void Setup()
    {
        double f1 = Functions.NeuronGradient(w0, w1, w2, x0, x1, out double a0, out double a1, out double a2, out double a3, out double a4);
        double f2 = HandWritten.NeuronGradient(w0, w1, w2, x0, x1, out double b0, out double b1, out double b2, out double b3, out double b4);
        Check.Close(f1, f2, 1e-15, "neuron value");
        Check.Close(a0, b0, 1e-15, "dw0");
        Check.Close(a1, b1, 1e-15, "dw1");
        Check.Close(a2, b2, 1e-15, "dw2");
        Check.Close(a3, b3, 1e-15, "dx0");
        Check.Close(a4, b4, 1e-15, "dx1");
        FiniteDifferences.Neuron(w0, w1, w2, x0, x1, out double c0, out double c1, out double c2, out double c3, out double c4);
        Check.Close(c0, b0, 1e-8, "fd dw0");
        Check.Close(c4, b4, 1e-8, "fd dx1");
    }

    [Benchmark(Baseline = true, Description = "function")]
    public double Function() => Functions.Neuron(w0, w1, w2, x0, x1);

    [Benchmark(Description = "generated FGradient")]
    public double Generated()
    {
        double f = Functions.NeuronGradient(w0, w1, w2, x0, x1, out double a, out double b, out double c, out double d, out double e);
        return f + a + b + c + d + e;
    }

    [Benchmark(Description = "hand-written gradient")]
    public double HandWrittenGradient()
    {
        double f = HandWritten.NeuronGradient(w0, w1, w2, x0, x1, out double a, out double b, out double c, out double d, out double e);
        return f + a + b + c + d + e;
    }

    [Benchmark(Description = "central differences")]
    public double CentralDifferences()
    {
        FiniteDifferences.Neuron(w0, w1, w2, x0, x1, out double a, out double b, out double c, out double d, out double e);
        return a + b + c + d + e;
    }
}
