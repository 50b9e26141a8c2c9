import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerSpec } from '@plas/dsl';
import { selectBackend } from '../../src/backend/select.ts';
import { createOptimizer } from '../../src/optim/index.ts';

/** Two steps on the scalar θ0 = 1 with gradients 0.5 then -1; returns θ after each step. */
function twoSteps(spec: OptimizerSpec): number[] {
  const params = new Map([['w', tf.variable(tf.scalar(1))]]);
  const opt = createOptimizer(spec, params);
  const out: number[] = [];
  for (const g of [0.5, -1]) {
    const grad = tf.scalar(g);
    opt.apply({ w: grad }, params);
    grad.dispose();
    out.push(params.get('w')!.dataSync()[0]!);
  }
  opt.dispose();
  params.get('w')!.dispose();
  return out;
}

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('optimisers on hand-computed updates', () => {
  it('sgd: θ ← θ - lr·g', () => {
    const [a, b] = twoSteps({ kind: 'sgd', lr: 0.1 });
    expect(a).toBeCloseTo(0.95, 6); // 1 - 0.1·0.5
    expect(b).toBeCloseTo(1.05, 6); // 0.95 + 0.1·1
  });

  it('momentum: b ← μb + g, θ ← θ - lr·b', () => {
    const [a, b] = twoSteps({ kind: 'momentum', lr: 0.1, momentum: 0.9, nesterov: false });
    expect(a).toBeCloseTo(0.95, 6); // b = 0.5
    expect(b).toBeCloseTo(1.005, 6); // b = 0.45 - 1 = -0.55; 0.95 + 0.055
  });

  it('nesterov momentum: θ ← θ - lr·(g + μb)', () => {
    const [a, b] = twoSteps({ kind: 'momentum', lr: 0.1, momentum: 0.9, nesterov: true });
    expect(a).toBeCloseTo(0.905, 6); // d = 0.5 + 0.45
    expect(b).toBeCloseTo(1.0545, 6); // b = -0.55, d = -1 - 0.495 = -1.495
  });

  it('adam with bias correction and eps outside the square root (PyTorch)', () => {
    const [a, b] = twoSteps({ kind: 'adam', lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    // t=1: m = 0.05, v = 0.00025; θ = 1 - (0.1/0.1)·0.05/(√0.00025/√0.001 + 1e-8) = 0.9
    expect(a).toBeCloseTo(0.9, 6);
    // t=2: m = 0.045 - 0.1 = -0.055, v = 0.00024975 + 0.001 = 0.00124975;
    // θ = 0.9 + (0.1/0.19)·0.055/(√0.00124975/√0.001999 + 1e-8) = 0.93661035
    expect(b).toBeCloseTo(0.93661035, 6);
  });

  it('adam with a large eps shows it is added outside the square root', () => {
    const [a] = twoSteps({ kind: 'adam', lr: 1, beta1: 0, beta2: 0, eps: 1 });
    // m = 0.5, v = 0.25, no bias correction at β = 0: θ = 1 - 0.5/(0.5 + 1)
    expect(a).toBeCloseTo(1 - 1 / 3, 6);
  });
});

describe('optimiser state', () => {
  const setup = (): { params: Map<string, tf.Variable>; opt: ReturnType<typeof createOptimizer> } => {
    const params = new Map([
      ['k', tf.variable(tf.zeros([2, 3]))],
      ['b', tf.variable(tf.zeros([3]))],
    ]);
    return { params, opt: createOptimizer({ kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 }, params) };
  };
  const step = (opt: ReturnType<typeof createOptimizer>, params: Map<string, tf.Variable>): void =>
    tf.tidy(() => opt.apply({ k: tf.ones([2, 3]), b: tf.fill([3], 2) }, params));

  it('exposes slots and zeroes chosen units along an axis', () => {
    const { params, opt } = setup();
    step(opt, params);
    expect(Object.keys(opt.slots('k'))).toEqual(['m', 'v']);
    opt.resetUnits('k', 1, [1]);
    expect(Array.from(opt.slots('k')['m']!.dataSync()).map((x) => +x.toFixed(4))).toEqual([0.1, 0, 0.1, 0.1, 0, 0.1]);
    opt.resetUnits('k', 0, [0]);
    expect(Array.from(opt.slots('k')['v']!.dataSync()).map((x) => +x.toFixed(4))).toEqual([0, 0, 0, 0.001, 0, 0.001]);
    expect(() => opt.resetUnits('k', 1, [3])).toThrow(/unit 3 is out of range 0..2/);
    expect(() => opt.slots('nope')).toThrow(/no state for parameter 'nope'/);
    opt.dispose();
    params.forEach((p) => p.dispose());
  });

  it('a full reset restarts bias correction: the next update equals the very first', () => {
    const { params, opt } = setup();
    step(opt, params);
    const first = Array.from(params.get('k')!.dataSync());
    step(opt, params);
    opt.reset(['k']);
    params.get('k')!.assign(tf.zeros([2, 3]));
    step(opt, params);
    expect(Array.from(params.get('k')!.dataSync())).toEqual(first);
    expect(Object.values(opt.slots('b')).every((v) => v.dataSync()[0] !== 0)).toBe(true); // 'b' untouched
    opt.dispose();
    params.forEach((p) => p.dispose());
  });

  it('reads mutable hyper-parameters at every step and leaks no tensors', () => {
    const { params, opt } = setup();
    step(opt, params);
    const before = tf.memory().numTensors;
    opt.hyper['lr'] = 0;
    const k = Array.from(params.get('k')!.dataSync());
    for (let i = 0; i < 3; i++) step(opt, params);
    expect(Array.from(params.get('k')!.dataSync())).toEqual(k);
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before - 4);
    params.forEach((p) => p.dispose());
  });

  it('rejects an unknown optimiser kind', () => {
    expect(() => createOptimizer({ kind: 'rmsprop' } as unknown as OptimizerSpec, new Map())).toThrow(/unknown optimiser 'rmsprop'/);
  });
});
