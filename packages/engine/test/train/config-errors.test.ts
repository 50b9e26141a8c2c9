import { beforeAll, describe, expect, it } from 'vitest';
import type { CellSpec } from '@plas/dsl';
import { selectBackend } from '../../src/backend/select.ts';
import { CellConfigError, runCell } from '../../src/train/index.ts';
import { gaussianCell, intervention, measure, phase } from './fixtures.ts';

let backend = '';
beforeAll(async () => {
  backend = await selectBackend('wasm');
});

async function configError(cell: CellSpec): Promise<CellConfigError> {
  const steps: number[] = [];
  const err = await runCell(cell, { backend, onProgress: (p) => steps.push(p.step) }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CellConfigError);
  expect(steps.filter((s) => s > 0)).toEqual([]); // failed before training
  return err as CellConfigError;
}

describe('configuration errors come before training, pointing into the .plas file', () => {
  it('an unknown intervention', async () => {
    const e = await configError(gaussianCell({ interventions: [intervention('shrink_perturbb', {}, { kind: 'every_step' })] }));
    expect(e.message).toMatch(/^test\.plas:30:5: unknown intervention 'shrink_perturbb' \(known: .*shrink_perturb/);
  });

  it('a layer selector out of range', async () => {
    const e = await configError(
      gaussianCell({ interventions: [intervention('reset', { layers: { kind: 'range', from: 5, to: null } }, { kind: 'at', phase: 'train' }, 31)] }),
    );
    expect(e.message).toMatch(/^test\.plas:31:5: .*index 5 is out of range/);
  });

  it('bad intervention parameters and a penalty with a one-off trigger', async () => {
    const bad = await configError(gaussianCell({ interventions: [intervention('l2', { strength: -1 }, { kind: 'every_step' }, 32)] }));
    expect(bad.message).toMatch(/^test\.plas:32:5: /);
    const once = await configError(gaussianCell({ interventions: [intervention('l2', { strength: 0.1 }, { kind: 'at', phase: 'train' }, 33)] }));
    expect(once.message).toBe('test.plas:33:5: `l2` is a loss penalty: it applies `every step:`');
    expect(once.diagnostic).toMatchObject({ file: 'test.plas', line: 33, column: 5, code: 'penalty-trigger' });
  });

  it('a trigger naming no phase', async () => {
    const e = await configError(gaussianCell({ interventions: [intervention('reset_optimizer', {}, { kind: 'at', phase: 'phase9' }, 34)] }));
    expect(e.message).toBe('test.plas:34:5: the stream has no phase or repeat `phase9`');
    expect(e.diagnostic.code).toBe('unknown-phase');
  });

  it('an unknown metric, and one that does not fit the data', async () => {
    const e = await configError(gaussianCell({ measure: [measure('test.acuracy', { kind: 'phase_end' })] }));
    expect(e.message).toMatch(/^test\.plas:20:1: unknown metric 'test\.acuracy' \(known: online\.accuracy, online\.loss, .*test\.accuracy/);
  });

  it('a data selector the data cannot satisfy', async () => {
    const e = await configError(gaussianCell({ stream: [phase('p1', 1, 'epochs', [{ kind: 'subset', fraction: 1.5 }])] }));
    expect(e.message).toMatch(/^test\.plas:10:1: phase 'p1': /);
    const classes = await configError(gaussianCell({ stream: [phase('p1', 1, 'epochs', [{ kind: 'classes', classes: [7] }])] }));
    expect(classes.message).toMatch(/^test\.plas:10:1: phase 'p1': /);
  });

  it('a model that does not fit the data, and a loss that does not fit it', async () => {
    const cnn = await configError(
      gaussianCell({ model: { kind: 'cnn', conv: [{ filters: 2, kernel: 3, pool: 1 }], hidden: [], activation: 'relu', layerNorm: false, init: 'he_uniform' } }),
    );
    expect(cnn.message).toMatch(/^model: a cnn needs image inputs/);
    const loss = await configError(
      gaussianCell({ data: { kind: 'slowly_changing_regression', flippingBits: 3, randomBits: 2, flipEvery: 10, targetHidden: 4, flip: 'one', bias: 'input', threshold: 'exact', train: 50, test: 10 } }),
    );
    expect(loss.message).toMatch(/cross_entropy needs class labels/);
  });

  it('a non-positive duration', async () => {
    const e = await configError(gaussianCell({ stream: [phase('p1', 0, 'steps')] }));
    expect(e.message).toMatch(/^test\.plas:10:1: phase 'p1': duration must be positive/);
  });
});
