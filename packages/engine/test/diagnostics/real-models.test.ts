/**
 * Every registered diagnostic on the engine's real models (an MLP with CReLU and layer norm, a small CNN) on both
 * default backends: values are finite and shaped as documented, the model is left bit-for-bit unchanged, no tensor
 * leaks, and a repeat gives the same value.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec, ParamValue } from '@plas/dsl';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/backend/index.ts';
import { makeRng } from '../../src/core/seed.ts';
import type { Model } from '../../src/core/contracts.ts';
import { diagnosticNames, getDiagnostic } from '../../src/diagnostics/registry.ts';
import { createModel } from '../../src/models/index.ts';
import { makeContext } from './fixtures.ts';

const SMALL: Record<string, Record<string, ParamValue>> = {
  dead_units: { probe: 40 },
  dormant_units: { probe: 40 },
  redo_dormant: { probe: 40 },
  effective_rank: { probe: 40 },
  srank: { probe: 40 },
  feature_rank: { probe: 40 },
  grad_norm: { size: 40 },
  sharpness: { size: 40, iterations: 3 },
  gradient_noise: { size: 40, batches: 4 },
};
const PER_LAYER_UNITS = ['dead_units', 'dormant_units', 'redo_dormant'];
const PER_LAYER_WEIGHTS = ['weight_magnitude', 'weight_norm', 'distance_from_init'];

function randomSplit(n: number, dim: number, classes: number, seed: number) {
  const rng = makeRng(seed);
  return {
    x: Array.from({ length: n }, () => Array.from({ length: dim }, () => rng.next())),
    y: Array.from({ length: n }, () => rng.int(classes)),
  };
}

const snapshot = (m: Model) => [...m.params.values()].map((p) => Array.from(p.dataSync()));

const models: { label: string; spec: ModelSpec; inputShape: number[] }[] = [
  {
    label: 'MLP 20-8-6-3, CReLU + layer norm',
    spec: { kind: 'mlp', hidden: [8, 6], activation: 'crelu', layerNorm: true, init: 'he_uniform' },
    inputShape: [20],
  },
  {
    label: 'CNN 12x12x1, conv 3x3/4 + pool 2, FC 8',
    spec: { kind: 'cnn', conv: [{ filters: 4, kernel: 3, pool: 2 }], hidden: [8], activation: 'relu', layerNorm: false, init: 'he_uniform' },
    inputShape: [12, 12, 1],
  },
];

describe.each(['cpu', 'wasm'])('every diagnostic on real models (%s backend)', (backend) => {
  it.each(models)('$label', async ({ spec, inputShape }) => {
    await selectBackend(backend as 'cpu' | 'wasm');
    const dim = inputShape.reduce((a, b) => a * b, 1);
    const model = createModel(spec, inputShape, 3, 11);
    const ctx = makeContext(model, 'cross_entropy', { train: randomSplit(60, dim, 3, 1), test: randomSplit(30, dim, 3, 2) });
    const hiddenNames = model.layers.filter((l) => !l.isHead).map((l) => l.name);
    const before = snapshot(model);
    const live = tf.memory().numTensors;
    for (const name of diagnosticNames()) {
      const params = SMALL[name] ?? {};
      const value = getDiagnostic(name)!(ctx, params);
      const numbers = typeof value === 'number' ? [value] : Object.values(value);
      expect(numbers.every(Number.isFinite), `${name} = ${JSON.stringify(value)}`).toBe(true);
      if (PER_LAYER_UNITS.includes(name)) expect(Object.keys(value).sort()).toEqual([...hiddenNames, 'total'].sort());
      if (PER_LAYER_WEIGHTS.includes(name)) {
        expect(Object.keys(value).sort()).toEqual([...model.layers.map((l) => l.name), 'total'].sort());
      }
      expect(getDiagnostic(name)!(ctx, params), `${name} repeats`).toEqual(value);
      expect(tf.memory().numTensors, `${name} leaks`).toBe(live);
    }
    expect(snapshot(model)).toEqual(before);
    model.dispose();
  });
});

describe('a diverged model', () => {
  it('gives NaN (recorded as null) rather than an error or a hang, for every diagnostic', async () => {
    await selectBackend('cpu');
    const model = createModel(models[0]!.spec, [20], 3, 11);
    const first = model.params.get(model.layers[0]!.weight)!;
    first.assign(tf.fill(first.shape, NaN));
    const ctx = makeContext(model, 'cross_entropy', { train: randomSplit(60, 20, 3, 1), test: randomSplit(30, 20, 3, 2) });
    for (const name of diagnosticNames()) {
      const value = getDiagnostic(name)!(ctx, SMALL[name] ?? {});
      const numbers = typeof value === 'number' ? [value] : Object.values(value);
      if (!['dead_units', 'dormant_units', 'redo_dormant'].includes(name)) {
        expect(numbers.some(Number.isNaN), `${name} = ${JSON.stringify(value)}`).toBe(true);
      }
    }
    model.dispose();
  });
});
