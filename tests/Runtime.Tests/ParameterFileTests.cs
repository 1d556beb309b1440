using System.IO;
using SymbolicDiff.Nn;
using SymbolicDiff.Numerics;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>Saving and loading parameters: exact round trip, the documented layout, and every failure leaving things intact.</summary>
public sealed class ParameterFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sdiff-params-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => System.IO.Path.Combine(_folder, name);

    private static Sequential Model(int seed, int hidden = 4)
    {
        var random = new GaussianRandom(seed);
        return new Sequential(new Dense(2, hidden, WeightInit.He, random, "d1"), new ReLU(hidden), new Dense(hidden, 3, WeightInit.He, random, "d2"));
    }

    [Fact]
    public void Values_round_trip_bit_for_bit()
    {
        Sequential saved = Model(seed: 1);
        saved.Parameters[1].Value[0] = double.NaN;
        saved.Parameters[1].Value[1] = -0.0;
        saved.Parameters[1].Value[2] = double.Epsilon;
        ParameterFile.Save(PathOf("model.bin"), saved.Parameters);

        Sequential loaded = Model(seed: 2);
        ParameterFile.Load(PathOf("model.bin"), loaded.Parameters);

        for (int p = 0; p < saved.Parameters.Count; p++)
        {
            Assert.Equal(
                saved.Parameters[p].Value.Select(BitConverter.DoubleToInt64Bits),
                loaded.Parameters[p].Value.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void The_file_has_the_documented_layout()
    {
        var parameter = new Parameter("w", 1, 2, regularized: true);
        parameter.Value[0] = 1.5;
        parameter.Value[1] = -2;
        ParameterFile.Save(PathOf("w.bin"), [parameter]);

        using var reader = new BinaryReader(File.OpenRead(PathOf("w.bin")));
        Assert.Equal("SDIFFPRM"u8.ToArray(), reader.ReadBytes(8));
        Assert.Equal(1, reader.ReadInt32());      // version
        Assert.Equal(1, reader.ReadInt32());      // parameters
        Assert.Equal(1, reader.ReadInt32());      // name length
        Assert.Equal((byte)'w', reader.ReadByte());
        Assert.Equal(1, reader.ReadInt32());      // rows
        Assert.Equal(2, reader.ReadInt32());      // columns
        Assert.Equal(1.5, reader.ReadDouble());
        Assert.Equal(-2, reader.ReadDouble());
        Assert.Equal(reader.BaseStream.Length, reader.BaseStream.Position);
    }

    [Fact]
    public void A_missing_file_is_file_not_found()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ParameterFile.Load(PathOf("absent.bin"), Model(1).Parameters));

        Assert.Contains("absent.bin", error.Message);
    }

    [Fact]
    public void A_truncated_file_says_so_and_changes_no_value()
    {
        ParameterFile.Save(PathOf("model.bin"), Model(seed: 1).Parameters);
        byte[] bytes = File.ReadAllBytes(PathOf("model.bin"));
        File.WriteAllBytes(PathOf("model.bin"), bytes[..^5]);
        Sequential target = Model(seed: 2);
        double[][] before = [.. target.Parameters.Select(p => (double[])p.Value.Clone())];

        var error = Assert.Throws<InvalidDataException>(() => ParameterFile.Load(PathOf("model.bin"), target.Parameters));

        Assert.Contains("truncated", error.Message);
        for (int p = 0; p < before.Length; p++)
        {
            Assert.Equal(before[p], target.Parameters[p].Value);
        }
    }

    [Fact]
    public void A_file_of_another_shape_names_the_parameter_and_both_shapes()
    {
        ParameterFile.Save(PathOf("model.bin"), Model(seed: 1, hidden: 4).Parameters);

        var error = Assert.Throws<InvalidDataException>(() => ParameterFile.Load(PathOf("model.bin"), Model(seed: 1, hidden: 5).Parameters));

        Assert.Contains("d1.W [2×4] in the file but d1.W [2×5] in the model", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_parameter_file_says_so()
    {
        File.WriteAllText(PathOf("notes.txt"), "hello, this is not a model");

        var error = Assert.Throws<InvalidDataException>(() => ParameterFile.Load(PathOf("notes.txt"), Model(1).Parameters));

        Assert.Contains("not a SymbolicDiff parameter file", error.Message);
    }

    [Fact]
    public void A_failed_save_keeps_the_previous_file_and_leaves_no_temporary_file()
    {
        ParameterFile.Save(PathOf("model.bin"), Model(seed: 1).Parameters);
        byte[] previous = File.ReadAllBytes(PathOf("model.bin"));
        // A parameter list that fails part way through writing: the second element throws when read.
        IReadOnlyList<Parameter> failing = new FailingList(Model(seed: 2).Parameters[0]);

        Assert.Throws<InvalidOperationException>(() => ParameterFile.Save(PathOf("model.bin"), failing));

        Assert.Equal(previous, File.ReadAllBytes(PathOf("model.bin")));
        Assert.Equal(["model.bin"], Directory.GetFiles(_folder).Select(System.IO.Path.GetFileName));
    }

    /// <summary>Two parameters, the second of which cannot be read.</summary>
    private sealed class FailingList(Parameter first) : IReadOnlyList<Parameter>
    {
        public Parameter this[int index] => index == 0 ? first : throw new InvalidOperationException("disk full");

        public int Count => 2;

        public IEnumerator<Parameter> GetEnumerator()
        {
            yield return first;
            throw new InvalidOperationException("disk full");
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
