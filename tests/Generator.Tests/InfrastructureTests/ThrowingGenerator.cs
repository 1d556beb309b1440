using System;
using Microsoft.CodeAnalysis;

namespace SymbolicDiff.Generator.Tests.InfrastructureTests;

/// <summary>A generator that crashes, to check that the harness turns a crash into a test failure.</summary>
sealed class ThrowingGenerator : IIncrementalGenerator
{
    public const string Message = "boom from the test generator";

    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        context.RegisterSourceOutput(context.CompilationProvider, (_, _) => throw new InvalidOperationException(Message));
}
