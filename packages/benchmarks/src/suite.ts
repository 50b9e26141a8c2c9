/** The suite files: packages/benchmarks/suite/NN-name.plas, in file-name order, filtered by `--only`. */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SUITE_DIR = fileURLToPath(new URL('../suite/', import.meta.url));

/** Every `.plas` file of the suite folder, sorted by name. */
export function suiteFiles(dir: string = SUITE_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.plas'))
    .sort()
    .map((name) => join(dir, name));
}

/** The benchmark's short name: the file name without folder and extension, e.g. `01-warm-start-mlp-adam`. */
export function benchmarkName(file: string): string {
  return basename(file, '.plas');
}

/**
 * Files whose name contains any of `only` (case-insensitive); all files when `only` is empty. A needle of digits
 * only is a benchmark number and matches the `NN-` prefix (`--only 1` and `--only 01` select the 01 files, not
 * 04-lr-x10).
 */
export function selectFiles(files: readonly string[], only: readonly string[]): string[] {
  if (only.length === 0) return [...files];
  const matches = (name: string, needle: string) =>
    /^\d+$/.test(needle) ? Number(name.split('-')[0]) === Number(needle) : name.toLowerCase().includes(needle.toLowerCase());
  return files.filter((file) => only.some((n) => matches(benchmarkName(file), n)));
}
