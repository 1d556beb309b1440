using System;
using System.Collections.Generic;
using System.Globalization;

namespace Circuits;

/// <summary>Prints a circuit gate by gate: each wire's forward value and the gradient of the output with respect to it.</summary>
internal sealed class CircuitTable(string title)
{
    private readonly List<(string Wire, double Value, double Gradient)> rows = [];

    public void Wire(string wire, double value, double gradient) => rows.Add((wire, value, gradient));

    public void Print(double wholeValue, double[] wholeGradient, double[] gateGradient)
    {
        Console.WriteLine(title);
        Console.WriteLine($"  {"wire",-22}{"forward",10}{"gradient",12}");
        foreach ((string wire, double value, double gradient) in rows)
        {
            Console.WriteLine($"  {wire,-22}{Format(value),10}{Format(gradient),12}");
        }

        bool agrees = true;
        for (int i = 0; i < wholeGradient.Length; i++)
        {
            agrees &= Math.Abs(wholeGradient[i] - gateGradient[i]) <= 1e-12 * Math.Max(1, Math.Abs(wholeGradient[i]));
        }

        Console.WriteLine($"  whole-circuit Gradient: value {Format(wholeValue)}, gradient ({string.Join(", ", Array.ConvertAll(wholeGradient, Format))})"
            + (agrees ? " — the same as gate by gate" : " — DIFFERS from gate by gate"));
        Console.WriteLine();
    }

    private static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
