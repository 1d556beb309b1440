using System;
using SymbolicDiff.Data;
using SymbolicDiff.Optim;

namespace SymbolicDiff.Nn;

/// <summary>
/// Full-batch training of a softmax classifier, one cs231n iteration per <see cref="Step"/>:
/// forward, softmax cross-entropy plus L2 penalty, backward, penalty gradient, optimizer update.
/// After the first step nothing is allocated.
/// </summary>
public sealed class ClassifierTrainer
{
    private readonly ILayer _model;
    private readonly Optimizer _optimizer;
    private readonly L2Regularization _regularization;
    private readonly SoftmaxCrossEntropy _loss;
    private readonly ClassificationData _data;

    /// <summary>Binds a model, its optimizer and a penalty to a data set.</summary>
    /// <param name="model">Maps data.Dimensions features to data.Classes scores.</param>
    /// <param name="optimizer">Updates the model's parameters.</param>
    /// <param name="regularization">The L2 penalty (strength 0 for none).</param>
    /// <param name="data">The training set, used whole in every step.</param>
    /// <exception cref="ArgumentException">The model's input or output size does not fit the data.</exception>
    public ClassifierTrainer(ILayer model, Optimizer optimizer, L2Regularization regularization, ClassificationData data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(regularization);
        ArgumentNullException.ThrowIfNull(data);
        if (model.InputSize != data.Dimensions || model.OutputSize != data.Classes)
        {
            throw new ArgumentException(
                $"model maps {model.InputSize} features to {model.OutputSize} scores; expected {data.Dimensions} to {data.Classes} for this data.",
                nameof(model));
        }

        _model = model;
        _optimizer = optimizer;
        _regularization = regularization;
        _data = data;
        _loss = new SoftmaxCrossEntropy(data.Classes);
    }

    /// <summary>
    /// One iteration of gradient descent on the whole data set.
    /// </summary>
    /// <returns>The loss (mean cross-entropy + L2 penalty) at the parameters BEFORE the update, as cs231n prints it.</returns>
    /// <exception cref="NonFiniteLossException">The loss is NaN or infinite; the parameters are left unchanged.</exception>
    public double Step()
    {
        ReadOnlyMemory<double> scores = _model.Forward(_data.Features, _data.Count);
        double loss = _loss.Forward(scores, _data.Labels) + _regularization.Penalty(_model.Parameters);
        _model.Backward(_loss.Backward());
        _regularization.AddGradient(_model.Parameters);
        _optimizer.Step();
        return loss;
    }

    /// <summary>The fraction of training points the model currently classifies correctly.</summary>
    public double Accuracy() =>
        Classification.Accuracy(_model.Forward(_data.Features, _data.Count).Span, _data.Labels, _data.Classes);
}
