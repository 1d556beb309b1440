using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace SymbolicDiff.Generator.Tests.Infrastructure;

/// <summary>
/// A compilation emitted to memory and loaded into its own collectible load context, so tests can
/// run generated code without leaving assemblies behind. Dispose to unload.
/// </summary>
public sealed class InMemoryAssembly : IDisposable
{
    readonly RuntimeContext context;

    InMemoryAssembly(RuntimeContext context, Assembly assembly)
    {
        this.context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    public static InMemoryAssembly Load(Compilation compilation)
    {
        var loaded = TryLoad(compilation, out var diagnostics);
        if (loaded is null)
            Assert.Fail("Emit failed:\n" + DiagnosticText.Describe(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return loaded;
    }

    /// <summary>
    /// Emits and loads in one pass; null if emitting failed. <paramref name="diagnostics"/> holds the
    /// compilation's errors and warnings (emitting binds every method, so asking GetDiagnostics first
    /// would bind them twice).
    /// </summary>
    public static InMemoryAssembly? TryLoad(Compilation compilation, out ImmutableArray<Diagnostic> diagnostics)
    {
        using var image = new MemoryStream();
        var emit = compilation.Emit(image);
        diagnostics = emit.Diagnostics;
        if (!emit.Success)
            return null;
        image.Position = 0;
        var context = new RuntimeContext();
        return new InMemoryAssembly(context, context.LoadFromStream(image));
    }

    /// <summary>
    /// Calls the static method <paramref name="methodName"/> of <paramref name="typeName"/> (metadata
    /// name, e.g. <c>N.C+Inner</c>) that takes <c>args.Length</c> parameters. As with reflection, out and
    /// ref results are written back into <paramref name="args"/>; exceptions propagate unwrapped.
    /// Span parameters cannot be passed through object[]: call them from a wrapper in the source.
    /// </summary>
    public object? Invoke(string typeName, string methodName, params object?[] args)
    {
        var type = Assembly.GetType(typeName)
            ?? throw new ArgumentException($"No type '{typeName}'. Types: {string.Join(", ", Assembly.GetTypes().Select(t => t.FullName))}");
        var candidates = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(m => m.Name == methodName && m.GetParameters().Length == args.Length)
            .ToList();
        if (candidates.Count != 1)
            throw new ArgumentException($"Expected one static {typeName}.{methodName} with {args.Length} parameter(s), found {candidates.Count}.");
        return candidates[0].Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null);
    }

    public void Dispose() => context.Unload();

    /// <summary>Shares the test's SymbolicDiff.Runtime so attribute and helper types are the same Type objects on both sides.</summary>
    sealed class RuntimeContext() : AssemblyLoadContext(isCollectible: true)
    {
        static readonly Assembly Runtime = typeof(DifferentiableAttribute).Assembly;

        protected override Assembly? Load(AssemblyName name) =>
            name.Name == Runtime.GetName().Name ? Runtime : null;
    }
}
