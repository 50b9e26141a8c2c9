/**
 * `at step N:` / `at epoch N:` (Trigger `at_point`): fires once, where `every N ...` fires first, with an event and a
 * measurement right after it. Real training on a small Gaussian mixture, compiled from `.plas` text, swept over
 * `ARM.at`.
 */
import { compileSource, expandCells } from '@plas/dsl';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/backend/select.ts';
import { runCell } from '../../src/train/index.ts';
import { firesAfterStep, firesAtTaskStart } from '../../src/train/triggers.ts';
import { gaussianCell, intervention, measure, phase } from './fixtures.ts';

describe('at_point firing rule', () => {
  it('steps: only after step n; epochs: only when the n-th epoch of the stream ends; n = 0 before the first step', () => {
    const step5 = { kind: 'at_point', n: 5, unit: 'steps' } as const;
    expect([4, 5, 6, 10].map((s) => firesAfterStep(step5, s, 0, false))).toEqual([false, true, false, false]);
    const epoch2 = { kind: 'at_point', n: 2, unit: 'epochs' } as const;
    expect(firesAfterStep(epoch2, 16, 2, true)).toBe(true);
    expect(firesAfterStep(epoch2, 17, 2, false)).toBe(false); // epoch 2 ended a step ago
    expect(firesAfterStep(epoch2, 32, 4, true)).toBe(false); // `every 2 epochs` fires here again, `at` does not
    const epoch0 = { kind: 'at_point', n: 0, unit: 'epochs' } as const;
    expect(firesAtTaskStart(epoch0, { phase: 'a', task: 0, streamTask: 0 })).toBe(true);
    expect(firesAtTaskStart(epoch0, { phase: 'b', task: 0, streamTask: 1 })).toBe(false);
    expect(firesAtTaskStart(step5, { phase: 'a', task: 0, streamTask: 0 })).toBe(false);
    expect(firesAfterStep(epoch0, 8, 1, true)).toBe(false);
  });
});

describe('at_point in a real run', () => {
  // 120 examples in batches of 16: 8 steps per epoch (the last batch holds 8); two phases of 2 epochs = 32 steps
  const stream = [phase('a', 2, 'epochs'), phase('b', 2, 'epochs')];
  const series = [measure('test.accuracy', { kind: 'every', n: 1, unit: 'epochs' }), measure('weight_norm', { kind: 'every', n: 4, unit: 'steps' })];

  it('fires exactly once at its step, writes one event and a measurement right after it', async () => {
    const backend = await selectBackend('wasm');
    const cell = gaussianCell({
      stream,
      measure: series,
      interventions: [
        intervention('reset', { layers: { kind: 'head' } }, { kind: 'at_point', n: 5, unit: 'steps' }),
        intervention('shrink_perturb', { shrink: 0.5, perturb: 0.01 }, { kind: 'at_point', n: 3, unit: 'epochs' }),
        intervention('reset_optimizer', {}, { kind: 'at_point', n: 0, unit: 'epochs' }),
        intervention('shrink_perturb', { shrink: 0.9, perturb: 0 }, { kind: 'every', n: 2, unit: 'epochs' }),
      ],
    });
    const rec = await runCell(cell, { backend });
    expect(rec.status).toBe('complete');
    expect(rec.events!.map((e) => [e.name, e.step, e.phase, e.trigger, e.firings])).toEqual([
      ['reset_optimizer', 0, 'a', 'at_point', 1],
      ['reset', 5, 'a', 'at_point', 1],
      ['shrink_perturb', 16, 'a', 'every', 1], // after the last step of phase a, which ends epoch 2
      ['shrink_perturb', 24, 'b', 'at_point', 1],
      ['shrink_perturb', 32, 'b', 'every', 1],
    ]);
    const head = rec.events![1]!.layers.find((l) => l.layer === 'head')!;
    expect(head.units).toBe(3);
    expect(head.changed).toBeGreaterThan(0.5);
    // step 5 is no measurement step of either series: each gets one point there, after the reset
    for (const key of ['weight_norm', 'test.accuracy']) {
      const at5 = rec.series[key]!.filter((p) => p.step === 5);
      expect(at5.map((p) => p.afterIntervention)).toEqual([true]);
    }
    // step 24 ends epoch 3: the measurement due there, then one after the shrink
    const acc24 = rec.series['test.accuracy']!.filter((p) => p.step === 24);
    expect(acc24.map((p) => p.afterIntervention ?? false)).toEqual([false, true]);
  });

  it('compiled from `at epoch N:` and swept over `ARM.at`: each point fires at its own epoch', async () => {
    const backend = await selectBackend('wasm');
    const text = `experiment points {
  data gaussian_mixture(classes: 3, dim: 6, separation: 3, train: 120, test: 60)
  model mlp(hidden: [8])
  optimizer adam(lr: 1e-2)
  batch 16
  seeds 1
  stream {
    phase a: train on all for 2 epochs
    phase b: train on all for 2 epochs
  }
  baseline plain
  arm late: at epoch 1: reset head
  measure every 1 epoch: test.accuracy
  sweep grid(late.at: [1, 3])
}
`;
    const r = compileSource(text, 'points.plas');
    expect(r.diagnostics).toEqual([]);
    const cells = expandCells(r.ir!).filter((c) => c.arm === 'late');
    expect(cells.map((c) => c.pointLabel)).toEqual(['late.at=1', 'late.at=3']);
    const steps: number[][] = [];
    for (const cell of cells) {
      const rec = await runCell(cell, { backend });
      expect(rec.status).toBe('complete');
      steps.push(rec.events!.map((e) => e.step));
    }
    expect(steps).toEqual([[8], [24]]);
  });
});
