/** `plas submit <file.plas> --slurm`: run an experiment's cells as a Slurm job array, then its report. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planSummary } from '@plas/dsl';
import { reportDirName } from '@plas/report';
import { HELP_OPTION, parseCommandArgs, usageError } from '../args.ts';
import { arrayScript, reportScript, type SlurmJob } from '../cluster/slurm-scripts.ts';
import { cellCountProblem, parseMaxCells } from '../limits.ts';
import { loadExperiment } from '../load-experiment.ts';
import { version } from '../main.ts';
import { writableFolderProblem } from '../writable-folder.ts';

/** Array tasks by default: one per cell, up to this many (each task pays a start-up of a few seconds). */
const DEFAULT_MAX_SHARDS = 32;

const HELP = `usage: plas submit <file.plas> --slurm [options]

Writes a Slurm batch script with one array task per shard (each runs plas run --shard K/N on the
same store, with this same Plas), submits it with sbatch, and submits a report job that runs when
the array has ended (--dependency=afterany). The store must be on a filesystem every node sees.
Progress: plas status <file.plas> --store DIR. See docs/cluster.md.

options:
  --slurm              submit to Slurm (required: the one scheduler plas submits to)
  --shards N           array tasks (default: one per cell, at most ${DEFAULT_MAX_SHARDS})
  --partition P        Slurm partition
  --time T             time limit of each array task (Slurm format, e.g. 2:00:00)
  --cpus-per-task C    cores of each task; each task runs C workers (default: 1)
  --mem M              memory of each task (Slurm format, e.g. 4G; ~300 MB per worker)
  --sbatch-arg ARG     a further #SBATCH option for both jobs, e.g. --sbatch-arg=--account=lab
                       (repeatable)
  --dry-run            print the scripts; write and submit nothing
  --quick              the file's quick profile
  --store DIR          run store (default: .plas); scripts and logs go to DIR/slurm/
  --out DIR            where the report goes (default: reports)
  --backend NAME       auto | node | wasm | cpu (default: auto)
  --force              rerun cells the store already holds
  --max-cells N        as for plas run
  --json               print one JSON document (scripts, job ids) on stdout
  -h, --help           show this help
`;

/** A value that goes into a #SBATCH line: one word, no quotes or newlines. */
const SAFE = /^[^\s'"\\`$]+$/;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    'submit',
    argv,
    {
      slurm: { type: 'boolean', default: false },
      shards: { type: 'string' },
      partition: { type: 'string' },
      time: { type: 'string' },
      'cpus-per-task': { type: 'string', default: '1' },
      mem: { type: 'string' },
      'sbatch-arg': { type: 'string', multiple: true, default: [] },
      'dry-run': { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      store: { type: 'string', default: '.plas' },
      out: { type: 'string', default: 'reports' },
      backend: { type: 'string', default: 'auto' },
      force: { type: 'boolean', default: false },
      'max-cells': { type: 'string' },
      json: { type: 'boolean', default: false },
      ...HELP_OPTION,
    },
    HELP,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length !== 1) return usageError('submit', `expected one .plas file, got ${positionals.length}`, HELP);
  if (!values.slurm) return usageError('submit', 'name the scheduler with --slurm (the one plas submits to; for others, see --shard in docs/cluster.md)', HELP);
  if (!['auto', 'node', 'wasm', 'cpu'].includes(values.backend)) return usageError('submit', `unknown backend '${values.backend}' (expected auto, node, wasm or cpu)`, HELP);
  const cpus = Number(values['cpus-per-task']);
  if (!Number.isInteger(cpus) || cpus < 1) return usageError('submit', `--cpus-per-task must be a whole number ≥ 1, got '${values['cpus-per-task']}'`, HELP);
  for (const option of ['partition', 'time', 'mem'] as const) {
    const value = values[option];
    if (value !== undefined && !SAFE.test(value)) return usageError('submit', `--${option} '${value}' must be one word without quotes (it goes into an #SBATCH line)`, HELP);
  }
  for (const arg of values['sbatch-arg']) {
    if (!/^--?\w/.test(arg) || /[\n\r]/.test(arg)) return usageError('submit', `--sbatch-arg '${arg}' must be one sbatch option, e.g. --sbatch-arg=--account=lab`, HELP);
  }
  const maxCells = parseMaxCells(values['max-cells']);
  if (maxCells === null) return usageError('submit', `--max-cells must be a whole number ≥ 1, got '${values['max-cells']}'`, HELP);

  const file = positionals[0] as string;
  const ir = loadExperiment(file, values.quick);
  if (!ir) return 1;
  const plan = planSummary(ir);
  const tooMany = cellCountProblem(plan, maxCells);
  if (tooMany) {
    process.stderr.write(`plas submit: ${file}: ${tooMany}\n`);
    return 1;
  }
  let shards = Math.min(plan.cells, DEFAULT_MAX_SHARDS);
  const notes: string[] = [];
  if (values.shards !== undefined) {
    const n = Number(values.shards);
    if (!Number.isInteger(n) || n < 1) return usageError('submit', `--shards must be a whole number ≥ 1, got '${values.shards}'`, HELP);
    shards = Math.min(n, plan.cells);
    if (n > plan.cells) notes.push(`--shards ${n} lowered to ${plan.cells}: the experiment has ${plan.cells} cells, and a shard without cells would only wait in the queue`);
  }

  const store = resolve(values.store);
  const dir = join(store, 'slurm', `${reportDirName(ir.name, ir.hash)}-${ir.hash.slice(0, 12)}`);
  const job: SlurmJob = {
    name: ir.name,
    hash: ir.hash,
    quick: values.quick,
    file: resolve(file),
    store,
    out: resolve(values.out),
    cwd: process.cwd(),
    logs: join(dir, 'logs'),
    node: process.execPath,
    plas: builtBin(),
    version: `plas ${version()} (node ${process.versions.node})`,
    shards,
    cpusPerTask: cpus,
    ...(values.partition !== undefined ? { partition: values.partition } : {}),
    ...(values.time !== undefined ? { time: values.time } : {}),
    ...(values.mem !== undefined ? { mem: values.mem } : {}),
    extra: values['sbatch-arg'],
    backend: values.backend,
    force: values.force,
    ...(values['max-cells'] !== undefined ? { maxCells: values['max-cells'] } : {}),
  };
  const scripts = { array: arrayScript(job), report: reportScript(job) };
  const paths = { array: join(dir, 'shards.sbatch'), report: join(dir, 'report.sbatch') };
  const human = values.json ? process.stderr : process.stdout;
  for (const note of notes) human.write(`note: ${note}\n`);

  if (values['dry-run']) {
    if (values.json) process.stdout.write(`${JSON.stringify({ experiment: { name: ir.name, hash: ir.hash }, shards, scripts, dryRun: true }, null, 2)}\n`);
    else process.stdout.write(`# ${paths.array}\n${scripts.array}\n# ${paths.report} (sbatch --dependency=afterany:<array job id>)\n${scripts.report}`);
    return 0;
  }

  const problem = writableFolderProblem(store, 'run store', '--store') ?? writableFolderProblem(job.out, 'report', '--out') ?? writableFolderProblem(job.logs, 'Slurm scripts and logs', '--store');
  if (problem) {
    process.stderr.write(`plas submit: ${problem}; nothing was submitted\n`);
    return 1;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(paths.array, scripts.array, { mode: 0o755 });
  writeFileSync(paths.report, scripts.report, { mode: 0o755 });

  const array = sbatch([paths.array]);
  if (array.kind === 'missing') {
    process.stderr.write(
      `plas submit: sbatch is not on PATH, so this machine cannot submit Slurm jobs. The scripts are written:\n  ${paths.array}\n  ${paths.report}\n` +
        `On a Slurm submit host that sees the same files: id=$(sbatch --parsable ${paths.array}) && sbatch --dependency=afterany:$id ${paths.report}\n` +
        `The array script:\n\n${scripts.array}`,
    );
    return 1;
  }
  if (array.kind === 'failed') {
    process.stderr.write(`plas submit: sbatch refused the array job: ${array.message}\n(the script: ${paths.array})\n`);
    return 1;
  }
  const report = sbatch([`--dependency=afterany:${array.id}`, paths.report]);
  if (report.kind !== 'ok') {
    const why = report.kind === 'failed' ? report.message : 'sbatch vanished';
    process.stderr.write(`plas submit: the job array ${array.id} is submitted, but sbatch refused the report job: ${why}\nsubmit it yourself: sbatch --dependency=afterany:${array.id} ${paths.report}\n`);
    return 1;
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ experiment: { name: ir.name, hash: ir.hash }, shards, scripts: paths, jobs: { array: array.id, report: report.id }, logs: job.logs }, null, 2)}\n`);
  } else {
    human.write(
      [
        `submitted ${ir.name} (${ir.profile} profile, ${ir.hash.slice(0, 12)}): ${plan.cells} cells in ${shards} shard${shards === 1 ? '' : 's'}`,
        `  job array ${array.id} (tasks 1-${shards}): ${paths.array}`,
        `  report job ${report.id} (after the array ends): writes the report under ${job.out}`,
        `  logs: ${job.logs}`,
        `  progress: plas status ${file}${values.quick ? ' --quick' : ''} --store ${values.store}`,
        '',
      ].join('\n'),
    );
  }
  return 0;
}

type Submitted = { kind: 'ok'; id: string } | { kind: 'missing' } | { kind: 'failed'; message: string };

/** `sbatch --parsable ARGS`: the job id (`123`, or `123;cluster` on a federation), or why it failed. */
function sbatch(args: string[]): Submitted {
  const result = spawnSync('sbatch', ['--parsable', ...args], { encoding: 'utf8' });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'failed', message: result.error.message };
  }
  const id = result.stdout.trim().split(';')[0] ?? '';
  if (result.status !== 0 || !/^\d+$/.test(id)) return { kind: 'failed', message: (result.stderr || result.stdout).trim() || `exit ${result.status}` };
  return { kind: 'ok', id };
}

/** The compiled `plas` entry of this installation (what the nodes run), also when this module runs from source. */
function builtBin(): string {
  return fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../dist/bin.js' : '../bin.js', import.meta.url));
}
