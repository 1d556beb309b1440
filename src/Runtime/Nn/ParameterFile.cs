using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SymbolicDiff.Nn;

/// <summary>
/// Saves and loads a model's parameters (e.g. <c>model.Parameters</c> of a <see cref="Sequential"/>)
/// in a small binary format that round-trips every value exactly.
/// </summary>
/// <remarks>
/// The format, all integers and doubles little-endian:
/// <code>
/// 8 bytes   "SDIFFPRM" (ASCII)
/// int32     format version, 1
/// int32     number of parameters
/// for each parameter, in the order given:
///   int32   length of the name in bytes, then the name (UTF-8)
///   int32   rows, int32 columns
///   rows × columns float64 values, row-major (IEEE 754 bit patterns: exact, NaN payloads included)
/// </code>
/// <see cref="Save"/> writes a temporary file next to the target and renames it over the target
/// only when complete, so a failed save never destroys the previous file. <see cref="Load"/> checks
/// the whole file against the parameters before it changes any value, so a failed load leaves the
/// model unchanged.
/// </remarks>
public static class ParameterFile
{
    private static readonly byte[] Magic = "SDIFFPRM"u8.ToArray();
    private const int Version = 1;

    /// <summary>Writes <paramref name="parameters"/>' names, shapes and values to <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be written; an existing file at <paramref name="path"/> is left as it was.</exception>
    public static void Save(string path, IReadOnlyList<Parameter> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(parameters);
        string fullPath = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(Version);
                writer.Write(parameters.Count);
                foreach (Parameter parameter in parameters)
                {
                    byte[] name = Encoding.UTF8.GetBytes(parameter.Name);
                    writer.Write(name.Length);
                    writer.Write(name);
                    writer.Write(parameter.Rows);
                    writer.Write(parameter.Columns);
                    foreach (double value in parameter.Value)
                    {
                        writer.Write(value);
                    }
                }

                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Reads <paramref name="path"/> into <paramref name="parameters"/>' values.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a parameter file, is truncated, or does not match <paramref name="parameters"/>
    /// (count, names or shapes; the message names the parameter and both shapes). No value is changed.
    /// </exception>
    public static void Load(string path, IReadOnlyList<Parameter> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(parameters);
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        double[][] values;
        try
        {
            values = Read(reader, parameters, path);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path} is truncated: it ends before all {parameters.Count} parameters are read.");
        }

        if (reader.BaseStream.Position != reader.BaseStream.Length)
        {
            throw new InvalidDataException($"{path} has {reader.BaseStream.Length - reader.BaseStream.Position} bytes after the last parameter.");
        }

        for (int p = 0; p < parameters.Count; p++)
        {
            values[p].CopyTo(parameters[p].Value, 0);
        }
    }

    private static double[][] Read(BinaryReader reader, IReadOnlyList<Parameter> parameters, string path)
    {
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a SymbolicDiff parameter file (it does not start with \"SDIFFPRM\").");
        }

        int version = reader.ReadInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"{path} has format version {version}; this library reads version {Version}.");
        }

        int count = reader.ReadInt32();
        if (count != parameters.Count)
        {
            throw new InvalidDataException($"{path} holds {count} parameters; the model has {parameters.Count}.");
        }

        var values = new double[count][];
        for (int p = 0; p < count; p++)
        {
            Parameter parameter = parameters[p];
            int nameLength = reader.ReadInt32();
            string name = Encoding.UTF8.GetString(ReadExactly(reader, nameLength));
            int rows = reader.ReadInt32();
            int columns = reader.ReadInt32();
            if (name != parameter.Name || rows != parameter.Rows || columns != parameter.Columns)
            {
                throw new InvalidDataException(
                    $"{path}: parameter {p} is {name} [{rows}×{columns}] in the file but {parameter} in the model.");
            }

            values[p] = new double[rows * columns];
            for (int i = 0; i < values[p].Length; i++)
            {
                values[p][i] = reader.ReadDouble();
            }
        }

        return values;
    }

    private static byte[] ReadExactly(BinaryReader reader, int count)
    {
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new EndOfStreamException();
        }

        return reader.ReadBytes(count);
    }
}
