namespace SymbolicDiff.Generator.Graph;

/// <summary>The floating-point type a value or literal has; <see cref="None"/> for everything else (int, bool, …).</summary>
internal enum NumericType
{
    None,
    Double,
    Float,
}
