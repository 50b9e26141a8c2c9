import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { CnnSpec, MlpSpec } from '@plas/dsl';
import { selectBackend } from '../../src/backend/select.ts';
import { createModel, ModelConfigError } from '../../src/models/index.ts';

const mlp = (over: Partial<MlpSpec> = {}): MlpSpec => ({
  kind: 'mlp',
  hidden: [8, 6],
  activation: 'relu',
  layerNorm: false,
  init: 'he_uniform',
  ...over,
});
const kumarCnn: CnnSpec = {
  kind: 'cnn',
  conv: [
    { filters: 16, kernel: 5, pool: 2 },
    { filters: 16, kernel: 5, pool: 2 },
  ],
  hidden: [100, 100],
  activation: 'relu',
  layerNorm: false,
  init: 'torch_default',
};

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('createModel', () => {
  it('names and shapes an MLP\'s parameters and layers', () => {
    const m = createModel(mlp(), [4, 4, 1], 3, 1);
    expect([...m.params.keys()]).toEqual(['dense0/kernel', 'dense0/bias', 'dense1/kernel', 'dense1/bias', 'head/kernel', 'head/bias']);
    expect(m.params.get('dense0/kernel')!.shape).toEqual([16, 8]);
    expect(m.params.get('head/kernel')!.shape).toEqual([6, 3]);
    expect(m.layers.map((l) => [l.name, l.index, l.fanIn, l.units, l.isHead])).toEqual([
      ['dense0', 0, 16, 8, false],
      ['dense1', 1, 8, 6, false],
      ['head', 2, 6, 3, true],
    ]);
    const { output, hidden } = tf.tidy(() => {
      const r = m.forward(tf.ones([5, 4, 4, 1]));
      return { output: r.output, hidden: r.hidden };
    });
    expect(output.shape).toEqual([5, 3]);
    expect(hidden.map((h) => h.shape)).toEqual([[5, 8], [5, 6]]);
    tf.dispose([output, ...hidden]);
    m.dispose();
  });

  it('computes the forward pass by hand on a tiny MLP (tanh, one hidden unit pair)', () => {
    const m = createModel(mlp({ hidden: [2], activation: 'tanh' }), [2], 1, 1);
    m.params.get('dense0/kernel')!.assign(tf.tensor2d([[1, -1], [0.5, 2]]));
    m.params.get('dense0/bias')!.assign(tf.tensor1d([0.1, 0]));
    m.params.get('head/kernel')!.assign(tf.tensor2d([[2], [-3]]));
    m.params.get('head/bias')!.assign(tf.tensor1d([0.5]));
    const out = tf.tidy(() => m.forward(tf.tensor2d([[1, 2]])).output.dataSync()[0]!);
    // z = [1·1 + 2·0.5 + 0.1, 1·(-1) + 2·2] = [2.1, 3]
    expect(out).toBeCloseTo(2 * Math.tanh(2.1) - 3 * Math.tanh(3) + 0.5, 5);
    m.dispose();
  });

  it('doubles the width the next layer sees with CReLU', () => {
    const m = createModel(mlp({ activation: 'crelu' }), [5], 2, 1);
    expect(m.params.get('dense1/kernel')!.shape).toEqual([16, 6]);
    expect(m.params.get('head/kernel')!.shape).toEqual([12, 2]);
    expect(m.layers[0]!.activationWidthFactor).toBe(2);
    expect(m.layers[2]!.activationWidthFactor).toBe(1);
    const widths = tf.tidy(() => m.forward(tf.ones([3, 5])).hidden.map((h) => h.shape[1]));
    expect(widths).toEqual([16, 12]);
    m.dispose();
  });

  it('adds layer-norm gain/offset to hidden layers only', () => {
    const m = createModel(mlp({ layerNorm: true }), [5], 2, 1);
    expect(m.layers[0]!.norm).toEqual({ gain: 'dense0/norm_gain', offset: 'dense0/norm_offset' });
    expect(m.layers[2]!.norm).toBeNull();
    expect(Array.from(m.params.get('dense1/norm_gain')!.dataSync())).toEqual([1, 1, 1, 1, 1, 1]);
    // each example's pre-activations are normalised: with gain 1 / offset 0 and linear activation, mean 0, var 1
    const lin = createModel(mlp({ layerNorm: true, activation: 'linear', hidden: [6] }), [5], 2, 3);
    const h = tf.tidy(() => Array.from(lin.forward(tf.randomNormal([1, 5], 0, 1, 'float32', 4)).hidden[0]!.dataSync()));
    const mean = h.reduce((a, b) => a + b, 0) / h.length;
    const variance = h.reduce((a, b) => a + (b - mean) ** 2, 0) / h.length;
    expect(mean).toBeCloseTo(0, 5);
    expect(variance).toBeCloseTo(1, 3);
    m.dispose();
    lin.dispose();
  });

  it("builds Kumar et al.'s small CNN on 28x28x1 images", () => {
    const m = createModel(kumarCnn, [28, 28, 1], 10, 1);
    expect(m.params.get('conv0/kernel')!.shape).toEqual([5, 5, 1, 16]);
    expect(m.params.get('conv1/kernel')!.shape).toEqual([5, 5, 16, 16]);
    expect(m.params.get('dense0/kernel')!.shape).toEqual([256, 100]); // 28-4=24 →12 → 8 → 4; 4·4·16
    expect(m.layers.map((l) => l.name)).toEqual(['conv0', 'conv1', 'dense0', 'dense1', 'head']);
    expect(m.layers[1]!.fanIn).toBe(400);
    const shapes = tf.tidy(() => {
      const r = m.forward(tf.zeros([2, 784]));
      return [r.output.shape, ...r.hidden.map((h) => h.shape)];
    });
    expect(shapes).toEqual([[2, 10], [2, 24, 24, 16], [2, 8, 8, 16], [2, 100], [2, 100]]);
    m.dispose();
  });

  it('trains every parameter of a CNN on wasm (the registered Conv2DBackpropFilter)', () => {
    const spec: CnnSpec = { ...kumarCnn, conv: [{ filters: 4, kernel: 3, pool: 2 }], hidden: [8], layerNorm: true };
    const m = createModel(spec, [10, 10, 1], 3, 2);
    const norms = tf.tidy(() => {
      const x = tf.randomNormal([4, 10, 10, 1], 0, 1, 'float32', 5);
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(m.forward(x).output)) as tf.Scalar, [...m.params.values()]);
      return [...m.params.entries()].map(([n, v]) => [n, tf.norm(grads[v.name]!).dataSync()[0]!] as const);
    });
    for (const [name, norm] of norms) {
      expect(Number.isFinite(norm), name).toBe(true);
      if (name !== 'head/bias') expect(norm, name).toBeGreaterThan(0);
    }
    m.dispose();
  });

  it('rejects models that do not fit the data with a clear error', () => {
    expect(() => createModel(kumarCnn, [784], 10, 1)).toThrow(ModelConfigError);
    expect(() => createModel(kumarCnn, [784], 10, 1)).toThrow(/image inputs/);
    expect(() => createModel(kumarCnn, [6, 6, 1], 10, 1)).toThrow(/conv layer 1: kernel 5 is larger than its 1x1 input/);
    expect(() => createModel(mlp({ hidden: [0] }), [4], 2, 1)).toThrow(/hidden layer 0 width/);
  });

  it('keeps tensors from leaking across forward passes', () => {
    const m = createModel(mlp(), [4], 2, 1);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.tidy(() => void m.forward(tf.ones([2, 4])));
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before - 6);
  });
});
