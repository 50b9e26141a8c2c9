/**
 * Reads a user-supplied data file (IDX, CIFAR-10 binary): regular files only, bounded in size. A link to
 * /dev/zero would never end and a FIFO with no writer blocks forever, so both are refused from `stat`, before
 * the file is opened.
 */
import { readFileSync, statSync } from 'node:fs';
import { DataError } from './types.ts';

/** 2 GiB: above any standard image data set's file (MNIST's largest is 47 MB, CIFAR-10's 31 MB). */
export const MAX_DATA_FILE_BYTES = 2 ** 31 - 1;

export function readDataFile(file: string, maxBytes: number = MAX_DATA_FILE_BYTES): Buffer {
  let size: number;
  try {
    const stat = statSync(file); // follows links: a link to a device is judged by the device
    if (!stat.isFile()) throw new DataError(`${file}: not a regular file (a folder, FIFO, socket or device); name the data file itself`);
    size = stat.size;
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (size > maxBytes) throw new DataError(`${file}: ${(size / 2 ** 30).toFixed(1)} GiB is over the ${(maxBytes / 2 ** 30).toFixed(0)} GiB limit for one data file`);
  try {
    return readFileSync(file);
  } catch (e) {
    throw new DataError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
