/**
 * A read-only reader of the run store (layout in @plas/engine's record.ts):
 *   <store>/experiments/<experimentHash>.json   ExperimentRecord
 *   <store>/cells/<cellHash>.json               CellRecord
 *
 * Tolerant by design: a cell that has not run (no file) or whose file cannot be read is listed as missing, never
 * fatal, so a report can be written for a partial run. Only a store without an experiments folder is an error.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readCellFile, type CellRecord, type ExperimentRecord } from '@plas/engine/store';

// Typed against record.ts, so a schema bump there fails the typecheck here.
const EXPERIMENT_SCHEMA: ExperimentRecord['schema'] = 'plas.experiment/1';

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

type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

function readJson(path: string): Parsed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { ok: false, reason: 'not run' };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, reason: 'unreadable JSON' };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isExperimentRecord(value: unknown): value is ExperimentRecord {
  return (
    isObject(value) &&
    value['schema'] === EXPERIMENT_SCHEMA &&
    isObject(value['ir']) &&
    typeof (value['ir'] as Record<string, unknown>)['hash'] === 'string' &&
    Array.isArray(value['cells'])
  );
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

/** Read every experiment of the store with its cells. Throws StoreError (a clear message) for a missing store. */
export function loadStore(root: string): LoadedStore {
  const dir = join(root, 'experiments');
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new StoreError(`no run store at '${root}'`);
  if (!existsSync(dir)) throw new StoreError(`'${root}' is not a run store: it has no experiments/ folder (run an experiment first)`);
  const problems: string[] = [];
  const experiments: LoadedExperiment[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const parsed = readJson(join(dir, name));
    if (!parsed.ok || !isExperimentRecord(parsed.value)) {
      problems.push(`experiments/${name}: ${parsed.ok ? 'not an experiment record' : parsed.reason}`);
      continue;
    }
    experiments.push(loadExperimentCells(root, parsed.value));
  }
  experiments.sort((a, b) => compareStrings(a.record.ir.name, b.record.ir.name) || compareStrings(a.record.ir.hash, b.record.ir.hash));
  return { root, experiments, problems };
}

/** Locale-independent string order (reports must not depend on the machine's locale). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
