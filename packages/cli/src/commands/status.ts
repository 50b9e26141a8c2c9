/** `plas status [file.plas]`: what a (possibly shared) run store holds of each experiment, and what remains. */
import { existsSync, statSync } from 'node:fs';
import { experimentStatus, readExperimentRecords, type CellStatusRow, type ExperimentStatus } from '@plas/engine/store';
import type { ExperimentIR } from '@plas/dsl';
import { HELP_OPTION, parseCommandArgs, usageError } from '../args.ts';
import { loadExperiment } from '../load-experiment.ts';
import { painter, type Painter } from '../output/color.ts';
import { cellName } from '../output/cell-name.ts';

const HELP = `usage: plas status [file.plas] [options]

Shows each experiment of the run store (or the one a .plas file defines): how many cells are
  done      complete or diverged: kept, never recomputed
  claimed   being trained by a runner (host and process named), whose lease is running
  stale     claimed by a runner whose lease expired (it died): the next run takes it over
  corrupt   a record that fails its checks (checksum, shape, a value outside its metric's range):
            never used, the next run recomputes it
  failed    ended with an error: the next run retries it
  missing   not run yet
and the estimated training steps that remain. Reads the store only; works while runs are going on.

options:
  --quick        the file's quick profile (with a .plas file)
  --store DIR    run store (default: .plas)
  --json         print one JSON document on stdout
  -h, --help     show this help
`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    'status',
    argv,
    { quick: { type: 'boolean', default: false }, store: { type: 'string', default: '.plas' }, json: { type: 'boolean', default: false }, ...HELP_OPTION },
    HELP,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length > 1) return usageError('status', `expected at most one .plas file, got ${positionals.length}`, HELP);
  const store = values.store;
  if (store.trim() === '') return usageError('status', '--store is empty: name the run store folder', HELP);
  if (existsSync(store) && !statSync(store).isDirectory()) {
    process.stderr.write(`plas status: '${store}' is a file, not a run store folder (--store)\n`);
    return 1;
  }

  let irs: ExperimentIR[];
  const problems: string[] = [];
  if (positionals.length === 1) {
    const ir = loadExperiment(positionals[0] as string, values.quick);
    if (!ir) return 1;
    irs = [ir];
  } else {
    if (!existsSync(store)) {
      process.stderr.write(`plas status: no run store at '${store}': run an experiment first, or name the store with --store\n`);
      return 1;
    }
    const read = readExperimentRecords(store);
    problems.push(...read.problems);
    irs = read.experiments.map((e) => e.ir);
  }

  const now = Date.now();
  const statuses = irs.map((ir) => experimentStatus(store, ir, now));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ store, at: new Date(now).toISOString(), experiments: statuses, problems }, null, 2)}\n`);
    return 0;
  }
  const paint = painter(process.stdout);
  for (const p of problems) process.stderr.write(`plas status: skipped ${p}\n`);
  if (statuses.length === 0) process.stdout.write(`no experiment in '${store}' yet\n`);
  for (const status of statuses) process.stdout.write(render(status, now, paint));
  return 0;
}

const STEPS = new Intl.NumberFormat('en-US');

function render(s: ExperimentStatus, now: number, paint: Painter): string {
  const c = s.counts;
  const lines = [`${paint('bold', s.name)} (${s.profile} profile, ${s.hash.slice(0, 12)}): ${s.cells.length} cells`];
  const parts = [
    `${c.done} done`,
    c.claimed ? paint('cyan', `${c.claimed} claimed`) : '',
    c.stale ? paint('yellow', `${c.stale} stale`) : '',
    c.corrupt ? paint('red', `${c.corrupt} corrupt`) : '',
    c.failed ? paint('red', `${c.failed} failed`) : '',
    `${c.missing} missing`,
  ].filter(Boolean);
  lines.push(`  ${parts.join(', ')}`);
  const left = s.cells.length - c.done;
  lines.push(
    left === 0
      ? '  every cell is done'
      : `  remaining: ${left} cell${left === 1 ? '' : 's'}, ~${STEPS.format(s.remainingSteps)} of ${STEPS.format(s.totalSteps)} estimated training steps (${((100 * s.remainingSteps) / Math.max(1, s.totalSteps)).toFixed(0)}%)`,
  );
  for (const row of s.cells) {
    const line = describeRow(row, now);
    if (line) lines.push(`  ${line}`);
  }
  return `${lines.join('\n')}\n`;
}

function describeRow(row: CellStatusRow, now: number): string | null {
  const name = `${row.hash.slice(0, 12)} (${cellName(row.arm, row.point, row.seed)})`;
  if ((row.state === 'claimed' || row.state === 'stale') && row.claim) {
    const who = `${row.claim.host} pid ${row.claim.pid}`;
    const since = `since ${row.claim.since} (${ago(now - Date.parse(row.claim.since))} ago)`;
    return row.state === 'claimed'
      ? `claimed  ${name} by ${who} ${since}, lease ends in ${ago(row.claim.expires - now)}`
      : `stale    ${name} claimed by ${who} ${since}; its lease ended ${ago(now - row.claim.expires)} ago: the next run takes it over`;
  }
  if (row.state === 'corrupt') return `corrupt  ${name}: ${row.reason ?? 'rejected'}; the next run recomputes it`;
  if (row.state === 'failed') return `failed   ${name}: ${row.reason ?? 'error'}; the next run retries it`;
  return null;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
