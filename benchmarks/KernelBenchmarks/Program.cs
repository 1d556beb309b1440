using BenchmarkDotNet.Running;

namespace KernelBenchmarks;

/// <summary>
/// Each layer's and loss's backward pass at the spiral network's sizes (batch 300, 2 → 100 → 3):
/// the former hand-written kernel (Baseline/), the generator's Backward, and the hand-written
/// [DerivativeOf] pullback. <c>dotnet run -c Release --project benchmarks/KernelBenchmarks -- --filter '*'</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
