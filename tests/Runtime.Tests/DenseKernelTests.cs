using SymbolicDiff.Nn.Kernels;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>The blocked dense kernels against the plain triple loops of the definitions, over shapes that hit every block and tail.</summary>
public class DenseKernelTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 2, 100)]
    [InlineData(300, 2, 100)]
    [InlineData(7, 100, 3)]
    [InlineData(5, 17, 33)]
    [InlineData(4, 33, 17)]
    [InlineData(2, 5, 5)]
    [InlineData(1, 3, 1)]
    public void Forward_and_backward_match_the_definitions(int batch, int inputs, int outputs)
    {
        double[] x = TestValues.Gaussian(batch * inputs, 1);
        double[] w = TestValues.Gaussian(inputs * outputs, 2);
        double[] b = TestValues.Gaussian(outputs, 3);
        double[] dy = TestValues.Gaussian(batch * outputs, 4);
        var scratch = new double[inputs * outputs];

        var y = new double[batch * outputs];
        DenseKernels.Forward(x, w, b, y, scratch, batch, inputs, outputs);
        var dw = new double[inputs * outputs];
        var db = new double[outputs];
        var dx = new double[batch * inputs];
        DenseKernels.Backward(x, w, dy, dw, db, dx, scratch, batch, inputs, outputs);

        // The definitions, as plain products: y = x·W + b, dW = xᵀ·dy, db = 1ᵀ·dy, dx = dy·Wᵀ.
        double[] xW = Multiply(x, w, batch, inputs, outputs);
        TestAssert.AllClose(xW.Select((v, index) => v + b[index % outputs]).ToArray(), y);
        TestAssert.AllClose(Multiply(Transpose(x, batch, inputs), dy, inputs, batch, outputs), dw);
        TestAssert.AllClose(Multiply(Enumerable.Repeat(1.0, batch).ToArray(), dy, 1, batch, outputs), db);
        TestAssert.AllClose(Multiply(dy, Transpose(w, inputs, outputs), batch, outputs, inputs), dx);
    }

    [Fact]
    public void Backward_overwrites_rather_than_accumulates()
    {
        double[] x = [1, 2];
        double[] w = [3];
        double[] dy = [1, 1];
        double[] dw = [100];
        double[] db = [100];

        DenseKernels.Backward(x, w, dy, dw, db, [], new double[1], batch: 2, inputs: 1, outputs: 1);

        Assert.Equal(1 * 1 + 2 * 1, dw[0]);
        Assert.Equal(1 + 1, db[0]);
    }

    /// <summary>The textbook triple loop: (rows × depth) · (depth × columns).</summary>
    private static double[] Multiply(double[] a, double[] b, int rows, int depth, int columns)
    {
        var c = new double[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < columns; j++)
            {
                for (int t = 0; t < depth; t++)
                {
                    c[r * columns + j] += a[r * depth + t] * b[t * columns + j];
                }
            }
        }

        return c;
    }

    private static double[] Transpose(double[] a, int rows, int columns)
    {
        var t = new double[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                t[c * rows + r] = a[r * columns + c];
            }
        }

        return t;
    }
}
