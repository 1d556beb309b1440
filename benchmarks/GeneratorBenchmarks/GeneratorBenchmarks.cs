using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Microsoft.CodeAnalysis;

namespace SymbolicDiff.GeneratorBenchmarks;

/// <summary>
/// The generator on the synthetic project: a fresh run (a new driver on a newly parsed project: the command-line
/// build), and with the driver of a run on the project, the run after an unrelated edit (a new file, never seen
/// before) and the run after a keystroke inside a method body. Each iteration gets new syntax trees for what it
/// edits, so that what the generator keeps between runs (Incremental/ReadCache.cs) is found only where an IDE
/// would find it.
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
    Compilation next = null!;
    GeneratorDriver warm = null!;
    int edits;

    [GlobalSetup]
    public void Setup()
    {
        compilation = SyntheticProject.Compilation(SyntheticProject.Sources(Methods));
        warm = SyntheticProject.Driver().RunGenerators(compilation);
    }

    [IterationSetup(Target = nameof(FreshRun))]
    public void NewlyParsed() => next = SyntheticProject.Compilation(SyntheticProject.Sources(Methods));

    [IterationSetup(Target = nameof(AfterUnrelatedEdit))]
    public void NewFile() => next = SyntheticProject.WithUnrelatedFile(compilation, ++edits);

    [IterationSetup(Target = nameof(AfterKeystroke))]
    public void NewKeystroke() => next = SyntheticProject.WithKeystroke(compilation);

    [Benchmark]
    public GeneratorDriver FreshRun() => SyntheticProject.Driver().RunGenerators(next);

    [Benchmark]
    public GeneratorDriver AfterUnrelatedEdit() => warm.RunGenerators(next);

    [Benchmark]
    public GeneratorDriver AfterKeystroke() => warm.RunGenerators(next);
}
