/**
 * The two batch scripts `plas submit --slurm` writes: a job array with one task per shard (each runs
 * `plas run --shard K/N` against the shared store), and a report job that runs after the array (afterany).
 *
 * Both call this very Node binary and this very Plas installation by absolute path, and refuse to start when
 * `plas --version` differs from the one the job was submitted with: every shard, and the report, run the same Plas.
 * Shards are numbered from 1 (`--array=1-N`), like `--shard` itself (and Jest's, Playwright's, Vitest's).
 */

export interface SlurmJob {
  /** Experiment name, hash and profile, for the job name and comments. */
  name: string;
  hash: string;
  quick: boolean;
  /** Absolute paths. */
  file: string;
  store: string;
  out: string;
  cwd: string;
  logs: string;
  node: string;
  plas: string;
  /** `plas --version` of this installation. */
  version: string;
  shards: number;
  cpusPerTask: number;
  partition?: string;
  time?: string;
  mem?: string;
  /** Passed through as further `#SBATCH` lines, e.g. `--account=lab`. */
  extra: string[];
  backend: string;
  force: boolean;
  maxCells?: string;
}

/** A word for bash, single-quoted. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** sbatch reads `#SBATCH` lines itself: a value with spaces needs double quotes there. */
function directive(option: string, value?: string): string {
  if (value === undefined) return `#SBATCH ${option}`;
  return `#SBATCH ${option}=${/\s/.test(value) ? `"${value}"` : value}`;
}

/** The lines every script starts with after its directives: strict bash, and the same Plas or nothing. */
function preamble(job: SlurmJob): string[] {
  return [
    'set -euo pipefail',
    `node=${shellQuote(job.node)}`,
    `plas=${shellQuote(job.plas)}`,
    `expected=${shellQuote(job.version)}`,
    'found="$("$node" "$plas" --version 2>&1 || true)"',
    'if [ "$found" != "$expected" ]; then',
    `  echo "plas submit: this node runs '$found', not '$expected' that the job was submitted with: put one Plas installation on the shared filesystem, or submit again" >&2`,
    '  exit 1',
    'fi',
  ];
}

function common(job: SlurmJob): string[] {
  return [
    directive('--chdir', job.cwd),
    ...(job.partition ? [directive('--partition', job.partition)] : []),
    ...job.extra.map((arg) => `#SBATCH ${arg}`),
  ];
}

/** The job array: task K runs shard K of N. */
export function arrayScript(job: SlurmJob): string {
  const run = [
    '"$node" "$plas" run',
    shellQuote(job.file),
    ...(job.quick ? ['--quick'] : []),
    '--store',
    shellQuote(job.store),
    '--shard',
    `"$SLURM_ARRAY_TASK_ID/${job.shards}"`,
    '--workers',
    '"${SLURM_CPUS_PER_TASK:-1}"',
    '--backend',
    shellQuote(job.backend),
    '--expect-hash',
    job.hash.slice(0, 16),
    ...(job.force ? ['--force'] : []),
    ...(job.maxCells ? ['--max-cells', shellQuote(job.maxCells)] : []),
  ];
  return [
    '#!/bin/bash',
    `# plas submit: ${job.name} (${job.quick ? 'quick' : 'default'} profile, ${job.hash.slice(0, 12)}) from ${job.file}`,
    `# One array task per shard: task K runs the cells of shard K of ${job.shards} (split by estimated cost, the same`,
    '# split in every task) and claims each cell in the shared store first, so a requeued task never trains a',
    '# cell twice. Submit it with: sbatch THIS_FILE; then the report job with --dependency=afterany:<job id>.',
    directive('--job-name', `plas-${job.name}`),
    directive('--array', `1-${job.shards}`),
    directive('--cpus-per-task', String(job.cpusPerTask)),
    directive('--output', `${job.logs}/shard-%a-%A.out`),
    ...(job.time ? [directive('--time', job.time)] : []),
    ...(job.mem ? [directive('--mem', job.mem)] : []),
    ...common(job),
    ...preamble(job),
    `exec ${run.join(' ')}`,
    '',
  ].join('\n');
}

/** The report job: writes the experiment's report from whatever the array left in the store. */
export function reportScript(job: SlurmJob): string {
  return [
    '#!/bin/bash',
    `# plas submit: the report of ${job.name} (${job.hash.slice(0, 12)}), once its job array has ended (afterany).`,
    '# Missing or failed cells are flagged in the report; `plas run` on the same file completes them.',
    directive('--job-name', `plas-report-${job.name}`),
    directive('--cpus-per-task', '1'),
    directive('--output', `${job.logs}/report-%j.out`),
    ...common(job),
    ...preamble(job),
    `exec "$node" "$plas" report --store ${shellQuote(job.store)} --out ${shellQuote(job.out)} --experiment ${job.hash.slice(0, 16)}`,
    '',
  ].join('\n');
}
