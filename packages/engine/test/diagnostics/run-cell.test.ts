/**
 * Every diagnostic measured through the real training loop (runCell) on a tiny synthetic cell: the series exist,
 * hold finite values of the documented shapes, and a second run gives the same numbers bit for bit.
 */
import type { CellSpec, MeasureSpec, ParamValue } from '@plas/dsl';
import { describe, expect, it } from 'vitest';
import { diagnosticNames } from '../../src/diagnostics/registry.ts';
import { runCell } from '../../src/train/index.ts';

const span = { file: 'diagnostics.plas', line: 1, column: 1, length: 1 };
const small: Record<string, Record<string, ParamValue>> = {
  dead_units: { probe: 50 },
  dormant_units: { probe: 50 },
  redo_dormant: { probe: 50 },
  effective_rank: { probe: 50 },
  srank: { probe: 50 },
  feature_rank: { probe: 50 },
  sharpness: { iterations: 3, size: 60 },
  gradient_noise: { batches: 4, size: 60 },
};
const every = { kind: 'every', n: 1, unit: 'epochs' } as const;
const measures: MeasureSpec[] = [
  ...diagnosticNames().map((metric) => ({ metric, params: small[metric] ?? {}, key: metric, cadence: every, span })),
  { metric: 'grad_norm', params: { on: 'pre', size: 60 }, key: 'grad_norm(on=pre)', cadence: every, span },
  { metric: 'grad_norm', params: { on: 'test', size: 60 }, key: 'grad_norm(on=test)', cadence: every, span },
];

const cell: CellSpec = {
  experiment: 'diagnostics',
  experimentHash: 'x',
  arm: 'a',
  role: 'arm',
  point: {},
  pointLabel: '',
  seed: 3,
  data: { kind: 'gaussian_mixture', classes: 3, dim: 6, separation: 3, train: 120, test: 60 },
  model: { kind: 'mlp', hidden: [8, 8], activation: 'relu', layerNorm: false, init: 'he_uniform' },
  optimizer: { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
  loss: 'cross_entropy',
  batch: 16,
  stream: [
    { kind: 'phase', name: 'pre', data: [{ kind: 'classes', classes: [0, 1] }], duration: { kind: 'fixed', amount: 1, unit: 'epochs' }, span },
    { kind: 'phase', name: 'all', data: [{ kind: 'all' }], duration: { kind: 'fixed', amount: 2, unit: 'epochs' }, span },
  ],
  interventions: [],
  measure: measures,
  hash: 'diagnostics-cell',
};

describe('diagnostics inside runCell', () => {
  it('records every diagnostic, finite and repeatable', async () => {
    const first = await runCell(cell, { backend: 'wasm' });
    expect(first.status, first.error ?? '').toBe('complete');
    for (const m of measures) {
      const points = first.series[m.key] ?? [];
      expect(points.length, m.key).toBeGreaterThanOrEqual(3);
      for (const p of points) {
        const values = typeof p.value === 'number' ? [p.value] : Object.values(p.value ?? { missing: NaN });
        expect(values.every(Number.isFinite), `${m.key} at step ${p.step}: ${JSON.stringify(p.value)}`).toBe(true);
      }
    }
    expect(Object.keys(first.series.dead_units![0]!.value as object).sort()).toEqual(['dense0', 'dense1', 'total']);
    expect(first.series.distance_from_init![0]!.value).toEqual({ dense0: 0, dense1: 0, head: 0, total: 0 });
    const second = await runCell(cell, { backend: 'wasm' });
    expect(second.series).toEqual(first.series);
  });
});
