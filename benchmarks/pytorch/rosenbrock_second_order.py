"""PyTorch's reference row for ForwardModeBenchmarks: Rosenbrock at n = 100 in double precision.

Times what ForwardModeBenchmarks times for the generated code: the function, its gradient, one
forward-mode directional derivative (torch.autograd.functional.jvp), one Hessian-vector product
(torch.autograd.functional.hvp) and the dense Hessian (torch.autograd.functional.hessian, with and
without vectorize=True). Rosenbrock is written the way a PyTorch user writes it, on whole tensors.
Before timing, every result is checked against the analytic gradient and the analytic (tridiagonal)
Hessian to 1e-12, so the rows compare right answers.

Each row is the median over --repeats of the mean time of one call in a batch of --calls calls,
on one thread (torch.set_num_threads(1): the generated code runs on one core too).

Run (Debian's python3-torch, which installs for /usr/bin/python3.11):
    /usr/bin/python3.11 benchmarks/pytorch/rosenbrock_second_order.py [--n 100] [--repeats 15] [--calls 200]
"""
import argparse
import statistics
import time

import numpy as np
import torch
from torch.autograd.functional import hessian, hvp, jvp


def rosenbrock(x):
    a = x[1:] - x[:-1] * x[:-1]
    b = 1.0 - x[:-1]
    return (100.0 * a * a + b * b).sum()


def analytic_gradient(x):
    g = np.zeros_like(x)
    a = x[1:] - x[:-1] ** 2
    g[:-1] += -400.0 * x[:-1] * a - 2.0 * (1.0 - x[:-1])
    g[1:] += 200.0 * a
    return g


def analytic_hessian(x):
    n = len(x)
    h = np.zeros((n, n))
    for i in range(n - 1):
        h[i, i] += 1200.0 * x[i] ** 2 - 400.0 * x[i + 1] + 2.0
        h[i + 1, i + 1] += 200.0
        h[i, i + 1] += -400.0 * x[i]
        h[i + 1, i] += -400.0 * x[i]
    return h


def gradient(x):
    x = x.detach().requires_grad_(True)
    value = rosenbrock(x)
    (g,) = torch.autograd.grad(value, x)
    return value, g


def check(name, got, expected):
    scale = max(1.0, float(np.max(np.abs(expected))))
    error = float(np.max(np.abs(got - expected))) / scale
    if error > 1e-12:
        raise SystemExit(f"{name}: relative error {error:.3g} against the analytic value")


def time_call(call, repeats, calls):
    means = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        means.append((time.perf_counter() - start) / calls)
    return statistics.median(means), min(means)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--n', type=int, default=100)
    parser.add_argument('--repeats', type=int, default=15)
    parser.add_argument('--calls', type=int, default=200)
    args = parser.parse_args()
    torch.set_num_threads(1)

    rng = np.random.default_rng(7)
    x_np = rng.uniform(-1, 1, args.n)
    v_np = rng.uniform(-1, 1, args.n)
    x = torch.tensor(x_np, dtype=torch.float64)
    v = torch.tensor(v_np, dtype=torch.float64)

    h_np = analytic_hessian(x_np)
    check("gradient", gradient(x)[1].numpy(), analytic_gradient(x_np))
    check("jvp", jvp(rosenbrock, x, v)[1].numpy(), analytic_gradient(x_np) @ v_np)
    check("hvp", hvp(rosenbrock, x, v)[1].numpy(), h_np @ v_np)
    check("hessian", hessian(rosenbrock, x).numpy(), h_np)
    check("hessian (vectorize=True)", hessian(rosenbrock, x, vectorize=True).numpy(), h_np)

    rows = [
        ("function", lambda: rosenbrock(x)),
        ("gradient (autograd.grad)", lambda: gradient(x)),
        ("jvp", lambda: jvp(rosenbrock, x, v)),
        ("hvp", lambda: hvp(rosenbrock, x, v)),
        (f"hessian (n = {args.n})", lambda: hessian(rosenbrock, x)),
        (f"hessian, vectorize=True (n = {args.n})", lambda: hessian(rosenbrock, x, vectorize=True)),
    ]
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread, n = {args.n}, "
          f"median (min) of {args.repeats} x {args.calls} calls; all checked against the analytic values")
    function_time = None
    for name, call in rows:
        calls = args.calls if "hessian" not in name else max(1, args.calls // 20)
        median, minimum = time_call(call, args.repeats, calls)
        function_time = function_time or median
        print(f"| {name} | {median * 1e6:,.1f} us ({minimum * 1e6:,.1f}) | {median / function_time:,.1f} |")


if __name__ == '__main__':
    main()
