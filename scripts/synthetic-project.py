#!/usr/bin/env python3
"""Writes a synthetic project of N [Differentiable] methods (about 22 statements each) for measuring the
generator's speed (issue 9 item 5; docs/benchmarks.md, "Generator speed").

    python3 scripts/synthetic-project.py OUT_DIR [--methods 1000] [--per-class 10] [--no-generator]

OUT_DIR gets Synthetic.csproj (referencing this repository's runtime and generator; with --no-generator the
generator is left out and the [Differentiable] attributes stay, so the same code compiles without it) and one file
per class, M methods per class. Method k of a class calls method k-1 of the same class, so a class is a chain of
callers; every class also calls one hand-written pullback ([DerivativeOf]). The benchmark project
benchmarks/GeneratorBenchmarks builds the same sources in memory (Synthetic.Methods below is mirrored there).
"""
import argparse
import os

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def method(cls: int, k: int) -> str:
    """One method: ~22 statements with arithmetic, Math calls, a loop over an array, a branch and a call."""
    c = 1 + (cls * 7 + k) % 13
    call = f"M{k - 1}(h, x, w, n)" if k > 0 else "Custom.Softplus(h)"
    return f"""
    [Differentiable]
    public static double M{k}(double x, double y, double[] w, int n)
    {{
        double a = x * y + {c}.0;
        double b = Math.Exp(-a * a / {c + 1}.0);
        double c = Math.Sin(x) * Math.Cos(y);
        double d = a / (1.0 + b * b);
        double s = 0;
        for (int i = 0; i < n; i++)
        {{
            double t = w[i] * x + c;
            s += t * t;
        }}
        if (s > 1.0)
        {{
            d = d * Math.Log(s);
        }}
        else
        {{
            d = d + s;
        }}
        double e = Math.Sqrt(d * d + 1.0);
        double f = Math.Tanh(e - c);
        double g = Math.Max(f, 0.1 * f);
        double h = g * g + e * {c}.5;
        double p = {call};
        double q = p * p - h;
        double r = Math.Atan2(q, 1.0 + x * x);
        double u = r * y + q / (1.0 + Math.Abs(d));
        double v = Math.Pow(1.0 + u * u, 0.5);
        return v + p * 0.5;
    }}
"""


CUSTOM = """using System;
using SymbolicDiff;

namespace Synthetic;

public static partial class Custom
{
    public static double Softplus(double x) => Math.Log(1.0 + Math.Exp(x));

    [DerivativeOf(typeof(Custom), nameof(Softplus))]
    public static double SoftplusBackward(double x, double seed, ref double dx)
    {
        dx += seed / (1.0 + Math.Exp(-x));
        return Math.Log(1.0 + Math.Exp(x));
    }
}
"""


def class_file(cls: int, per_class: int) -> str:
    body = "".join(method(cls, k) for k in range(per_class))
    return f"""using System;
using SymbolicDiff;

namespace Synthetic;

public static partial class C{cls}
{{{body}}}
"""


def csproj(with_generator: bool) -> str:
    generator = (f'    <ProjectReference Include="{REPO}/src/Generator/SymbolicDiff.Generator.csproj" '
                 'OutputItemType="Analyzer" ReferenceOutputAssembly="false" />\n') if with_generator else ""
    return f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="{REPO}/src/Runtime/SymbolicDiff.Runtime.csproj" />
{generator}  </ItemGroup>
</Project>
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--methods", type=int, default=1000)
    parser.add_argument("--per-class", type=int, default=10)
    parser.add_argument("--no-generator", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "Synthetic.csproj"), "w") as f:
        f.write(csproj(not args.no_generator))
    with open(os.path.join(args.out, "Custom.cs"), "w") as f:
        f.write(CUSTOM)
    classes = (args.methods + args.per_class - 1) // args.per_class
    for cls in range(classes):
        count = min(args.per_class, args.methods - cls * args.per_class)
        with open(os.path.join(args.out, f"C{cls}.cs"), "w") as f:
            f.write(class_file(cls, count))


if __name__ == "__main__":
    main()
