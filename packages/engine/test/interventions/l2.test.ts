import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../src/core/contracts.ts';
import { getIntervention } from '../../src/interventions/registry.ts';
import { adam, context, mlp, setParam, useCpu, values } from './helpers.ts';

beforeAll(useCpu);

let model: Model;
afterEach(() => model?.dispose());

/** Gradients of the shapes of a 2-2-1 MLP, all set to `g`. */
function grads(m: Model, g: number): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, v] of m.params) out[name] = tf.fill(v.shape, g);
  return out;
}

function adjust(name: string, strength: number, m: Model, g: Record<string, tf.Tensor>, initial?: (ctx: ReturnType<typeof context>) => void) {
  const opt = adam(m);
  const ctx = context(m, opt);
  initial?.(ctx);
  const out = getIntervention(name)!({ strength }, m).adjustGrads!(g, ctx);
  opt.dispose();
  return out;
}

describe('l2', () => {
  it('adds λθ to weight and bias gradients (gradient of (λ/2)||θ||²)', () => {
    model = mlp([2], 2, 1);
    setParam(model, 'dense0/kernel', [[1, -2], [3, 0.5]]);
    setParam(model, 'dense0/bias', [0.25, -1]);
    setParam(model, 'head/kernel', [[2], [-4]]);
    setParam(model, 'head/bias', [10]);
    const g = grads(model, 0.5);
    const out = adjust('l2', 0.1, model, g);
    // 0.5 + 0.1·θ
    const close = (t: tf.Tensor, expected: number[]) => values(t).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    close(out['dense0/kernel']!, [0.6, 0.3, 0.8, 0.55]);
    close(out['dense0/bias']!, [0.525, 0.4]);
    close(out['head/kernel']!, [0.7, 0.1]);
    close(out['head/bias']!, [1.5]);
    // every returned tensor is new: the caller may dispose the old ones
    for (const k of Object.keys(g)) expect(out[k]).not.toBe(g[k]);
  });

  it('leaves layer-norm gain and offset unpenalised (as Kumar et al.\'s code)', () => {
    model = mlp([2], 2, 1, { layerNorm: true });
    const g = grads(model, 0.5);
    const out = adjust('l2', 0.1, model, g);
    expect(values(out['dense0/norm_gain']!)).toEqual([0.5, 0.5]);
    expect(values(out['dense0/norm_offset']!)).toEqual([0.5, 0.5]);
  });
});

describe('l2_init', () => {
  it('adds λ(θ - θ0) (gradient of (λ/2)Σ(θ-θ0)², the authors\' code)', () => {
    model = mlp([2], 2, 1);
    setParam(model, 'dense0/kernel', [[1, -2], [3, 0.5]]);
    const g = grads(model, 0);
    // θ0 taken now; then the weights move by +[1, 2, -3, 0]
    const out = adjust('l2_init', 0.01, model, g, () => setParam(model, 'dense0/kernel', [[2, 0], [0, 0.5]]));
    const got = values(out['dense0/kernel']!);
    [0.01, 0.02, -0.03, 0].forEach((e, i) => expect(got[i]).toBeCloseTo(e, 7));
    // parameters that have not moved get no pull
    expect(values(out['head/kernel']!)).toEqual([0, 0]);
  });

  it('strength 0 leaves the gradients unchanged', () => {
    model = mlp([3], 2, 2);
    const g: Record<string, tf.Tensor> = {};
    for (const [name, v] of model.params) g[name] = tf.randomNormal(v.shape, 0, 1, 'float32', 3);
    const out = adjust('l2_init', 0, model, g, () => setParam(model, 'head/bias', [5, 5]));
    for (const k of Object.keys(g)) expect(values(out[k]!)).toEqual(values(g[k]!));
  });

  it('leaks no tensors beyond the returned gradients', () => {
    model = mlp([3], 2, 2);
    const opt = adam(model);
    const ctx = context(model, opt);
    const g = grads(model, 1);
    const it = getIntervention('l2_init')!({ strength: 0.1 }, model);
    const before = tf.memory().numTensors;
    const out = it.adjustGrads!(g, ctx);
    expect(tf.memory().numTensors).toBe(before + Object.keys(g).length);
    for (const t of [...Object.values(out), ...Object.values(g)]) t.dispose();
    opt.dispose();
  });
});
