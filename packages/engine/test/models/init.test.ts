import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { InitScheme, MlpSpec } from '@plas/dsl';
import { selectBackend } from '../../src/backend/select.ts';
import { createModel } from '../../src/models/index.ts';

const spec = (init: InitScheme): MlpSpec => ({ kind: 'mlp', hidden: [400], activation: 'relu', layerNorm: false, init });

function stats(t: tf.Tensor): { min: number; max: number; mean: number; std: number } {
  const v = Array.from(t.dataSync());
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  return { min: Math.min(...v), max: Math.max(...v), mean, std };
}

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('initialisers', () => {
  // dense0: fanIn 100, fanOut 400 (40,000 weights: sample moments within ~2%)
  const fanIn = 100;
  const fanOut = 400;
  it.each([
    ['he_uniform', Math.sqrt(6 / fanIn) / Math.sqrt(3), Math.sqrt(6 / fanIn)],
    ['he_normal', Math.sqrt(2 / fanIn), Infinity],
    ['glorot_uniform', Math.sqrt(6 / (fanIn + fanOut)) / Math.sqrt(3), Math.sqrt(6 / (fanIn + fanOut))],
    ['glorot_normal', Math.sqrt(2 / (fanIn + fanOut)), Infinity],
    ['torch_default', 1 / Math.sqrt(fanIn) / Math.sqrt(3), 1 / Math.sqrt(fanIn)],
  ] as const)('%s draws weights with std %f within ±%f', (scheme, std, bound) => {
    const m = createModel(spec(scheme), [fanIn], 10, 7);
    const s = stats(m.params.get('dense0/kernel')!);
    expect(Math.abs(s.mean)).toBeLessThan(0.05 * std);
    expect(s.std / std).toBeGreaterThan(0.97);
    expect(s.std / std).toBeLessThan(1.03);
    expect(Math.max(-s.min, s.max)).toBeLessThanOrEqual(bound);
    const bias = stats(m.params.get('dense0/bias')!);
    if (scheme === 'torch_default') {
      expect(bias.std).toBeGreaterThan(0.5 / Math.sqrt(3 * fanIn));
      expect(Math.max(-bias.min, bias.max)).toBeLessThanOrEqual(1 / Math.sqrt(fanIn));
    } else {
      expect([bias.min, bias.max]).toEqual([0, 0]);
    }
    m.dispose();
  });

  it('is seeded: same seed same values, freshParams(seed) reproduces them, other seeds differ', () => {
    const a = createModel(spec('he_uniform'), [20], 3, 11);
    const b = createModel(spec('he_uniform'), [20], 3, 11);
    const c = createModel(spec('he_uniform'), [20], 3, 12);
    const fresh = a.freshParams(11);
    for (const [name, v] of a.params) {
      expect(Array.from(b.params.get(name)!.dataSync())).toEqual(Array.from(v.dataSync()));
      expect(Array.from(fresh.get(name)!.dataSync())).toEqual(Array.from(v.dataSync()));
    }
    expect(Array.from(c.params.get('head/kernel')!.dataSync())).not.toEqual(Array.from(a.params.get('head/kernel')!.dataSync()));
    // different parameters draw from different seeds, even with equal shapes
    const d = createModel({ ...spec('he_uniform'), hidden: [5, 5] }, [5], 5, 1);
    expect(Array.from(d.params.get('dense1/kernel')!.dataSync())).not.toEqual(Array.from(d.params.get('head/kernel')!.dataSync()));
    tf.dispose([...fresh.values()]);
    [a, b, c, d].forEach((m) => m.dispose());
  });
});
