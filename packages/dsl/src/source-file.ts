/** Reading `.plas` files from disk: regular files only, bounded in size. */
import { readFileSync, statSync } from 'node:fs';
import { MAX_SOURCE_CHARS } from './parse.ts';

/** The largest `.plas` file read, in bytes: beyond the parser's character limit even for 4-byte characters. */
export const MAX_SOURCE_BYTES = 4 * MAX_SOURCE_CHARS;

/** Why a `.plas` file (or an import) was not read: its message is shown in the diagnostic. */
export class SourceFileError extends Error {}

/**
 * Reads a file as UTF-8; invalid bytes become U+FFFD, which the input guard reports as `bad-encoding`. Only regular
 * files are opened: a FIFO would block forever and a device such as /dev/zero never ends, so both are refused
 * from `stat` before any read, as is a file over MAX_SOURCE_BYTES. Missing files give null.
 */
export function readSourceFile(path: string): string | null {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new SourceFileError('it is a folder, not a file');
    if (!stat.isFile()) throw new SourceFileError('it is not a regular file (a FIFO, socket or device); name a .plas file');
    size = stat.size;
  } catch (error) {
    if (error instanceof SourceFileError) throw error;
    return null;
  }
  if (size > MAX_SOURCE_BYTES) throw new SourceFileError(`it has ${(size / 1e6).toFixed(1)} MB; the limit is ${MAX_SOURCE_BYTES / 1e6} MB`);
  try {
    return new TextDecoder('utf-8', { fatal: false }).decode(readFileSync(path));
  } catch {
    return null;
  }
}
