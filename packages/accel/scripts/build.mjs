/**
 * Install-time build of the native addon: one C file compiled against Node's own N-API headers (shipped with Node
 * under <prefix>/include/node, so nothing is downloaded, unlike node-gyp's header fetch) and linked with the
 * system OpenBLAS. Where there is no compiler, no headers or no OpenBLAS the build is skipped with one line and
 * the install succeeds: the addon is optional and Plas runs without it.
 *
 *   node scripts/build.mjs           build (or skip) — the package's install script
 *   node scripts/build.mjs --strict  fail with the compiler's message instead of skipping (for development)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'plas_accel.node');
const strict = process.argv.includes('--strict');

function skip(reason) {
  rmSync(out, { force: true });
  if (strict) {
    console.error(`@plas/accel: build failed: ${reason}`);
    process.exit(1);
  }
  console.log(`@plas/accel: native accelerator not built (${reason}); Plas runs without it`);
  process.exit(0);
}

if (process.env['PLAS_ACCEL_SKIP_BUILD']) skip('PLAS_ACCEL_SKIP_BUILD is set');
const includeCandidates = [join(dirname(process.execPath), '..', 'include', 'node'), process.env['PLAS_NODE_INCLUDE'] ?? ''];
const include = includeCandidates.find((d) => d !== '' && existsSync(join(d, 'node_api.h')));
if (!include) skip(`Node's N-API headers were not found next to ${process.execPath}`);
const cc = process.env['CC'] ?? 'cc';
mkdirSync(dirname(out), { recursive: true });
// Written beside the addon, then renamed over it: a process that has the old one loaded (a run in progress) keeps
// its mapped copy instead of crashing on a file rewritten under it.
const temporary = `${out}.${process.pid}.tmp`;
// -ffp-contract=off: no fused multiply-adds, so the optimiser update rounds exactly as tfjs's kernels do
const args = ['-O3', '-std=c11', '-ffp-contract=off', '-fno-fast-math', '-fno-math-errno', '-fPIC', '-shared', '-Wall', `-I${include}`, join(root, 'src', 'accel.c'), '-o', temporary, '-lopenblas', '-lm'];
const run = spawnSync(cc, args, { encoding: 'utf8' });
if (run.error) skip(`no C compiler (${cc}): ${run.error.message}`);
if (run.status !== 0) {
  rmSync(temporary, { force: true });
  const first = (run.stderr || '').split('\n').find((l) => /error/i.test(l)) ?? `exit ${run.status}`;
  skip(`${cc} failed: ${first.trim()}${strict ? `\n${run.stderr}` : ''}`);
}
renameSync(temporary, out);
console.log('@plas/accel: built build/plas_accel.node (OpenBLAS)');
