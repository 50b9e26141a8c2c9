/**
 * Checks, before any cell trains, that the folders a command will write (the run store, the reports) can be
 * written: a run that trains for an hour and then fails to write its report has wasted the hour.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeStorageError } from '@plas/engine/storage-error';

/** null when `dir` exists (or was created) and takes a file; otherwise the message to show. */
export function writableFolderProblem(dir: string, what: string, option: string): string | null {
  if (dir.trim() === '') return `${option} is empty: name a folder for the ${what}`;
  const probe = join(dir, `.plas-write-check-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
    return null;
  } catch (error) {
    return `${describeStorageError(realCause(error, dir), `write the ${what}`, dir)} (${option})`;
  }
}

/**
 * Node's recursive mkdir reports ENOENT where the real cause is further up (a read-only mount gives EROFS only to
 * a plain mkdir): retry the first missing folder on its own to learn the cause.
 */
function realCause(error: unknown, dir: string): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return error;
  let missing = resolve(dir);
  while (!existsSync(dirname(missing)) && dirname(missing) !== missing) missing = dirname(missing);
  try {
    mkdirSync(missing);
    rmSync(missing, { recursive: true, force: true });
    return error;
  } catch (cause) {
    return cause;
  }
}
