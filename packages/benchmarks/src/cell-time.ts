/** The compute time a benchmark has cost so far: the recorded wall times of its cells in the run store. */
import { RunStore } from '@plas/engine';

/** Sum of the recorded wall times of an experiment's cells (cells not in the store count 0). */
export function recordedCellMs(store: string, experimentHash: string): number {
  const runs = new RunStore(store);
  const record = runs.readExperiment(experimentHash);
  if (record === null) return 0;
  return record.cells.reduce((sum, hash) => sum + (runs.readCell(hash)?.timing.wallMs ?? 0), 0);
}
