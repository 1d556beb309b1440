"""The cs231n case study's two-layer network on the spiral data, as the numpy baseline.

Same data, initialization and hyper-parameters as
https://cs231n.github.io/neural-networks-case-study/ (N=100, K=3, 100 hidden ReLU units,
step size 1.0, reg 1e-3, 10,000 full-batch iterations of gradient descent). Only the training
loop is timed, as samples/Spiral times only its training loop.

Run: python3 benchmarks/numpy/spiral_cs231n.py [--iterations 10000] [--seed 0]
"""
import argparse
import time

import numpy as np


def spiral(points_per_class, classes, rng):
    dims = 2
    X = np.zeros((points_per_class * classes, dims))
    y = np.zeros(points_per_class * classes, dtype='uint8')
    for j in range(classes):
        ix = range(points_per_class * j, points_per_class * (j + 1))
        r = np.linspace(0.0, 1, points_per_class)
        t = np.linspace(j * 4, (j + 1) * 4, points_per_class) + rng.randn(points_per_class) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return X, y


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--iterations', type=int, default=10000)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()

    rng = np.random.RandomState(args.seed)
    X, y = spiral(100, 3, rng)
    D, K, h = 2, 3, 100
    W = 0.01 * rng.randn(D, h)
    b = np.zeros((1, h))
    W2 = 0.01 * rng.randn(h, K)
    b2 = np.zeros((1, K))
    step_size = 1e-0
    reg = 1e-3
    num_examples = X.shape[0]

    start = time.perf_counter()
    for i in range(args.iterations):
        hidden_layer = np.maximum(0, np.dot(X, W) + b)
        scores = np.dot(hidden_layer, W2) + b2
        exp_scores = np.exp(scores)
        probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
        correct_logprobs = -np.log(probs[range(num_examples), y])
        data_loss = np.sum(correct_logprobs) / num_examples
        reg_loss = 0.5 * reg * np.sum(W * W) + 0.5 * reg * np.sum(W2 * W2)
        loss = data_loss + reg_loss
        if i % 1000 == 0:
            print("iteration %d: loss %f" % (i, loss))

        dscores = probs
        dscores[range(num_examples), y] -= 1
        dscores /= num_examples
        dW2 = np.dot(hidden_layer.T, dscores)
        db2 = np.sum(dscores, axis=0, keepdims=True)
        dhidden = np.dot(dscores, W2.T)
        dhidden[hidden_layer <= 0] = 0
        dW = np.dot(X.T, dhidden)
        db = np.sum(dhidden, axis=0, keepdims=True)
        dW2 += reg * W2
        dW += reg * W
        W += -step_size * dW
        b += -step_size * db
        W2 += -step_size * dW2
        b2 += -step_size * db2
    seconds = time.perf_counter() - start

    hidden_layer = np.maximum(0, np.dot(X, W) + b)
    scores = np.dot(hidden_layer, W2) + b2
    predicted_class = np.argmax(scores, axis=1)
    print('training accuracy: %.2f' % (np.mean(predicted_class == y)))
    print('training seconds: %.3f (%d iterations, numpy %s)' % (seconds, args.iterations, np.__version__))


if __name__ == '__main__':
    main()
