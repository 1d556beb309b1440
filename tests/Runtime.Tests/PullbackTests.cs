using SymbolicDiff.GradCheck;
using SymbolicDiff.Nn.Kernels;

namespace SymbolicDiff.Runtime.Tests;

/// <summary>
/// The hand-written [DerivativeOf] pullbacks against the generator's Backward of the same
/// [Differentiable] kernel, and a generated caller that goes through them.
/// </summary>
public partial class PullbackTests
{
    [Theory]
    [InlineData(7, 5, 9)]
    [InlineData(300, 2, 100)]
    [InlineData(30, 100, 3)]
    public void Affine_pullback_equals_the_generated_backward_and_accumulates(int batch, int inputs, int outputs)
    {
        double[] x = TestValues.Gaussian(batch * inputs, 1);
        double[] w = TestValues.Gaussian(inputs * outputs, 2);
        double[] b = TestValues.Gaussian(outputs, 3);
        double[] dy = TestValues.Gaussian(batch * outputs, 4);
        double[] start = TestValues.Gaussian(batch * inputs + inputs * outputs + outputs, 5);

        (double[] y, double[] dx, double[] dw, double[] db) Run(bool generated)
        {
            var y = new double[batch * outputs];
            double[] dx = start[..(batch * inputs)];
            double[] dw = start[(batch * inputs)..(batch * inputs + inputs * outputs)];
            double[] db = start[(batch * inputs + inputs * outputs)..];
            if (generated)
            {
                DenseKernels.AffineBackward(x, w, b, y, batch, inputs, outputs, dx, dw, db, dy.ToArray());
            }
            else
            {
                DenseKernels.AffinePullback(x, w, b, y, batch, inputs, outputs, dx, dw, db, dy.ToArray());
            }

            return (y, dx, dw, db);
        }

        var expected = Run(generated: true);
        var actual = Run(generated: false);
        TestAssert.AllClose(expected.y, actual.y);
        TestAssert.AllClose(expected.dx, actual.dx);
        TestAssert.AllClose(expected.dw, actual.dw);
        TestAssert.AllClose(expected.db, actual.db);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("leaky")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    public void Activation_pullbacks_equal_the_generated_backward_and_accumulate(string name)
    {
        double[] x = TestValues.Gaussian(1003, 1);
        x[5] = 0; // the kink: both give the left derivative
        double[] dy = TestValues.Gaussian(1003, 2);
        double[] start = TestValues.Gaussian(1003, 3);
        double[] yGenerated = new double[x.Length], yPullback = new double[x.Length];
        double[] dxGenerated = (double[])start.Clone(), dxPullback = (double[])start.Clone();
        double[] dyGenerated = (double[])dy.Clone(), dyPullback = (double[])dy.Clone(); // each consumes its upstream gradient
        switch (name)
        {
            case "relu":
                ActivationKernels.ReluBackward(x, yGenerated, dxGenerated, dyGenerated);
                ActivationKernels.ReluPullback(x, yPullback, dxPullback, dyPullback);
                break;
            case "leaky":
                double dslopeGenerated = 0.25, dslopePullback = 0.25;
                ActivationKernels.LeakyReluBackward(x, 0.1, yGenerated, dxGenerated, ref dslopeGenerated, dyGenerated);
                ActivationKernels.LeakyReluPullback(x, 0.1, yPullback, dxPullback, ref dslopePullback, dyPullback);
                Assert.Equal(dslopeGenerated, dslopePullback, 1e-10);
                break;
            case "sigmoid":
                ActivationKernels.SigmoidBackward(x, yGenerated, dxGenerated, dyGenerated);
                ActivationKernels.SigmoidPullback(x, yPullback, dxPullback, dyPullback);
                break;
            default:
                ActivationKernels.TanhBackward(x, yGenerated, dxGenerated, dyGenerated);
                ActivationKernels.TanhPullback(x, yPullback, dxPullback, dyPullback);
                break;
        }

        TestAssert.AllClose(yGenerated, yPullback, 1e-12);
        TestAssert.AllClose(dxGenerated, dxPullback, 1e-12);
        Assert.Equal(new double[x.Length], dyGenerated); // every element written: all of dy consumed
        Assert.Equal(new double[x.Length], dyPullback);
    }

    /// <summary>A two-layer loss written in user code: its generated gradient chains through the [DerivativeOf] pullbacks.</summary>
    [Differentiable]
    private static double TinyNetworkLoss(ReadOnlySpan<double> x, ReadOnlySpan<double> w, ReadOnlySpan<double> b, [NoDiff] ReadOnlySpan<double> targets)
    {
        Span<double> hidden = stackalloc double[6];
        Span<double> activated = stackalloc double[6];
        DenseKernels.Affine(x, w, b, hidden, 2, 2, 3);
        ActivationKernels.Tanh(hidden, activated);
        return LossKernels.MeanSquaredError(activated, targets);
    }

    [Fact]
    public void A_generated_caller_of_the_kernels_passes_the_gradient_check()
    {
        double[] x = TestValues.Gaussian(4, 1);
        double[] w = TestValues.Gaussian(6, 2);
        double[] b = TestValues.Gaussian(3, 3);
        double[] targets = TestValues.Gaussian(6, 4);
        var dw = new double[6];
        var dx = new double[4];
        var db = new double[3];
        TinyNetworkLossGradient(x, w, b, targets, dx, dw, db);

        double[] all = [.. x, .. w, .. b];
        double[] analytic = [.. dx, .. dw, .. db];
        for (int i = 0; i < all.Length; i++)
        {
            double[] plus = (double[])all.Clone(), minus = (double[])all.Clone();
            plus[i] += 1e-5;
            minus[i] -= 1e-5;
            double numeric = (Loss(plus) - Loss(minus)) / 2e-5;
            double relative = Math.Abs(numeric - analytic[i]) / Math.Max(1e-12, Math.Max(Math.Abs(numeric), Math.Abs(analytic[i])));
            Assert.True(relative < 1e-6, $"parameter {i}: analytic {analytic[i]}, numeric {numeric}");
        }

        double Loss(double[] p) => TinyNetworkLoss(p.AsSpan(0, 4), p.AsSpan(4, 6), p.AsSpan(10, 3), targets);
    }

    /// <summary>
    /// Every kernel argument a model may learn: a PReLU slope, targets that are themselves outputs of the
    /// model (MSE between two learned vectors), and the L2 strength λ.
    /// </summary>
    [Differentiable]
    private static double LearnedArgumentsLoss(ReadOnlySpan<double> x, ReadOnlySpan<double> targets, double slope, double strength)
    {
        Span<double> activated = stackalloc double[6];
        ActivationKernels.LeakyRelu(x, slope, activated);
        return LossKernels.MeanSquaredError(activated, targets) + LossKernels.L2Penalty(x, strength);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(1.7)] // outside (0, 1): the element-by-element path of the pullback
    public void Kernel_arguments_a_model_may_learn_get_their_gradient(double slope)
    {
        double[] x = [0.8, -1.3, 0.4, -0.2, 1.1, -0.9];
        double[] targets = TestValues.Gaussian(6, 5);
        var dx = new double[6];
        var dtargets = new double[6];
        LearnedArgumentsLossGradient(x, targets, slope, 0.3, dx, dtargets, out double dslope, out double dstrength);

        double[] all = [.. x, .. targets, slope, 0.3];
        double[] analytic = [.. dx, .. dtargets, dslope, dstrength];
        for (int i = 0; i < all.Length; i++)
        {
            double[] plus = (double[])all.Clone(), minus = (double[])all.Clone();
            plus[i] += 1e-5;
            minus[i] -= 1e-5;
            double numeric = (Loss(plus) - Loss(minus)) / 2e-5;
            Assert.True(Math.Abs(numeric) > 1e-3, $"argument {i} should have a gradient");
            Assert.True(GradientCheck.RelativeError(analytic[i], numeric) < 1e-6, $"argument {i}: analytic {analytic[i]}, numeric {numeric}");
        }

        static double Loss(double[] p) => LearnedArgumentsLoss(p.AsSpan(0, 6), p.AsSpan(6, 6), p[12], p[13]);
    }
}

/// <summary>The loss and softmax pullbacks against the generator's Backward of their definitions.</summary>
public class LossPullbackTests
{
    [Fact]
    public void Loss_and_softmax_pullbacks_equal_the_generated_backward()
    {
        double[] logits = TestValues.Gaussian(30, 1);
        double[] targets = TestValues.Gaussian(30, 2);
        int[] labels = Enumerable.Range(0, 10).Select(i => i % 3).ToArray();
        double[] start = TestValues.Gaussian(30, 3);

        double[] a = (double[])start.Clone(), b = (double[])start.Clone();
        double la = Nn.Kernels.LossKernels.SoftmaxCrossEntropyBackward(logits, labels, 3, 0.7, a);
        double lb = Nn.Kernels.LossKernels.SoftmaxCrossEntropyPullback(logits, labels, 3, 0.7, b);
        Assert.Equal(la, lb, 12);
        TestAssert.AllClose(a, b);

        a = (double[])start.Clone();
        b = (double[])start.Clone();
        double[] ta = (double[])start.Clone(), tb = (double[])start.Clone();
        la = Nn.Kernels.LossKernels.MeanSquaredErrorBackward(logits, targets, 0.7, a, ta);
        lb = Nn.Kernels.LossKernels.MeanSquaredErrorPullback(logits, targets, 0.7, b, tb);
        Assert.Equal(la, lb, 12);
        TestAssert.AllClose(a, b);
        TestAssert.AllClose(ta, tb);

        a = (double[])start.Clone();
        b = (double[])start.Clone();
        double dstrengthA = 0.25, dstrengthB = 0.25;
        la = Nn.Kernels.LossKernels.L2PenaltyBackward(logits, 1e-2, 0.7, a, ref dstrengthA);
        lb = Nn.Kernels.LossKernels.L2PenaltyPullback(logits, 1e-2, 0.7, b, ref dstrengthB);
        Assert.Equal(la, lb, 12);
        TestAssert.AllClose(a, b);
        Assert.Equal(dstrengthA, dstrengthB, 1e-12);

        double[] ya = new double[30], yb = new double[30];
        a = (double[])start.Clone();
        b = (double[])start.Clone();
        Nn.Kernels.ActivationKernels.SoftmaxBackward(logits, 3, ya, a, targets.ToArray());
        Nn.Kernels.ActivationKernels.SoftmaxPullback(logits, 3, yb, b, targets.ToArray());
        TestAssert.AllClose(ya, yb);
        TestAssert.AllClose(a, b);
    }
}
