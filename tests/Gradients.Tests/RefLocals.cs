using System;
using SymbolicDiff;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests;

/// <summary><c>ref</c> locals are aliases of what they refer to: writes through them change it (they were once taken as copies).</summary>
public static partial class Refs
{
    /// <summary>The example: a write through a ref to a local array's element.</summary>
    [Differentiable]
    public static double WriteThroughElement(double x)
    {
        double[] a = new double[1];
        ref double r = ref a[0];
        r = x * x;
        return a[0] + x;
    }

    /// <summary>A soft histogram: each sample adds its Gaussian weight to a bin through <c>ref double bin = ref bins[k]</c>.</summary>
    [Differentiable]
    public static double SoftHistogram(double[] samples, double width)
    {
        double[] bins = new double[3];
        for (int i = 0; i < samples.Length; i++)
        {
            int k = i % 3;
            ref double bin = ref bins[k];
            k = 0; // the alias keeps the element it was made with
            bin += Math.Exp(-samples[i] * samples[i] / width) + k;
        }

        return bins[0] * bins[1] + bins[2] * bins[2];
    }

    /// <summary>A ref to a scalar local, written in a loop and after it.</summary>
    [Differentiable]
    public static double ScalarAlias(double x, double y)
    {
        double s = y;
        ref double r = ref s;
        for (int i = 0; i < 3; i++)
        {
            r *= x;
        }

        r += y;
        return s;
    }

    /// <summary>A ref to a parameter: the parameter is reassigned through it.</summary>
    [Differentiable]
    public static double ParameterAlias(double x, double y)
    {
        ref double r = ref x;
        r = r * y;
        return x + y;
    }

    /// <summary><c>foreach (ref …)</c> writes the elements; <c>ref readonly</c> reads one.</summary>
    [Differentiable]
    public static double ForEachRefAndReadOnly(double x, double y)
    {
        Span<double> v = stackalloc double[3];
        v[0] = x;
        v[1] = y;
        v[2] = x * y;
        foreach (ref double e in v)
        {
            e *= e;
        }

        ref readonly double first = ref v[0];
        v[0] = 2 * y; // a ref readonly still sees later writes
        return first + v[1] * v[2];
    }

    /// <summary>A ref readonly to an element of a parameter array.</summary>
    [Differentiable]
    public static double ReadOnlyParameterElement(double[] w, double x)
    {
        ref readonly double w1 = ref w[1];
        return w1 * x + w[0];
    }

    /// <summary>
    /// F12: <c>foreach (ref readonly … in a.AsSpan())</c> over a differentiable parameter and a local array
    /// reads their elements (was SDIFF0006, "an element of a slice").
    /// </summary>
    [Differentiable]
    public static double ReadOnlyForEachOverAsSpan(double[] w, double x)
    {
        double[] local = new double[2];
        local[0] = x * x;
        local[1] = w[0] + x;
        double s = 0;
        foreach (ref readonly double e in w.AsSpan())
        {
            s += e * x;
        }

        foreach (ref double e in local.AsSpan())
        {
            e *= x; // a write through the alias (was SDIFF0005 over AsSpan())
        }

        foreach (ref readonly double e in local.AsSpan())
        {
            s += e * e;
        }

        return s;
    }

    /// <summary>A vector-valued method that writes its output through a ref: the output is still seen as written.</summary>
    [Differentiable]
    public static void OutputThroughRef(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            ref double yi = ref y[i];
            yi = x[i] * x[i];
        }
    }
}

public class RefLocalTests
{
    [Fact]
    public void WriteThroughElement()
    {
        double v = Refs.WriteThroughElementGradient(1.5, out double dx);
        Close(1.5 * 1.5 + 1.5, v);
        Close(2 * 1.5 + 1, dx);
    }

    [Fact]
    public void SoftHistogram()
    {
        double[] samples = [0.3, -0.8, 1.2, 0.1, -0.4, 0.9, 0.7];
        var dsamples = new double[samples.Length];
        double v = Refs.SoftHistogramGradient(samples, 1.3, dsamples, out double dwidth);
        Close(Histogram(samples, 1.3), v);
        Check(p => Histogram(p[..^1], p[^1]), [.. samples, 1.3], [.. dsamples, dwidth]);

        // The same computation with the element written out: what the ref stands for.
        static double Histogram(double[] s, double width)
        {
            double[] bins = new double[3];
            for (int i = 0; i < s.Length; i++)
            {
                bins[i % 3] += Math.Exp(-s[i] * s[i] / width);
            }

            return bins[0] * bins[1] + bins[2] * bins[2];
        }
    }

    [Fact]
    public void ScalarAlias()
    {
        double v = Refs.ScalarAliasGradient(0.7, -1.3, out double dx, out double dy);
        Close(-1.3 * 0.7 * 0.7 * 0.7 - 1.3, v);
        Check(p => Refs.ScalarAlias(p[0], p[1]), [0.7, -1.3], [dx, dy]);
        Close(3 * -1.3 * 0.7 * 0.7, dx);
    }

    [Fact]
    public void ParameterAlias()
    {
        double v = Refs.ParameterAliasGradient(0.7, -1.3, out double dx, out double dy);
        Close(0.7 * -1.3 - 1.3, v);
        Close(-1.3, dx);
        Close(0.7 + 1, dy);
    }

    [Fact]
    public void ForEachRefAndReadOnly()
    {
        double v = Refs.ForEachRefAndReadOnlyGradient(0.7, -1.3, out double dx, out double dy);
        Close(2 * -1.3 + 1.3 * 1.3 * (0.7 * -1.3) * (0.7 * -1.3), v);
        Check(p => Refs.ForEachRefAndReadOnly(p[0], p[1]), [0.7, -1.3], [dx, dy]);
    }

    [Fact]
    public void ReadOnlyParameterElement()
    {
        var dw = new double[2];
        Refs.ReadOnlyParameterElementGradient([0.5, -2.0], 3.0, dw, out double dx);
        Close(1, dw[0]);
        Close(3, dw[1]);
        Close(-2, dx);
    }

    [Fact]
    public void ReadOnlyForEachOverAsSpan()
    {
        double[] w = [0.5, -1.5, 2.0];
        var dw = new double[3];
        double v = Refs.ReadOnlyForEachOverAsSpanGradient(w, 0.8, dw, out double dx);
        Close((0.5 - 1.5 + 2.0) * 0.8 + Math.Pow(0.8 * 0.8 * 0.8, 2) + Math.Pow((0.5 + 0.8) * 0.8, 2), v);
        Check(p => Refs.ReadOnlyForEachOverAsSpan(p[..3], p[3]), [.. w, 0.8], [.. dw, dx]);
    }

    [Fact]
    public void OutputThroughRef()
    {
        double[] x = [0.5, -1.5, 2.0];
        double[] y = new double[3];
        double[] dx = [1, 1, 1];
        Refs.OutputThroughRefBackward(x, y, dx, [0.3, -0.2, 0.7]);
        Agree([0.25, 2.25, 4.0], y, 1e-15, "y");
        Agree([1 + 0.3 * 1.0, 1 + -0.2 * -3.0, 1 + 0.7 * 4.0], dx, 1e-15, "dx");
    }
}
