/**
 * Dohare et al. 2024 (Nature), "Loss of plasticity in deep continual learning": the slowly-changing regression
 * problem (their code: shibhansh/loss-of-plasticity, lop/slowly_changing_regression and lop/nets/fix_ltu_net.py).
 *
 * Bits: n = flippingBits + randomBits (the authors: 15 + 5 = 20). Input x:
 *   - x[0..f): the flipping bits, drawn uniformly at example 0; at every example t > 0 with t mod flipEvery = 0,
 *     `flip: one` flips one of them, chosen uniformly (their `flip_one` option), `flip: all` redraws all f bits
 *     (their default, flip_one off: each period's bits are an independent draw);
 *   - x[f..n): random bits, fresh uniform draws for every example;
 *   - `bias: input` adds x[n] = 1, a bias input bit (d = n + 1); `bias: layer` has none (d = n): the bias lives in
 *     the layers, as in the authors' code (nn.Linear with bias, for the target and the learner).
 * Target: a fixed random net with h = targetHidden linear-threshold units (paper: 100): W ∈ {−1,+1}^(h×n), bias
 *   b ∈ {−1,+1}^h (drawn as the (n+1)-th column, so both bias modes share one target), v ∈ {−1,+1}^h, c ∈ {−1,+1};
 *   unit i fires, f_i = 1, iff W_i·x + b_i > θ_i; y = v·f + c; β = 0.7 (the paper's configuration).
 *   `threshold: exact`  θ_i = β·(n+1) − S_i, S_i = #{−1 among W_i and b_i} (Sutton & Whitehead's LTU: the unit fires
 *                       when at least a fraction β of its n+1 weights agree with the input pattern).
 *   `threshold: dohare` θ_i = β·(n+1) − S'_i, S'_i = (n − Σ_j W_ij + b_i) / 2, as lop/nets/fix_ltu_net.py computes
 *                       it: the bias enters S with the opposite sign (and without its +1), so S' = S − b_i, and units
 *                       with b_i = +1 get a threshold 1 higher, b_i = −1 one lower, than the exact rule: they fire
 *                       at other rates, and the target's variance differs (≈2.9 vs ≈2.0–3.8).
 * The authors' problem: flip all, 15 + 5 bits, bias in the layer, threshold dohare, flipEvery 10,000, 1M examples.
 * The training set is the stream in time order (`ordered: true`: visit it in order, once). The test set has every
 * non-bias bit drawn uniformly, i.e. the whole input space, under the same target.
 */
import type { DataSpec } from '@plas/dsl';
import { deriveSeed, makeRng } from '../core/seed.ts';
import type { Rng } from '../core/seed.ts';
import type { Dataset, Split } from './types.ts';

export type RegressionSpec = Extract<DataSpec, { kind: 'slowly_changing_regression' }>;

export const LTU_BETA = 0.7;

export interface TargetNet {
  inputs: number;
  hidden: number;
  /** hidden × inputs, row-major, entries ±1. */
  w: Int8Array;
  threshold: Float64Array;
  v: Int8Array;
  c: number;
}

const sign = (rng: Rng): number => (rng.int(2) === 0 ? -1 : 1);

/**
 * The target net over `inputs` = n + 1 columns, the last being the bias (see the header); `rule` sets θ. With a
 * bias input bit the last column multiplies x[n] = 1; without one, targetOutput adds it as the bias.
 */
export function makeTargetNet(inputs: number, hidden: number, rng: Rng, beta = LTU_BETA, rule: 'exact' | 'dohare' = 'exact'): TargetNet {
  const w = new Int8Array(hidden * inputs);
  const threshold = new Float64Array(hidden);
  for (let i = 0; i < hidden; i++) {
    let negatives = 0;
    let sum = 0;
    for (let j = 0; j < inputs; j++) {
      const s = sign(rng);
      w[i * inputs + j] = s;
      if (s < 0) negatives++;
      if (j < inputs - 1) sum += s;
    }
    const bias = w[i * inputs + inputs - 1]!;
    const n = inputs - 1;
    threshold[i] = beta * inputs - (rule === 'exact' ? negatives : (n - sum + bias) / 2);
  }
  const v = new Int8Array(hidden);
  for (let i = 0; i < hidden; i++) v[i] = sign(rng);
  return { inputs, hidden, w, threshold, v, c: sign(rng) };
}

/**
 * The target net's output for one input row; with `biasInInput` the row carries the bias bit as its last column,
 * else the row has n values and the bias weight is added directly.
 */
export function targetOutput(net: TargetNet, x: Float32Array, offset: number, biasInInput = true): number {
  let y = net.c;
  const n = net.inputs - 1;
  for (let i = 0; i < net.hidden; i++) {
    const row = i * net.inputs;
    let pre = 0;
    for (let j = 0; j < n; j++) pre += net.w[row + j]! * x[offset + j]!;
    pre += net.w[row + n]! * (biasInInput ? x[offset + n]! : 1);
    if (pre > net.threshold[i]!) y += net.v[i]!;
  }
  return y;
}


/**
 * Between two flips the flipping bits stay put and only the random bits change, so a stream of 1,000,000 examples has
 * at most 2^randomBits distinct inputs per period (32 for the authors' 5): each target is computed once per period
 * and looked up after (1M × 100 units × 21 inputs took ~5 s, most of a benchmark-10 cell's set-up). The same
 * targetOutput computes every entry, so the values are those of the direct computation (synthetic.test.ts compares).
 */
const MAX_MEMO_BITS = 16;

export function regressionStream(spec: RegressionSpec, net: TargetNet, n: number, rng: Rng, flipping: boolean): Split {
  const biasInput = spec.bias !== 'layer';
  const d = biasInput ? net.inputs : net.inputs - 1;
  const f = spec.flippingBits;
  const r = spec.randomBits;
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  const bits = new Uint8Array(f);
  // Targets by random-bit pattern for the current flipping bits (NaN: not computed yet; a target is an integer); a
  // test set redraws every bit, so it has none.
  const memo = flipping && r <= MAX_MEMO_BITS ? new Float64Array(2 ** r).fill(NaN) : null;
  for (let b = 0; b < f; b++) bits[b] = rng.int(2);
  for (let t = 0; t < n; t++) {
    if (flipping && f > 0 && t > 0 && t % spec.flipEvery === 0) {
      if (spec.flip === 'all') {
        for (let b = 0; b < f; b++) bits[b] = rng.int(2);
      } else {
        const b = rng.int(f);
        bits[b] = 1 - bits[b]!;
      }
      memo?.fill(NaN);
    }
    const o = t * d;
    for (let b = 0; b < f; b++) x[o + b] = flipping ? bits[b]! : rng.int(2);
    let pattern = 0;
    for (let i = 0; i < r; i++) {
      const bit = rng.int(2);
      x[o + f + i] = bit;
      pattern = pattern * 2 + bit;
    }
    if (biasInput) x[o + d - 1] = 1;
    if (memo === null) {
      y[t] = targetOutput(net, x, o, biasInput);
    } else {
      if (Number.isNaN(memo[pattern])) memo[pattern] = targetOutput(net, x, o, biasInput);
      y[t] = memo[pattern]!;
    }
  }
  return { x, y, n };
}

export function slowlyChangingRegression(spec: RegressionSpec, seed: number): Dataset {
  const columns = spec.flippingBits + spec.randomBits + 1; // the bits and the bias column of the target
  const d = spec.bias === 'layer' ? columns - 1 : columns;
  const net = makeTargetNet(columns, spec.targetHidden, makeRng(deriveSeed(seed, 'slowly_changing_regression', 'target')), LTU_BETA, spec.threshold ?? 'exact');
  const trainRng = makeRng(deriveSeed(seed, 'slowly_changing_regression', 'train'));
  const testRng = makeRng(deriveSeed(seed, 'slowly_changing_regression', 'test'));
  return {
    id: `slowly_changing_regression(flippingBits=${spec.flippingBits},randomBits=${spec.randomBits},flipEvery=${spec.flipEvery},targetHidden=${spec.targetHidden},flip=${spec.flip},bias=${spec.bias},threshold=${spec.threshold},train=${spec.train},test=${spec.test},seed=${seed})`,
    inputShape: [d],
    outputs: 1,
    kind: 'regression',
    ordered: true,
    train: regressionStream(spec, net, spec.train, trainRng, true),
    test: regressionStream(spec, net, spec.test, testRng, false),
    warnings: [],
  };
}
