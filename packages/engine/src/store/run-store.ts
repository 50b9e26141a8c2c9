/**
 * The run store: content-addressed records of finished cells, and one record per experiment.
 *
 *   <root>/cells/<cellHash>.json              a CellRecord, written once the cell has ended (complete or diverged)
 *   <root>/experiments/<experimentHash>.json  an ExperimentRecord: the IR and every cell hash it expands to
 *
 * Writes are atomic (temporary file, fsync, rename), so a process killed at any instant leaves either the old
 * file or the new one, never a torn one; a finished cell is never lost by a later crash.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CellRecord, ExperimentRecord } from '../record.ts';
import { CELL_RECORD_SCHEMA, EXPERIMENT_RECORD_SCHEMA } from '../record.ts';

export const DEFAULT_STORE = '.plas';

export class RunStore {
  readonly root: string;

  constructor(root: string = DEFAULT_STORE) {
    this.root = root;
  }

  private dir(kind: 'cells' | 'experiments'): string {
    const dir = join(this.root, kind);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  cellPath(hash: string): string {
    return join(this.dir('cells'), `${hash}.json`);
  }

  /** The record of a cell, or null when it has not finished (or its file is unreadable: then it is rerun). */
  readCell(hash: string): CellRecord | null {
    const record = readJson(this.cellPath(hash));
    return isCellRecord(record) ? record : null;
  }

  /** A cell counts as done when it completed or diverged; a failed cell (an error) is retried by the next run. */
  isDone(hash: string): boolean {
    const record = this.readCell(hash);
    return record !== null && record.status !== 'failed';
  }

  writeCell(record: CellRecord): void {
    writeAtomic(this.cellPath(record.cell.hash), record);
  }

  readExperiment(hash: string): ExperimentRecord | null {
    const record = readJson(join(this.dir('experiments'), `${hash}.json`));
    return isExperimentRecord(record) ? record : null;
  }

  writeExperiment(record: ExperimentRecord): void {
    writeAtomic(join(this.dir('experiments'), `${record.ir.hash}.json`), record);
  }

  listExperiments(): ExperimentRecord[] {
    const dir = this.dir('experiments');
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => readJson(join(dir, name)))
      .filter(isExperimentRecord);
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function isCellRecord(value: unknown): value is CellRecord {
  return typeof value === 'object' && value !== null && (value as { schema?: unknown }).schema === CELL_RECORD_SCHEMA;
}

function isExperimentRecord(value: unknown): value is ExperimentRecord {
  return (
    typeof value === 'object' && value !== null && (value as { schema?: unknown }).schema === EXPERIMENT_RECORD_SCHEMA
  );
}

/** Write JSON so that readers see the old file or the whole new one, even across SIGKILL or power loss. */
export function writeAtomic(path: string, value: unknown): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(value, null, 1)}\n`);
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
