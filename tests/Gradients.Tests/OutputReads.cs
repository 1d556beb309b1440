using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// F58: a vector-valued method that reads its output after writing it, as a dense layer accumulates y[i] += w·x[j] after
/// y[i] = b[i], was SDIFF0010 ("both read and written"). An element the method wrote just before is now read as a local
/// array's is: each read is a gate whose adjoint goes to the output's adjoint, and a value read and then overwritten is
/// saved for the backward pass.
/// Each method is written twice: forward columns only, reverse rows only, so their Jacobians check each other.
/// </summary>
public static partial class OutputReads
{
    [Differentiable(Derivatives.Forward)]
    public static void Dense(ReadOnlySpan<double> w, ReadOnlySpan<double> b, [NoDiff] ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length;
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = b[i];
            for (int j = 0; j < n; j++)
            {
                y[i] += w[i * n + j] * x[j];
            }
        }
    }

    [Differentiable(Derivatives.Reverse)]
    public static void DenseByRows(ReadOnlySpan<double> w, ReadOnlySpan<double> b, [NoDiff] ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length;
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = b[i];
            for (int j = 0; j < n; j++)
            {
                y[i] += w[i * n + j] * x[j];
            }
        }
    }

    /// <summary>The output's value used nonlinearly, then overwritten: the backward pass needs what it held.</summary>
    [Differentiable(Derivatives.Forward)]
    public static void Squash(ReadOnlySpan<double> x, double k, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = x[i] * k;
            y[i] *= y[i];
            y[i] = Math.Sin(y[i]) + y[i] * x[i];
        }
    }

    [Differentiable(Derivatives.Reverse)]
    public static void SquashByRows(ReadOnlySpan<double> x, double k, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = x[i] * k;
            y[i] *= y[i];
            y[i] = Math.Sin(y[i]) + y[i] * x[i];
        }
    }

    /// <summary>Forces of springs between neighbours, each element cleared and then added to under conditions; a loss through it.</summary>
    [Differentiable]
    public static void Springs(ReadOnlySpan<double> pos, double k, double rest, Span<double> force)
    {
        for (int i = 0; i < pos.Length; i++)
        {
            force[i] = 0;
            if (i > 0)
            {
                force[i] += k * (pos[i] - pos[i - 1] - rest);
            }

            if (i + 1 < pos.Length)
            {
                force[i] -= k * (pos[i + 1] - pos[i] - rest);
            }
        }
    }

    /// <summary>The same forces written the usual way: every element cleared by one loop, added to by the next.</summary>
    [Differentiable]
    public static void SpringsClearedFirst(ReadOnlySpan<double> pos, double k, double rest, Span<double> force)
    {
        for (int i = 0; i < force.Length; i++)
        {
            force[i] = 0;
        }

        for (int i = 0; i + 1 < pos.Length; i++)
        {
            double stretch = pos[i + 1] - pos[i] - rest;
            force[i] += k * stretch;
            force[i + 1] -= k * stretch;
        }
    }

    [Differentiable]
    public static double ForceEnergyClearedFirst(ReadOnlySpan<double> pos, double k, double rest)
    {
        Span<double> force = stackalloc double[8];
        SpringsClearedFirst(pos, k, rest, force[..pos.Length]);
        double e = 0;
        for (int i = 0; i < pos.Length; i++)
        {
            e += force[i] * force[i];
        }

        return e;
    }

    [Differentiable]
    public static double ForceEnergy(ReadOnlySpan<double> pos, double k, double rest)
    {
        Span<double> force = stackalloc double[8];
        Springs(pos, k, rest, force[..pos.Length]);
        double e = 0;
        for (int i = 0; i < pos.Length; i++)
        {
            e += force[i] * force[i];
        }

        return e;
    }
}

public class OutputReadTests
{
    /// <summary>W = [[1, 2], [3, 4]], b = (0.5, −1), x = (1, −1): y = (−0.5, −2); pulled back from dy = (1, 0): dW = [[1, −1], [0, 0]], db = (1, 0), dy cleared.</summary>
    [Fact]
    public void Dense_KnownValues()
    {
        double[] w = [1, 2, 3, 4], b = [0.5, -1], x = [1, -1], y = new double[2], dw = new double[4], db = new double[2], dy = [1, 0];
        OutputReads.DenseByRowsBackward(w, b, x, y, dw, db, dy);
        Assert.Equal([-0.5, -2], y);
        Assert.Equal([1, -1, 0, 0], dw);
        Assert.Equal([1, 0], db);
        Assert.Equal([0, 0], dy);
    }

    [Fact]
    public void Dense_ColumnsRowsAndDifferencesAgree()
    {
        Uniform(2, 5, -1.5, 1.5).Sample(x =>
        {
            int n = x.Length, m = 3, inputs = m * n + m;
            double[] p = [.. Enumerable.Range(0, inputs).Select(i => Math.Sin(i + 1.0) + x[0] * 0.1)];
            double[] byColumns = new double[m * inputs], byRows = new double[m * inputs], y = new double[m], y2 = new double[m];
            OutputReads.DenseJacobian(p.AsSpan(0, m * n), p.AsSpan(m * n), x, y, byColumns);
            OutputReads.DenseByRowsJacobian(p.AsSpan(0, m * n), p.AsSpan(m * n), x, y2, byRows);
            Assert.Equal(y, y2);
            Agree(byRows, byColumns, 1e-12, "columns against rows", absolute: 1e-14);
            double[] Flat(double[] q)
            {
                double[] outputs = new double[m];
                OutputReads.Dense(q.AsSpan(0, m * n), q.AsSpan(m * n), x, outputs);
                return outputs;
            }

            Agree(FiniteDifferenceJacobian(Flat, p, m), byColumns, 1e-6, "Jacobian against central differences", absolute: 1e-8);
        });
    }

    [Fact]
    public void Squash_ColumnsRowsAndDifferencesAgree()
    {
        Uniform(2, 6, -1.5, 1.5).Sample(p =>
        {
            int n = p.Length - 1, inputs = n + 1;
            double[] byColumns = new double[n * inputs], byRows = new double[n * inputs], y = new double[n], y2 = new double[n];
            OutputReads.SquashJacobian(p.AsSpan(0, n), p[n], y, byColumns);
            OutputReads.SquashByRowsJacobian(p.AsSpan(0, n), p[n], y2, byRows);
            Assert.Equal(y, y2);
            Agree(byRows, byColumns, 1e-12, "columns against rows", absolute: 1e-14);
            double[] Flat(double[] q)
            {
                double[] outputs = new double[n];
                OutputReads.Squash(q.AsSpan(0, n), q[n], outputs);
                return outputs;
            }

            Agree(FiniteDifferenceJacobian(Flat, p, n), byColumns, 1e-6, "Jacobian against central differences", absolute: 1e-8);
        });
    }

    /// <summary>Both ways of writing the forces give the same energy and gradient (to the rounding of their different sums), and match differences.</summary>
    [Fact]
    public void ForceEnergyClearedFirst_MatchesTheOtherWayAndDifferences()
    {
        Sample(
            Uniform(4, 8, -1.5, 1.5),
            p => OutputReads.ForceEnergyClearedFirst(p.AsSpan(2), p[0], p[1]),
            p =>
            {
                double[] dpos = new double[p.Length - 2], other = new double[p.Length - 2];
                double value = OutputReads.ForceEnergyClearedFirstGradient(p.AsSpan(2), p[0], p[1], dpos, out double dk, out double drest);
                Close(OutputReads.ForceEnergyGradient(p.AsSpan(2), p[0], p[1], other, out double ok, out double orest), value, 1e-13);
                Agree([ok, orest, .. other], [dk, drest, .. dpos], 1e-12, "gradient against the other way", absolute: 1e-13);
                return (value, [dk, drest, .. dpos]);
            });
    }

    [Fact]
    public void ForceEnergy_MatchesDifferences() => Sample(
        Uniform(4, 8, -1.5, 1.5),
        p => OutputReads.ForceEnergy(p.AsSpan(2), p[0], p[1]),
        p =>
        {
            double[] dpos = new double[p.Length - 2];
            double value = OutputReads.ForceEnergyGradient(p.AsSpan(2), p[0], p[1], dpos, out double dk, out double drest);
            return (value, [dk, drest, .. dpos]);
        });
}
