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
import type { CellRecord, ExperimentRecord } from '@plas/engine';

// Typed against record.ts, so a schema bump there fails the typecheck here.
const CELL_SCHEMA: CellRecord['schema'] = 'plas.cell/1';
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

function checkCell(value: unknown, hash: string): string | null {
  if (!isObject(value)) return 'not a JSON object';
  if (value['schema'] !== CELL_SCHEMA) return `unknown schema ${JSON.stringify(value['schema'])}`;
  if (!isObject(value['cell']) || value['cell']['hash'] !== hash) return 'cell hash does not match its file name';
  if (!isObject(value['series'])) return 'no series';
  if (!isObject(value['timing'])) return 'no timing';
  return null;
}

export function loadExperimentCells(root: string, record: ExperimentRecord): LoadedExperiment {
  const cells: CellRecord[] = [];
  const missing: MissingCell[] = [];
  for (const hash of record.cells) {
    const parsed = readJson(join(root, 'cells', `${hash}.json`));
    if (!parsed.ok) {
      missing.push({ hash, reason: parsed.reason });
      continue;
    }
    const problem = checkCell(parsed.value, hash);
    if (problem !== null) missing.push({ hash, reason: problem });
    else cells.push(parsed.value as CellRecord);
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
