/**
 * The run store: content-addressed records of finished cells, and one record per experiment.
 *
 *   <root>/cells/<cellHash>.json              a CellRecord, written once the cell has ended (complete or diverged)
 *   <root>/experiments/<experimentHash>.json  an ExperimentRecord: the IR and every cell hash it expands to
 *   <root>/claims/<cellHash>.json             a lease on a cell being trained (claims.ts)
 *
 * Every cell record is read through `readCellFile`, which checks its shape, checksum and metric domains
 * (record-check.ts): a record that fails is 'invalid', named with the reason, and treated as not done.
 *
 * Writes are atomic (temporary file, fsync, rename), so a process killed at any instant leaves either the old
 * file or the new one, never a torn one; a finished cell is never lost by a later crash.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { CellRecord, ExperimentRecord } from '../record.ts';
import { checkCellRecord, withChecksum } from './record-check.ts';
import { experimentFileNames, readExperimentFile } from './experiment-file.ts';

/** A cell's state in the store: no file, a file that cannot be trusted (and why), or a checked record. */
export type CellFile =
  | { state: 'missing' }
  | { state: 'invalid'; reason: string }
  | { state: 'ok'; record: CellRecord };

/** Read and check `<root>/cells/<hash>.json`: the one reader of cell records (runner, status and report). */
export function readCellFile(root: string, hash: string): CellFile {
  let text: string;
  try {
    text = readFileSync(join(root, 'cells', `${hash}.json`), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'missing' };
    return { state: 'invalid', reason: `cannot be read (${code ?? String(error)})` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { state: 'invalid', reason: 'not valid JSON (truncated or edited)' };
  }
  const checked = checkCellRecord(value, hash);
  return checked.ok ? { state: 'ok', record: checked.record } : { state: 'invalid', reason: checked.reason };
}

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

  /** The record of a cell, or null when it has not finished or its record fails the checks (then it is rerun). */
  readCell(hash: string): CellRecord | null {
    const file = readCellFile(this.root, hash);
    return file.state === 'ok' ? file.record : null;
  }

  /** A cell counts as done when it completed or diverged; a failed cell (an error) is retried by the next run. */
  isDone(hash: string): boolean {
    const record = this.readCell(hash);
    return record !== null && record.status !== 'failed';
  }

  writeCell(record: CellRecord): void {
    writeAtomic(this.cellPath(record.cell.hash), withChecksum(record));
  }

  readExperiment(hash: string): ExperimentRecord | null {
    const file = readExperimentFile(this.root, `${hash}.json`);
    return file.state === 'ok' ? file.record : null;
  }

  writeExperiment(record: ExperimentRecord): void {
    writeAtomic(join(this.dir('experiments'), `${record.ir.hash}.json`), record);
  }

  listExperiments(): ExperimentRecord[] {
    this.dir('experiments');
    return experimentFileNames(this.root).flatMap((name) => {
      const file = readExperimentFile(this.root, name);
      return file.state === 'ok' ? [file.record] : [];
    });
  }
}


/** Write JSON so that readers see the old file or the whole new one, even across SIGKILL or power loss. */
export function writeAtomic(path: string, value: unknown): void {
  // Unique across processes and machines sharing the store (pids repeat across hosts).
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
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
