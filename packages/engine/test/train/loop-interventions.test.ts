import { beforeAll, describe, expect, it } from 'vitest';
import type { StreamItem } from '@plas/dsl';
import { selectBackend } from '../../src/backend/select.ts';
import { runCell } from '../../src/train/index.ts';
import { gaussianCell, intervention, measure, phase, span } from './fixtures.ts';

let backend = '';
beforeAll(async () => {
  backend = await selectBackend('wasm');
});

const values = (series: { value: unknown }[] | undefined): unknown[] => (series ?? []).map((p) => p.value);

describe('interventions in the training loop', () => {
  it("fires 'at' a phase: a vanishing learning rate from phase 2 on freezes the model", async () => {
    const base = gaussianCell({
      stream: [phase('p1', 2, 'epochs'), phase('p2', 2, 'epochs')],
      measure: [measure('test.loss', { kind: 'phase_end' })],
    });
    const frozen = await runCell(
      { ...base, interventions: [intervention('set_optimizer', { lr: 1e-30 }, { kind: 'at', phase: 'p2' })] },
      { backend },
    );
    const [p1, p2] = values(frozen.series['test.loss']);
    expect(p2).toBe(p1);
    const free = await runCell(base, { backend });
    expect(values(free.series['test.loss'])[0]).toBe(p1); // same seed: same phase 1
    expect(values(free.series['test.loss'])[1]).not.toBe(p1);
  });

  it('adds every-step penalties to the gradients: l2 shrinks the weights', async () => {
    const cell = gaussianCell({ measure: [measure('weight_magnitude', { kind: 'phase_end' })] });
    const plain = await runCell(cell, { backend });
    const l2 = await runCell({ ...cell, interventions: [intervention('l2', { strength: 1 }, { kind: 'every_step' })] }, { backend });
    const total = (v: unknown): number => (v as Record<string, number>)['total']!;
    expect(total(values(l2.series['weight_magnitude'])[0])).toBeLessThan(total(values(plain.series['weight_magnitude'])[0]));
  });

  it('hands every-step interventions the batch and its hidden activations (continual backprop)', async () => {
    const rec = await runCell(
      gaussianCell({
        interventions: [intervention('continual_backprop', { rate: 0.05, maturity: 4 }, { kind: 'every_step' })],
        measure: [measure('test.accuracy', { kind: 'phase_end' })],
      }),
      { backend },
    );
    expect(rec.status).toBe('complete');
    expect(rec.error).toBeNull();
  });

  it('runs repeated tasks with task triggers and task cadences', async () => {
    const repeat: StreamItem = {
      kind: 'repeat',
      name: 'tasks',
      count: 3,
      data: [{ kind: 'permute_labels' }],
      duration: { kind: 'fixed', amount: 5, unit: 'steps' },
      span: span(12),
    };
    const rec = await runCell(
      gaussianCell({
        stream: [phase('warm', 5, 'steps'), repeat],
        interventions: [intervention('reset', { layers: { kind: 'head' } }, { kind: 'each_task', phase: 'tasks' })],
        measure: [
          measure('online.accuracy', { kind: 'phase_end' }),
          { ...measure('test.accuracy', { kind: 'every', n: 2, unit: 'tasks' }), key: 'test.accuracy(every 2 tasks)' },
        ],
      }),
      { backend },
    );
    expect(rec.status).toBe('complete');
    expect(rec.timing.steps).toBe(20);
    expect(rec.series['online.accuracy']!.map((p) => [p.phase, p.task, p.step])).toEqual([
      ['warm', 0, 5],
      ['tasks', 0, 10],
      ['tasks', 1, 15],
      ['tasks', 2, 20],
    ]);
    // every 2 tasks of the stream (the 2nd and 4th), plus the end of each phase
    expect(rec.series['test.accuracy(every 2 tasks)']!.map((p) => [p.phase, p.task])).toEqual([
      ['warm', 0],
      ['tasks', 0],
      ['tasks', 2],
    ]);
  });

  it("trains 'until' a metric holds, at most max", async () => {
    const until = (value: number): StreamItem => ({
      kind: 'phase',
      name: 'fit',
      data: [{ kind: 'all' }],
      duration: {
        kind: 'until',
        metric: 'train.accuracy',
        op: '>=',
        value,
        max: { kind: 'fixed', amount: 30, unit: 'epochs' },
        checkEvery: { kind: 'fixed', amount: 1, unit: 'epochs' },
      },
      span: span(11),
    });
    const cell = gaussianCell({
      data: { kind: 'gaussian_mixture', classes: 3, dim: 6, separation: 6, train: 120, test: 60 },
      measure: [measure('train.accuracy', { kind: 'phase_end' })],
    });
    const early = await runCell({ ...cell, stream: [until(0.9)] }, { backend });
    expect(early.timing.steps).toBeLessThan(30 * 8);
    expect(early.timing.steps % 8).toBe(0); // stopped at an epoch check
    expect(values(early.series['train.accuracy'])[0] as number).toBeGreaterThanOrEqual(0.9);
    const capped = await runCell({ ...cell, stream: [until(1.01)] }, { backend });
    expect(capped.timing.steps).toBe(30 * 8);
  });
});
