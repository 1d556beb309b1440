namespace SymbolicDiff.Reliability.Tests.Programs.Extensions;

/// <summary>
/// The C# 14 extension members the random programs read from constants (<see cref="Grammar.ExtensionMembers"/>:
/// <c>(0.5).Scaled()</c>, <c>(0.5).Halved</c>, <c>double.ThreeQuarters(0.5)</c>), from this assembly's metadata and
/// in a namespace only the batch's own usings import: the generated code must call them in their implementation form
/// (F39). Each result is exact in float and double, as the grammar's literals are.
/// </summary>
public static class ConstantExtensions
{
    extension(double v)
    {
        public double Scaled() => v * 2;

        public double Halved => v / 2;

        public static double ThreeQuarters(double a) => a * 0.75;
    }

    extension(float v)
    {
        public float Scaled() => v * 2;

        public float Halved => v / 2;

        public static float ThreeQuarters(float a) => a * 0.75f;
    }
}
