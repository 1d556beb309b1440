using BenchmarkDotNet.Attributes;
using SymbolicDiff.Objectives;

namespace SymbolicDiff.Benchmarks;

/// <summary>
/// ADBench's LSTM objective on its l = 2, c = 1,024 instance (b = 14 bits, 266 parameters), with a
/// hand-written back-propagation through time (<c>LstmHandWritten</c>). Both gradients are checked
/// against ADBench's published values in tests/Gradients.Tests. Central differences are not timed:
/// 532 objectives per gradient.
/// </summary>
[Config(typeof(BenchConfig))]
public class LstmBenchmarks
{
    private LstmInstance l = null!;
    private double[] dMain = [], dExtra = [], workspace = [];

    [GlobalSetup]
    public void Setup()
    {
        l = LstmInstance.Read("lstm_l2_c1024.txt");
        dMain = new double[l.MainParams.Length];
        dExtra = new double[l.ExtraParams.Length];
        workspace = new double[LstmHandWritten.WorkspaceLength(l.Layers, l.CharBits, l.CharCount)];

        // ADBench's published objective (the gradient is checked in tests/Gradients.Tests).
        Check.Close(Generated() - dExtra[^1], 6.66665179558852183e-01, 1e-10, "LSTM value");
        Check.Close(dExtra[^1], -2.00225690895980656e-02, 1e-10, "LSTM last gradient entry");
        Check.Close(HandWrittenGradient() - dExtra[^1], 6.66665179558852183e-01, 1e-10, "LSTM hand-written value");
        Check.Close(dExtra[^1], -2.00225690895980656e-02, 1e-10, "LSTM hand-written last gradient entry");
    }

    [Benchmark(Baseline = true, Description = "function")]
    public double Function() => Lstm.Objective(l.Layers, l.CharBits, l.MainParams, l.ExtraParams, l.State, l.Sequence);

    [Benchmark(Description = "generated FGradient")]
    public double Generated() =>
        Lstm.ObjectiveGradient(l.Layers, l.CharBits, l.MainParams, l.ExtraParams, l.State, l.Sequence, dMain, dExtra) + dExtra[^1];

    [Benchmark(Description = "hand-written gradient")]
    public double HandWrittenGradient() =>
        LstmHandWritten.ObjectiveGradient(l.Layers, l.CharBits, l.MainParams, l.ExtraParams, l.State, l.Sequence, workspace, dMain, dExtra) + dExtra[^1];
}
