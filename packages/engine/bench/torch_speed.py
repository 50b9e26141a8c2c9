"""PyTorch side of the engine benchmark (bench/torch-runner.ts keeps this running as a child process; comparison only).

Usage: python3 torch_speed.py [threads]
Reads one JSON workload per line on stdin and answers each with one JSON line on stdout, so the parent can
interleave PyTorch's measurements with its own. Workload: {"id", "kind": "mlp"|"cnn", "hidden": [..], "batch": B,
"warmup": W, "seconds": S, "minSteps": M}. Answer: {"id", "msPerStep", "cpuMsPerStep", "steps", "maxRssKiB"} (wall and
process CPU time per step; the process's peak resident set so far). The first line printed is
{"torch": version, "threads": n} once torch is loaded and a discarded first pass has run (a process's first seconds
run up to 5x slower).
The same networks as the engine's (MLP 784-H..-10 ReLU; Kumar's CNN: conv 5x5/16 + pool 2, conv 5x5/16 + pool 2,
FC 100, FC 100, 10), Adam lr 1e-3, cross-entropy, seeded random inputs in [0, 1); at least W warm-up steps and one
second of them, then timed steps until S seconds have passed and at least M steps ran.
The parent sets OMP_NUM_THREADS and OPENBLAS_NUM_THREADS to the thread count: OpenBLAS otherwise starts its own
threads, which spin against the single torch thread on a busy machine.
"""
import json
import resource
import sys
import time

import torch
from torch import nn


def build(w):
    layers = []
    if w["kind"] == "cnn":
        layers += [nn.Conv2d(1, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten()]
        width = 16 * 4 * 4
    else:
        layers.append(nn.Flatten())
        width = 784
    for h in w["hidden"]:
        layers += [nn.Linear(width, h), nn.ReLU()]
        width = h
    layers.append(nn.Linear(width, 10))
    return nn.Sequential(*layers)


def run(w):
    torch.manual_seed(0)
    model = build(w)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    pool = 16
    xs = torch.rand(pool, w["batch"], 1, 28, 28)
    ys = torch.randint(0, 10, (pool, w["batch"]))

    def step(i):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xs[i % pool]), ys[i % pool])
        loss.backward()
        opt.step()

    warm = 0
    warm_start = time.perf_counter()
    while warm < w["warmup"] or time.perf_counter() - warm_start < 1.0:
        step(warm)
        warm += 1
    steps = 0
    cpu = time.process_time()
    start = time.perf_counter()
    while steps < w["minSteps"] or time.perf_counter() - start < w["seconds"]:
        step(steps)
        steps += 1
    elapsed = time.perf_counter() - start
    cpu_elapsed = time.process_time() - cpu
    return {
        "id": w["id"],
        "msPerStep": 1000 * elapsed / steps,
        "cpuMsPerStep": 1000 * cpu_elapsed / steps,
        "steps": steps,
        "maxRssKiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    torch.set_num_threads(threads)
    run({"id": "first", "kind": "mlp", "hidden": [100, 100], "batch": 16, "warmup": 10, "seconds": 2.0, "minSteps": 10})
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(run(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
