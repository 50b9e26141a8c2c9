/**
 * Engine benchmark: training speed of Plas on plain wasm, on wasm with the native accelerator (@plas/accel,
 * OpenBLAS) and of the same networks in PyTorch, measured interleaved in one run; the cost of every diagnostic; and
 * where a step's time goes (tf.profile). Prints markdown tables; the figures in docs/performance.md come from it.
 *
 *   pnpm --filter @plas/engine bench [-- --variants=wasm,wasm+openblas --rounds=2 --seconds=2 --no-torch
 *                                        --workloads=mlp100-b16,mlp100-b128,mlp256-b128,cnn-b128
 *                                        --no-diagnostics --no-profile --threads=1 --diag-seconds=1 --json=out.json
 *                                        --stack=1,4,16]
 *
 * Workloads (bench/workloads.ts): MLP 784-100-100-10 at batch 16 and 128, 784-256-256-10 at batch 128, Kumar's
 * small CNN at batch 128; Adam lr 1e-3, cross-entropy, the engine's own trainStep. Per workload and round, each
 * variant in turn (Plas wasm, Plas wasm+openblas, PyTorch; also `cpu` when listed): warm-up steps, then timed steps
 * until `seconds` have passed and a minimum count ran, with the load average read right after. The table keeps each
 * variant's round with the least CPU time per step (the machine is shared: CPU time is the steadier figure, and the
 * least-disturbed round the closest to the idle cost).
 *
 * Stacking (bench/stacked.ts): with wasm+openblas, each MLP workload is also trained as R cells in one stacked
 * step for every R in --stack (default 1,4,16; --stack=none skips it), in the same rounds, after the variants;
 * a second table gives cell-steps/s per core (R / CPU time per stacked step) beside one cell alone and PyTorch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { selectBackend, setAccelEnabled, accelUnavailableReason } from '../src/backend/index.ts';
import { diagnosticNames, getDiagnostic } from '../src/diagnostics/registry.ts';
import { fmt, timeCalls, type Timing } from './timing.ts';
import { makeStackedTrainer, stackTable } from './stacked.ts';
import { findTorchPython, TorchServer, type TorchTiming } from './torch-runner.ts';
import { makeTrainer, WORKLOADS, type Workload } from './workloads.ts';

const VARIANTS = ['wasm', 'wasm+openblas', 'cpu'] as const;
type Variant = (typeof VARIANTS)[number];

const { values: opts } = parseArgs({
  options: {
    variants: { type: 'string', default: 'wasm,wasm+openblas' },
    rounds: { type: 'string', default: '2' },
    workloads: { type: 'string', default: WORKLOADS.map((w) => w.id).join(',') },
    seconds: { type: 'string', default: '2' },
    threads: { type: 'string', default: '1' },
    'diag-seconds': { type: 'string', default: '1' },
    'no-torch': { type: 'boolean', default: false },
    'no-diagnostics': { type: 'boolean', default: false },
    'no-profile': { type: 'boolean', default: false },
    json: { type: 'string' },
    stack: { type: 'string', default: '1,4,16' },
  },
  // pnpm forwards a literal `--` in some versions
  args: process.argv.slice(2).filter((a) => a !== '--'),
});
const seconds = Number(opts.seconds);
const rounds = Number(opts.rounds);
const diagSeconds = Number(opts['diag-seconds']);
const threads = Number(opts.threads);
const variants = opts.variants.split(',').map((b) => b.trim()) as Variant[];
const stackSizes = opts.stack === 'none' || opts.stack === '' ? [] : opts.stack.split(',').map((r) => Number(r.trim()));
const chosen = WORKLOADS.filter((w) => opts.workloads.split(',').map((x) => x.trim()).includes(w.id));
if (!stackSizes.every((r) => Number.isInteger(r) && r >= 1)) {
  console.error(`bench: --stack takes positive integers separated by commas (or none), got '${opts.stack}'`);
  process.exit(2);
}
if (![seconds, diagSeconds, threads].every((v) => Number.isFinite(v) && v >= 0) || !(Number.isInteger(rounds) && rounds >= 1)) {
  console.error('bench: --seconds, --diag-seconds and --threads take non-negative numbers, --rounds a positive integer');
  process.exit(2);
}
const unknown = variants.filter((v) => !VARIANTS.includes(v));
if (unknown.length > 0) {
  console.error(`bench: unknown variant(s) ${unknown.join(', ')} (choose from ${VARIANTS.join(', ')})`);
  process.exit(2);
}
const silence = (): void => {}; // tfjs's "install the node backend" banner is not a result
console.warn = silence;

const log = (s = ''): void => console.log(s);
const started = Date.now();
const load = (): number => os.loadavg()[0]!;
const maxRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

function machine(): string[] {
  const cpus = os.cpus();
  return [
    `CPU: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores; RAM ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${os.type()} ${os.release()}`,
    `Node ${process.version}; @tensorflow/tfjs-core ${tf.version_core}; load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`,
  ];
}

interface Measured {
  msPerStep: number;
  cpuMsPerStep: number;
  steps: number;
  load: number;
  /** The measuring process's peak resident set so far, MiB. */
  peakRssMiB: number;
}

interface SpeedRow {
  id: string;
  label: string;
  /** Per variant (and 'torch'): every round's figures. */
  rounds: Record<string, Measured[]>;
  notes: string[];
}

/** Make `variant` the active Plas configuration; null when it cannot run here (with the reason noted). */
async function activate(variant: Variant): Promise<string | null> {
  if (variant === 'cpu') {
    await selectBackend('cpu');
    return null;
  }
  await selectBackend('wasm');
  const on = setAccelEnabled(variant === 'wasm+openblas');
  if (variant === 'wasm+openblas' && !on) return `accelerator unavailable: ${accelUnavailableReason() ?? 'unknown'}`;
  return null;
}

/** A stacked step of r cells on wasm+openblas (the accelerator is active); one call is r cell-steps. */
function measureStacked(w: Workload, r: number): Measured {
  const trainer = makeStackedTrainer(w, r);
  try {
    const t = timeCalls((i) => trainer.step(i), { warmup: 5, warmupSeconds: 1, seconds, minCalls: 5 });
    return { msPerStep: t.msPerCall, cpuMsPerStep: t.cpuMsPerCall, steps: t.calls, load: load(), peakRssMiB: maxRssMiB() };
  } finally {
    trainer.dispose();
  }
}

function measurePlas(w: Workload, variant: Variant): Measured {
  const trainer = makeTrainer(w);
  try {
    const budget =
      variant === 'cpu' && w.kind === 'cnn'
        ? { warmup: 1, seconds: 0, minCalls: 2 }
        : w.kind === 'cnn'
          ? { warmup: 2, warmupSeconds: 1, seconds, minCalls: 3 }
          : { warmup: 5, warmupSeconds: 1, seconds, minCalls: 5 };
    const t: Timing = timeCalls((i) => trainer.step(i), budget);
    return { msPerStep: t.msPerCall, cpuMsPerStep: t.cpuMsPerCall, steps: t.calls, load: load(), peakRssMiB: maxRssMiB() };
  } finally {
    trainer.dispose();
  }
}

const fromTorch = (t: TorchTiming): Measured => ({
  msPerStep: t.msPerStep,
  cpuMsPerStep: t.cpuMsPerStep,
  steps: t.steps,
  load: load(),
  peakRssMiB: t.maxRssKiB / 1024,
});

async function speed(torch: TorchServer | null): Promise<SpeedRow[]> {
  const rows: SpeedRow[] = [];
  // a discarded first pass per Plas variant, as torch_speed.py does: a process's first seconds run slower
  for (const v of variants) {
    if ((await activate(v)) === null && v !== 'cpu') measurePlas(WORKLOADS[0]!, v);
  }
  for (const w of chosen) {
    const row: SpeedRow = { id: w.id, label: w.label, rounds: {}, notes: [] };
    for (let r = 0; r < rounds; r++) {
      for (const v of variants) {
        if (v === 'cpu' && w.kind === 'cnn') continue; // ~16 s a step (toolchain.md)
        const why = await activate(v);
        if (why !== null) {
          if (r === 0) row.notes.push(`${v}: ${why}`);
          continue;
        }
        const m = measurePlas(w, v);
        (row.rounds[v] ??= []).push(m);
        log(`  ${w.label.padEnd(32)} ${v.padEnd(14)} ${fmt(m.msPerStep)} ms/step, CPU ${fmt(m.cpuMsPerStep)} ms/step (${m.steps} steps, load ${m.load.toFixed(2)})`);
      }
      if (stackSizes.length > 0) {
        const why =
          w.kind !== 'mlp'
            ? 'skipped: only MLPs stack (CellStack refuses conv layers)'
            : !variants.includes('wasm+openblas')
              ? 'skipped: stacking needs the wasm+openblas variant'
              : await activate('wasm+openblas');
        if (why !== null) {
          if (r === 0) row.notes.push(`stacking: ${why}`);
        } else {
          for (const size of stackSizes) {
            const m = measureStacked(w, size);
            (row.rounds[`stack${size}`] ??= []).push(m);
            log(`  ${w.label.padEnd(32)} ${`stack R=${size}`.padEnd(14)} ${fmt(m.msPerStep)} ms/step, CPU ${fmt(m.cpuMsPerStep)} ms/step (${m.steps} steps, load ${m.load.toFixed(2)}), ${fmt((1000 * size) / m.cpuMsPerStep, 0)} cell-steps/s per core`);
          }
        }
      }
      if (torch) {
        const m = fromTorch(await torch.run(w, seconds));
        (row.rounds['torch'] ??= []).push(m);
        log(`  ${w.label.padEnd(32)} ${'PyTorch'.padEnd(14)} ${fmt(m.msPerStep)} ms/step, CPU ${fmt(m.cpuMsPerStep)} ms/step (${m.steps} steps, load ${m.load.toFixed(2)})`);
      }
    }
    rows.push(row);
  }
  setAccelEnabled(true);
  return rows;
}

/** Activate the fastest listed variant that runs here (the accelerator when it loads); returns its name. */
async function fastestVariant(): Promise<Variant> {
  for (const v of ['wasm+openblas', 'wasm', 'cpu'] as const) {
    if (variants.includes(v) && (await activate(v)) === null) return v;
  }
  await activate('wasm');
  return 'wasm';
}

/** The round with the least CPU time per step. */
function best(ms: Measured[] | undefined): Measured | null {
  if (!ms || ms.length === 0) return null;
  return ms.reduce((a, b) => (b.cpuMsPerStep < a.cpuMsPerStep ? b : a));
}

function speedTable(rows: SpeedRow[]): string[] {
  const out: string[] = [];
  const plas = variants.filter((v) => v !== 'cpu');
  const cell = (m: Measured | null): string => (m ? `${fmt(m.msPerStep)} (${fmt(m.cpuMsPerStep)})` : '—');
  out.push(
    `| workload | ${[...plas, ...(variants.includes('cpu') ? ['cpu'] : []), 'PyTorch'].map((v) => `${v} ms/step (CPU)`).join(' | ')} | ` +
      `${plas.map((v) => `${v} / PyTorch, CPU`).join(' | ')} | cell-steps/s per core (${plas.join(' / ')} / PyTorch) | peak RSS MiB (Plas / PyTorch) | load avg |`,
  );
  out.push(`|${'---|'.repeat(1 + plas.length + (variants.includes('cpu') ? 1 : 0) + 1 + plas.length + 3)}`);
  for (const r of rows) {
    const t = best(r.rounds['torch']);
    const ms = plas.map((v) => best(r.rounds[v]));
    const cpuCol = variants.includes('cpu') ? [cell(best(r.rounds['cpu']))] : [];
    const ratios = ms.map((m) => (m && t ? `${fmt(m.cpuMsPerStep / t.cpuMsPerStep, 2)}x` : '—'));
    const perCore = [...ms, t].map((m) => (m ? fmt(1000 / m.cpuMsPerStep, 0) : '—')).join(' / ');
    const all = [...ms, t].filter((m): m is Measured => m !== null);
    const rss = `${fmt(Math.max(0, ...ms.map((m) => m?.peakRssMiB ?? 0)), 0)} / ${t ? fmt(t.peakRssMiB, 0) : '—'}`;
    const loads = all.map((m) => m.load.toFixed(1)).join(' / ');
    out.push(`| ${r.label} | ${[...ms.map(cell), ...cpuCol, cell(t)].join(' | ')} | ${ratios.join(' | ')} | ${perCore} | ${rss} | ${loads} |`);
    for (const n of r.notes.filter((x) => !x.startsWith('stacking:'))) out.push(`|  ↳ ${n} |`);
  }
  return out;
}

async function diagnosticCosts(): Promise<{ backend: string; rows: { name: string; timing: Timing }[] }> {
  const backend = await fastestVariant();
  const trainer = makeTrainer({ kind: 'mlp', hidden: [100, 100], batch: 128 }, { train: 10_000, test: 10_000 });
  for (let i = 0; i < 20; i++) trainer.step(i); // move off the initial point
  const rows: { name: string; timing: Timing }[] = [];
  try {
    for (const name of diagnosticNames()) {
      const diagnostic = getDiagnostic(name)!;
      const timing = timeCalls(() => diagnostic(trainer.ctx, {}), { warmup: 1, seconds: diagSeconds, minCalls: 1 });
      rows.push({ name, timing });
      log(`  ${name.padEnd(20)} ${fmt(timing.msPerCall)} ms/call, CPU ${fmt(timing.cpuMsPerCall)} ms/call`);
    }
  } finally {
    trainer.dispose();
  }
  return { backend, rows };
}

async function profile(): Promise<string[]> {
  const out: string[] = [];
  const backend = await fastestVariant();
  for (const w of WORKLOADS.filter((x) => x.id === 'mlp100-b128' || x.id === 'cnn-b128')) {
    const trainer = makeTrainer(w);
    try {
      for (let i = 0; i < 3; i++) trainer.step(i);
      const steps = 5; // kernel times summed over several steps, then given per step
      const info = await tf.profile(() => {
        for (let i = 0; i < steps; i++) trainer.step(3 + i);
      });
      const byKernel = new Map<string, number>();
      const kernels = info.kernels.filter((k) => tf.getKernel(k.name, tf.getBackend()) !== undefined);
      for (const k of kernels) {
        // only registered kernels: wrappers such as customGrad's 'forward' or 'logSoftmax__op' include inner kernels
        const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs / steps : 0;
        byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + ms);
      }
      const total = [...byKernel.values()].reduce((a, b) => a + b, 0);
      const top = [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 6);
      out.push(`- ${w.label} on ${backend}: ${fmt(total)} ms of kernel time per step in ${kernels.length / steps} kernel calls; ` +
        top.map(([k, ms]) => `${k} ${fmt(ms)} ms (${((100 * ms) / total).toFixed(0)}%)`).join(', '));
      // the same by kernel and input shapes: which matmul / conv of the step it is
      const byCall = new Map<string, number>();
      for (const k of kernels) {
        const key = `${k.name} ${k.inputShapes.map((sh) => `[${sh.join(',')}]`).join('×')}`;
        byCall.set(key, (byCall.get(key) ?? 0) + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs / steps : 0));
      }
      const calls = [...byCall].sort((a, b) => b[1] - a[1]).slice(0, 4);
      out.push(`  - largest: ${calls.map(([k, ms]) => `${k} ${fmt(ms)} ms`).join('; ')}`);
    } finally {
      trainer.dispose();
    }
  }
  return out;
}

async function main(): Promise<void> {
  const header = machine();
  header.forEach((l) => log(l));
  let torch: TorchServer | null = null;
  let torchNote = '';
  if (!opts['no-torch']) {
    const python = findTorchPython();
    if (python === null) torchNote = 'PyTorch: not run (no python3 with torch found)';
    else {
      torch = new TorchServer(python, threads);
      await torch.start();
      torchNote = `PyTorch ${torch.version} (${python}), ${torch.threads} thread(s), interleaved with Plas.`;
    }
  }
  log(`\n## Training speed (${rounds} round(s) of ${seconds} s per variant and workload, interleaved)`);
  let rows: SpeedRow[];
  try {
    rows = await speed(torch);
  } finally {
    torch?.stop();
  }
  log('');
  speedTable(rows).forEach((l) => log(l));
  log(`\n${torchNote}`);
  if (stackSizes.length > 0) {
    log(`\n## Stacked cells (wasm+openblas; R cells in one step, each its own seed and batch)\n`);
    stackTable(rows, stackSizes).forEach((l) => log(l));
  }

  let diags: Awaited<ReturnType<typeof diagnosticCosts>> | null = null;
  if (!opts['no-diagnostics']) {
    log('\n## Diagnostic cost (defaults, MLP 784-100-100-10, train/test pools of 10,000)');
    diags = await diagnosticCosts();
    log(`\n| diagnostic (${diags.backend}) | ms/call | CPU ms/call | calls timed |`);
    log('|---|---|---|---|');
    for (const d of diags.rows) log(`| ${d.name} | ${fmt(d.timing.msPerCall)} | ${fmt(d.timing.cpuMsPerCall)} | ${d.timing.calls} |`);
  }

  let prof: string[] = [];
  if (!opts['no-profile']) {
    log('\n## Where a step goes (tf.profile, kernel time by kernel)');
    prof = await profile();
    prof.forEach((l) => log(l));
  }

  log(`\npeak RSS of the Plas process ${fmt(maxRssMiB(), 0)} MiB; load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}; total ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (opts.json) writeFileSync(opts.json, JSON.stringify({ machine: header, rows, torch: torchNote, diagnostics: diags, profile: prof }, null, 2));
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
