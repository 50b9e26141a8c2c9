import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Model, Optimizer } from '../../src/core/contracts.ts';
import { getIntervention } from '../../src/interventions/registry.ts';
import { adam, context, fillState, mlp, param, snapshot, state, useCpu, values } from './helpers.ts';

beforeAll(useCpu);

let model: Model;
let opt: Optimizer;
afterEach(() => {
  model?.dispose();
  opt?.dispose();
});

function fireReset(params: Record<string, unknown>): number {
  const ctx = context(model, opt);
  getIntervention('reset')!(params as never, model).fire!(ctx, null);
  return ctx.seeds.get('reset')!;
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

describe('reset', () => {
  it('reset of all layers with optimizer: true gives exactly the fresh params of its seed and zero state', () => {
    model = mlp([4, 3], 5, 2, { layerNorm: true, seed: 1 });
    opt = adam(model);
    // move every parameter away from init and fill the optimiser state
    for (const v of model.params.values()) tf.tidy(() => v.assign(tf.add(v, 0.5)));
    fillState(opt, model, 0.25);
    const seed = fireReset({ layers: { kind: 'all' }, optimizer: true });
    const fresh = model.freshParams(seed);
    for (const [name, t] of fresh) {
      expect(param(model, name)).toEqual(values(t));
      const s = state(opt, name);
      expect(s.m).toEqual(zeros(t.size));
      expect(s.v).toEqual(zeros(t.size));
    }
    for (const t of fresh.values()) t.dispose();
  });

  it('with the model seed it restores the initial parameters bit for bit', () => {
    model = mlp([4], 3, 2, { seed: 5 });
    const initial = snapshot(model);
    opt = adam(model);
    for (const v of model.params.values()) tf.tidy(() => v.assign(tf.mul(v, -3)));
    const fresh = model.freshParams(5);
    for (const [name, t] of fresh) expect(values(t)).toEqual(Array.from(initial.get(name)!));
    for (const t of fresh.values()) t.dispose();
  });

  it('reset head only touches the head; optimizer: false keeps all state', () => {
    model = mlp([4, 3], 5, 2, { seed: 2 });
    opt = adam(model);
    for (const v of model.params.values()) tf.tidy(() => v.assign(tf.add(v, 1)));
    fillState(opt, model, 0.5);
    const before = snapshot(model);
    const seed = fireReset({ layers: { kind: 'head' } });
    const fresh = model.freshParams(seed);
    for (const name of model.params.keys()) {
      if (name.startsWith('head/')) expect(param(model, name)).toEqual(values(fresh.get(name)!));
      else expect(param(model, name)).toEqual(Array.from(before.get(name)!));
      expect(state(opt, name).m.every((x) => x === 0.5)).toBe(true);
    }
    for (const t of fresh.values()) t.dispose();
  });

  it('a negative range resets the top layers (Berariu: top modules) and, with optimizer: true, only their state', () => {
    model = mlp([4, 3, 3], 5, 2, { seed: 3, layerNorm: true });
    opt = adam(model);
    for (const v of model.params.values()) tf.tidy(() => v.assign(tf.add(v, 1)));
    fillState(opt, model, 0.5);
    const before = snapshot(model);
    const seed = fireReset({ layers: { kind: 'range', from: -2, to: null }, optimizer: true });
    const fresh = model.freshParams(seed);
    for (const name of model.params.keys()) {
      const reset = name.startsWith('dense2/') || name.startsWith('head/');
      expect(param(model, name)).toEqual(reset ? values(fresh.get(name)!) : Array.from(before.get(name)!));
      expect(state(opt, name).v.every((x) => x === (reset ? 0 : 0.5))).toBe(true);
    }
    // the reset layer's layer norm is back to gain 1, offset 0
    expect(param(model, 'dense2/norm_gain')).toEqual([1, 1, 1]);
    expect(param(model, 'dense2/norm_offset')).toEqual([0, 0, 0]);
    for (const t of fresh.values()) t.dispose();
  });

  it('leaks no tensors', () => {
    model = mlp([4], 3, 2);
    opt = adam(model);
    // optimizer: false — the optimiser's own reset is the optimiser's business (tested in test/optim)
    const it = getIntervention('reset')!({ optimizer: false }, model);
    const ctx = context(model, opt);
    const before = tf.memory().numTensors;
    it.fire!(ctx, null);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('reset_optimizer', () => {
  it('zeroes all state including Adam\'s step count: the next step equals a fresh optimiser\'s first step', () => {
    model = mlp([3], 2, 2, { seed: 4 });
    opt = adam(model, 0.1);
    const grads = (): Record<string, tf.Tensor> => {
      const g: Record<string, tf.Tensor> = {};
      for (const [name, v] of model.params) g[name] = tf.fill(v.shape, 0.3);
      return g;
    };
    for (let i = 0; i < 3; i++) {
      const g = grads();
      opt.apply(g, model.params);
      Object.values(g).forEach((t) => t.dispose());
    }
    getIntervention('reset_optimizer')!({}, model).fire!(context(model, opt), null);
    for (const name of model.params.keys()) {
      expect(state(opt, name).m.every((x) => x === 0)).toBe(true);
      expect(state(opt, name).v.every((x) => x === 0)).toBe(true);
    }
    // Adam's first step from zero state moves every parameter by lr·sign(g) (up to eps): 0.1 here
    const before = snapshot(model);
    const g = grads();
    opt.apply(g, model.params);
    Object.values(g).forEach((t) => t.dispose());
    for (const [name, old] of before) {
      param(model, name).forEach((x, i) => expect(old[i]! - x).toBeCloseTo(0.1, 5));
    }
  });
});

describe('set_optimizer', () => {
  it('sets the given hyper-parameters and keeps the others', () => {
    model = mlp([3], 2, 2);
    opt = adam(model);
    getIntervention('set_optimizer')!({ lr: 0.01, beta2: 0.99 }, model).fire!(context(model, opt), null);
    expect(opt.hyper).toEqual({ lr: 0.01, beta1: 0.9, beta2: 0.99, eps: 1e-8 });
  });

  it('a key the optimiser does not have is a clear error and changes nothing', () => {
    model = mlp([3], 2, 2);
    opt = adam(model);
    const it = getIntervention('set_optimizer')!({ lr: 0.5, momentum: 0.9 }, model);
    expect(() => it.fire!(context(model, opt), null)).toThrow(/set_optimizer: the adam optimiser has no hyper-parameter 'momentum' \(it has: lr, beta1, beta2, eps\)/);
    expect(opt.hyper['lr']).toBe(1e-3);
  });
});
