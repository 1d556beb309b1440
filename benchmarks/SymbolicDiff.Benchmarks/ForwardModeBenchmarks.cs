using System;
using BenchmarkDotNet.Attributes;

namespace SymbolicDiff.Benchmarks;

/// <summary>
/// Forward mode and second order on Rosenbrock at n = 100 (issue 10): the function, its gradient,
/// one tangent (a directional derivative), one Hessian-vector product, the dense Hessian, and the
/// dense Hessian assembled by the user from n Hessian-vector products with unit vectors.
/// </summary>
[Config(typeof(BenchConfig))]
public class ForwardModeBenchmarks
{
    private const int N = 100;
    private readonly double[] x = new double[N];
    private readonly double[] direction = new double[N];
    private readonly double[] gradient = new double[N];
    private readonly double[] product = new double[N];
    private readonly double[] unit = new double[N];
    private readonly double[] hessian = new double[N * N];
    private readonly double[] assembled = new double[N * N];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        for (int i = 0; i < N; i++)
        {
            x[i] = random.NextDouble() * 2 - 1;
            direction[i] = random.NextDouble() * 2 - 1;
        }

        // The tangent is the gradient along the direction; H·v is the dense Hessian times v; the
        // assembled Hessian is the generated one.
        Functions.RosenbrockGradient(x, gradient);
        Functions.RosenbrockTangent(x, direction, out double tangent);
        double along = 0;
        for (int i = 0; i < N; i++)
        {
            along += gradient[i] * direction[i];
        }

        Check.Close(tangent, along, 1e-12, "tangent = gradient · direction");
        Functions.RosenbrockHessian(x, gradient, hessian);
        Functions.RosenbrockHessianVectorProduct(x, direction, gradient, product);
        for (int i = 0; i < N; i++)
        {
            double row = 0;
            for (int j = 0; j < N; j++)
            {
                row += hessian[i * N + j] * direction[j];
            }

            Check.Close(product[i], row, 1e-12, $"(H·v)[{i}]");
        }

        AssembleFromProducts();
        for (int k = 0; k < N * N; k++)
        {
            Check.Close(assembled[k], hessian[k], 1e-12, $"assembled H[{k}]");
        }
    }

    [Benchmark(Baseline = true, Description = "function")]
    public double Function() => Functions.Rosenbrock(x);

    [Benchmark(Description = "generated FGradient")]
    public double Gradient() => Functions.RosenbrockGradient(x, gradient) + gradient[0];

    [Benchmark(Description = "generated FTangent")]
    public double Tangent() => Functions.RosenbrockTangent(x, direction, out double tangent) + tangent;

    [Benchmark(Description = "generated FHessianVectorProduct")]
    public double HessianVectorProduct() => Functions.RosenbrockHessianVectorProduct(x, direction, gradient, product) + product[0];

    [Benchmark(Description = "generated FHessian (n = 100)")]
    public double Hessian() => Functions.RosenbrockHessian(x, gradient, hessian) + hessian[0];

    [Benchmark(Description = "n HVPs with unit vectors (n = 100)")]
    public double HessianFromProducts() => AssembleFromProducts() + assembled[0];

    private double AssembleFromProducts()
    {
        double value = 0;
        for (int j = 0; j < N; j++)
        {
            unit[j] = 1;
            value = Functions.RosenbrockHessianVectorProduct(x, unit, gradient, product);
            unit[j] = 0;
            for (int i = 0; i < N; i++)
            {
                assembled[i * N + j] = product[i];
            }
        }

        return value;
    }
}
