/**
 * `reset(init: initial)` of every layer plus an optimiser reset at the start of a phase makes the rest of a cell a
 * fresh run of the same seed: bit for bit the series of a cell that starts at that phase.
 */
import { describe, expect, it } from 'vitest';
import { runCell, selectBackend } from '../../src/index.ts';
import type { SeriesPoint } from '../../src/index.ts';
import { gaussianCell, intervention, measure, phase } from '../train/fixtures.ts';

const tune = phase('tune', 3, 'epochs');
const measures = [
  measure('test.accuracy', { kind: 'every', n: 1, unit: 'epochs' }),
  measure('train.loss', { kind: 'every', n: 1, unit: 'epochs' }),
];

/** The measurements taken after training in `tune` started (its epochs 1..), as comparable values. */
function tuneValues(series: SeriesPoint[] | undefined): unknown[] {
  return (series ?? []).filter((p) => p.phase === 'tune' && p.epoch >= 1).map((p) => [p.epoch, p.value]);
}

describe('reset(init: initial) at a phase boundary', () => {
  it('gives exactly the fresh run of the same seed', async () => {
    const backend = await selectBackend('wasm');
    const fresh = await runCell(gaussianCell({ stream: [tune], measure: measures }), { backend });
    const warmThenReset = await runCell(
      gaussianCell({
        stream: [phase('pretrain', 2, 'epochs', [{ kind: 'subset', fraction: 0.5 }]), tune],
        measure: measures,
        interventions: [
          intervention('reset', { layers: { kind: 'all' }, optimizer: true, init: 'initial' }, { kind: 'at', phase: 'tune' }),
          intervention('reset_optimizer', {}, { kind: 'at', phase: 'tune' }),
        ],
      }),
      { backend },
    );
    for (const key of ['test.accuracy', 'train.loss']) {
      const expected = tuneValues(fresh.series[key]);
      expect(expected.length).toBe(3);
      expect(tuneValues(warmThenReset.series[key])).toEqual(expected);
    }
  });

  it('differs from a fresh draw (init: fresh), which is a new network, not the seed\'s own', async () => {
    const backend = await selectBackend('wasm');
    const fresh = await runCell(gaussianCell({ stream: [tune], measure: measures }), { backend });
    const redrawn = await runCell(
      gaussianCell({
        stream: [phase('pretrain', 2, 'epochs', [{ kind: 'subset', fraction: 0.5 }]), tune],
        measure: measures,
        interventions: [
          intervention('reset', { layers: { kind: 'all' }, optimizer: true, init: 'fresh' }, { kind: 'at', phase: 'tune' }),
          intervention('reset_optimizer', {}, { kind: 'at', phase: 'tune' }),
        ],
      }),
      { backend },
    );
    expect(tuneValues(redrawn.series['train.loss'])).not.toEqual(tuneValues(fresh.series['train.loss']));
  });
});
