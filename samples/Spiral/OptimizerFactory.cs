using System;
using System.Collections.Generic;
using SymbolicDiff.Nn;
using SymbolicDiff.Optim;

namespace SymbolicDiff.Samples.Spiral;

/// <summary>The --optimizer names and the step sizes that train the spiral networks well.</summary>
public static class OptimizerFactory
{
    /// <summary>The accepted names, in the order the usage lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sgd", "momentum", "nesterov", "rmsprop", "adam"];

    /// <summary>
    /// The default step size: cs231n's 1.0 for plain gradient descent; 0.1 with momentum 0.9
    /// (the same effective step, 0.1 / (1 − 0.9)); 0.01 for the adaptive methods, whose steps are
    /// already normalized by the gradient's scale.
    /// </summary>
    public static double DefaultLearningRate(string name) => name switch
    {
        "sgd" => 1.0,
        "momentum" or "nesterov" => 0.1,
        _ => 0.01,
    };

    /// <summary>Creates the named optimizer over <paramref name="parameters"/>.</summary>
    public static Optimizer Create(string name, IReadOnlyList<Parameter> parameters, double learningRate) => name switch
    {
        "sgd" => new Sgd(parameters, learningRate),
        "momentum" => new Sgd(parameters, learningRate, momentum: 0.9),
        "nesterov" => new Sgd(parameters, learningRate, momentum: 0.9, nesterov: true),
        "rmsprop" => new RmsProp(parameters, learningRate),
        "adam" => new Adam(parameters, learningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown optimizer"),
    };
}
