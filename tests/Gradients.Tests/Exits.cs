using System;
using System.Linq;
using CsCheck;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary>
/// Many early exits, and exits on some paths of a side (which once copied the rest of the method into both
/// sides): the path is chosen by [NoDiff] selectors, so finite differences never cross a branch boundary.
/// </summary>
public static partial class Exits
{
    /// <summary>More guard returns than the exits that nest (MaxExitNesting): the later ones run under the skip flag.</summary>
    [Differentiable]
    public static double GuardReturns(double x, double y, [NoDiff] int k)
    {
        double r = x * y;
        if (k == 0) return r;
        r = Math.Sin(r) + x;
        if (k == 1) return r * y;
        double t = r * r;
        if (k == 2) return t - x;
        r = t * y + r;
        if (k == 3) return Math.Exp(-r * r);
        if (k == 4) return r / (1 + y * y);
        t = Math.Tanh(t + r);
        if (k == 5) return t * x;
        r += t;
        if (k == 6) return r * r * y;
        if (k == 7) return Math.Cos(r + t);
        return r - t * x;
    }

    /// <summary>An exit on one path of each if: <c>if (k &gt; i) { if (k &gt; i + 0.5) return …; … }</c>, twelve deep.</summary>
    [Differentiable]
    public static double PartialExits(double x, double y, [NoDiff] double k)
    {
        double r = x;
        if (k > 0) { if (k > 0.5) return r * y; r = r * y + x; }
        r = Math.Sin(r) + y;
        if (k > 1) { if (k > 1.5) return r * r; r = r * x; }
        r = r * 0.5 + x * y;
        if (k > 2) { if (k > 2.5) return r - x; r = Math.Tanh(r); }
        r = r * y + 1;
        if (k > 3) { if (k > 3.5) return r * x; r = r * r; }
        r = Math.Sin(r) * x;
        if (k > 4) { if (k > 4.5) return r + y; r = r * y; }
        r = r + x * x;
        if (k > 5) { if (k > 5.5) return r * y; r = Math.Cos(r); }
        r = r * x + y;
        if (k > 6) { if (k > 6.5) return r; r = r * r * 0.25; }
        r = Math.Sin(r + y);
        if (k > 7) { if (k > 7.5) return r * x * y; r = r - x; }
        r = r * y;
        if (k > 8) { if (k > 8.5) return Math.Exp(r * 0.1); r = r + y * y; }
        r = Math.Tanh(r) + x;
        if (k > 9) { if (k > 9.5) return r * 3; r = r * x; }
        r = r + y;
        if (k > 10) { if (k > 10.5) return r * r; r = Math.Sin(r); }
        r = r * x;
        if (k > 11) { if (k > 11.5) return r - y; r = r * y; }
        return r + x;
    }

    /// <summary>continue, break and return on some paths of a loop body, more of them than nest.</summary>
    [Differentiable]
    public static double LoopExits(double[] x, [NoDiff] int[] mode)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (mode[i] == 0) { if (x[i] > 100) break; s += x[i] * x[i]; }
            if (mode[i] == 1) continue;
            s = s * 0.5 + Math.Sin(x[i]);
            if (mode[i] == 2) continue;
            if (mode[i] == 3) { s += 1; continue; }
            s += x[i] * s;
            if (mode[i] == 4) break;
            if (mode[i] == 5) return s * x[i];
            if (mode[i] == 6) continue;
            s -= Math.Cos(s);
        }

        return s;
    }

    /// <summary>A return inside a loop, then more guard returns after it.</summary>
    [Differentiable]
    public static double ReturnInLoopThenGuards(double x, double y, [NoDiff] int n, [NoDiff] int k)
    {
        double s = x;
        for (int i = 0; i < n; i++)
        {
            s = s * y + 1;
            if (i == k) return s;
        }

        if (k == -1) return s * s;
        s = Math.Sin(s);
        if (k == -2) return s + x;
        s = s * x;
        if (k == -3) return s * y;
        if (k == -4) return Math.Exp(s);
        s = s + y * y;
        if (k == -5) return s * s * x;
        if (k == -6) return s - y;
        return s * x;
    }
}

public static partial class Exits
{
    /// <summary>Switch sections that return, fall out or continue, more of them than nest, inside and after a loop.</summary>
    [Differentiable]
    public static double SwitchExits(double x, double y, [NoDiff] int k)
    {
        double r = x * y;
        for (int i = 0; i < 3; i++)
        {
            switch ((k + i) % 4)
            {
                case 0: r = r * y + x; break;
                case 1: continue;
                case 2: if (i == 2 && k > 5) return r * x; r = Math.Sin(r); break;
                default: r += x; break;
            }

            r = r * 0.5 + y;
        }

        switch (k)
        {
            case 0: return r;
            case 1: r = r * r; break;
            case 2: return Math.Exp(-r * r);
        }

        r += x;
        switch (k)
        {
            case 3: return r * y;
            case 4: r = Math.Tanh(r); break;
            default: r -= y; break;
        }

        return k switch { 5 => r * x, 6 => r + y, _ => r * r };
    }
}

public class ExitTests
{
    private static (double, double[]) G2(double v, double a, double b) => (v, [a, b]);

    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)]
    [InlineData(5)] [InlineData(6)] [InlineData(7)] [InlineData(8)]
    public void GuardReturns_EveryPath(int k) =>
        Sample(Box((-2, 2), (-2, 2)), p => Exits.GuardReturns(p[0], p[1], k), p => G2(Exits.GuardReturnsGradient(p[0], p[1], k, out var a, out var b), a, b));

    [Fact]
    public void GuardReturns_KnownValue()
    {
        // k = 1: (sin(xy) + x)·y; ∂/∂x = (cos(xy)·y + 1)·y, ∂/∂y = cos(xy)·x·y + sin(xy) + x
        double x = 0.7, y = -1.3;
        double value = Exits.GuardReturnsGradient(x, y, 1, out double dx, out double dy);
        Assert.Equal((Math.Sin(x * y) + x) * y, value, 1e-15);
        Assert.Equal((Math.Cos(x * y) * y + 1) * y, dx, 1e-14);
        Assert.Equal(Math.Cos(x * y) * x * y + Math.Sin(x * y) + x, dy, 1e-14);
    }

    [Fact]
    public void PartialExits_EveryPath()
    {
        // k = 0.25, 0.75, 1.25, … 12.25: every inner return and every fall-through.
        foreach (double k in Enumerable.Range(0, 26).Select(i => i * 0.5 - 0.25))
        {
            Sample(Box((0.2, 1.2), (0.2, 1.2)), p => Exits.PartialExits(p[0], p[1], k), p => G2(Exits.PartialExitsGradient(p[0], p[1], k, out var a, out var b), a, b), iterations: 40);
        }
    }

    [Fact]
    public void LoopExits_RandomModes()
    {
        Gen.Int[1, 12].SelectMany(n => Gen.Select(Gen.Double[-2, 2].Array[n], Gen.Int[0, 7].Array[n]))
            .Sample(t =>
            {
                var (x, mode) = t;
                double[] dx = new double[x.Length];
                double value = Exits.LoopExitsGradient(x, mode, dx);
                Close(Exits.LoopExits(x, mode), value, 1e-13);
                Check(p => Exits.LoopExits(p, mode), x, dx);
            }, iter: 300);
    }

    [Fact]
    public void LoopExits_BackwardAccumulates()
    {
        double[] x = [0.3, -1.2, 0.8, 1.5];
        int[] mode = [0, 3, 7, 6];
        double[] once = new double[4];
        Exits.LoopExitsGradient(x, mode, once);
        double[] dx = [1, 2, 3, 4];
        Exits.LoopExitsBackward(x, mode, 0.5, dx);
        Agree([1 + 0.5 * once[0], 2 + 0.5 * once[1], 3 + 0.5 * once[2], 4 + 0.5 * once[3]], dx, 1e-15);
    }

    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)]
    [InlineData(6)] [InlineData(7)] [InlineData(9)]
    public void SwitchExits_EveryPath(int k) =>
        Sample(Box((-1, 1), (-1, 1)), p => Exits.SwitchExits(p[0], p[1], k), p => G2(Exits.SwitchExitsGradient(p[0], p[1], k, out var a, out var b), a, b));

    [Theory]
    [InlineData(4, 0)] [InlineData(4, 2)] [InlineData(4, -1)] [InlineData(4, -2)] [InlineData(4, -3)]
    [InlineData(4, -4)] [InlineData(4, -5)] [InlineData(4, -6)] [InlineData(4, -7)] [InlineData(0, -3)]
    public void ReturnInLoopThenGuards_EveryPath(int n, int k) =>
        // At y = -1 the loop gives back x as 1 − (1 − x), so a tiny x comes out with an absolute error of 1e-16
        // (x = -5.13e-11: 2e-6 relative), which the central difference's noise floor, scaled by |f|, does not cover.
        Sample(Box((-1, 1), (-1, 1)).Where(p => Math.Abs(p[0]) > 1e-3), p => Exits.ReturnInLoopThenGuards(p[0], p[1], n, k), p => G2(Exits.ReturnInLoopThenGuardsGradient(p[0], p[1], n, k, out var a, out var b), a, b));
}
