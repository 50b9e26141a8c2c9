/**
 * `pnpm bench`: run the suite's files one after the other (each over the engine's worker pool, cached cells
 * skipped; the next file starts while the last cells of the one before finish, overlap.ts), write each report and
 * the index page, and print the summary table. A finding that is INCONCLUSIVE or
 * FAILED is a result, not an error: the exit code is non-zero only when a file could not be compiled or run.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { compileFile, planSummary, renderDiagnostics, type ExperimentIR } from '@plas/dsl';
import { loadExperiment, reportDirNames, writeReport, writeSite, type ReportSummary } from '@plas/report';
import { experimentFileNames, readExperimentFile } from '@plas/engine/store';
import { BENCH_HELP, BenchArgsError, parseBenchArgs, type BenchArgs } from './args.ts';
import { formatComparison, plasLine, torchLine } from './compare-torch.ts';
import { errorRow, findingRows } from './findings.ts';
import { estimateRun, PLAIN_WASM, WASM_OPENBLAS } from './budget.ts';
import { cellProgress } from './progress.ts';
import { runOverlapped } from './overlap.ts';
import { repoRoot } from './repo-root.ts';
import { benchmarkName, selectFiles, suiteFiles } from './suite.ts';
import { formatLoad, formatSummaryMarkdown, formatSummaryTable, formatWall, type RunFigures, type SummaryRow } from './summary.ts';
import { findTorchPython, firstSweepPoint, runTorch, runTorchScript, torchArgs } from './torch.ts';
import { formatScrComparison, plasWindows, scrLines } from './compare-scr.ts';
import { parseScrTorchOutput, SCR_METRIC, scrTorchArgs } from './torch-scr.ts';

/** The benchmark `--compare-torch` runs when no `--only` is given. */
export const TORCH_BENCHMARK = '01-warm-start-mlp-adam';
/** Benchmark 10, whose cross-check runs when it is selected (`--compare-torch --only 10`). */
export const SCR_TORCH_BENCHMARK = '10-slowly-changing-regression';
/**
 * The warm-start files the PyTorch script mirrors (its fresh and warm arms; a swept file at its first point: 11's
 * narrowest width). 12's fresh and warm cells are the same computation as 11's 16-16 point.
 */
export const WARM_START_TORCH_BENCHMARKS: readonly string[] = [TORCH_BENCHMARK, '11-warm-start-capacity', '12-narrow-interventions'];

export interface BenchIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIO: BenchIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

interface Compiled {
  file: string;
  name: string;
  ir: ExperimentIR | null;
  error: string | null;
}

function compile(file: string, quick: boolean): Compiled {
  const name = benchmarkName(file);
  const { ir, diagnostics } = compileFile(file, { quick });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (ir === null || errors.length > 0) return { file, name, ir: null, error: renderDiagnostics(diagnostics) };
  return { file, name, ir, error: null };
}

function printPlan(compiled: readonly Compiled[], workers: number, io: BenchIO): void {
  let cells = 0;
  let steps = 0;
  let workerMs = 0;
  let plainWorkerMs = 0;
  for (const c of compiled) {
    if (c.ir === null) {
      io.out(`${c.name}: does not compile`);
      continue;
    }
    const plan = planSummary(c.ir);
    const estimate = estimateRun(c.ir, WASM_OPENBLAS);
    const perCell = Math.max(...Object.values(plan.stepsPerCell));
    cells += plan.cells;
    steps += plan.totalSteps;
    workerMs += estimate.workerMs;
    plainWorkerMs += estimateRun(c.ir, PLAIN_WASM).workerMs;
    const wall = formatWall(estimate.workerMs / workers);
    io.out(`${c.name.padEnd(32)} ${String(plan.cells).padStart(4)} cells  ≤ ${String(perCell).padStart(7)} steps/cell  ≤ ${String(plan.totalSteps).padStart(8)} steps  ~${wall}`);
  }
  io.out(`total: ${cells} cells, ≤ ${steps} training steps, ~${formatWall(workerMs / workers)} on ${workers} workers`);
  io.out(
    `(~: a rough estimate for ${WASM_OPENBLAS.name} (the native accelerator) on an idle 2-core machine, fitted to a whole-suite run; ` +
      `without the accelerator allow up to ~${formatWall(plainWorkerMs / workers)}; see src/budget.ts)`,
  );
}

/** The machine's 1-minute load average: every timing is printed with it (a figure taken under load can be 4x off). */
function loadAverage(): number {
  return loadavg()[0] ?? 0;
}

/** `, worker CPU 20m10s, load 2.1 → 2.5, peak memory per worker 319 MiB` for a benchmark whose cells ran here. */
function runNote(f: RunFigures): string {
  if (f.cpuMs === null) return f.load ? ` (all cells cached; load ${formatLoad(f.load)})` : '';
  const memory = f.peakRssMiB === null ? '' : `, peak memory per worker ${f.peakRssMiB} MiB`;
  return ` (worker CPU ${formatWall(f.cpuMs)}, load ${f.load ? formatLoad(f.load) : '?'}${memory})`;
}

/** The report folder of an experiment: the same one writeSite gives it (from the experiment records alone). */
function reportDir(store: string, hash: string, fallback: string): string {
  const records = experimentFileNames(store).flatMap((name) => {
    const file = readExperimentFile(store, name);
    return file.state === 'ok' ? [{ record: file.record }] : [];
  });
  return reportDirNames(records).get(hash) ?? fallback;
}

export async function main(argv: readonly string[], io: BenchIO = defaultIO): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    if (error instanceof BenchArgsError) {
      io.err(`bench: ${error.message}\n\n${BENCH_HELP}`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    io.out(BENCH_HELP);
    return 0;
  }

  const root = repoRoot();
  const store = join(root, '.plas');
  const reports = join(root, 'reports');
  const only = args.compareTorch && args.only.length === 0 ? [TORCH_BENCHMARK] : args.only;
  const files = selectFiles(suiteFiles(), only);
  if (files.length === 0) {
    io.err(`bench: no suite file matches ${only.map((o) => `'${o}'`).join(', ')}; files: ${suiteFiles().map(benchmarkName).join(', ')}`);
    return 2;
  }
  const compiled = files.map((f) => compile(f, args.quick));
  if (args.plan) {
    printPlan(compiled, args.workers ?? availableParallelism(), io);
    return compiled.some((c) => c.ir === null) ? 1 : 0;
  }

  // Loaded only when training: the engine spawns workers and sets up tfjs, which the argument and plan paths
  // (and their tests) do not need.
  const { runExperiment, WorkerPool } = await import('@plas/engine');
  const { recordedCells, recordOnly } = await import('./cell-time.ts');
  const profile = args.quick ? 'quick' : 'default';
  io.out(`Plas benchmark suite: ${files.length} file${files.length === 1 ? '' : 's'}, ${profile} profile, store ${relative(root, store) || '.'}`);
  const started = Date.now();
  const rows: SummaryRow[] = [];
  const summaries = new Map<string, ReportSummary>();
  const suiteLoadStart = loadAverage();
  const backends = new Set<string>();
  // Each file starts when the one before has handed out its last cell (overlap.ts): when and where a cell trains
  // changes none of its results. Its wall time runs from its own start to its report.
  const launched = compiled.map(() => ({ t0: Date.now(), loadStart: loadAverage() }));
  // One set of workers for the whole suite: each file takes over the workers the one before has finished with
  // instead of starting its own (a start is ~0.9 s of CPU; two per file).
  const workers = args.workers ?? availableParallelism();
  const pool = new WorkerPool({ store, backend: args.backend, keep: workers });
  const runs = runOverlapped(compiled.length, async (i, drained) => {
    const c = compiled[i]!;
    launched[i] = { t0: Date.now(), loadStart: loadAverage() };
    if (c.ir === null) return null;
    if (args.noRun) return recordOnly(c.ir, relative(root, c.file), store);
    const progress = cellProgress(c.name, io.out);
    return runExperiment(c.ir, {
      file: relative(root, c.file),
      store,
      backend: args.backend,
      force: args.force,
      pool,
      onEvent: (event) => {
        progress(event);
        if (event.type === 'drained') drained();
      },
      ...(args.workers === null ? {} : { workers: args.workers }),
    });
  });
  try {
    for (const [i, c] of compiled.entries()) {
      if (c.ir === null) {
        io.err(c.error ?? '');
        rows.push(errorRow(c.name, 'does not compile (see above)', { wallMs: 0 }));
        continue;
      }
      try {
        const result = await runs.result(i);
        if (result === null) continue; // not reached: a file that does not compile is handled above
        const { t0, loadStart } = launched[i]!;
        const out = join(reports, reportDir(store, c.ir.hash, c.ir.name));
        const report = await writeReport({ store, experimentHash: c.ir.hash, out });
        summaries.set(c.name, report);
        const stored = recordedCells(store, c.ir.hash);
        for (const b of stored.backends) backends.add(b);
        const wall = Date.now() - t0;
        const figures: RunFigures = {
          wallMs: wall,
          cellMs: stored.cellMs,
          cpuMs: result.ran > 0 ? result.workerCpuMs : null,
          load: { start: loadStart, end: loadAverage() },
          peakRssMiB: result.peakWorkerRssMiB,
        };
        if (result.failed > 0) rows.push(errorRow(c.name, `${result.failed} of ${result.total} cells failed (rerun to retry them)`, figures));
        rows.push(...findingRows(c.name, report, figures));
        io.out(`[${c.name}] done in ${formatWall(figures.wallMs)}${runNote(figures)}: ${relative(root, join(out, 'report.md'))}`);
      } catch (error) {
        const message = (error as Error).message.split('\n')[0] ?? 'unknown error';
        io.err(`[${c.name}] error: ${(error as Error).message}`);
        rows.push(errorRow(c.name, message, { wallMs: Date.now() - launched[i]!.t0 }));
      }
    }
  } finally {
    pool.close(); // the waiting workers exit; the last file's workers have gone back to the pool
  }

  try {
    const site = await writeSite({ store, out: reports });
    io.out(`index: ${relative(root, join(site.out, 'index.html'))} (${site.experiments.length} experiments)`);
  } catch (error) {
    io.err(`bench: could not write the index page: ${(error as Error).message}`);
  }

  const wall = Date.now() - started;
  io.out('');
  const suiteLoad = { start: suiteLoadStart, end: loadAverage() };
  io.out(formatSummaryTable(rows, wall, suiteLoad));
  const backendLine = backendNote([...backends].sort());
  if (backendLine !== '') io.out(backendLine);
  mkdirSync(reports, { recursive: true });
  const heading = `# Plas benchmark summary (${profile} profile)\n\n`;
  const markdown = `${heading}${formatSummaryMarkdown(rows, wall, suiteLoad)}\n${backendLine === '' ? '' : `\n${backendLine}\n`}`;
  writeFileSync(join(reports, `bench-summary-${profile}.md`), markdown);
  writeFileSync(join(reports, `bench-summary-${profile}.json`), `${JSON.stringify({ profile, wallMs: wall, load: suiteLoad, backends: [...backends].sort(), rows }, null, 2)}\n`);

  let failedTorch = false;
  if (args.compareTorch) {
    const selected = new Set(compiled.map((c) => c.name));
    const mirrored = [...WARM_START_TORCH_BENCHMARKS, SCR_TORCH_BENCHMARK].filter((name) => selected.has(name));
    for (const name of mirrored) {
      const ok = name === SCR_TORCH_BENCHMARK ? compareScrWithTorch(compiled, store, io) : compareWithTorch(name, compiled, summaries, io);
      failedTorch = !ok || failedTorch;
    }
    if (mirrored.length === 0) {
      io.err(`compare-torch: only ${[...WARM_START_TORCH_BENCHMARKS, SCR_TORCH_BENCHMARK].join(', ')} have a PyTorch counterpart; none was selected`);
      failedTorch = true;
    }
  }
  return rows.some((r) => r.verdict === 'ERROR') || failedTorch ? 1 : 0;
}

/** Run the PyTorch script with a warm-start file's settings and print both implementations side by side. */
function compareWithTorch(name: string, compiled: readonly Compiled[], summaries: ReadonlyMap<string, ReportSummary>, io: BenchIO): boolean {
  const c = compiled.find((x) => x.name === name);
  const report = summaries.get(name);
  if (c?.ir == null || report === undefined) {
    io.err(`compare-torch: ${name} did not run, nothing to compare`);
    return false;
  }
  const python = findTorchPython();
  if (python === null) {
    io.err('compare-torch: no python3 with torch found (tried /usr/bin/python3 and python3); skipped');
    return true;
  }
  try {
    const { ir, point } = firstSweepPoint(c.ir);
    const args = torchArgs(ir);
    io.out(`\nPyTorch cross-check of ${name}${point === null ? '' : ` at ${point}`}: ${python} ${args.map((a) => (a.includes('/') ? a.split('/').slice(-2).join('/') : a)).join(' ')}`);
    const t0 = Date.now();
    const result = runTorch(python, args);
    io.out(formatComparison([plasLine(report, 'Plas', point), torchLine(result)]));
    io.out(`PyTorch: ${formatWall(Date.now() - t0)} wall; pretraining epochs per seed: ${result.pretrain_epochs.join(', ')}`);
    return true;
  } catch (error) {
    io.err(`compare-torch: ${(error as Error).message}`);
    return false;
  }
}

/** Benchmark 10: the PyTorch script runs the same problem and arms; both are summarised per arm, side by side. */
function compareScrWithTorch(compiled: readonly Compiled[], store: string, io: BenchIO): boolean {
  const c = compiled.find((x) => x.name === SCR_TORCH_BENCHMARK);
  if (c?.ir == null) {
    io.err(`compare-torch: ${SCR_TORCH_BENCHMARK} did not compile, nothing to compare`);
    return false;
  }
  const ir = c.ir;
  const python = findTorchPython();
  if (python === null) {
    io.err('compare-torch: no python3 with torch found (tried /usr/bin/python3 and python3); skipped');
    return true;
  }
  try {
    const experiment = loadExperiment(store, ir.hash);
    if (experiment === null || experiment.missing.length > 0) {
      io.err(`compare-torch: ${SCR_TORCH_BENCHMARK} has cells that did not run; nothing to compare`);
      return false;
    }
    const args = scrTorchArgs(ir);
    io.out(`\nPyTorch cross-check of ${SCR_TORCH_BENCHMARK}: ${python} ${args.map((a) => (a.includes('/') ? a.split('/').slice(-2).join('/') : a)).join(' ')}`);
    const t0 = Date.now();
    const result = parseScrTorchOutput(runTorchScript(python, [...args, '--progress']));
    const baseline = ir.arms.find((a) => a.role === 'baseline')?.name ?? ir.arms[0]?.name ?? '';
    const measure = ir.measure.find((m) => m.metric === SCR_METRIC);
    const k = ir.compare?.window.count ?? 5;
    const lines = [...scrLines('Plas', plasWindows(experiment, measure?.key ?? SCR_METRIC), baseline, k), ...scrLines(`PyTorch ${result.torch}`, result.arms, baseline, k)];
    io.out(formatScrComparison(lines, baseline, k));
    io.out(`PyTorch: ${formatWall(Date.now() - t0)} wall; units replaced by continual backprop per seed: ${Object.values(result.replaced).join(', ') || 'none'}`);
    return true;
  } catch (error) {
    io.err(`compare-torch: ${(error as Error).message}`);
    return false;
  }
}

/** Which backends (and OpenBLAS kernels) the summarised records ran on; a warning when they are mixed. */
export function backendNote(backends: readonly string[]): string {
  if (backends.length === 0) return '';
  if (backends.length === 1) return `records computed on ${backends[0]}`;
  return `records computed on ${backends.length} backends: ${backends.join('; ')} (their last bits differ, so a rerun on one of them may not reproduce every figure)`;
}
