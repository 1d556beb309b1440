using System;
using SymbolicDiff;
using Xunit;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Loops whose trip count is known before they run keep their saved values in one block of the tape, reserved
/// before the loop and read back by iteration (issue 9, softmax). Each shape is checked against central
/// differences: two values an iteration, blocks that outgrow the stack buffer and move when a later loop
/// reserves, a loop in a branch, no iterations, a callee that throws with a block reserved; and the twins the
/// block must not be used for, whose iterations are not known before the loop: a bound that moves, a break.
/// </summary>
public static partial class Segments
{
    /// <summary>Two saved values per iteration (exp and sin are not recomputed): a block of 2·n.</summary>
    [Differentiable(Derivatives.Hessian)]
    public static double TwoPerIteration(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double e = Math.Exp(x[i]);
            double c = Math.Sin(x[i] * 3);
            s += e * c * x[(i + 1) % x.Length];
        }

        return s;
    }

    /// <summary>Two blocks in turn: the second reservation grows the tape, so the first block moves before it is read back.</summary>
    [Differentiable]
    public static double TwoLoops(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Math.Exp(x[i] * 0.5) * Math.Cos(x[i]);
        }

        double p = 0;
        for (int i = 0; i < x.Length; i++)
        {
            p += Math.Sin(x[i] + s * 0.01) * Math.Log(1 + x[i] * x[i]);
        }

        return s * p;
    }

    /// <summary>A block reserved on one side of a branch only, and a saved bool (the side an iteration took).</summary>
    [Differentiable]
    public static double InABranch(ReadOnlySpan<double> x)
    {
        double s = 0;
        if (x[0] > 0.8)
        {
            for (int i = 1; i < x.Length; i++)
            {
                double e = Math.Exp(x[i]);
                bool big = Math.Sin(x[i] * 7) > 0;
                s += big ? e * x[i - 1] : Math.Sqrt(e);
            }
        }
        else
        {
            s = x[0] * Math.Cos(x[1]);
        }

        return s * x[0];
    }

    /// <summary>A start that is not 0 and a bound of the user's: <c>n − 1</c> iterations, or none.</summary>
    [Differentiable]
    public static double FromOne(ReadOnlySpan<double> x, int n)
    {
        double s = 1;
        for (int i = 1; i < n; i++)
        {
            s += Math.Tanh(x[i] * x[i - 1]) * Math.Exp(-x[i]);
        }

        return s * x[0];
    }

    /// <summary>
    /// Reverse iterations that run first to last, from a start that is not 0: the loop does not count, so each iteration
    /// finds its place in the block from its counter, <c>i − 1</c> and <c>i − m</c>.
    /// </summary>
    [Differentiable(Derivatives.Hessian)]
    public static double FromAStart(ReadOnlySpan<double> x, int m)
    {
        double s = 0;
        for (int i = 1; i < x.Length; i++)
        {
            s += Math.Exp(x[i] * 0.7) * Math.Sin(x[i]);
        }

        double p = 0;
        for (int i = m; i < x.Length; i++)
        {
            p += Math.Cos(x[i] * s) * Math.Log(2 + x[i]);
        }

        return s * p;
    }

    /// <summary>The counter stepped inside the body and read after its step: the block's index is the iteration's counter, not the stepped one.</summary>
    [Differentiable]
    public static double StepInTheBody(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length;)
        {
            double e = Math.Exp(x[i++]);
            s += e * Math.Sin(e) + i;
        }

        return s * Math.Sin(s);
    }

    /// <summary>
    /// Nested blocks: the rows' loop, run backwards (each row scales the total so far), saves a value of its own and holds
    /// the blocks of two loops over a row whose trip counts it does not change (d, and d − m from a start of the user's),
    /// each of those run first to last. One block for all: the row's value, then d values of each, then d − m values of each.
    /// </summary>
    [Differentiable]
    public static double NestedBlocks(ReadOnlySpan<double> x, int d, int m)
    {
        int k = x.Length / d;
        double total = 0;
        for (int c = 0; c < k; c++)
        {
            double row = 0;
            for (int i = 0; i < d; i++)
            {
                row += Math.Exp(x[c * d + i] * 0.5) * Math.Sin(x[c * d + i]);
            }

            double scale = Math.Tanh(row);
            double tail = 0;
            for (int i = m; i < d; i++)
            {
                tail += Math.Cos(x[c * d + i] * scale) * Math.Log(2 + x[c * d + i]);
            }

            total = total * Math.Sin(scale) + scale * tail;
        }

        return total * total;
    }

    /// <summary>The same rows inside a loop of rounds, itself run backwards: the rows' block is reserved and taken back once a round.</summary>
    [Differentiable]
    public static double NestedBlocksInRounds(ReadOnlySpan<double> x, int d, int rounds)
    {
        int k = x.Length / d;
        double total = 0.5;
        for (int r = 0; r < rounds; r++)
        {
            for (int c = 1; c < k; c++)
            {
                double row = 0;
                for (int i = 0; i < d; i++)
                {
                    row += Math.Exp(x[c * d + i] * total * 0.1) * x[(c - 1) * d + i];
                }

                total = Math.Sin(total + row * 0.3);
            }
        }

        return total * total;
    }

    /// <summary>Not one block: the inner loop's trip count changes with the row (a triangle), so each row reserves its own.</summary>
    [Differentiable]
    public static double TriangleKeepsItsBlocks(ReadOnlySpan<double> x, int d)
    {
        int k = x.Length / d;
        double total = 0;
        for (int c = 0; c < k; c++)
        {
            double row = 0;
            for (int i = c % d; i < d; i++)
            {
                row += Math.Exp(x[c * d + i] * 0.5) * Math.Sin(x[c * d + i]);
            }

            total = total * Math.Cos(row) + row;
        }

        return total * total;
    }

    /// <summary>Not known before the loop: the bound moves inside it (a too-bold block would be the wrong size).</summary>
    [Differentiable]
    public static double MovingBound(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Math.Exp(x[i]) * Math.Cos(x[i]);
        }

        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            s += Math.Sin(x[i] * s);
            if (x[i] > 1.0)
            {
                n--;
            }
        }

        return s;
    }

    /// <summary>Not known before the loop: it may break early.</summary>
    [Differentiable]
    public static double Breaks(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Math.Exp(x[i]) * Math.Sin(x[i] * s + 1);
            if (x[i] > 1.3)
            {
                break;
            }
        }

        return s;
    }

    [Differentiable]
    public static double Checked(double v)
    {
        if (v < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(v));
        }

        return Math.Sqrt(v) * Math.Exp(v);
    }

    /// <summary>A callee that throws in the middle of a loop whose block is reserved (and rented from the pool).</summary>
    [Differentiable]
    public static double CallsAThrowingCallee(ReadOnlySpan<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Checked(x[i]) * Math.Cos(x[i]);
        }

        return s;
    }

    [Differentiable]
    public static float SingleSum(ReadOnlySpan<float> x)
    {
        float s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += MathF.Exp(x[i]) * MathF.Sin(x[i]);
        }

        return s;
    }

    /// <summary>
    /// F69: the inner loop of a nest saves only the start of the loop in its branch, which a later pass writes where it is
    /// read: the block it held in the outer loop's was left holding nothing, written <c>tape.Reserve(checked((1 +  * 4) * 4))</c>
    /// (CS0193 in the user's build).
    /// </summary>
    [Differentiable]
    public static double EmptiedNestedBlock(ReadOnlySpan<double> x)
    {
        double[] w = new double[4];
        double result = 0;
        for (int p = 0; p < 4; p++)
        {
            for (int i = 0; i < 4; i++)
            {
                if (x[0] < 10)
                {
                    double s = 0;
                    for (int k = 0; k < x.Length; k++)
                    {
                        s += x[k];
                    }

                    w[i] = s / x.Length * (i + 1);
                }
            }

            double q = 0;
            for (int j = 0; j < 4; j++)
            {
                q = w[j];
            }

            result = Math.Exp(q * 0.1 * (p + 1));
        }

        return result;
    }

    /// <summary>F69 too: with nothing else on the tape, the tape itself was not declared (CS0103).</summary>
    [Differentiable]
    public static double EmptiedBlockAndNoTape(ReadOnlySpan<double> x)
    {
        double[] w = new double[2];
        for (int p = 0; p < 2; p++)
        {
            for (int i = 0; i < 2; i++)
            {
                if (x[0] > 10)
                {
                    double s = 0;
                    for (int k = 0; k < x.Length; k++)
                    {
                        s += x[k];
                    }

                    w[i] = s < 1 ? 1 : 2;
                }
            }
        }

        return x[0] * w[1] + x[1];
    }
}

public class TapeSegmentTests
{
    private static double[] Points(int n, int seed)
    {
        var random = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = 0.2 + 1.2 * random.NextDouble();
        }

        return x;
    }

    private static void Agrees(TapedReadTests.Function f, TapedReadTests.GradientFunction gradient, double[] x)
    {
        double[] g = new double[x.Length];
        Close(f(x), gradient(x, g), 1e-13);
        Check(p => f(p), x, g);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(200)] // 400 values: the block outgrows the 64 on the stack
    public void TwoValuesPerIteration(int n) => Agrees(Segments.TwoPerIteration, Segments.TwoPerIterationGradient, Points(n, n));

    [Fact]
    public void SecondOrderKeepsPushing()
    {
        double[] x = Points(4, 7);
        TapedReadTests.HessianAgrees(Segments.TwoPerIterationGradient, Segments.TwoPerIterationHessian, x);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(200)] // 256 rented for the first block, then 512 for the second: the first moves
    public void TwoLoopsInTurn(int n) => Agrees(Segments.TwoLoops, Segments.TwoLoopsGradient, Points(n, n + 1));

    [Fact]
    public void EmptyLoopsReserveNothing()
    {
        Assert.Equal(0.0, Segments.TwoLoopsGradient([], []));
        double[] dx = [5.0, 6.0];
        Assert.Equal(0.5, Segments.FromOneGradient([0.5, 0.7], 1, dx));
        Assert.Equal([1.0, 0.0], dx); // s = 1: the value of x[0], nothing from the loop
        Assert.Equal(0.0, Segments.FromOneGradient([0.0, 0.7], -3, dx));
        Assert.Equal([1.0, 0.0], dx);
    }

    [Theory]
    [InlineData(0.9, 150)]
    [InlineData(0.5, 150)]
    [InlineData(0.9, 3)]
    public void LoopInABranch(double first, int n)
    {
        double[] x = Points(n, 3);
        x[0] = first;
        Agrees(Segments.InABranch, Segments.InABranchGradient, x);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(100)]
    public void StartAndBoundOfTheUser(int n)
    {
        double[] x = Points(100, 11);
        Agrees(p => Segments.FromOne(p, n), (p, g) => Segments.FromOneGradient(p, n, g), x);
    }

    [Theory]
    [InlineData(7, 3)]
    [InlineData(120, 50)]
    [InlineData(4, 9)] // the second loop runs no iteration
    public void FirstToLastFromAStart(int n, int m)
    {
        double[] x = Points(n, n + m);
        Agrees(p => Segments.FromAStart(p, m), (p, g) => Segments.FromAStartGradient(p, m, g), x);
    }

    [Theory]
    [InlineData(7, 3)]
    [InlineData(4, 9)]
    public void SecondOrderFirstToLastFromAStart(int n, int m) =>
        TapedReadTests.HessianAgrees((p, g) => Segments.FromAStartGradient(p, m, g), (p, g, h) => Segments.FromAStartHessian(p, m, g, h), Points(n, n + m));

    [Theory]
    [InlineData(3, 2, 1)]
    [InlineData(60, 5, 2)]
    [InlineData(60, 5, 7)] // the second nested loop runs no iteration
    [InlineData(120, 10, 0)] // 120 + 10·(2·10 + 10·3) = 620 values: the block outgrows the stack buffer
    [InlineData(4, 5, 1)] // no row
    public void NestedBlocksInOneBlock(int n, int d, int m)
    {
        double[] x = Points(n, n + d + m);
        Agrees(p => Segments.NestedBlocks(p, d, m), (p, g) => Segments.NestedBlocksGradient(p, d, m, g), x);
    }

    [Theory]
    [InlineData(12, 3, 2)]
    [InlineData(80, 4, 3)]
    [InlineData(12, 3, 0)]
    public void NestedBlocksInsideALoopRunBackwards(int n, int d, int rounds)
    {
        double[] x = Points(n, n + d);
        Agrees(p => Segments.NestedBlocksInRounds(p, d, rounds), (p, g) => Segments.NestedBlocksInRoundsGradient(p, d, rounds, g), x);
    }

    [Theory]
    [InlineData(12, 3)]
    [InlineData(90, 6)]
    public void TriangleReservesPerRow(int n, int d) => Agrees(p => Segments.TriangleKeepsItsBlocks(p, d), (p, g) => Segments.TriangleKeepsItsBlocksGradient(p, d, g), Points(n, d));

    [Theory]
    [InlineData(3)]
    [InlineData(90)]
    public void CounterSteppedInTheBody(int n) => Agrees(Segments.StepInTheBody, Segments.StepInTheBodyGradient, Points(n, n));

    [Theory]
    [InlineData(5)]
    [InlineData(120)]
    public void BoundThatMovesKeepsThePushes(int n) => Agrees(Segments.MovingBound, Segments.MovingBoundGradient, Points(n, 5));

    [Theory]
    [InlineData(4)]
    [InlineData(120)]
    public void BreakKeepsThePushes(int n) => Agrees(Segments.Breaks, Segments.BreaksGradient, Points(n, 9));

    [Fact]
    public void ThrowingCalleeLeavesTheTapeUsable()
    {
        double[] bad = Points(300, 13);
        bad[250] = -1;
        double[] g = new double[bad.Length];
        Assert.Throws<ArgumentOutOfRangeException>(() => Segments.CallsAThrowingCalleeGradient(bad, g));
        Agrees(Segments.CallsAThrowingCallee, Segments.CallsAThrowingCalleeGradient, Points(300, 17));
    }

    [Fact]
    public void KnownValuesAndInfinities()
    {
        // d/dx Σ exp(x)·sin(x) = exp(x)·(sin(x) + cos(x)); exp(800) overflows: that entry is infinite, the others exact.
        float[] xf = [0.5f, -1.25f, 2f];
        float[] gf = new float[3];
        float value = Segments.SingleSumGradient(xf, gf);
        float expected = 0;
        for (int i = 0; i < 3; i++)
        {
            expected += MathF.Exp(xf[i]) * MathF.Sin(xf[i]);
            Assert.Equal(MathF.Exp(xf[i]) * (MathF.Sin(xf[i]) + MathF.Cos(xf[i])), gf[i], 5e-6f);
        }

        Assert.Equal(expected, value, 1e-6f);

        // Σ exp(x_i)·sin(3x_i)·x_{i+1}: x_1 = 800 overflows exp, so the entries it reaches are not finite; the others are exact.
        double[] x = [0.3, 800, 1.1, 0.7];
        double[] dx = new double[4], known = new double[4];
        for (int i = 0; i < 4; i++)
        {
            double e = Math.Exp(x[i]), next = x[(i + 1) % 4];
            known[i] += next * (e * Math.Sin(3 * x[i]) + e * 3 * Math.Cos(3 * x[i]));
            known[(i + 1) % 4] += e * Math.Sin(3 * x[i]);
        }

        Segments.TwoPerIterationGradient(x, dx);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(double.IsFinite(known[i]), double.IsFinite(dx[i]));
            if (double.IsFinite(known[i]))
            {
                Agree([known[i]], [dx[i]], 1e-12);
            }
        }

        Assert.False(double.IsFinite(dx[1]));
        Assert.True(double.IsFinite(dx[0]) && double.IsFinite(dx[3]));
    }

    /// <summary>F69: the emptied blocks are no blocks; the nest's gradient against differences, on both sides of the branch.</summary>
    [Theory]
    [InlineData(3, 0.5)]
    [InlineData(5, 11)]
    public void EmptiedNestedBlocks(int n, double first)
    {
        double[] x = Points(n, n);
        x[0] = first;
        Agrees(Segments.EmptiedNestedBlock, Segments.EmptiedNestedBlockGradient, x);
        Agrees(Segments.EmptiedBlockAndNoTape, Segments.EmptiedBlockAndNoTapeGradient, x);
    }
}
