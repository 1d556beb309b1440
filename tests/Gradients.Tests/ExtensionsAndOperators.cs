using System;
using CsCheck;
using Gradients.Tests.Extensions;
using SymbolicDiff;
using static Gradients.Tests.ForwardChecks;
using static Gradients.Tests.Numeric;

namespace Gradients.Tests.Extensions
{
    /// <summary>A type with operators of its own, which compute out of the generator's sight.</summary>
    public readonly struct Money(double amount)
    {
        public double Amount => amount;

        public static double operator *(Money m, double r) => m.Amount * r * r;

        public static bool operator >(Money m, double r) => m.Amount > r;

        public static bool operator <(Money m, double r) => m.Amount < r;

        public static Money operator -(Money m) => new(-m.Amount);
    }

    /// <summary>
    /// Extension members of C# 14 and a classic extension method, in a namespace that only the callers' own file
    /// imports: the generated files, which have none of the user's usings, must reach them by their class.
    /// </summary>
    public static partial class Scaling
    {
        extension(double x)
        {
            public double Cubed() => x * x * x;

            public double Doubled => 2 * x;

            public static double Half(double a) => a / 2;

            public static double Base => 1.5;
        }

        extension<T>(T[] values) where T : System.Numerics.INumber<T>
        {
            public T Last => values[^1];

            public U Either<U>(U other) => other;
        }

        extension(Money m)
        {
            public static double operator /(Money a, double r) => a.Amount / (r * r);
        }

        extension(double d)
        {
            public static double operator ~(double a) => -a;
        }

        /// <summary>A classic extension method, [Differentiable], called as an instance method.</summary>
        [Differentiable]
        public static double Squared(this double x) => x * x;
    }
}

namespace Gradients.Tests
{
    /// <summary>
    /// Extension members and user-defined operators read from constants: copied into the generated code in their implementation form
    /// (<c>Scaling.Cubed(k)</c>, <c>Scaling.get_Doubled(k)</c>, <c>Scaling.get_Last&lt;double&gt;(table)</c>).
    /// Given a differentiable value, an extension block's member is SDIFF0004 (DiagnosticTests).
    /// </summary>
    public static partial class ExtensionCallers
    {
        [Differentiable]
        public static double OnConstants(double y, [NoDiff] double k, [NoDiff] double[] table) =>
            y * k.Cubed() + y * y * k.Doubled + y * double.Half(k) + double.Base * table.Last * y + table.Either(0.25) * y.Squared();

        /// <summary>
        /// Operators the user defined, of constants, and a comparison of a differentiable value by one: written so that
        /// they bind the same (an extension block's in its implementation form, <c>Scaling.op_Division(m, k)</c>).
        /// </summary>
        [Differentiable]
        public static double WithOperators(double y, [NoDiff] double k) =>
            y * (new Money(k) / k) + y * y * ~k + (-new Money(k)) * k + (new Money(k) > y ? y : 2 * y);
    }

    public class ExtensionMemberTests
    {
        /// <summary>d/dy = k³ + 4ky + k/2 + 1.5·last + 0.5y.</summary>
        [Fact]
        public void AKnownValue()
        {
            double value = ExtensionCallers.OnConstantsGradient(2, 3, [1, 4], out double dy);
            Assert.Equal(2 * 27 + 4 * 6 + 2 * 1.5 + 1.5 * 4 * 2 + 0.25 * 4, value);
            Assert.Equal(27 + 4 * 3 * 2 + 1.5 + 1.5 * 4 + 0.5 * 2, dy);
        }

        /// <summary>f = y/k − ky² − k³ + (k &gt; y ? y : 2y).</summary>
        [Fact]
        public void OperatorsKnownValues()
        {
            Assert.Equal(2.0 / 3 - 12 - 27 + 2, ExtensionCallers.WithOperatorsGradient(2, 3, out double dy), 12);
            Assert.Equal(1.0 / 3 - 12 + 1, dy, 12);
            Assert.Equal(4.0 / 3 - 48 - 27 + 8, ExtensionCallers.WithOperatorsGradient(4, 3, out dy), 12);
            Assert.Equal(1.0 / 3 - 24 + 2, dy, 12);
        }

        [Fact]
        public void OperatorsCentralDifferences() => Uniform(2, 0.5, 3).Sample(p =>
        {
            double value = ExtensionCallers.WithOperatorsGradient(p[0], p[1], out double dy);
            Close(ExtensionCallers.WithOperators(p[0], p[1]), value);
            if (Math.Abs(p[0] - p[1]) > 1e-3) // the comparison's jump
                Check(q => ExtensionCallers.WithOperators(q[0], p[1]), [p[0]], [dy]);
        });

        [Fact]
        public void CentralDifferences() => Uniform(3, -2, 2).Sample(p =>
        {
            double[] table = [p[2], p[1] * p[2]];
            double value = ExtensionCallers.OnConstantsGradient(p[0], p[1], table, out double dy);
            Close(ExtensionCallers.OnConstants(p[0], p[1], table), value);
            Check(q => ExtensionCallers.OnConstants(q[0], p[1], table), [p[0]], [dy]);
        });
    }
}
