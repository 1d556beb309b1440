using System.Linq;
using SymbolicDiff.Generator.Differentiation;
using SymbolicDiff.Generator.Graph;

namespace SymbolicDiff.Generator.Emit;

/// <summary>
/// Names the tangents after their primals (<c>tq</c> for <c>q</c>), after <see cref="Naming.Assign"/> named
/// the primals. A parameter's tangent is part of the public signature: <c>tx</c> in forward mode, the
/// direction <c>vx</c> of a Hessian-vector product, whose adjoint is the product's entry <c>hvx</c>.
/// </summary>
internal static class TangentNaming
{
    /// <param name="parameterPrefix">Prefix of a parameter's tangent (<c>t</c>, or <c>v</c> for a direction).</param>
    /// <param name="parameterAdjointPrefix">Prefix of the adjoint of a parameter's tangent (<c>hv</c>), when second order needs it.</param>
    public static void Assign(TangentMap map, NameAllocator names, string parameterPrefix, string? parameterAdjointPrefix = null)
    {
        // Parameters first: their names are part of the signature and should not depend on the body.
        foreach ((Value primal, Value tangent) in map.Pairs)
        {
            if (primal.Kind == ValueKind.Parameter)
            {
                tangent.Name = names.Claim(parameterPrefix + primal.BaseName);
                if (parameterAdjointPrefix is not null)
                {
                    tangent.AdjointName = names.Claim(parameterAdjointPrefix + primal.BaseName);
                }
            }
        }

        foreach ((Value primal, Value tangent) in map.Pairs)
        {
            if (primal.Kind != ValueKind.Parameter)
            {
                string plain = primal.Name.TrimStart('@');
                if (tangent.SharesNameWith is null)
                {
                    tangent.Name = names.Claim("t" + plain);
                }

                if (parameterAdjointPrefix is not null)
                {
                    tangent.AdjointName = names.Claim("td" + plain);
                }
            }
        }

        foreach ((Value primal, Value zero) in map.Zeros.Where(z => z.Zero.SharesNameWith is null))
        {
            zero.Name = names.Claim("t" + primal.Name.TrimStart('@'));
        }

        // A version of a tangent that shares its variable with an earlier one (VersionCoalescing) takes its name.
        foreach (Value tangent in map.Pairs.Select(p => p.Tangent).Concat(map.Zeros.Select(z => z.Zero)).Where(t => t.SharesNameWith is not null))
        {
            tangent.Name = tangent.SharesNameWith!.Name;
        }

        // The backward pass's own variable for a tangent it declares again where the forward name is taken (Value.RenamedBackward).
        foreach ((Value primal, Value tangent) in map.Pairs.Concat(map.Zeros).Where(p => p.Item2.RenamedBackward))
        {
            tangent.BackwardName = names.Claim("t" + primal.BaseName.TrimStart('@'));
        }
    }
}
