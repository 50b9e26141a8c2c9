import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDiagnostic } from '../../src/diagnostics/registry.ts';
import { denseModel, makeContext, useCpu } from './fixtures.ts';

beforeAll(useCpu);

function model() {
  // dense0: 
  return denseModel([
    { w: [[3], [-4]], b: [0] },
    { w: [[1, -2]], b: [2, 0] },
  ]);
}
const data = { train: { x: [[0, 0]], y: [[0, 0]] } };

describe('weight diagnostics', () => {
  it('weight_magnitude: mean |θ| per layer and over all parameters', () => {
    const ctx = makeContext(model(), 'squared_error', data);
    expect(getDiagnostic('weight_magnitude')!(ctx, {})).toEqual({
      dense0: 7 / 3,
      head: 5 / 4,
      total: 12 / 7,
    });
  });
  it('weight_norm: L2 norm per layer and over all parameters', () => {
    const ctx = makeContext(model(), 'squared_error', data);
    const value = getDiagnostic('weight_norm')! (ctx, {}) as Record<string, number>;
    expect(value.dense0).toBeCloseTo(5, 12);
    expect(value.head).toBeCloseTo(3, 12);
    expect(value.total).toBeCloseTo(Math.sqrt(34), 12);
  });
  it('distance_from_init: 0 at init, ||θ - θ0|| after a change', () => {
    const m = model();
    const ctx = makeContext(m, 'squared_error', data);
    expect(getDiagnostic('distance_from_init')!(ctx, {})).toEqual({ dense0: 0, head: 0, total: 0 });
    m.params.get('dense0.w')!.assign(tf.tensor2d([[0], [0]])); // moved by (-3, 4): 5
    m.params.get('head.b')!.assign(tf.tensor1d([2, 12])); // moved by (0, 12): 12
    expect(getDiagnostic('distance_from_init')!(ctx, {})).toEqual({ dense0: 5, head: 12, total: 13 });
  });
  it('weight_magnitude_ratio: 1 at init, mean |θ| / mean |θ0| per layer after a change', () => {
    const m = model();
    const ctx = makeContext(m, 'squared_error', data);
    expect(getDiagnostic('weight_magnitude_ratio')!(ctx, {})).toEqual({ dense0: 1, head: 1, total: 1 });
    m.params.get('dense0.w')!.assign(tf.tensor2d([[6], [-8]])); // Σ|θ| 7 → 14
    m.params.get('head.b')!.assign(tf.tensor1d([0, 0])); // Σ|θ| 5 → 3
    expect(getDiagnostic('weight_magnitude_ratio')!(ctx, {})).toEqual({ dense0: 2, head: 3 / 5, total: 17 / 12 });
  });
});
