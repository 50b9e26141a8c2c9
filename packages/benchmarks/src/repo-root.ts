/**
 * Where the benchmark writes: the repository root (the folder holding pnpm-workspace.yaml), so that `pnpm bench`
 * — which pnpm runs with the package folder as cwd — still puts the store at `<root>/.plas` and the reports at
 * `<root>/reports/`, next to what `pnpm plas run` writes.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest folder at or above `start` that holds pnpm-workspace.yaml, or null. */
export function findWorkspaceRoot(start: string): string | null {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The repository root: found from INIT_CWD (the folder pnpm was started in) when pnpm set it, else from the
 * current folder, else from this file's own location.
 */
export function repoRoot(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  for (const start of [env.INIT_CWD, cwd, new URL('.', import.meta.url).pathname]) {
    if (start === undefined || start === '') continue;
    const root = findWorkspaceRoot(start);
    if (root !== null) return root;
  }
  return resolve(cwd);
}
