using System.Linq;

namespace SymbolicDiff.Objectives;

/// <summary>An ADBench LSTM instance, flattened into the layout of <see cref="Lstm.Objective"/>.</summary>
public sealed record LstmInstance(
    int Layers, int CharCount, int CharBits, double[] MainParams, double[] ExtraParams, double[] State, double[] Sequence)
{
    /// <summary>
    /// Reads ADBench's format: a line "l c b"; a blank line; 2l lines of 4b (per layer the weights, then
    /// the biases); a blank line; 3 lines of b (extra parameters); a blank line; 2l lines of b (per layer
    /// hidden, then cell state); a blank line; c lines of b (the sequence).
    /// </summary>
    public static LstmInstance Read(string fileName)
    {
        double[][] rows = AdBenchFiles.ReadRows(fileName);
        int l = (int)rows[0][0], c = (int)rows[0][1], b = (int)rows[0][2];
        int row = 2;
        double[] main = AdBenchFiles.Concatenate(rows, ref row, 2 * l);
        row++;
        double[] extra = AdBenchFiles.Concatenate(rows, ref row, 3);
        row++;
        double[] state = AdBenchFiles.Concatenate(rows, ref row, 2 * l);
        row++;
        double[] sequence = AdBenchFiles.Concatenate(rows, ref row, c);
        return new LstmInstance(l, c, b, main, extra, state, sequence);
    }

    /// <summary>All parameters in ADBench's gradient order: main, then extra.</summary>
    public double[] Parameters() => [.. MainParams, .. ExtraParams];

    public LstmInstance WithParameters(double[] parameters) => this with
    {
        MainParams = parameters.Take(MainParams.Length).ToArray(),
        ExtraParams = parameters.Skip(MainParams.Length).ToArray(),
    };

    public double Objective() => Lstm.Objective(Layers, CharBits, MainParams, ExtraParams, State, Sequence);
}
