/**
 * What `pnpm bench` reads back from the store besides verdicts: the cells' time and which backend (and OpenBLAS
 * kernel) the records were computed on, from cells really trained here, and the line that names them (a warning
 * when they are mixed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileSource, expandCells } from '@plas/dsl';
import { EXPERIMENT_RECORD_SCHEMA, RunStore, runCell, selectBackend } from '@plas/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { recordedCellMs, recordedCells } from '../src/cell-time.ts';
import { backendNote } from '../src/run-bench.ts';

const SOURCE = `
experiment tiny {
  data slowly_changing_regression(train: 300, test: 50, flip_every: 100)
  model mlp(hidden: [5], activation: relu, init: he_uniform)
  optimizer sgd(lr: 0.01)
  loss squared_error
  batch 1
  seeds 2
  stream {
    phase online: train on all for 1 epochs
  }
  baseline backprop
  measure every 100 steps: online.loss
  compare online.loss: mean over last 2 evals, better: lower
}
`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('recordedCells', () => {
  it("names the backend of the stored cells, with the accelerator's OpenBLAS kernel, and sums their wall times", async () => {
    const store = mkdtempSync(join(tmpdir(), 'plas-bench-backends-'));
    dirs.push(store);
    const { ir } = compileSource(SOURCE, 'tiny.plas');
    const runs = new RunStore(store);
    const cells = expandCells(ir!);
    expect(recordedCells(store, ir!.hash)).toEqual({ cellMs: 0, backends: [] });
    runs.writeExperiment({ schema: EXPERIMENT_RECORD_SCHEMA, ir: ir!, file: 'tiny.plas', cells: cells.map((c) => c.hash), updatedAt: new Date().toISOString(), backend: 'wasm' });
    const backend = await selectBackend('wasm');
    for (const cell of cells) runs.writeCell(await runCell(cell, { backend }));
    const { cellMs, backends: names } = recordedCells(store, ir!.hash);
    expect(names).toHaveLength(1);
    expect(cellMs).toBe(cells.reduce((sum, c) => sum + runs.readCell(c.hash)!.timing.wallMs, 0));
    expect(recordedCellMs(store, ir!.hash)).toBe(cellMs);
    const stored = runs.readCell(cells[0]!.hash)!;
    if (stored.backend === 'wasm+openblas') expect(names[0]).toMatch(/^wasm\+openblas \(OpenBLAS core \w+\)$/);
    else expect(names[0]).toBe(stored.backend);
  });
});

describe('backendNote', () => {
  it('names one backend, warns about several, and says nothing without records', () => {
    expect(backendNote([])).toBe('');
    expect(backendNote(['wasm+openblas (OpenBLAS core Cooperlake)'])).toBe('records computed on wasm+openblas (OpenBLAS core Cooperlake)');
    expect(backendNote(['wasm', 'wasm+openblas (OpenBLAS core Haswell)'])).toMatch(/^records computed on 2 backends: wasm; wasm\+openblas \(OpenBLAS core Haswell\) \(their last bits differ/);
  });
});
