using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace SymbolicDiff.Samples.Spiral;

/// <summary>The --json output: one object with the settings, each model's numbers and the picture paths.</summary>
internal static class JsonReport
{
    /// <summary>Writes the object and a newline to <paramref name="output"/>.</summary>
    public static void Write(TextWriter output, SpiralOptions options, IReadOnlyList<ModelResult> results, IReadOnlyDictionary<string, string> pictures)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("seed", options.Seed);
            json.WriteString("optimizer", options.Optimizer);
            json.WriteStartObject("models");
            foreach (ModelResult result in results)
            {
                json.WriteStartObject(result.Key);
                json.WriteNumber("iterations", result.Iterations);
                json.WriteNumber("accuracy", result.Accuracy);
                json.WriteNumber("finalLoss", result.FinalLoss);
                json.WriteNumber("seconds", result.Seconds);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("pictures");
            foreach ((string name, string path) in pictures)
            {
                json.WriteString(name, path);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
