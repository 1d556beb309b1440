using System.Linq;
using CsCheck;
using SymbolicDiff.Reliability.Tests.Programs;

namespace SymbolicDiff.Reliability.Tests.Differential;

/// <summary>
/// Program number <see cref="Index"/> of a run and the numbers it is checked at: inputs in [−2, 2],
/// an upstream gradient (Backward's seed, or dy) and adjoints that Backward must add to, both away
/// from 1 and 0 so that an overwrite or a missing seed factor shows. The adjoints are also the
/// direction of Tangent and of the Hessian-vector product.
/// </summary>
public sealed record ProgramCase(int Index, RandomProgram Program, double[] Inputs, double[] Upstream, double[] Adjoints)
{
    /// <summary>
    /// Program <paramref name="index"/> of the run with <paramref name="seed"/>: the same program and numbers every
    /// time. Every <paramref name="hessianEvery"/>-th program is also checked in second order if it can be (a
    /// scalar-valued entry that calls no vector-valued method); choosing it draws no random number, so the programs and
    /// numbers of a seed stay the same whatever the choice.
    /// </summary>
    public static ProgramCase Create(ulong seed, int index, Grammar grammar, int hessianEvery = 1)
    {
        var pcg = new PCG((uint)index, seed);
        var program = ProgramGen.Program(grammar).Generate(pcg, null, out _);
        var secondOrder = index % hessianEvery == 0 && !program.Entry.IsVectorValued && !CallFinder.CallsVectorValuedMethod(program, program.Entry);
        return WithNumbers(index, program with { SecondOrder = secondOrder }, pcg);
    }

    /// <summary>The same numbers for a smaller program with the same parameters (the reducer keeps parameters).</summary>
    public ProgramCase WithProgram(RandomProgram program) => this with { Program = program };

    static ProgramCase WithNumbers(int index, RandomProgram program, PCG pcg)
    {
        double[] Numbers(int count, Gen<double> gen) =>
            [.. gen.Array[count].Generate(pcg, null, out _).Select(v => program.IsFloat ? (float)v : v)];
        var magnitude = Gen.Double[0.25, 2.0];
        var signed = Gen.Select(magnitude, Gen.Bool, (m, negative) => negative ? -m : m);
        return new ProgramCase(
            index,
            program,
            Numbers(BatchSource.InputCount(program), Gen.Double[-2.0, 2.0]),
            Numbers(BatchSource.OutputCount(program), signed),
            Numbers(BatchSource.InputCount(program), signed));
    }
}
