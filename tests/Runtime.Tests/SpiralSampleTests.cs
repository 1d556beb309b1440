using System.IO;
using System.Text.Json;
using SymbolicDiff.Samples.Spiral;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>The spiral sample's command line, run in-process.</summary>
public sealed class SpiralSampleTests : IDisposable
{
    private readonly string _outputDirectory = Path.Combine(Path.GetTempPath(), "spiral-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_outputDirectory))
        {
            Directory.Delete(_outputDirectory, recursive: true);
        }
    }

    [Fact]
    public void Json_output_is_one_object_with_the_numbers_of_both_models_and_the_pictures_exist()
    {
        (int exitCode, string stdout, string stderr) = Run("--json", "--iterations", "300", "--seed", "3", "--out", _outputDirectory);

        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr);
        using JsonDocument document = JsonDocument.Parse(stdout);
        JsonElement root = document.RootElement;
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        Assert.Equal("sgd", root.GetProperty("optimizer").GetString());
        foreach (string model in new[] { "linear", "twoLayer" })
        {
            JsonElement result = root.GetProperty("models").GetProperty(model);
            Assert.Equal(300, result.GetProperty("iterations").GetInt32());
            Assert.InRange(result.GetProperty("accuracy").GetDouble(), 0.0, 1.0);
            Assert.InRange(result.GetProperty("finalLoss").GetDouble(), 0.0, 2.0);
            Assert.True(result.GetProperty("seconds").GetDouble() >= 0);
        }

        // The network beats the linear classifier even after 300 iterations.
        Assert.True(
            root.GetProperty("models").GetProperty("twoLayer").GetProperty("accuracy").GetDouble()
            > root.GetProperty("models").GetProperty("linear").GetProperty("accuracy").GetDouble());
        foreach (JsonProperty picture in root.GetProperty("pictures").EnumerateObject())
        {
            byte[] png = File.ReadAllBytes(picture.Value.GetString()!);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.Take(4));
        }
    }

    [Theory]
    [InlineData("--iterations", "0")]
    [InlineData("--optimizer", "lbfgs")]
    [InlineData("--learning-rate", "-1")]
    [InlineData("--frobnicate")]
    [InlineData("--seed")]
    public void Bad_arguments_exit_with_2_and_a_message_on_stderr_only(params string[] args)
    {
        (int exitCode, string stdout, string stderr) = Run(args);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains(args[0], stderr);
    }

    [Fact]
    public void An_unknown_flag_is_called_unknown()
    {
        (_, _, string stderr) = Run("--frobnicate", "3");

        Assert.StartsWith("error: unknown argument '--frobnicate'", stderr);
    }

    [Fact]
    public void A_diverging_step_size_exits_with_1_and_says_why()
    {
        (int exitCode, string stdout, string stderr) = Run("--learning-rate", "1e200", "--iterations", "20", "--json", "--out", _outputDirectory);

        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout);
        Assert.Contains("diverged", stderr);
    }

    [Fact]
    public void Options_parse_every_flag()
    {
        SpiralOptions? options = SpiralOptions.Parse(
            ["--iterations", "5", "--hidden", "7", "--optimizer", "adam", "--learning-rate", "0.5", "--seed", "-4", "--out", "pics", "--json"],
            out string error);

        Assert.Equal("", error);
        Assert.Equal(
            new SpiralOptions
            {
                Iterations = 5,
                Hidden = 7,
                Optimizer = "adam",
                LearningRate = 0.5,
                Seed = -4,
                OutputDirectory = Path.GetFullPath("pics"),
                Json = true,
            },
            options);
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exitCode = SpiralApp.Run(args, stdout, stderr, isTerminal: false);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
