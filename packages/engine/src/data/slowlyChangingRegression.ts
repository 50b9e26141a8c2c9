/**
 * Dohare et al. 2024 (Nature), "Loss of plasticity in deep continual learning": the slowly-changing regression
 * problem (their code: shibhansh/loss-of-plasticity, lop/slowly_changing_regression and lop/nets/fix_ltu_net.py).
 *
 * Input x ∈ {0,1}^d, d = flippingBits + randomBits + 1:
 *   - x[0..f): the flipping bits: drawn uniformly at example 0; at every example t > 0 with t mod flipEvery = 0,
 *     one of them, chosen uniformly, is flipped (their `flip_one` variant; paper: f = 15, flipEvery = 10,000);
 *   - x[f..f+r): random bits, fresh uniform draws for every example;
 *   - x[d-1] = 1: the bias input.
 * Target: a fixed random net with h = targetHidden linear-threshold units (paper: 100):
 *   W ∈ {−1,+1}^(h×d) (the bias input's column is the units' bias), v ∈ {−1,+1}^h, c ∈ {−1,+1};
 *   unit i fires, f_i = 1, iff W_i·x > θ_i with θ_i = β·d − S_i, S_i = #{j : W_ij = −1} (Sutton & Whitehead's
 *   LTU), β = 0.7 (the paper's configuration); y = v·f + c.
 * The training set is the stream in time order (`ordered: true`: visit it in order, once). The test set has every
 * non-bias bit drawn uniformly, i.e. the whole input space, under the same target.
 */
import type { DataSpec } from '@plas/dsl';
import { deriveSeed, makeRng } from '../core/seed.ts';
import type { Rng } from '../core/seed.ts';
import { DataError } from './types.ts';
import type { Dataset, Split } from './types.ts';

type Spec = Extract<DataSpec, { kind: 'slowly_changing_regression' }>;

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

export function makeTargetNet(inputs: number, hidden: number, rng: Rng, beta = LTU_BETA): TargetNet {
  const w = new Int8Array(hidden * inputs);
  const threshold = new Float64Array(hidden);
  for (let i = 0; i < hidden; i++) {
    let negatives = 0;
    for (let j = 0; j < inputs; j++) {
      const s = sign(rng);
      w[i * inputs + j] = s;
      if (s < 0) negatives++;
    }
    threshold[i] = beta * inputs - negatives;
  }
  const v = new Int8Array(hidden);
  for (let i = 0; i < hidden; i++) v[i] = sign(rng);
  return { inputs, hidden, w, threshold, v, c: sign(rng) };
}

/** The target net's output for one input row. */
export function targetOutput(net: TargetNet, x: Float32Array, offset: number): number {
  let y = net.c;
  for (let i = 0; i < net.hidden; i++) {
    let pre = 0;
    for (let j = 0; j < net.inputs; j++) pre += net.w[i * net.inputs + j]! * x[offset + j]!;
    if (pre > net.threshold[i]!) y += net.v[i]!;
  }
  return y;
}

function check(spec: Spec): void {
  const int = (name: string, v: number, min: number): void => {
    if (!Number.isInteger(v) || v < min) {
      throw new DataError(`slowly_changing_regression: ${name} must be an integer ≥ ${min}, got ${v}`);
    }
  };
  int('flippingBits', spec.flippingBits, 0);
  int('randomBits', spec.randomBits, 0);
  int('flipEvery', spec.flipEvery, 1);
  int('targetHidden', spec.targetHidden, 1);
  int('train', spec.train, 1);
  int('test', spec.test, 0);
}

function stream(spec: Spec, net: TargetNet, n: number, rng: Rng, flipping: boolean): Split {
  const d = net.inputs;
  const f = spec.flippingBits;
  const x = new Float32Array(n * d);
  const y = new Float32Array(n);
  const bits = new Uint8Array(f);
  for (let b = 0; b < f; b++) bits[b] = rng.int(2);
  for (let t = 0; t < n; t++) {
    if (flipping && f > 0 && t > 0 && t % spec.flipEvery === 0) {
      const b = rng.int(f);
      bits[b] = 1 - bits[b]!;
    }
    const o = t * d;
    for (let b = 0; b < f; b++) x[o + b] = flipping ? bits[b]! : rng.int(2);
    for (let r = 0; r < spec.randomBits; r++) x[o + f + r] = rng.int(2);
    x[o + d - 1] = 1;
    y[t] = targetOutput(net, x, o);
  }
  return { x, y, n };
}

export function slowlyChangingRegression(spec: Spec, seed: number): Dataset {
  check(spec);
  const d = spec.flippingBits + spec.randomBits + 1;
  const net = makeTargetNet(d, spec.targetHidden, makeRng(deriveSeed(seed, 'slowly_changing_regression', 'target')));
  const trainRng = makeRng(deriveSeed(seed, 'slowly_changing_regression', 'train'));
  const testRng = makeRng(deriveSeed(seed, 'slowly_changing_regression', 'test'));
  return {
    id: `slowly_changing_regression(flippingBits=${spec.flippingBits},randomBits=${spec.randomBits},flipEvery=${spec.flipEvery},targetHidden=${spec.targetHidden},train=${spec.train},test=${spec.test},seed=${seed})`,
    inputShape: [d],
    outputs: 1,
    kind: 'regression',
    ordered: true,
    train: stream(spec, net, spec.train, trainRng, true),
    test: stream(spec, net, spec.test, testRng, false),
    warnings: [],
  };
}
