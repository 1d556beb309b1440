using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Microsoft.CodeAnalysis;

namespace SymbolicDiff.GeneratorBenchmarks;

/// <summary>
/// The generator on the synthetic project: a fresh run (a new driver: the command-line build) and the run after
/// an unrelated edit (a new file, the same driver: a keystroke in the IDE).
/// </summary>
[Config(typeof(Config))]
public class GeneratorBenchmarks
{
    /// <summary>
    /// Runs of seconds: 1 warmup and 5 measured iterations, one operation each; in this process (the generator is a
    /// library), as building BenchmarkDotNet's separate project outlasts its 2-minute build timeout on a loaded machine.
    /// </summary>
    sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default.WithId("Generator").WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1)
                .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
            AddDiagnoser(MemoryDiagnoser.Default);
        }
    }

    [Params(1, 100, 1000)]
    public int Methods { get; set; }

    Compilation compilation = null!;
    Compilation edited = null!;
    GeneratorDriver warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        compilation = SyntheticProject.Compilation(SyntheticProject.Sources(Methods));
        edited = SyntheticProject.WithUnrelatedFile(compilation);
        warm = SyntheticProject.Driver().RunGenerators(compilation);
    }

    [Benchmark]
    public GeneratorDriver FreshRun() => SyntheticProject.Driver().RunGenerators(compilation);

    [Benchmark]
    public GeneratorDriver AfterUnrelatedEdit() => warm.RunGenerators(edited);
}
