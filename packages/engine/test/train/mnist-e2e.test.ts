import { beforeAll, describe, expect, it } from 'vitest';
import type { CellSpec } from '@plas/dsl';
import { selectBackend } from '../../src/backend/select.ts';
import { runCell } from '../../src/train/index.ts';
import { gaussianCell, intervention, measure, phase } from './fixtures.ts';

let backend = '';
beforeAll(async () => {
  backend = await selectBackend('wasm');
});

const mnist = (over: Partial<CellSpec>): CellSpec =>
  gaussianCell({
    data: { kind: 'mnist', train: 500, test: 500 },
    model: { kind: 'mlp', hidden: [32], activation: 'relu', layerNorm: false, init: 'he_uniform' },
    optimizer: { kind: 'adam', lr: 3e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    batch: 32,
    ...over,
  });

describe('end to end on real MNIST', () => {
  it('a two-phase warm-start cell learns well above chance', async () => {
    const rec = await runCell(
      mnist({
        stream: [phase('warm', 3, 'epochs', [{ kind: 'subset', fraction: 0.5 }]), phase('full', 4, 'epochs')],
        interventions: [intervention('reset_optimizer', {}, { kind: 'at', phase: 'full' })],
        measure: [
          measure('test.accuracy', { kind: 'every', n: 1, unit: 'epochs' }),
          measure('train.accuracy', { kind: 'phase_end' }),
        ],
      }),
      { backend },
    );
    expect(rec.status).toBe('complete');
    expect(rec.timing.steps).toBe(3 * 8 + 4 * 16); // 250 then 500 examples, batch 32
    const test = rec.series['test.accuracy']!;
    expect(test[0]!.value as number).toBeLessThan(0.3); // chance is 0.1
    const final = test[test.length - 1]!;
    expect(final.phase).toBe('full');
    expect(final.value as number).toBeGreaterThan(0.7);
    const train = rec.series['train.accuracy']!;
    expect(train.map((p) => p.phase)).toEqual(['warm', 'full']);
    expect(train[1]!.value as number).toBeGreaterThan(0.85);
  });

  it("trains Kumar et al.'s small CNN on wasm (conv weight gradients by the registered kernel)", async () => {
    const rec = await runCell(
      mnist({
        data: { kind: 'mnist', train: 256, test: 100 },
        model: {
          kind: 'cnn',
          conv: [
            { filters: 16, kernel: 5, pool: 2 },
            { filters: 16, kernel: 5, pool: 2 },
          ],
          hidden: [100, 100],
          activation: 'relu',
          layerNorm: false,
          init: 'torch_default',
        },
        stream: [phase('p', 2, 'epochs')],
        measure: [measure('online.loss', { kind: 'every', n: 4, unit: 'steps' })],
      }),
      { backend },
    );
    expect(rec.status).toBe('complete');
    const losses = rec.series['online.loss']!.map((p) => p.value as number);
    expect(losses.length).toBe(4);
    expect(losses[3]!).toBeLessThan(losses[0]!);
  });
});
