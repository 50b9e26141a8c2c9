"""PyTorch side of the engine benchmark (bench/train-speed.ts runs this as a child process; comparison only).

Usage: python3 torch_speed.py '<workloads JSON>' [threads]
Each workload: {"id", "kind": "mlp"|"cnn", "hidden": [..], "batch": B, "warmup": W, "seconds": S, "minSteps": M}.
The same networks as the engine's (MLP 784-H..-10 ReLU; Kumar's CNN: conv 5x5/16 + pool 2, conv 5x5/16 + pool 2,
FC 100, FC 100, 10), Adam lr 1e-3, cross-entropy, seeded random inputs in [0, 1); at least W warm-up steps and one second of them, then timed steps
until S seconds have passed and at least M steps ran. Prints one JSON object: {"torch": version, "threads": n,
"results": [{"id", "msPerStep", "cpuMsPerStep", "steps"}]} (wall and process CPU time per step).
The parent sets OMP_NUM_THREADS and OPENBLAS_NUM_THREADS to the thread count: OpenBLAS otherwise starts its own
threads, which spin against the single torch thread on a busy machine.
"""
import json
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

    # warm-up: at least `warmup` steps and one second (the first workload otherwise pays one-off start-up costs)
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
    return {"id": w["id"], "msPerStep": 1000 * elapsed / steps, "cpuMsPerStep": 1000 * cpu_elapsed / steps, "steps": steps}


def main():
    workloads = json.loads(sys.argv[1])
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    torch.set_num_threads(threads)
    # a discarded first pass: the first seconds of a process run slower even after a per-workload warm-up
    # (observed ~5x on the first MLP workload), so the first workload is run once untimed
    if workloads:
        run({**workloads[0], "seconds": 3.0})
    results = [run(w) for w in workloads]
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results}))


if __name__ == "__main__":
    main()
