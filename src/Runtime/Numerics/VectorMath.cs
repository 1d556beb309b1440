using System.Numerics;
using System.Runtime.CompilerServices;

namespace SymbolicDiff.Numerics;

/// <summary>Vector operations whose best form depends on the target framework.</summary>
internal static class VectorMath
{
    /// <summary>
    /// <c>a·b + c</c>. On .NET 9 and later this is <c>Vector.MultiplyAddEstimate</c> (one fused
    /// instruction where the hardware has it, which the kernels were measured with); .NET 8 has no
    /// such API, so there it is a multiply and an add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> MultiplyAdd(Vector<double> a, Vector<double> b, Vector<double> c)
    {
#if NET9_0_OR_GREATER
        return Vector.MultiplyAddEstimate(a, b, c);
#else
        return a * b + c;
#endif
    }
}
