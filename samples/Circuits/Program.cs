using System;
using SymbolicDiff;

double f = Demo.SumTimesGradient(-2, 5, -4, out double dx, out double dy, out double dz);
Console.WriteLine($"f={f} dx={dx} dy={dy} dz={dz}");
double s = Demo.NeuronGradient(2, -3, -3, -1, -2, out double dw0, out double dw1, out double dw2, out double dx0, out double dx1);
Console.WriteLine($"s={s} {dw0} {dw1} {dw2} {dx0} {dx1}");
double m = Demo.MaxCircuitGradient(3, -4, 2, -1, out double a, out double b, out double c, out double d);
Console.WriteLine($"m={m} {a} {b} {c} {d}");

static partial class Demo
{
    [Differentiable]
    public static double SumTimes(double x, double y, double z) => (x + y) * z;

    [Differentiable]
    public static double Neuron(double w0, double w1, double w2, double x0, double x1)
    {
        double dot = w0 * x0 + w1 * x1 + w2;
        return 1.0 / (1.0 + Math.Exp(-dot));
    }

    [Differentiable]
    public static double MaxCircuit(double x, double y, double z, double w) => 2 * (x * y + Math.Max(z, w));

    [Differentiable]
    public static double Branchy(double x, double y)
    {
        double r = x;
        if (x > 0)
        {
            r = x * y;
        }
        else if (y > 1)
        {
            return Math.Sin(x);
        }
        return r * r + SumTimes(x, 2.0, y);
    }
}
