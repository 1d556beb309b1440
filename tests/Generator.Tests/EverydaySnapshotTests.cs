using System.Runtime.CompilerServices;
using SymbolicDiff.Generator.Tests.Infrastructure;

namespace SymbolicDiff.Generator.Tests;

/// <summary>Snapshots of everyday C# beyond the core grammar (number-type functions, guards, …); each must also compile cleanly.</summary>
public class EverydaySnapshotTests
{
    static void Verify(string body, [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var result = GeneratorHarness.Run("using System;\nusing SymbolicDiff;\npublic static partial class Everyday\n{\n" + body + "\n}\n");
        result.AssertCompilesCleanly();
        Assert.Empty(result.Diagnostics);
        Snapshot.VerifyGenerated(result, testFile, testMethod);
    }

    [Fact]
    public void NumberTypeFunctions() => Verify("""
            [Differentiable]
            public static double Distance(double x, double y) => double.Hypot(x, y) + Math.Asinh(x) + double.LogP1(x * x);
            [Differentiable]
            public static float Signed(float x, float y) => MathF.CopySign(x, y) * float.Exp2(y);
        """);
}
