#!/usr/bin/env node
/**
 * `pnpm plas …` and `pnpm bench …` in the workspace: bring the compiled packages up to date (turbo's cache makes
 * this a second or so when nothing changed), then run the compiled entry point with the remaining arguments. The
 * workspace thus runs exactly the JavaScript that is published, with no TypeScript loader.
 *
 *   node scripts/run-built.mjs <packages/…/dist/entry.js> [args…]
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-built.mjs <entry.js> [args…]\n');
  process.exit(2);
}

const build = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', '--log-order=grouped'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
});
if (build.error || build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
  process.stderr.write(`plas: building the packages failed (${build.error?.message ?? `exit ${build.status}`}); fix the errors above, or run 'pnpm build' to see them again\n`);
  process.exit(1);
}

// The entry reads process.argv itself: present it as `node <entry> args…`, as an installed bin would be run.
process.argv = [process.argv[0], join(root, entry), ...args];
await import(pathToFileURL(join(root, entry)).href);
