using System.Collections.Generic;
using SymbolicDiff.Generator.Model;

namespace SymbolicDiff.Generator.Graph;

/// <summary>The parsed method: its parameters as values, its body as gates, and the value it returns.</summary>
internal sealed class MethodGraph(IReadOnlyList<Value> parameters, Block body, Value? result, IReadOnlyList<CompanionCall> companionCalls)
{
    /// <summary>The generated companions of other methods that the generated code calls.</summary>
    public IReadOnlyList<CompanionCall> CompanionCalls { get; } = companionCalls;

    public IReadOnlyList<Value> Parameters { get; } = parameters;

    public Block Body { get; } = body;

    /// <summary>The returned value; null for a vector-valued (void) method, whose results are its output spans.</summary>
    public Value? Result { get; } = result;
}
