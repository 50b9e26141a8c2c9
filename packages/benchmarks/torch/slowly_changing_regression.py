#!/usr/bin/env python3
"""An independent PyTorch implementation of benchmark 10 (Dohare et al. 2024's slowly-changing regression): a
cross-check of Plas's numbers. Every setting comes from the command line, which `pnpm bench --compare-torch --only 10`
fills from the suite file's IR, so the two cannot drift apart.

Problem (Dohare et al. 2024, Nature; the authors' lop/slowly_changing_regression and lop/nets/fix_ltu_net.py):
  - n = flipping + random input bits. The flipping bits are drawn uniformly at example 0; every `--flip-every`
    examples `all` redraws all of them (the authors' default) and `one` flips one chosen uniformly. The random bits
    are fresh for every example. `--bias layer` feeds the n bits (the bias lives inside the linear layers, as in
    the authors' nets); `--bias input` appends a constant 1 bit.
  - Target: a fixed net of `--target-hidden` linear-threshold units, weights and biases in {-1, +1}, output weights
    and bias in {-1, +1}, beta = 0.7; unit i fires iff W_i.x + b_i > tau_i with
      exact:  tau_i = beta (n + 1) - #{-1 among W_i and b_i}
      dohare: tau_i = beta (n + 1) - (n - sum_j W_ij + b_i) / 2      (fix_ltu_net.py's formula)
  - Learner: n -> H ReLU -> 1, hidden weights U(+-sqrt(6/n)) (Kaiming-uniform, ReLU gain), output weights
    U(+-sqrt(3/H)) (linear gain), zero biases; plain SGD, batch 1, squared error (y - f(x))^2.
  - Online error: the squared error of each example before the update on it, averaged over windows of
    `--window` examples.
Arms (each seed's arms see the same stream and start from the same initial weights):
  - backprop: plain SGD.
  - l2:<lambda>: gradient + lambda * theta on every weight and bias (SGD weight decay).
  - cbp:<rate>:<maturity>:<decay>:<utility>: continual backprop (the authors' lop/algos/gnt.py with accumulate on):
    after every update, ages += 1; with bias correction c = 1 - decay^age,
      contribution:            u = |w_out| * mean|h|
      adaptable_contribution:  m <- decay m + (1 - decay) h;  u = |w_out| * |h - m / c| / mean_i |w_in[u, i]|
      util <- decay util + (1 - decay) u; eligible = age > maturity; acc += rate * |eligible|; while acc >= 1
      replace the eligible unit with the lowest util / c: incoming weights redrawn U(+-sqrt(6/n)), its bias and
      outgoing weight 0, util = age = m = 0.
Implementation: all (seed, arm) learners train side by side as one stack of tensors, so a 1,000,000-example stream
costs one Python loop iteration per example for all of them; replacements (rare) are applied per learner.
Prints one JSON object on its last line: {"seeds": [...], "arms": {name: [[window errors] per seed]}, ...}.
"""
import argparse
import json
import math
import sys
import time

import numpy as np
import torch

BETA = 0.7


def target_net(rng, n, hidden, rule):
    w = rng.integers(0, 2, size=(hidden, n)) * 2 - 1
    b = rng.integers(0, 2, size=hidden) * 2 - 1
    v = rng.integers(0, 2, size=hidden) * 2 - 1
    c = int(rng.integers(0, 2)) * 2 - 1
    if rule == "exact":
        negatives = (w < 0).sum(axis=1) + (b < 0)
        tau = BETA * (n + 1) - negatives
    else:
        tau = BETA * (n + 1) - (n - w.sum(axis=1) + b) / 2
    return w.astype(np.float64), b.astype(np.float64), tau, v.astype(np.float64), float(c)


def stream(rng, args, net, length):
    """The examples in time order: x (length x d) float32 and y (length) float32."""
    f, r = args.flipping_bits, args.random_bits
    bits = rng.integers(0, 2, size=f)
    flips = np.empty((length, f), dtype=np.int64)
    for start in range(0, length, args.flip_every):
        if start > 0 and f > 0:
            if args.flip == "all":
                bits = rng.integers(0, 2, size=f)
            else:
                bits = bits.copy()
                j = int(rng.integers(0, f))
                bits[j] = 1 - bits[j]
        flips[start : start + args.flip_every] = bits
    random_bits = rng.integers(0, 2, size=(length, r))
    x = np.concatenate([flips, random_bits], axis=1).astype(np.float64)
    w, b, tau, v, c = net
    fires = (x @ w.T + b) > tau
    y = fires.astype(np.float64) @ v + c
    if args.bias == "input":
        x = np.concatenate([x, np.ones((length, 1))], axis=1)
    return torch.from_numpy(x.astype(np.float32)), torch.from_numpy(y.astype(np.float32))


def parse_arm(text):
    parts = text.split(":")
    if parts[0] == "backprop" and len(parts) == 1:
        return {"kind": "backprop"}
    if parts[0] == "l2" and len(parts) == 2:
        return {"kind": "l2", "strength": float(parts[1])}
    if parts[0] == "cbp" and len(parts) == 5:
        return {"kind": "cbp", "rate": float(parts[1]), "maturity": float(parts[2]), "decay": float(parts[3]), "utility": parts[4]}
    raise SystemExit(f"unknown arm '{text}': use backprop, l2:LAMBDA or cbp:RATE:MATURITY:DECAY:UTILITY")


def run(args):
    arms = [(spec.split("=", 1)[0], parse_arm(spec.split("=", 1)[1])) for spec in args.arm]
    seeds = list(range(args.seeds))
    d = args.flipping_bits + args.random_bits + (1 if args.bias == "input" else 0)
    n_bits = args.flipping_bits + args.random_bits
    hidden = args.hidden
    models = [(s, name, arm) for s in seeds for name, arm in arms]
    m_count = len(models)

    xs, ys = [], []
    w1 = torch.empty(m_count, hidden, d)
    w2 = torch.empty(m_count, hidden)
    for si, s in enumerate(seeds):
        rng = np.random.default_rng([20240821, s])
        net = target_net(rng, n_bits, args.target_hidden, args.threshold)
        x, y = stream(rng, args, net, args.train)
        xs.append(x)
        ys.append(y)
        g = torch.Generator().manual_seed(1000 + s)
        first = torch.empty(hidden, d).uniform_(-math.sqrt(6 / d), math.sqrt(6 / d), generator=g)
        head = torch.empty(hidden).uniform_(-math.sqrt(3 / hidden), math.sqrt(3 / hidden), generator=g)
        for mi, (ms, _, _) in enumerate(models):
            if ms == s:
                w1[mi] = first
                w2[mi] = head
    b1 = torch.zeros(m_count, hidden)
    b2 = torch.zeros(m_count)
    seed_of = torch.tensor([seeds.index(s) for s, _, _ in models])
    x_all = torch.stack(xs)  # seeds x T x d
    y_all = torch.stack(ys)

    l2 = torch.tensor([arm["strength"] if arm["kind"] == "l2" else 0.0 for _, _, arm in models]).unsqueeze(1)
    cbp = [mi for mi, (_, _, arm) in enumerate(models) if arm["kind"] == "cbp"]
    cbp_idx = torch.tensor(cbp, dtype=torch.long)
    util = torch.zeros(len(cbp), hidden)
    age = torch.zeros(len(cbp), hidden)
    mean_act = torch.zeros(len(cbp), hidden)
    settings = [models[mi][2] for mi in cbp]
    decay = torch.tensor([s["decay"] for s in settings]).unsqueeze(1)
    maturity = torch.tensor([s["maturity"] for s in settings]).unsqueeze(1)
    adaptable = torch.tensor([s["utility"] == "adaptable_contribution" for s in settings]).unsqueeze(1)
    acc = [0.0] * len(cbp)
    replaced = [0] * len(cbp)
    fresh = [torch.Generator().manual_seed(5000 + mi) for mi in cbp]

    lr = args.lr
    windows = args.train // args.window
    errors = torch.zeros(m_count, windows)
    window_sum = torch.zeros(m_count)
    started = time.time()
    for t in range(args.train):
        x = x_all[seed_of, t]  # M x d
        y = y_all[seed_of, t]
        pre = torch.einsum("mhd,md->mh", w1, x) + b1
        h = torch.relu(pre)
        out = (w2 * h).sum(1) + b2
        err = out - y
        window_sum += err * err
        g_out = 2 * err  # d(err^2)/d(out)
        g_pre = (g_out.unsqueeze(1) * w2) * (pre > 0)
        w2 -= lr * (g_out.unsqueeze(1) * h + l2 * w2)
        b2 -= lr * (g_out + l2[:, 0] * b2)
        w1 -= lr * (g_pre.unsqueeze(2) * x.unsqueeze(1) + l2.unsqueeze(2) * w1)
        b1 -= lr * (g_pre + l2 * b1)
        if cbp:
            h_c = h[cbp_idx]
            age += 1
            correction = 1 - decay**age
            mean_act.mul_(decay).add_((1 - decay) * h_c)
            out_mag = w2[cbp_idx].abs()
            in_mag = w1[cbp_idx].abs().mean(2)
            u = torch.where(adaptable, out_mag * (h_c - mean_act / correction).abs() / in_mag, out_mag * h_c.abs())
            util.mul_(decay).add_((1 - decay) * u)
            eligible = age > maturity
            counts = eligible.sum(1).tolist()
            for k, mi in enumerate(cbp):
                if counts[k] == 0 or settings[k]["rate"] == 0:
                    continue
                acc[k] += settings[k]["rate"] * counts[k]
                due = min(int(math.floor(acc[k] + 1e-9)) - replaced[k], counts[k])
                if due < 1:
                    continue
                corrected = torch.where(eligible[k], util[k] / correction[k], torch.full((hidden,), math.inf))
                units = torch.argsort(corrected, stable=True)[:due]
                bound = math.sqrt(6 / d)
                w1[mi, units] = torch.empty(due, d).uniform_(-bound, bound, generator=fresh[k])
                b1[mi, units] = 0
                w2[mi, units] = 0
                util[k, units] = 0
                age[k, units] = 0
                mean_act[k, units] = 0
                replaced[k] += due
        if (t + 1) % args.window == 0:
            errors[:, (t + 1) // args.window - 1] = window_sum / args.window
            window_sum.zero_()
            if args.progress:
                done = (t + 1) / args.train
                print(f"{done:6.1%} {time.time() - started:7.1f}s", file=sys.stderr, flush=True)

    result = {name: [[] for _ in seeds] for name, _ in arms}
    for mi, (s, name, _) in enumerate(models):
        result[name][seeds.index(s)] = [float(e) for e in errors[mi]]
    return {
        "seeds": seeds,
        "arms": result,
        "replaced": {models[mi][1] + f"/seed{models[mi][0]}": replaced[k] for k, mi in enumerate(cbp)},
        "seconds": time.time() - started,
        "torch": torch.__version__,
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--flipping-bits", type=int, required=True)
    p.add_argument("--random-bits", type=int, required=True)
    p.add_argument("--flip-every", type=int, required=True)
    p.add_argument("--flip", choices=["one", "all"], required=True)
    p.add_argument("--bias", choices=["input", "layer"], required=True)
    p.add_argument("--threshold", choices=["exact", "dohare"], required=True)
    p.add_argument("--target-hidden", type=int, required=True)
    p.add_argument("--train", type=int, required=True)
    p.add_argument("--hidden", type=int, required=True)
    p.add_argument("--lr", type=float, required=True)
    p.add_argument("--window", type=int, required=True)
    p.add_argument("--seeds", type=int, required=True)
    p.add_argument("--arm", action="append", required=True, help="NAME=backprop | NAME=l2:LAMBDA | NAME=cbp:RATE:MATURITY:DECAY:UTILITY")
    p.add_argument("--progress", action="store_true")
    args = p.parse_args()
    if args.train % args.window != 0:
        raise SystemExit("--train must be a multiple of --window")
    torch.set_num_threads(1)
    print(json.dumps(run(args)))


if __name__ == "__main__":
    main()
