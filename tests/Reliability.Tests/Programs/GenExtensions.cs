using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using CsCheck;

namespace SymbolicDiff.Reliability.Tests.Programs;

/// <summary>Two combinators the program generator needs beyond CsCheck's.</summary>
public static class GenExtensions
{
    /// <summary>
    /// A generator built only when it is drawn from. The grammar is recursive and every scope is new,
    /// so building all alternatives eagerly would build every subtree of every alternative.
    /// </summary>
    public static Gen<T> Lazy<T>(Func<Gen<T>> build) => Gen.Const(0).SelectMany(_ => build());

    /// <summary>One value from each generator, in order.</summary>
    public static Gen<ImmutableArray<T>> Sequence<T>(IReadOnlyList<Gen<T>> gens)
    {
        Gen<ImmutableArray<T>> result = Gen.Const(ImmutableArray<T>.Empty);
        foreach (var gen in gens)
            result = result.SelectMany(list => gen.Select(list.Add));
        return result;
    }
}
