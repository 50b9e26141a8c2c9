/** The compute time a benchmark has cost so far: the recorded wall times of its cells in the run store. */
import type { ExperimentIR } from '@plas/dsl';
import { EXPERIMENT_RECORD_SCHEMA, RunStore } from '@plas/engine';
import { expandCells } from '@plas/dsl';

/**
 * What the store holds of an experiment's cells, read in one pass over their records: the sum of their recorded wall
 * times (cells not in the store count 0), and the backends they ran on, each with its OpenBLAS kernel where the
 * accelerator did the products (e.g. `wasm+openblas (OpenBLAS core Cooperlake)`; bits differ between kernels,
 * docs/benchmarks.md, so a figure or verdict names them; sorted, empty when no cell is stored).
 */
export function recordedCells(store: string, experimentHash: string): { cellMs: number; backends: string[] } {
  const runs = new RunStore(store);
  const record = runs.readExperiment(experimentHash);
  if (record === null) return { cellMs: 0, backends: [] };
  let cellMs = 0;
  const seen = new Set<string>();
  for (const hash of record.cells) {
    const cell = runs.readCell(hash);
    if (cell === null) continue;
    cellMs += cell.timing.wallMs;
    const core = /core ([^;\s]+)/.exec(cell.versions['openblas (@plas/accel)'] ?? '')?.[1];
    seen.add(core === undefined ? cell.backend : `${cell.backend} (OpenBLAS core ${core})`);
  }
  return { cellMs, backends: [...seen].sort() };
}

/** Sum of the recorded wall times of an experiment's cells (cells not in the store count 0). */
export function recordedCellMs(store: string, experimentHash: string): number {
  return recordedCells(store, experimentHash).cellMs;
}

/**
 * `--no-run`: make sure the store holds the experiment's record (so that its report can be written, listing the
 * cells that have not run), and count what is there, without training anything.
 */
export function recordOnly(ir: ExperimentIR, file: string, store: string): { total: number; failed: number; ran: 0; peakWorkerRssMiB: null; workerCpuMs: 0 } {
  const runs = new RunStore(store);
  const cells = expandCells(ir);
  if (runs.readExperiment(ir.hash) === null) {
    runs.writeExperiment({
      schema: EXPERIMENT_RECORD_SCHEMA,
      ir,
      file,
      cells: cells.map((c) => c.hash),
      updatedAt: new Date().toISOString(),
      backend: 'none',
    });
  }
  const failed = cells.filter((c) => runs.readCell(c.hash)?.status === 'failed').length;
  return { total: cells.length, failed, ran: 0, peakWorkerRssMiB: null, workerCpuMs: 0 }; // no worker ran
}
