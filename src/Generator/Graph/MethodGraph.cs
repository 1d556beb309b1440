using System.Collections.Generic;

namespace SymbolicDiff.Generator.Graph;

/// <summary>The parsed method: its parameters as values, its body as gates, and the value it returns.</summary>
internal sealed class MethodGraph(IReadOnlyList<Value> parameters, Block body, Value? result)
{
    public IReadOnlyList<Value> Parameters { get; } = parameters;

    public Block Body { get; } = body;

    /// <summary>The returned value; null for a vector-valued (void) method, whose results are its output spans.</summary>
    public Value? Result { get; } = result;
}
