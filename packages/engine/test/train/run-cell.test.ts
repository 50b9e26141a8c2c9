import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../src/backend/select.ts';
import { backendIdentity } from '../../src/backend/accel.ts';
import { runCell } from '../../src/train/index.ts';
import { gaussianCell, measure, phase } from './fixtures.ts';

describe('runCell', () => {
  it('trains a tiny cell and records every series at its cadence', async () => {
    const backend = await selectBackend('wasm');
    const progress: number[] = [];
    const rec = await runCell(gaussianCell(), { backend, onProgress: (p) => progress.push(p.step), progressEveryMs: 0 });
    expect(rec.status).toBe('complete');
    // 'wasm+openblas' where the native accelerator is built (as here), else 'wasm'
    expect(rec.backend).toBe(backendIdentity());
    expect(rec.backend).toMatch(/^wasm(\+openblas)?$/);
    expect(rec.versions['openblas (@plas/accel)'] !== undefined).toBe(rec.backend === 'wasm+openblas');
    expect(rec.versions['@tensorflow/tfjs-core']).toBe('4.22.0');
    expect(rec.versions['node']).toBe(process.version);
    expect(rec.timing.steps).toBe(24); // 3 epochs × ceil(120 / 16)
    expect(progress[progress.length - 1]).toBe(24);
    const test = rec.series['test.accuracy']!;
    expect(test.map((p) => [p.step, p.epoch, p.examples])).toEqual([[0, 0, 0], [8, 1, 120], [16, 2, 240], [24, 3, 360]]);
    const online = rec.series['online.accuracy']!;
    expect(online.map((p) => p.step)).toEqual([4, 8, 12, 16, 20, 24]); // no step-0 point: nothing seen yet
    for (const p of [...online, ...test]) {
      expect(p.value).toBeGreaterThanOrEqual(0);
      expect(p.value).toBeLessThanOrEqual(1);
    }
    expect(test[3]!.value as number).toBeGreaterThan(test[0]!.value as number);
  });

  it.each(['wasm', 'cpu'] as const)('is reproducible: the same cell twice gives identical series on %s', async (name) => {
    const backend = await selectBackend(name);
    const cell = gaussianCell({
      optimizer: { kind: 'momentum', lr: 0.05, momentum: 0.9, nesterov: true },
      measure: [
        measure('online.loss', { kind: 'every', n: 3, unit: 'steps' }),
        measure('test.loss', { kind: 'phase_end' }),
        measure('weight_magnitude', { kind: 'every', n: 1, unit: 'epochs' }),
      ],
      stream: [phase('p1', 2, 'epochs', [{ kind: 'subset', fraction: 0.5 }]), phase('p2', 10, 'steps')],
    });
    const a = await runCell(cell, { backend });
    const b = await runCell(cell, { backend });
    expect(a.status).toBe('complete');
    expect(b.series).toEqual(a.series);
    // a different seed gives a different run
    const c = await runCell({ ...cell, seed: 2 }, { backend });
    expect(c.series['online.loss']).not.toEqual(a.series['online.loss']);
  });

  it('keeps the tensor count flat over the steps and frees everything at the end', async () => {
    const backend = await selectBackend('wasm');
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const rec = await runCell(gaussianCell({ stream: [phase('p', 40, 'steps')] }), {
      backend,
      progressEveryMs: 0,
      onProgress: () => counts.push(tf.memory().numTensors),
    });
    expect(rec.status).toBe('complete');
    expect(counts.length).toBeGreaterThan(30);
    expect(new Set(counts.slice(1, -1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('catches weights that an update on the last step made non-finite (the loss before it was finite)', async () => {
    const backend = await selectBackend('wasm');
    const rec = await runCell(
      gaussianCell({
        optimizer: { kind: 'sgd', lr: 1e38 },
        measure: [measure('test.accuracy', { kind: 'phase_end' })],
        stream: [phase('p', 1, 'steps')],
      }),
      { backend },
    );
    expect(rec.status).toBe('diverged');
    expect(rec.divergence).toMatchObject({ step: 1, phase: 'p', task: 0 });
    expect(rec.divergence!.what).toMatch(/^(parameters \(.+\)|train.loss after the last update)$/);
    expect(['NaN', 'Infinity']).toContain(rec.divergence!.value);
  });

  it("stops a diverging cell as 'diverged' and keeps the series so far", async () => {
    const backend = await selectBackend('wasm');
    const rec = await runCell(
      gaussianCell({
        optimizer: { kind: 'sgd', lr: 1e30 },
        measure: [measure('test.accuracy', { kind: 'every', n: 1, unit: 'steps' })],
        stream: [phase('p', 20, 'steps')],
      }),
      { backend },
    );
    expect(rec.status).toBe('diverged');
    expect(rec.divergence).toMatchObject({ phase: 'p', task: 0, what: 'train.loss' });
    expect(['NaN', 'Infinity']).toContain(rec.divergence!.value);
    expect(rec.divergence!.step).toBeGreaterThan(0);
    expect(rec.series['test.accuracy']!.length).toBe(rec.divergence!.step + 1);
    expect(rec.timing.steps).toBe(rec.divergence!.step);
  });

  it('trains a regression with squared error, one example per step', async () => {
    const backend = await selectBackend('wasm');
    const reg = await runCell(
      gaussianCell({
        data: { kind: 'slowly_changing_regression', flippingBits: 4, randomBits: 3, flipEvery: 50, targetHidden: 5, flip: 'one', bias: 'input', threshold: 'exact', train: 200, test: 50 },
        loss: 'squared_error',
        optimizer: { kind: 'sgd', lr: 0.01 },
        batch: 1,
        stream: [phase('p', 200, 'examples')],
        measure: [measure('online.loss', { kind: 'every', n: 50, unit: 'steps' })],
      }),
      { backend },
    );
    expect(reg.status).toBe('complete');
    expect(reg.series['online.loss']!.map((p) => p.step)).toEqual([50, 100, 150, 200]);
    expect(reg.series['online.loss']!.every((p) => typeof p.value === 'number' && p.value >= 0)).toBe(true);
  });
});
