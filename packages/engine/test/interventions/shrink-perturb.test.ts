import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/contracts.ts';
import { deriveSeed } from '../../src/core/seed.ts';
import { getIntervention } from '../../src/interventions/registry.ts';
import { gaussianNoise, shrinkPerturb } from '../../src/interventions/shrink-perturb.ts';
import { adam, context, mlp, param, setParam, snapshot, useCpu, values } from './helpers.ts';

beforeAll(useCpu);

let model: Model;
afterEach(() => model?.dispose());

function fire(params: Record<string, number | string>, m: Model): { seed: number } {
  const opt = adam(m);
  const ctx = context(m, opt);
  getIntervention('shrink_perturb')!(params, m).fire!(ctx, null);
  opt.dispose();
  return { seed: ctx.seeds.get('shrink_perturb')! };
}

describe('shrink_perturb', () => {
  it('shrink 1, perturb 0 leaves every parameter bit-identical', () => {
    model = mlp([5, 4], 3, 2, { layerNorm: true });
    const before = snapshot(model);
    fire({ shrink: 1, perturb: 0 }, model);
    fire({ shrink: 1, perturb: 0, noise: 'gaussian' }, model);
    for (const [name, v] of before) expect(param(model, name)).toEqual(Array.from(v));
  });

  it('shrink 0, perturb 1, fresh_init gives exactly model.freshParams of the same seed', () => {
    model = mlp([5, 4], 3, 2, { layerNorm: true });
    const { seed } = fire({ shrink: 0, perturb: 1, noise: 'fresh_init' }, model);
    const fresh = model.freshParams(seed);
    expect(fresh.size).toBe(model.params.size);
    for (const [name, t] of fresh) expect(param(model, name)).toEqual(values(t));
    // and a different seed would have given different values
    const other = model.freshParams(seed + 1);
    expect(param(model, 'dense0/kernel')).not.toEqual(values(other.get('dense0/kernel')!));
    for (const t of [...fresh.values(), ...other.values()]) t.dispose();
  });

  it('θ ← λθ + σ·θ_fresh on hand-set weights (Ash & Adams λ = 0.4, σ = 0.1)', () => {
    model = mlp([2], 2, 1);
    setParam(model, 'dense0/kernel', [[1, -2], [0.5, 4]]);
    const seed = 1234;
    const fresh = model.freshParams(seed);
    const eps = values(fresh.get('dense0/kernel')!);
    shrinkPerturb(model, 0.4, 0.1, 'fresh_init', seed);
    const expected = [1, -2, 0.5, 4].map((w, i) => 0.4 * w + 0.1 * eps[i]!);
    const got = param(model, 'dense0/kernel');
    got.forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 6));
    for (const t of fresh.values()) t.dispose();
  });

  it('Kumar every-step variant: shrink 1 - s with perturb σ applied twice compounds', () => {
    model = mlp([2], 2, 1);
    setParam(model, 'head/kernel', [[2], [-1]]);
    const s1 = 11;
    const s2 = 12;
    const e1 = values(model.freshParams(s1).get('head/kernel')!);
    const e2 = values(model.freshParams(s2).get('head/kernel')!);
    shrinkPerturb(model, 0.999, 0.01, 'fresh_init', s1);
    shrinkPerturb(model, 0.999, 0.01, 'fresh_init', s2);
    const expected = [2, -1].map((w, i) => 0.999 * (0.999 * w + 0.01 * e1[i]!) + 0.01 * e2[i]!);
    param(model, 'head/kernel').forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 6));
  });

  it('gaussian noise: θ ← λθ + σ·N(0,1), with the noise a deterministic function of (seed, parameter name)', () => {
    model = mlp([3], 2, 1);
    setParam(model, 'dense0/kernel', [[1, 2, 3], [4, 5, 6]]);
    const seed = 77;
    const noise = values(gaussianNoise([2, 3], deriveSeed(seed, 'dense0/kernel')));
    shrinkPerturb(model, 0.5, 0.01, 'gaussian', seed);
    const expected = [1, 2, 3, 4, 5, 6].map((w, i) => 0.5 * w + 0.01 * noise[i]!);
    param(model, 'dense0/kernel').forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 6));
    // N(0, 1): a large sample has mean ≈ 0 and variance ≈ 1
    const big = values(gaussianNoise([100, 100], 5));
    const mean = big.reduce((a, b) => a + b, 0) / big.length;
    const variance = big.reduce((a, b) => a + (b - mean) ** 2, 0) / big.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    expect(values(gaussianNoise([4], 5))).toEqual(values(gaussianNoise([4], 5)));
  });

  it('leaks no tensors', () => {
    model = mlp([4], 3, 2);
    const before = tf.memory().numTensors;
    shrinkPerturb(model, 0.9, 0.1, 'fresh_init', 3);
    shrinkPerturb(model, 0.9, 0.1, 'gaussian', 3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
