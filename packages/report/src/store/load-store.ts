/**
 * A read-only reader of the run store (layout in @plas/engine's record.ts):
 *   <store>/experiments/<experimentHash>.json   ExperimentRecord
 *   <store>/cells/<cellHash>.json               CellRecord
 *
 * Both kinds of record are read through the engine's checked readers (@plas/engine/store: readExperimentFile,
 * readCellFile), so the store format is read by one module. Tolerant by design: a cell that has not run (no file)
 * or whose record is rejected is listed as missing with the reason, never fatal, so a report can be written for a
 * partial run. Only a store without an experiments folder is an error.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { experimentFileNames, readCellFile, readExperimentFile, type CellRecord, type ExperimentRecord } from '@plas/engine/store';

export interface MissingCell {
  hash: string;
  /** 'not run' (no file) or why the file was rejected. */
  reason: string;
}

export interface LoadedExperiment {
  record: ExperimentRecord;
  /** The cells found, in the order of `record.cells`. */
  cells: CellRecord[];
  missing: MissingCell[];
}

export interface LoadedStore {
  root: string;
  /** Sorted by name, then hash. */
  experiments: LoadedExperiment[];
  /** Experiment files that could not be read (skipped). */
  problems: string[];
}

export class StoreError extends Error {
  override name = 'StoreError';
}

/**
 * The experiment's cells through the engine's one checked reader (shape, checksum, metric domains): a record that
 * fails is listed as missing with the reason, never averaged into a report.
 */
export function loadExperimentCells(root: string, record: ExperimentRecord): LoadedExperiment {
  const cells: CellRecord[] = [];
  const missing: MissingCell[] = [];
  for (const hash of record.cells) {
    const file = readCellFile(root, hash);
    if (file.state === 'ok') cells.push(file.record);
    else missing.push({ hash, reason: file.state === 'missing' ? 'not run' : `rejected: ${file.reason}` });
  }
  return { record, cells, missing };
}

/** One experiment by its hash, with its cells; null when the store has no readable record of it. */
export function loadExperiment(root: string, experimentHash: string): LoadedExperiment | null {
  const file = readExperimentFile(root, `${experimentHash}.json`);
  return file.state === 'ok' ? loadExperimentCells(root, file.record) : null;
}

/** Read every experiment of the store with its cells. Throws StoreError (a clear message) for a missing store. */
export function loadStore(root: string): LoadedStore {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new StoreError(`no run store at '${root}'`);
  if (!existsSync(join(root, 'experiments'))) throw new StoreError(`'${root}' is not a run store: it has no experiments/ folder (run an experiment first)`);
  const problems: string[] = [];
  const experiments: LoadedExperiment[] = [];
  for (const name of experimentFileNames(root)) {
    const file = readExperimentFile(root, name);
    if (file.state !== 'ok') {
      problems.push(`experiments/${name}: ${file.state === 'missing' ? 'vanished while reading' : file.reason}`);
      continue;
    }
    experiments.push(loadExperimentCells(root, file.record));
  }
  experiments.sort((a, b) => compareStrings(a.record.ir.name, b.record.ir.name) || compareStrings(a.record.ir.hash, b.record.ir.hash));
  return { root, experiments, problems };
}

/** Locale-independent string order (reports must not depend on the machine's locale). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
