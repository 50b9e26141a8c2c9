/**
 * runExperiment's `drained` event (`pnpm bench` starts its next file on it): sent once, when every pending cell has
 * gone to a worker and a worker leaves for want of work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileSource } from '@plas/dsl';
import { afterAll, describe, expect, it } from 'vitest';
import { runExperiment, type RunEvent } from '@plas/engine';

const text = `experiment drained {
  data gaussian_mixture(classes: 3, dim: 6, separation: 3, train: 120, test: 60)
  model mlp(hidden: [8])
  optimizer adam(lr: 1e-2)
  batch 16
  seeds 3
  stream {
    phase a: train on all for 3 epochs
  }
  baseline plain
  measure every 1 epoch: test.accuracy
}
`;

const stores: string[] = [];
afterAll(() => {
  for (const s of stores) rmSync(s, { recursive: true, force: true });
});

function run(workers: number): Promise<RunEvent['type'][]> {
  const ir = compileSource(text, 'drained.plas').ir!;
  const store = mkdtempSync(join(tmpdir(), 'plas-drained-'));
  stores.push(store);
  const types: RunEvent['type'][] = [];
  return runExperiment(ir, { file: 'drained.plas', store, workers, backend: 'wasm', onEvent: (e) => types.push(e.type) }).then((result) => {
    expect(result.completed).toBe(3);
    return types;
  });
}

describe('the drained event', () => {
  // When it comes relative to the cells' ends depends on how fast each worker starts (a late worker may find every
  // cell taken and finished); that it comes once, and only after every cell has gone to a worker, does not.
  it('comes once, after every cell has gone to a worker, with two workers and three cells', async () => {
    const types = await run(2);
    expect(types.filter((t) => t === 'drained')).toHaveLength(1);
    expect(types.filter((t) => t === 'cell-start')).toHaveLength(3);
    expect(types.indexOf('drained')).toBeGreaterThan(types.lastIndexOf('cell-start'));
  }, 120_000);

  it('comes after the last cell with one worker, and not at all when everything is cached', async () => {
    const types = await run(1);
    expect(types.filter((t) => t === 'drained')).toHaveLength(1);
    expect(types.indexOf('drained')).toBeGreaterThan(types.lastIndexOf('cell-end'));
    const ir = compileSource(text, 'drained.plas').ir!;
    const cached: RunEvent['type'][] = [];
    await runExperiment(ir, { file: 'drained.plas', store: stores.at(-1)!, workers: 1, backend: 'wasm', onEvent: (e) => cached.push(e.type) });
    expect(cached).not.toContain('drained');
  }, 120_000);
});
