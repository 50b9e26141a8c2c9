/** `plas run <file.plas>`: run every missing cell of an experiment, then write its report. */
import { sharedCellsNote } from '../output/shared-cells.ts';
import { HELP_OPTION, parseCommandArgs, usageError } from '../args.ts';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describeStorageError, isStorageError, parseShard, runExperiment, RunConfigError, RunError, ShardError, type BackendPreference, type Shard } from '@plas/engine';
import { planSummary, renderDiagnostics, type SourceSpan } from '@plas/dsl';
import { cellCountProblem, largeSweepNote, parseMaxCells, workerCount } from '../limits.ts';
import { analyzeExperiment, loadStore, reportDirName, selectExperiment, writeReport, type ExpectationOutcome } from '@plas/report';
import { loadExperiment } from '../load-experiment.ts';
import { writableFolderProblem } from '../writable-folder.ts';
import { barProgress, formatSeconds, lineProgress } from '../progress/run-progress.ts';
import { painter } from '../output/color.ts';
import { cellName } from '../output/cell-name.ts';
import { FAIL_ON_EXIT_CODE, meetsFailOn, parseFailOn, QUICK_WARNING, verdictLines } from '../output/verdicts.ts';

const HELP = `usage: plas run <file.plas> [options]

Runs every cell (arm x sweep point x seed) the store does not hold yet, then writes the report.

options:
  --quick            apply the file's quick profile (a smoke run)
  --store DIR        run store (default: .plas)
  --out DIR          where reports go (default: reports); the report is in DIR/<experiment>/
  --workers N        worker processes (default: ${availableParallelism()}, the number of cores; capped by
                     cores and free memory, with a note)
  --max-cells N      refuse experiments of more than N cells (default: 10000)
  --yes              run a sweep of 10,000 points or more (refused without it)
  --backend NAME     auto | node | wasm | cpu (default: auto: tfjs-node if it loads, else wasm, else cpu)
  --force            rerun cells the store already holds
  --shard K/N        run only shard K of N (1 ≤ K ≤ N): the cells are split into N parts of about
                     equal estimated cost, the same split on every machine; no report is written
                     (run plas report once every shard is done; docs/cluster.md)
  --expect-hash H    refuse to run unless the file compiles to experiment hash H (or a prefix of
                     it), so a job submitted earlier never runs an edited file
  --no-report        do not write the report at the end (verdicts are still printed)
  --fail-on WHEN     exit with code 3 when an expectation is FAILED (failed), or FAILED or
                     INCONCLUSIVE (inconclusive); for scripts and CI
  --json             print one JSON document (cells, verdicts, report paths) on stdout;
                     progress goes to stderr
  -h, --help         show this help

Exit codes: 0 done; 1 bad arguments, a cell failed, or the run could not start or finish;
3 an expectation met --fail-on. Ctrl-C keeps every finished cell: run the same command again to resume.
Several runs may share one store (terminals, machines, Slurm array tasks): each cell is claimed before it
trains, so no cell is computed twice; plas status shows who holds what.
`;

const BACKENDS = new Set<BackendPreference>(['auto', 'node', 'wasm', 'cpu']);

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    'run',
    argv,
    {
      quick: { type: 'boolean', default: false },
      store: { type: 'string', default: '.plas' },
      out: { type: 'string', default: 'reports' },
      workers: { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      force: { type: 'boolean', default: false },
      'no-report': { type: 'boolean', default: false },
      'fail-on': { type: 'string' },
      'max-cells': { type: 'string' },
      yes: { type: 'boolean', default: false },
      shard: { type: 'string' },
      'expect-hash': { type: 'string' },
      json: { type: 'boolean', default: false },
      ...HELP_OPTION,
    },
    HELP,
  );
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  if (positionals.length !== 1) return usageError('run', `expected one .plas file, got ${positionals.length}`, HELP);
  const backend = values.backend as BackendPreference;
  if (!BACKENDS.has(backend)) {
    process.stderr.write(`plas run: unknown backend '${values.backend}' (expected auto, node, wasm or cpu)\n`);
    return 1;
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) {
    process.stderr.write(`plas run: --workers must be a whole number ≥ 1, got '${values.workers}'\n`);
    return 1;
  }

  const maxCells = parseMaxCells(values['max-cells']);
  if (maxCells === null) return usageError('run', `--max-cells must be a whole number ≥ 1, got '${values['max-cells']}'`, HELP);
  const failOn = parseFailOn(values['fail-on']);
  if (failOn === null) return usageError('run', `--fail-on takes 'failed' or 'inconclusive', got '${values['fail-on']}'`, HELP);

  let shard: Shard | undefined;
  if (values.shard !== undefined) {
    try {
      shard = parseShard(values.shard);
    } catch (error) {
      if (!(error instanceof ShardError)) throw error;
      process.stderr.write(`plas run: ${error.message}\n`);
      return 1;
    }
  }

  const file = positionals[0] as string;
  const ir = loadExperiment(file, values.quick);
  if (!ir) return 1;
  const expected = values['expect-hash'];
  if (expected !== undefined && (expected.length < 6 || !ir.hash.startsWith(expected))) {
    process.stderr.write(
      `plas run: ${file} compiles to experiment ${ir.hash.slice(0, 12)}${values.quick ? ' (quick profile)' : ''}, not ${expected}: the file (or an import) changed since the job was submitted; submit it again\n`,
    );
    return 1;
  }
  // A shard holds only part of the cells: its report would be partial, and N shards would write it at once.
  const writesReport = !values['no-report'] && shard === undefined;
  const plan = planSummary(ir);
  const large = largeSweepNote(plan);
  if (large && !values.yes) {
    process.stderr.write(`plas run: ${file}: ${large}; run it with --yes if you mean it (plas plan shows the cost)\n`);
    return 1;
  }
  const tooMany = cellCountProblem(plan, maxCells);
  if (tooMany) {
    process.stderr.write(`plas run: ${file}: ${tooMany}\n`);
    return 1;
  }
  const reportDir = join(values.out, reportDirName(ir.name, ir.hash));
  const folderProblem =
    writableFolderProblem(values.store, 'run store', '--store') ??
    (writesReport ? writableFolderProblem(reportDir, 'report', '--out') : null);
  if (folderProblem) {
    process.stderr.write(`plas run: ${folderProblem}; nothing was trained\n`);
    return 1;
  }

  // With --json, stdout carries only the JSON document: everything for people goes to stderr.
  const human = values.json ? process.stderr : process.stdout;
  const paint = painter(human);
  const { workers: cappedWorkers, note: workerNote } = workerCount(workers);
  if (workerNote) human.write(`${paint('yellow', 'note:')} ${workerNote}\n`);
  human.write(`experiment ${ir.name} (${ir.profile} profile, ${ir.hash.slice(0, 12)})\n`);
  if (ir.profile === 'quick') human.write(`${paint('yellow', 'note:')} ${QUICK_WARNING}\n`);
  if (shard) human.write(`shard ${shard.index}/${shard.count} (cells split by estimated cost; the other shards run elsewhere)\n`);
  const progress = human.isTTY ? barProgress(human) : lineProgress((line) => human.write(`${line}\n`));
  const stopOnSignal = (signal: NodeJS.Signals, code: number) => () => {
    progress.stop();
    human.write(`\n${paint('yellow', 'interrupted')} (${signal}): every finished cell is kept in ${values.store}; run the same command again to resume\n`);
    process.exit(code);
  };
  const onInt = stopOnSignal('SIGINT', 130);
  const onTerm = stopOnSignal('SIGTERM', 143);
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  let result;
  try {
    result = await runExperiment(ir, {
      file,
      store: values.store,
      backend,
      force: values.force,
      ...(shard ? { shard } : {}),
      onEvent: (event) => {
        if (event.type === 'rejected') {
          human.write(`${paint('yellow', 'note:')} the record of cell ${event.cell.hash.slice(0, 12)} (${cellName(event.cell.arm, event.cell.pointLabel, event.cell.seed)}) is not used: ${event.reason}; it is computed again\n`);
        } else progress.onEvent(event);
      },
      workers: cappedWorkers,
    });
  } catch (error) {
    progress.stop();
    if (error instanceof RunConfigError && error.span) {
      process.stderr.write(`${renderSetupError(error.span, error.detail)}\n`);
      return 1;
    }
    if (error instanceof RunError) {
      process.stderr.write(`plas run: ${error.message}\n`);
      return 1;
    }
    if (isStorageError(error)) {
      process.stderr.write(`plas run: ${describeStorageError(error, 'write the run store', values.store)}; finished cells are kept\n`);
      return 1;
    }
    throw error;
  }
  progress.stop();
  process.off('SIGINT', onInt);
  process.off('SIGTERM', onTerm);
  const summary = [
    `${result.total} cells${sharedCellsNote(result.total, result.combinations)}${shard ? ` in shard ${shard.index}/${shard.count}` : ''}: ${result.cached} cached${result.elsewhere > 0 ? ` (${result.elsewhere} finished meanwhile by another runner sharing the store)` : ''}, ${result.completed} completed`,
    result.diverged > 0 ? paint('yellow', `${result.diverged} DIVERGED`) : null,
    result.failed > 0 ? paint('red', `${result.failed} FAILED`) : null,
  ].filter(Boolean);
  // The workers' high-water mark tells a user how many workers their machine (or a cluster job's memory request) holds.
  const memory = result.peakWorkerRssMiB === null ? '' : `; peak memory per worker ${result.peakWorkerRssMiB} MiB`;
  const stacked = result.stackedCells > 0 ? `; ${result.stackedCells} trained stacked, in lockstep with others of their arm` : '';
  human.write(`${summary.join(', ')} in ${formatSeconds(result.wallMs / 1000)}${stacked}${memory}\n`);

  let report: { markdown: string; html: string } | null = null;
  let expectations: ExpectationOutcome[];
  let swept: boolean;
  if (shard) {
    // Verdicts need every shard's cells: they come from the report written once all shards are done.
    human.write(`when every shard is done: plas report --store ${values.store} --experiment ${ir.hash.slice(0, 12)} (plas status --store ${values.store} shows progress)\n`);
    expectations = [];
    swept = false;
  } else if (writesReport) {
    const out = reportDir;
    const summary = await writeReport({ store: values.store, experimentHash: ir.hash, out });
    report = { markdown: join(out, 'report.md'), html: join(out, 'report.html') };
    human.write(`report: ${report.markdown} and ${report.html}\n`);
    ({ expectations, swept } = summary);
  } else {
    const analysis = analyzeExperiment(selectExperiment(loadStore(values.store), ir.hash));
    ({ expectations, swept } = analysis);
  }
  if (expectations.length > 0) {
    human.write(`expectations${ir.profile === 'quick' ? ' (quick profile: a smoke test, not a finding)' : ''}:\n`);
    human.write(`${verdictLines(expectations, swept, paint).join('\n')}\n`);
  }
  const failedOn = meetsFailOn(expectations, failOn);
  if (failedOn) human.write(`${paint('red', 'plas run:')} an expectation is ${failOn === 'failed' ? 'FAILED' : 'FAILED or INCONCLUSIVE'} (--fail-on ${failOn}): exit code ${FAIL_ON_EXIT_CODE}\n`);
  const code = result.failed > 0 ? 1 : failedOn ? FAIL_ON_EXIT_CODE : 0;
  if (values.json) {
    const doc = { experiment: { name: ir.name, hash: ir.hash, profile: ir.profile, file }, shard: shard ?? null, cells: result, report, expectations, exitCode: code };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  }
  return code;
}

/** A setup error found by the engine, shown like every other `.plas` diagnostic: location, source line, underline. */
function renderSetupError(span: SourceSpan, message: string): string {
  return renderDiagnostics([
    {
      file: span.file,
      line: span.line,
      column: span.column,
      endLine: span.line,
      endColumn: span.column + Math.max(1, span.length) - 1,
      severity: 'error',
      code: 'run-setup',
      message,
    },
  ]);
}
